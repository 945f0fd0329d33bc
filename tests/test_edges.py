"""Issue 21: the faults and edges a user hits. Nothing cut short in silence (a page cut off by
the fetch deadline, a feed that ends mid-document, a closed stdout), nothing that fails
forever (an emptied or damaged edition state), and the promises of the README's exit-code
and limits tables. Servers on 127.0.0.1 only.
"""
from __future__ import annotations

import io
import signal
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.sources import net
from newspack.sources.feeds import parse_feed
from newspack.sources.net import TransientFetchError

from tests.servers import BatchServer, page, rss, story
from tests.editions.test_edition import ROOT, RSS, _config, _item

#: Slack over a deadline for the process to notice and unwind (thread wake-up, a loaded machine).
GRACE_SECONDS = 2.0


@pytest.fixture
def server():
    srv = BatchServer().start()
    yield srv
    srv.stop()


def endless():
    """A page sent without a length, paragraph after paragraph, until the client leaves: its
    end is the connection's end, so a cut connection looks like the page's end."""
    def route(handler):
        handler.server.hanging.set()
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n"
        try:
            handler.wfile.write(head + b"<!DOCTYPE html><html><head><title>Endless</title></head><body><article>")
            for number in range(100_000):
                # a pause longer than a read takes: the deadline falls inside one, as it does
                # on a real slow line, so the cut reads as the page's end (not as a late chunk)
                if handler.server.release.wait(0.3):
                    return
                handler.wfile.write(f"<p>{' '.join(story(f'p{number}x', 3))}</p>".encode())
                handler.wfile.flush()
        except OSError:
            pass
        handler.close_connection = True
    return route


# ---- 1. the fetch deadline fails the input ---------------------------------------------------

@pytest.mark.slow
def test_a_page_cut_off_by_the_deadline_fails_and_is_never_delivered_in_part(server):
    """An endless page became a book of the 100 paragraphs received in 20 s, exit 0."""
    server.routes["/endless"] = endless()
    start = time.monotonic()
    with pytest.raises(TransientFetchError, match="timed out"):
        net.fetch(server.base + "/endless", allow_private=True, timeout=1.0)
    assert time.monotonic() - start < 1.0 + GRACE_SECONDS


@pytest.mark.slow
def test_article_of_an_endless_page_is_an_error_naming_it(server, tmp_path, monkeypatch):
    monkeypatch.setattr(net, "TIMEOUT_SECONDS", 1.0)
    monkeypatch.setattr(net.fetch, "__kwdefaults__", {**net.fetch.__kwdefaults__, "timeout": 1.0})
    server.routes["/endless"] = endless()
    result = CliRunner().invoke(cli, ["article", "--allow-private", server.base + "/endless",
                                      "-o", str(tmp_path / "x.epub")])
    assert result.exit_code == 1, result.output
    assert f"newspack: error: {server.base}/endless: timed out" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_feed_that_ends_mid_document_is_a_warning_naming_it():
    items = [{"title": f"Story {n}", "link": f"https://example.org/{n}", "date": "20 Mar 2025 08:00:00 +0000"}
             for n in range(4)]
    whole = rss("Wire", items)
    cut = whole[: whole.index(b"<item>", whole.index(b"Story 2"))]  # stops inside the third item
    assert parse_feed(whole, source="wire.xml").warnings == ()
    feed = parse_feed(cut, source="wire.xml")
    assert len(feed.warnings) == 1 and feed.warnings[0].startswith("wire.xml: ")
    assert "ends early or is not well-formed" in feed.warnings[0]


def test_a_digest_of_a_cut_feed_says_so(server, tmp_path):
    items = [{"title": f"Story {n}", "link": f"{server.base}/news/{n}", "date": "20 Mar 2025 08:00:00 +0000",
              "content": "".join(f"<p>{p}</p>" for p in story(f"s{n}", 20))} for n in range(3)]
    whole = rss("Wire", items)
    for n in range(3):
        server.routes[f"/news/{n}"] = (200, {"Content-Type": "text/html"}, page(f"Story {n}", story(f"s{n}", 20)))
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, whole[: len(whole) - 200])
    result = CliRunner().invoke(cli, ["digest", "--allow-private", "--no-download", server.base + "/feed.xml",
                                      "-o", str(tmp_path / "d.epub")])
    assert result.exit_code == 0, result.stderr
    assert f"newspack: warning: {server.base}/feed.xml: the feed ends early" in result.stderr


