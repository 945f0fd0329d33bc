"""Issue 12, points 3-8: special output paths, a stray byte, feeds where an article is expected,
output names and extensions, and config messages. Every case ends in a file or one error line."""
from __future__ import annotations

import json
import os
import socket
import stat
import threading
import zipfile

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.editions.config import ConfigError, load_config

from tests.servers import rss, story


def _page(title: str, lang: str = "en", charset: bool = True) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in story("council", 12))
    meta = '<meta charset="utf-8">' if charset else ""
    return (f"<!doctype html><html lang='{lang}'><head>{meta}<title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_page("Council approves new ferry timetable"), encoding="utf-8")
    return path


def _invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _one_error_line(result, *fragments):
    err = result.stderr
    assert "Traceback" not in result.output + err and "internal error" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("newspack: error")]
    assert len(errors) == 1, err
    for fragment in fragments:
        assert fragment in errors[0], errors[0]


# ---- 3. special output paths ---------------------------------------------------------------

def test_output_to_a_fifo_is_written_into_it(tmp_path, page):
    """A FIFO was replaced by a regular file (temp + rename); the reader at its end got nothing."""
    fifo = tmp_path / "pipe.epub"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _invoke("article", page, "--no-download", "-o", fifo)
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"PK")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "pipe.epub"]


def _device(path, minor):
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")


def test_output_to_a_device_node_is_written_in_place_never_replaced(tmp_path, page):
    """As root, -o /dev/full replaced the device node with a regular file."""
    null, full = tmp_path / "null.epub", tmp_path / "full.epub"
    _device(null, 3)
    _device(full, 7)
    assert _invoke("article", page, "--no-download", "-o", null).exit_code == 0
    result = _invoke("article", page, "--no-download", "-o", full)
    assert result.exit_code == 1
    _one_error_line(result, str(full), "No space left")
    for node in (null, full):
        assert stat.S_ISCHR(os.stat(node).st_mode), node
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_output_onto_a_block_device_is_refused_and_the_node_kept(tmp_path, page):
    """A disk is never written over: -o /dev/sdX by mistake must not destroy it."""
    disk = tmp_path / "disk.epub"
    try:  # a loop device number nothing uses; it is never opened
        os.mknod(disk, 0o600 | stat.S_IFBLK, os.makedev(7, 250))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    result = _invoke("article", page, "--no-download", "-o", disk)
    assert result.exit_code == 1
    _one_error_line(result, str(disk), "block device")
    assert stat.S_ISBLK(os.stat(disk).st_mode)


def test_output_onto_a_socket_is_refused_and_the_socket_kept(tmp_path, page):
    path = tmp_path / "sock.epub"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = _invoke("article", page, "--no-download", "-o", path)
        assert result.exit_code == 1
        _one_error_line(result, str(path))
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()


def test_output_into_proc_is_one_line_not_an_internal_error(page):
    result = _invoke("article", page, "--no-download", "-o", "/proc/x.epub")
    assert result.exit_code == 1
    _one_error_line(result, "/proc/x.epub", "cannot write")


def test_output_through_a_symlink_keeps_the_link(tmp_path, page):
    target = tmp_path / "real.epub"
    target.write_bytes(b"old")
    link = tmp_path / "link.epub"
    link.symlink_to(target)
    assert _invoke("article", page, "--no-download", "-o", link).exit_code == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"PK")


# ---- 4. one stray byte ----------------------------------------------------------------------

def test_one_stray_byte_in_utf8_is_replaced_with_a_warning(tmp_path):
    """4 of 922 real pages: valid UTF-8 but for one byte, refused before; three declare no charset."""
    good = _page("Café crème à Genève", lang="fr", charset=False).encode("utf-8")
    offset = good.index(b"<p>") + 10
    (tmp_path / "stray.html").write_bytes(good[:offset] + b"\xff" + good[offset:])
    result = _invoke("extract", tmp_path / "stray.html")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Café crème à Genève"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("newspack: warning")]
    assert len(warnings) == 1, result.stderr
    assert "stray.html" in warnings[0] and f"offset {offset}" in warnings[0]


def test_mostly_undecodable_input_is_still_refused(tmp_path):
    data = "Café ".encode() + b"\xff\xfe\xfd broken \xc3\x28 bytes " * 20
    (tmp_path / "broken.txt").write_bytes(data)
    result = _invoke("extract", tmp_path / "broken.txt")
    assert result.exit_code == 1
    _one_error_line(result, "broken.txt", "--encoding")


