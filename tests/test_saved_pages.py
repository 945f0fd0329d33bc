"""Saved pages: MHTML, SingleFile (data: pictures) and WARC files, read without the network."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli

from .checks import epubcheck_messages
from .saved_pages import book_pictures, mhtml, picture, single_file, story_page, warc


def _clean_epub(path):
    assert epubcheck_messages(path) == (0, [])


@pytest.mark.slow
def test_an_mhtml_file_gives_a_book_with_both_pictures_and_no_fetch(http_server, tmp_path):
    # The pictures' URLs are on a live local server: a fetch would be seen (and allowed).
    pictures = {f"{http_server.base}/img/one.jpg": picture((200, 30, 30)),
                f"{http_server.base}/img/two.jpg": picture((30, 30, 200))}
    saved = tmp_path / "harbour.mhtml"
    saved.write_bytes(mhtml(f"{http_server.base}/news/harbour", pictures))
    out = tmp_path / "harbour.epub"
    result = CliRunner().invoke(cli, ["article", str(saved), "--allow-private", "--no-cover", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert http_server.hits == []
    assert len(book_pictures(out)) == 2
    _clean_epub(out)


def test_mhtml_pictures_named_by_relative_urls_and_cid(tmp_path):
    from newspack.pipeline import load, ReadOptions

    pictures = {"https://news.example/img/one.jpg": picture((10, 120, 10))}
    data = mhtml("https://news.example/news/harbour", pictures)
    data = data.replace(b'src="https://news.example/img/one.jpg"', b'src="../img/one.jpg"')
    saved = tmp_path / "page.mht"
    saved.write_bytes(data)
    loaded = load(str(saved), ReadOptions())
    assert [f.src.startswith("file:") for f in loaded.article.figures] == [True]
    assert loaded.article.url == "https://news.example/news/harbour"


@pytest.mark.slow
def test_a_single_file_page_embeds_its_data_pictures(tmp_path):
    page = tmp_path / "singlefile.html"
    page.write_text(single_file("Harbour wall to be rebuilt", [picture((200, 30, 30)), picture((30, 200, 30))]))
    out = tmp_path / "singlefile.epub"
    result = CliRunner().invoke(cli, ["article", str(page), "--no-cover", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(book_pictures(out)) == 2
    _clean_epub(out)


def test_a_tiny_data_placeholder_is_left_alone(tmp_path):
    from newspack.sources.pictures import store_data_pictures

    gif = b"data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
    page = b'<img src="' + gif + b'">'
    assert store_data_pictures(page) == (page, False)


def _unique_text(n: int) -> str:
    # enough words of its own that three pages are three stories, not copies of one
    return "<p>" + " ".join(f"Witness {i} of story {n} counted {i * n + 7} boats near pier {i % 5}." for i in range(80)) + "</p>"


def _three_page_warc(tmp_path, base="https://news.example"):
    pages = {f"{base}/story-{n}": story_page(f"Story number {n} of the harbour", [f"/img/{n}.jpg"],
                                             extra=_unique_text(n))
             for n in (1, 2, 3)}
    pages[f"{base}/style.css"] = "body{}"  # not a page: text/css is left out below
    pictures = {f"{base}/img/{n}.jpg": picture((60 * n, 20, 20)) for n in (1, 2, 3)}
    path = warc(tmp_path / "crawl.warc.gz", {k: v for k, v in pages.items() if not k.endswith(".css")}, pictures)
    return path


@pytest.mark.slow
def test_a_warc_of_three_pages_gives_a_digest_of_three(tmp_path):
    archive = _three_page_warc(tmp_path)
    out = tmp_path / "crawl.epub"
    result = CliRunner().invoke(cli, ["digest", str(archive), "--no-cover", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.output
    assert len(book_pictures(out)) == 3  # each page's picture, from the archive
    _clean_epub(out)


@pytest.mark.slow
def test_article_url_picks_one_page_of_a_warc(tmp_path):
    archive = _three_page_warc(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(archive)])
    assert result.exit_code == 1
    assert "holds 3 pages: name one with --url" in result.output
    out = CliRunner().invoke(cli, ["extract", str(archive), "--url", "https://news.example/story-2"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["title"] == "Story number 2 of the harbour"
    book = tmp_path / "two.epub"
    made = CliRunner().invoke(cli, ["article", str(archive), "--url", "https://news.example/story-2", "--no-cover",
                                    "-o", str(book)])
    assert made.exit_code == 0, made.output
    assert len(book_pictures(book)) == 1
    _clean_epub(book)
    missing = CliRunner().invoke(cli, ["extract", str(archive), "--url", "https://news.example/nope"])
    assert missing.exit_code == 1 and "no page at https://news.example/nope" in missing.output


def test_malformed_saved_pages_get_one_line(tmp_path):
    broken_mhtml = tmp_path / "broken.mhtml"
    broken_mhtml.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n"
                             b"--x\r\nContent-Type: text/css\r\n\r\nbody{}\r\n--x--\r\n")
    no_boundary = tmp_path / "noboundary.mht"
    no_boundary.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<html><p>x</p></html>\r\n")
    good = _three_page_warc(tmp_path)
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(good.read_bytes()[:-200])
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nonsense\r\n\r\n<html>")
    for path, reason in ((broken_mhtml, "MHTML file holds no HTML part"),
                         (no_boundary, "not a readable MHTML file"),
                         (garbage, "not a readable WARC file after 0 pages")):
        result = CliRunner().invoke(cli, ["extract", str(path)])
        assert result.exit_code == 1
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0], result.stderr
        assert "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["digest", str(truncated), "--no-cover", "-o", str(tmp_path / "t.epub")])
    assert result.exit_code == 3, result.output  # the pages before the break, and the break said
    assert f"{truncated}: https://news.example/img/3.jpg: record cut short" in result.stderr
    assert "3 articles" in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_of_saved_pages_and_archives_is_read_whole(tmp_path):
    from newspack.editions.digest import expand_inputs

    (tmp_path / "a.mhtml").write_bytes(mhtml("https://news.example/a", {}))
    _three_page_warc(tmp_path)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    inputs, failures = expand_inputs([str(tmp_path)])
    assert [Path(i.spec).name for i in inputs] == ["a.mhtml", "crawl.warc.gz"] and failures == []
