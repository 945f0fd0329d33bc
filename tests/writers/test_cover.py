"""Covers: drawn locally for every book, the lead picture for a single article, --cover."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from PIL import Image

from newspack.cli.commands import cli
from newspack.writers.cover import COVER_SIZE, CoverText, draw_cover
from newspack.model import Article, Edition, Figure, Paragraph, Section
from newspack.writers import WriterOptions
from newspack.writers.epub import write_epub

from tests.conftest import SAMPLES
from tests.writers.test_writers import FRENCH, FULL, opf


def cover_of(epub: bytes) -> tuple[str, bytes] | None:
    package = opf(epub)
    for item in package.iter("{http://www.idpf.org/2007/opf}item"):
        if item.get("properties") == "cover-image":
            with zipfile.ZipFile(io.BytesIO(epub)) as book:
                return item.get("media-type"), book.read(f"EPUB/{item.get('href')}")
    return None


def test_drawn_cover_is_a_small_deterministic_png():
    text = CoverText(title="Poutine signale que les pourparlers sont au point mort " * 3,
                     masthead="Le Quotidien", date="14 juillet 2024")
    data, media_type = draw_cover(text)
    assert media_type == "image/png" and draw_cover(text)[0] == data
    assert Image.open(io.BytesIO(data)).size == COVER_SIZE
    assert len(data) < 120_000
    assert draw_cover(CoverText(title=""))[1] == "image/png"  # untitled still gets a cover


def test_every_epub_has_a_cover_and_a_digest_gets_a_drawn_one():
    digest = Edition(title="Digest", sections=(Section("A", (FULL,)), Section("B", (FRENCH,))))
    media_type, data = cover_of(write_epub(digest, WriterOptions()))
    assert media_type == "image/png"
    media_type, _ = cover_of(write_epub(Edition.single(FRENCH), WriterOptions()))
    assert media_type == "image/png"  # no picture in the article: drawn


def test_single_article_cover_uses_its_lead_picture(tmp_path):
    pic = tmp_path / "lead.jpg"
    Image.new("RGB", (900, 600), (20, 90, 160)).save(pic, "JPEG")
    article = Article(title="Blue skies", blocks=(Paragraph("Text."), Figure(src=pic.as_uri(), alt="Sky")))
    media_type, data = cover_of(write_epub(Edition.single(article, allowed_roots=(str(tmp_path),)), WriterOptions()))
    assert media_type == "image/jpeg"
    with Image.open(io.BytesIO(data)) as img:
        r, g, b = img.convert("RGB").getpixel((img.width // 2, int(img.height * 0.4)))
    assert b > 120 and r < 80  # the picture's blue fills the middle band


@pytest.mark.slow
def test_cover_option_and_no_cover(tmp_path):
    mine = tmp_path / "mine.png"
    Image.new("RGB", (600, 900), (10, 120, 10)).save(mine, "PNG")
    out = tmp_path / "a.epub"
    runner = CliRunner()
    result = runner.invoke(cli, ["-q", "article", str(SAMPLES / "seed-fr-putin.txt"), "--cover", str(mine), "-o", str(out)])
    assert result.exit_code == 0, result.output
    media_type, data = cover_of(out.read_bytes())
    assert Image.open(io.BytesIO(data)).size == (600, 900)

    result = runner.invoke(cli, ["-q", "article", str(SAMPLES / "seed-fr-putin.txt"), "--no-cover", "-o", str(out)])
    assert result.exit_code == 0 and cover_of(out.read_bytes()) is None
    assert "cover" not in [i.get("idref") for i in opf(out.read_bytes()).find("{http://www.idpf.org/2007/opf}spine")]

    result = runner.invoke(cli, ["article", str(SAMPLES / "seed-fr-putin.txt"), "--cover", str(tmp_path / "none.png"),
                                 "-o", str(out)])
    assert result.exit_code == 2 and "--cover" in result.stderr


@pytest.mark.slow
def test_pdf_opens_on_its_cover(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "a.pdf"
    result = CliRunner().invoke(cli, ["-q", "article", str(SAMPLES / "en-tidal-barrier.html"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(out))
    assert not (reader.pages[0].extract_text() or "").strip()  # the cover: a picture, no text
    title = json.loads((SAMPLES / "en-tidal-barrier.expected.json").read_text(encoding="utf-8"))["title"]
    assert " ".join(title.split()[:3]) in " ".join((reader.pages[1].extract_text() or "").split())


@pytest.mark.parametrize("titles", [("川町駅港", "水値段数"), ("كيف تحسب", "مدن النهر")])
def test_a_title_in_another_script_is_drawn_in_its_letters_not_boxes(titles):
    # Without a font for the script every letter is the same empty box, so two titles of as
    # many letters drew the same cover; the script's Noto font (installed by make) draws each.
    from newspack.writers.cover import SCRIPT_FONTS, find_font
    from newspack.writers.scripts import scripts_in

    if not any(find_font(SCRIPT_FONTS[s]) for s in scripts_in(titles[0]) if s in SCRIPT_FONTS):
        pytest.skip("no Noto font for the script on this machine (make demo installs it)")
    first, second = (draw_cover(CoverText(title=t))[0] for t in titles)
    assert first != second