def test_a_stray_byte_in_a_digest_is_a_warning_not_a_missing_article(tmp_path):
    good = _page("Stray byte story").encode("utf-8").replace(b"<p>", "<p>é ".encode(), 1)
    (tmp_path / "stray.html").write_bytes(good.replace(b"</h1>", b"\xfe</h1>", 1))
    result = _invoke("digest", "--no-download", "-j", "1", tmp_path / "stray.html", "-o", tmp_path / "d.epub")
    assert result.exit_code == 0, result.stderr
    assert "warning" in result.stderr and "stray.html" in result.stderr


# ---- 6. a feed is not an article ------------------------------------------------------------

FEED = rss("Feed", [{"title": f"Item {i}", "link": f"https://news.example/{i}",
                     "date": "Mon, 17 Mar 2025 08:00:00 +0000"} for i in range(3)])


@pytest.mark.parametrize("command", ["article", "extract"])
def test_a_feed_given_to_article_or_extract_is_refused(tmp_path, command):
    """It became an "article" of the items' ids and dates."""
    (tmp_path / "news.xml").write_bytes(FEED)
    result = _invoke(command, tmp_path / "news.xml", *(["--no-download", "-o", tmp_path / "x.epub"]
                                                         if command == "article" else []))
    assert result.exit_code == 1
    _one_error_line(result, "news.xml", "feed", "digest")
    assert not (tmp_path / "x.epub").exists()


@pytest.mark.slow
def test_a_feed_by_url_given_to_extract_is_refused(http_server):
    http_server.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, FEED)
    result = _invoke("extract", "--allow-private", http_server.base + "/feed")
    assert result.exit_code == 1
    _one_error_line(result, "feed", "digest")


# ---- 7. output names and extensions ---------------------------------------------------------

@pytest.mark.parametrize("command", ["article", "digest"])
def test_an_unknown_output_extension_is_a_usage_error(tmp_path, page, command):
    """-o x.mobi wrote an EPUB and said nothing."""
    result = _invoke(command, page, "--no-download", "-o", tmp_path / "x.mobi")
    assert result.exit_code == 2
    _one_error_line(result, "x.mobi", "--to")
    assert not (tmp_path / "x.mobi").exists()


def test_to_makes_any_extension_fine(tmp_path, page):
    result = _invoke("article", page, "--no-download", "--to", "epub", "-o", tmp_path / "x.mobi")
    assert result.exit_code == 0, result.stderr
    assert zipfile.is_zipfile(tmp_path / "x.mobi")


def test_non_latin_titles_do_not_share_a_file_name(tmp_path, monkeypatch):
    """Korean and Japanese titles both became article.epub and overwrote each other."""
    from newspack.output import slugify

    titles = {"ko.html": ("서울시, 새 버스 노선 발표", "ko"), "ja.html": ("東京で新しいバス路線", "ja")}
    for name, (title, lang) in titles.items():
        (tmp_path / name).write_text(_page(title, lang=lang), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in titles:
        assert _invoke("article", name, "--no-download").exit_code == 0
    books = sorted(p.name for p in tmp_path.glob("*.epub"))
    assert len(books) == 2 and "article.epub" not in books, books
    assert slugify("서울시, 새 버스 노선 발표") == slugify("서울시, 새 버스 노선 발표")  # stable
    assert slugify("Poutine à l’OTAN") == "poutine-a-l-otan"  # Latin titles as before
    assert slugify("Straße und Ærø") == "strasse-und-aero"


# ---- 8. config errors say what is wrong -----------------------------------------------------

def test_an_unknown_format_in_the_config_is_named(tmp_path):
    """It said: formats must be a non-empty list of ..., not a list (['epub', 'mobi'])."""
    path = tmp_path / "paper.toml"
    path.write_text('name = "x"\nformats = ["epub", "mobi"]\n[[sections]]\nname = "A"\nfeeds = ["f.xml"]\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "'mobi' is not a format" in message and "'epub', 'pdf', 'html'" in message, message
    assert "not a list" not in message


# ---- 1. a page too big to read in a minute stops at once ------------------------------------

@pytest.mark.slow
def test_a_page_of_700000_paragraphs_is_refused_at_once(tmp_path):
    """The issue's 50 MB page of 700,000 paragraphs gave no result in 10 minutes."""
    import subprocess
    import sys
    import time

    path = tmp_path / "huge.html"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("<!doctype html><html><body><article><h1>Huge</h1>")
        handle.writelines(f"<p>{i}. The council voted on Tuesday to keep the market hall open.</p>\n"
                          for i in range(700_000))
        handle.write("</article></body></html>")
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "newspack", "extract", str(path)], capture_output=True,
                              timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("still reading after 30 s")
    assert time.monotonic() - start < 5, "a limit error must come at once"
    assert proc.returncode == 1 and b"too large" in proc.stderr and b"Traceback" not in proc.stderr
