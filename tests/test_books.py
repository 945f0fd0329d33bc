"""Every sample, end to end through the CLI: an EPUB that passes epubcheck with no errors and
no warnings, and a PDF with the story's text, an outline and only embedded fonts."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli

from tests.checks import epubcheck_messages, pdf_font_rows
from tests.conftest import SAMPLES

SAMPLE_INPUTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".html", ".txt"))


def _build(src: Path, out: Path) -> Path:
    result = CliRunner().invoke(cli, ["--quiet", "article", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def _expected(src: Path) -> dict:
    return json.loads((SAMPLES / f"{src.stem}.expected.json").read_text(encoding="utf-8"))


def test_there_are_samples_in_two_languages_or_more():
    langs = {_expected(src)["language"] for src in SAMPLE_INPUTS}
    assert len(SAMPLE_INPUTS) >= 4 and len(langs) >= 2


@pytest.mark.slow
@pytest.mark.parametrize("src", SAMPLE_INPUTS, ids=lambda p: p.stem)
def test_sample_epub_passes_epubcheck(src, tmp_path):
    epub = _build(src, tmp_path / f"{src.stem}.epub")
    code, lines = epubcheck_messages(epub)
    assert code == 0 and lines == [], "\n".join(lines)
    expected = _expected(src)
    with zipfile.ZipFile(epub) as book:
        chapters = " ".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
        opf = next(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".opf"))
    assert f">{expected['language']}</dc:language>" in opf
    for cap in expected.get("captions") or []:
        assert "<figcaption" in chapters and cap["text"].split()[0] in chapters
    for leak in expected.get("must_not_contain") or []:
        assert leak not in chapters
    if src.suffix == ".html":  # local images of a saved page are embedded
        assert any(n.endswith((".jpg", ".jpeg", ".png")) for n in zipfile.ZipFile(epub).namelist())


@pytest.mark.slow
@pytest.mark.parametrize("src", SAMPLE_INPUTS, ids=lambda p: p.stem)
def test_sample_pdf_has_text_outline_and_embedded_fonts(src, tmp_path):
    from pypdf import PdfReader

    pdf = _build(src, tmp_path / f"{src.stem}.pdf")
    reader = PdfReader(str(pdf))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    expected = _expected(src)
    first_words = " ".join(expected["title"].split()[:3])
    assert first_words in text
    assert reader.outline, "no bookmarks"
    for cap in expected.get("captions") or []:
        assert " ".join(cap["text"].split()[:4]) in text
    rows = pdf_font_rows(pdf)
    assert rows and all(embedded for _, embedded in rows), rows