# ---- 9. the DNS lookup is inside the deadline ------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("allow_private", [False, True])
def test_a_slow_dns_lookup_ends_at_the_deadline(monkeypatch, allow_private):
    """getaddrinfo blocks in C: a resolver that took 30 s held a fetch of 1 s for 30 s."""
    real = socket.getaddrinfo

    def slow_lookup(host, *args, **kwargs):
        if host == "slow-dns.example":
            time.sleep(5)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow_lookup)
    start = time.monotonic()
    with pytest.raises(TransientFetchError, match="timed out"):
        net.fetch("http://slow-dns.example/", allow_private=allow_private, timeout=0.5)
    assert time.monotonic() - start < 0.5 + GRACE_SECONDS


# ---- 2. a closed stdout ends the run quietly -------------------------------------------------

@pytest.mark.parametrize("flags", [[], ["--traceback"]])
def test_a_closed_stdout_ends_quietly_as_unix_tools_do(flags):
    """`extract --format jsonl pages/*.html | head -1` printed an internal error and exited 1;
    with --traceback it printed nothing at all."""
    sample = str(ROOT / "samples" / "en-tidal-barrier.html")
    proc = subprocess.Popen([sys.executable, "-m", "newspack", *flags, "extract", "--format", "jsonl",
                             *[sample] * 40], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"{")
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 128 + signal.SIGPIPE
    assert err == b""


# ---- 3. an emptied or damaged edition state ---------------------------------------------------

def _first_edition(tmp_path, server):
    base = server.base
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(base, "a", 19)]))
    path = _config(tmp_path, server)
    assert CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-19"]).exit_code == 0
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(base, "a", 19), _item(base, "b", 20)]))
    return path, tmp_path / "state" / "test.sqlite"


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["emptied", "truncated", "overwritten"])
def test_a_damaged_state_is_one_line_with_the_way_out(tmp_path, server, damage):
    """Emptied, every story was delivered again in silence; truncated or overwritten, every
    later run failed with 'database disk image is malformed' and no hint."""
    path, state = _first_edition(tmp_path, server)
    data = state.read_bytes()
    state.write_bytes({"emptied": b"", "truncated": data[: len(data) // 2 + 100],
                       "overwritten": b"not a database at all\n" * 400}[damage])
    damaged = state.read_bytes()
    result = CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-20"])
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newspack: error: {state}: the state file is "), lines
    assert "--fresh-state" in lines[0] and "Traceback" not in result.output
    assert not list((tmp_path / "out").glob("*2025-03-20*"))

    result = CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-20", "--fresh-state"])
    assert result.exit_code == 0, result.stderr
    kept = list(state.parent.glob("test.sqlite.*.old"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged, "the old file is kept, untouched"
    assert f"the old one is kept as {kept[0]}" in result.stderr
    assert CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-21"]).exit_code == 0


# ---- 5. a dry run lists what it would skip ------------------------------------------------------

@pytest.mark.slow
def test_a_dry_run_lists_what_it_would_skip_without_v(tmp_path, server):
    path, _ = _first_edition(tmp_path, server)
    result = CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-20", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert f"newspack: skipped {server.base}/news/a (Story a): delivered in an earlier edition" in result.stderr


# ---- 4. output paths ----------------------------------------------------------------------------

@pytest.mark.slow
def test_an_output_dir_under_a_missing_folder_is_a_usage_error(tmp_path, server):
    """`edition --output-dir /no/such/dir` created the whole path."""
    path, _ = _first_edition(tmp_path, server)
    missing = tmp_path / "no" / "such" / "dir"
    result = CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-20", "--output-dir", str(missing)])
    assert result.exit_code == 2, result.stderr
    assert f"newspack: error: {missing}: --output-dir does not exist" in result.stderr
    assert not (tmp_path / "no").exists()
    result = CliRunner().invoke(cli, ["edition", str(path), "--date", "2025-03-20", "--output-dir", str(tmp_path / "new")])
    assert result.exit_code == 0 and list((tmp_path / "new").iterdir()), result.stderr  # one level, as mkdir


@pytest.mark.parametrize("args, message", [
    (["-o", "x.epub", "--to", "pdf"], "-o x.epub names a .epub file but --to says pdf"),
    (["-o", ""], "-o wants a file name"),
    (["-o", "  "], "-o wants a file name"),
])
def test_an_output_name_that_disagrees_is_a_usage_error(tmp_path, args, message, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample = str(ROOT / "samples" / "en-tidal-barrier.html")
    for command in (["article", sample], ["digest", sample]):
        result = CliRunner().invoke(cli, [*command, *args])
        assert result.exit_code == 2 and message in result.stderr, (command, result.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_an_output_name_with_the_extension_of_to_is_fine(tmp_path):
    result = CliRunner().invoke(cli, ["article", str(ROOT / "samples" / "en-tidal-barrier.html"), "--to", "pdf",
                                      "-o", str(tmp_path / "story.pdf"), "--no-download"])
    assert result.exit_code == 0 and (tmp_path / "story.pdf").read_bytes().startswith(b"%PDF"), result.stderr


def test_v_says_what_was_read_on_article_and_extract(tmp_path):
    """-v was an unknown option but on digest and edition."""
    sample = str(ROOT / "samples" / "en-tidal-barrier.html")
    for args in (["article", sample, "-o", str(tmp_path / "x.epub"), "--no-download", "-v"], ["extract", sample, "-v"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.stderr
        assert f"newspack: read {sample}: " in result.stderr and " words, " in result.stderr


# ---- 6. the drawn cover follows --style and --grayscale ----------------------------------------

def _cover_colours(options) -> set[tuple[int, int, int]]:
    from PIL import Image

    from newspack.model import Edition
    from newspack.writers.epub import write_epub

    from tests.writers.test_cover import cover_of
    from tests.writers.test_writers import FRENCH  # no picture: the cover is all drawing

    _, data = cover_of(write_epub(Edition.single(FRENCH), options))
    with Image.open(io.BytesIO(data)) as img:
        return {colour for _, colour in img.convert("RGB").getcolors(1 << 16)}


def test_the_drawn_cover_takes_the_themes_accent_and_greys_with_the_images():
    """--grayscale greyed every image but the drawn cover; --style modern kept classic's red."""
    from newspack.writers import WriterOptions

    def reddish(colours):
        return any(r - b > 60 for r, g, b in colours)

    def bluish(colours):
        return any(b - r > 60 for r, g, b in colours)

    classic, modern = _cover_colours(WriterOptions()), _cover_colours(WriterOptions(style="modern"))
    assert reddish(classic) and not bluish(classic)
    assert bluish(modern) and not reddish(modern)
    grey = _cover_colours(WriterOptions(style="modern", grayscale=True))
    assert all(r == g == b for r, g, b in grey)


# ---- 7. no part is lost in silence ----------------------------------------------------------------

WEAK_PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Short</title></head><body><div>"
             "<p>Only a short note of a page, nothing like a story.</p></div></body></html>")


def test_a_second_opinion_that_cannot_import_says_so_once(tmp_path, monkeypatch):
    """A plain install without lxml_html_clean: `import trafilatura` raised and every weak page
    lost its fallback without a word."""
    from newspack.readers.html import second_opinion

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # what a failed import looks like
    second_opinion._trafilatura.cache_clear()
    pages = []
    for n in range(3):
        pages.append(tmp_path / f"weak{n}.html")
        pages[-1].write_text(WEAK_PAGE)
    try:
        result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *map(str, pages)])
        quiet = CliRunner().invoke(cli, ["-q", "extract", "--format", "jsonl", *map(str, pages)])
    finally:
        second_opinion._trafilatura.cache_clear()
    warned = [line for line in result.stderr.splitlines() if "trafilatura cannot be imported" in line]
    assert len(warned) == 1 and warned[0].startswith("newspack: warning: "), result.stderr
    assert "trafilatura cannot be imported" not in quiet.stderr


def test_the_users_copy_of_a_json_model_replaces_the_packaged_one(tmp_path, monkeypatch):
    """A user's copy of textmodel/lines.json was merged with the packaged one into invalid JSON,
    and the text reader's line model switched off in silence."""
    from newspack import resources
    from newspack.readers.text import line_model

    packaged = resources.read_json("data", "textmodel/lines.json")
    folder = tmp_path / "data" / "textmodel"
    folder.mkdir(parents=True)
    mine = {**packaged, "weights": [w * 2 for w in packaged["weights"]]}
    (folder / "lines.json").write_text(__import__("json").dumps(mine))
    monkeypatch.setenv("NEWSPACK_DATA_DIR", str(tmp_path))
    line_model.weights.cache_clear()
    try:
        assert line_model.weights() == tuple(float(w) for w in mine["weights"])
        (folder / "lines.json").write_text("{not json")
        line_model.weights.cache_clear()
        result = CliRunner().invoke(cli, ["extract", str(ROOT / "samples" / "seed-fr-putin.txt")])
        with pytest.raises(Exception, match="lines.json: not valid JSON"):
            line_model.weights()
    finally:
        line_model.weights.cache_clear()
    assert result.exit_code == 1 and "lines.json: not valid JSON" in result.stderr, result.stderr


def test_a_plain_install_declares_what_trafilatura_needs_to_import():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.lower().replace("-", "_").startswith("lxml_html_clean") for d in deps)


# ---- 9. the image cache has a size limit ----------------------------------------------------------

def test_the_cache_keeps_to_its_limit_oldest_out_first(tmp_path, monkeypatch):
    """The image cache grew without end."""
    import os

    from newspack.images import cache

    assert cache.cache_limit({}) == cache.MAX_CACHE_BYTES
    assert cache.cache_limit({"NEWSPACK_CACHE_MAX_MB": "0"}) is None
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSPACK_CACHE_DIR", str(folder))
    old = []
    for n in range(6):  # 6 files of 300 KiB, written a day apart
        path = folder / "images" / f"{n:02x}" / f"picture-{n}"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x" * 300 * 1024)
        os.utime(path, (1_700_000_000 + n * 86400,) * 2)
        old.append(path)
    monkeypatch.setenv("NEWSPACK_CACHE_MAX_MB", "1")
    result = CliRunner().invoke(cli, ["article", str(ROOT / "samples" / "en-tidal-barrier.html"), "--no-download",
                                      "-o", str(tmp_path / "x.epub")])
    assert result.exit_code == 0, result.stderr
    kept = [p for p in folder.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in kept) <= 2**20
    assert not old[0].exists() and not old[1].exists() and old[-1].exists()  # the oldest went first
    assert any("processed" in str(p) for p in kept), "the book's own cover, just made, stays"

    monkeypatch.setenv("NEWSPACK_CACHE_MAX_MB", "lots")
    result = CliRunner().invoke(cli, ["article", str(ROOT / "samples" / "en-tidal-barrier.html"), "-o",
                                      str(tmp_path / "y.epub")])
    assert result.exit_code == 2 and "NEWSPACK_CACHE_MAX_MB must be a number" in result.stderr
    assert not (tmp_path / "y.epub").exists()


# ---- 10. image warnings in a digest name their article ----------------------------------------------

@pytest.mark.slow
def test_image_warnings_of_a_digest_name_their_article(server, tmp_path):
    """A digest said 'image not embedded: URL: HTTP 404' without saying whose picture it was."""
    pages = []
    for name in ("harbour", "market"):
        paragraphs = "".join(f"<p>{p}</p>" for p in story(name, 12))
        pages.append(tmp_path / f"{name}.html")
        pages[-1].write_text(f"<!DOCTYPE html><html lang='en'><head><title>{name}</title></head><body><article>"
                             f"<h1>The {name} story</h1>{paragraphs}<figure><img src='{server.base}/{name}.jpg' alt=''>"
                             f"<figcaption>The {name}.</figcaption></figure></article></body></html>")
    result = CliRunner().invoke(cli, ["digest", "--allow-private", *map(str, pages), "-o", str(tmp_path / "d.epub")])
    assert result.exit_code == 0, result.stderr
    for page_ in pages:
        assert (f"newspack: warning: {page_}: image not embedded: {server.base}/{page_.stem}.jpg: HTTP 404"
                in result.stderr), result.stderr


# ---- 10. PDF pages that waste paper or misprint ----------------------------------------------

LONG_TITLE = ("A very long headline about the council's decision to keep the market hall open "
              "through the whole of the long and cold winter months ahead")
SOURCE_URL = ("https://www.example-news-site.org/2025/03/20/local/"
              "council-votes-to-keep-market-hall-open-through-winter-months-ahead-of-season")


def _paragraphs(count: int, seed: str) -> str:
    return "".join(f"<p>Paragraph {seed}{i}: the council voted on Tuesday to keep the market hall open through "
                   "the winter months, and traders said the decision came just in time for the busy season.</p>"
                   for i in range(count))


def _figures_page(folder) -> "Path":
    """A story where a portrait picture is followed by a landscape one, twice."""
    from PIL import Image

    for name, size, colour in (("portrait", (600, 900), (40, 90, 160)), ("landscape", (1200, 800), (160, 90, 40))):
        Image.new("RGB", size, colour).save(folder / f"{name}.jpg")

    def figure(name: str) -> str:
        return f"<figure><img src='{(folder / name).as_uri()}.jpg' alt='A {name} picture'><figcaption>The {name}.</figcaption></figure>"

    page = folder / "figures.html"
    page.write_text(f"<!DOCTYPE html><html lang='en'><head><title>{LONG_TITLE}</title>"
                    f"<meta property='og:site_name' content='The Daily Example'></head><body><article>"
                    f"<h1>{LONG_TITLE}</h1>{_paragraphs(3, 'a')}{figure('portrait')}{figure('landscape')}"
                    f"{_paragraphs(8, 'b')}{figure('portrait')}{figure('landscape')}{_paragraphs(6, 'c')}"
                    "</article></body></html>", encoding="utf-8")
    return page


def _pdf_of(page, folder, *extra) -> "Path":
    out = folder / "figures.pdf"
    result = CliRunner().invoke(cli, ["article", str(page), "--url", SOURCE_URL, "--no-download", "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return out


#: A4 page and margins in points (styles/pages/a4.css): the text area the grid below covers.
A4_POINTS = (595.3, 841.9)
A4_MARGINS_MM = (24, 42, 27, 42)  # top, right, bottom, left


def _blank_share(png) -> float:
    """The share of a page's text area, in a 12 x 12 grid of cells, that holds no ink at all."""
    from PIL import Image

    with Image.open(png) as img:
        grey = img.convert("L")
    mm = grey.width / 210
    top, right, bottom, left = (int(m * mm) for m in A4_MARGINS_MM)
    box = (left, top, grey.width - right, grey.height - bottom)
    width, height = box[2] - box[0], box[3] - box[1]
    cells = 12
    blank = 0
    for row in range(cells):
        for col in range(cells):
            cell = grey.crop((box[0] + col * width // cells, box[1] + row * height // cells,
                              box[0] + (col + 1) * width // cells, box[1] + (row + 1) * height // cells))
            blank += cell.getextrema()[0] > 235
    return blank / cells ** 2


def test_a_portrait_then_a_figure_leaves_no_page_part_blank(tmp_path):
    """A portrait figure followed by another figure left about 40% of a page blank: nothing
    beside the portrait, and the next figure waiting below it or on the next page."""
    pdf = _pdf_of(_figures_page(tmp_path), tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    shares = [_blank_share(png) for png in pages[1:-1]]  # the cover is all picture; the last page ends the story
    # before: 0.24 of the first page blank beside and below the portrait; after: 0.12 at most
    assert shares and max(shares) < 0.2, shares


def test_a_portrait_figure_moves_next_to_text():
    from newspack.model import Article, Edition, Figure, Paragraph
    from newspack.writers.pdf_layout import place_portraits

    tall, wide, wide2 = Figure(src="tall", caption="t"), Figure(src="wide", caption="w"), Figure(src="w2", caption="w2")
    one, two = Paragraph("one"), Paragraph("two")

    def placed(*blocks):
        edition = Edition.single(Article(title="x", blocks=blocks))
        result = place_portraits(edition, lambda f: f is tall, lambda f: True)
        return result.articles[0].blocks

    assert placed(one, tall, wide, wide2, two) == (one, wide, wide2, tall, two)  # after the run, by the text
    assert placed(one, tall, wide) == (tall, one, wide)  # the story ends in figures: before the text above
    assert placed(one, tall, two, wide) == (one, tall, two, wide)  # text follows already


def _words(pdf, page: int) -> list[tuple[float, str]]:
    """(top in points, word) of every word on ``page`` (1-based), from pdftotext's boxes."""
    import re

    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(y), word) for y, word in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)]


def test_the_running_head_stays_on_one_line(tmp_path):
    """A long title wrapped the running head onto two lines."""
    pdf = _pdf_of(_figures_page(tmp_path), tmp_path)
    top_margin = A4_MARGINS_MM[0] * 72 / 25.4
    tops = sorted(y for y, _ in _words(pdf, 3) if y < top_margin)
    lines = 1 + sum(1 for a, b in zip(tops, tops[1:]) if b - a > 4)  # the site's smaller type sits 1 pt off
    assert tops and lines == 1, tops


@pytest.mark.slow
def test_the_source_url_is_printed_as_it_is(tmp_path):
    """The source URL at the end was hyphenated with a hyphen that is not in the URL ('mar-ket')."""
    import html as html_

    pdf = _pdf_of(_figures_page(tmp_path), tmp_path)
    # the words as printed (pdftotext's plain text would drop a hyphen that ends a line)
    last = int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
               .split("Pages:")[1].split()[0])
    foot = (A4_POINTS[1] - A4_MARGINS_MM[2] * 72 / 25.4)
    words = [html_.unescape(word) for y, word in _words(pdf, last) if y < foot]  # not the page number
    printed = "".join(words[words.index("Source:") + 1:])
    assert printed == SOURCE_URL, printed


def test_local_image_warnings_name_their_article_and_say_why(tmp_path):
    """An image over the 20 MiB read limit was dropped in silence; other dropped images were
    bare log lines that named no article."""
    from PIL import Image

    Image.new("L", (8000, 7000)).save(tmp_path / "huge.png")  # 56 Mpx, over the 50 Mpx limit
    (tmp_path / "heavy.jpg").write_bytes(b"\xff\xd8" + b"0" * (21 * 2**20))  # over 20 MiB
    pages = []
    for name, picture in (("first", "huge.png"), ("second", "heavy.jpg")):
        pages.append(tmp_path / f"{name}.html")
        pages[-1].write_text(page(f"The {name} story", story(name, 12)).decode().replace(
            "</article>", f"<figure><img src='{picture}' alt='A picture'><figcaption>Its caption.</figcaption>"
                          "</figure></article>"))
    result = CliRunner().invoke(cli, ["digest", *map(str, pages), "-o", str(tmp_path / "d.epub")])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("newspack: warning: dropped an image")]
    assert len(warnings) == 2, result.stderr
    assert f"larger than 50000000 pixels: {pages[0]}: " in warnings[0] + warnings[1]
    assert f"over 20 MiB: {pages[1]}: " in warnings[0] + warnings[1]
