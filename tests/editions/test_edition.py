"""The daily edition: config checks, state over runs, conditional requests, lock, SIGKILL, e-mail."""
from __future__ import annotations

import hashlib
import io
import os
import signal
import socket
import subprocess
import sys
import textwrap
import zipfile
from datetime import datetime, timezone
from email import message_from_bytes
from pathlib import Path

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.editions.edition import RunOptions, run_edition
from newspack.editions.config import ConfigError, load_config
from newspack.editions.lock import LockedError, RunLock
from newspack.errors import ExitCode
from newspack.editions.state import State

from tests.checks import epubcheck_messages
from tests.servers import HANG, BatchServer, rss, story
from tests.conftest import ROOT

RSS = {"Content-Type": "application/rss+xml"}
NOW = datetime(2025, 3, 20, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def server():
    srv = BatchServer().start()
    yield srv
    srv.stop()


def _full(seed: str) -> str:
    return "".join(f"<p>{p}</p>" for p in story(seed, 20))


def _item(base, slug, day, content=True):
    item = {"title": f"Story {slug}", "link": f"{base}/news/{slug}", "date": f"{day} Mar 2025 08:00:00 +0000"}
    if content:
        item["content"] = _full(slug)
    return item


def _config(tmp_path, server, extra="", section_extra="", top=""):
    path = tmp_path / "edition.toml"
    path.write_text(textwrap.dedent(f"""\
        name = "Test Daily"
        output = "out"
        state = "state/test.sqlite"
        formats = ["epub"]
        allow_private = true
        timeout = 2
        retries = 0
        jobs = 1
        {top}
        [[sections]]
        name = "News"
        feeds = ["{server.base}/feed.xml"]
        {section_extra}
        {extra}
        """))
    return path


def _titles(run):
    return [a.title for a in run.edition.articles] if run.edition else []


# ---- config ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ('name = "x"\n[[sections]]\nname = "A"\nfeeds = ["f.xml"]\nmax_article = 3\n',
     "unknown key sections[1].'max_article' (did you mean sections[1].'max_articles'?)"),
    ('name = "x"\nkeep = "7"\n[[sections]]\nname = "A"\nfeeds = ["f.xml"]\n',
     "keep must be a whole number, 0 or more, not a string ('7')"),
    ('name = "x"\nformats = ["epub", "mobi"]\n[[sections]]\nname = "A"\nfeeds = ["f.xml"]\n', "'mobi' is not a format"),
    ('title = "x"\n[[sections]]\nname = "A"\nfeeds = ["f.xml"]\n', "missing required key 'name'"),
    ('name = "x"\n[[sections]]\nname = "A"\n', "section 'A' has no sources"),
    ('name = "x"\nfilename = "{name}.{ext}"\n[[sections]]\nname = "A"\nfeeds = ["f"]\n', "must contain {date}"),
    ('name = "x"\nfilename = "{title}-{date}"\n[[sections]]\nname = "A"\nfeeds = ["f"]\n', "unknown field {title}"),
    ('name = "x"\n[[sections]]\nname = "A"\nfeeds = ["f"]\n[deliver]\nsmtp_host = "h"\nfrom = "a"\nto = "b"\n'
     'password = "hunter2"\n', "never put the password in the file"),
    ('name = "x"\n[[sections]]\nname = "A"\nmax_articles = 0\nfeeds = ["f"]\n', "max_articles must be a whole number above 0"),
    ('name = "x"\nsections = 3\n', "sections must be one or more [[sections]] tables"),
    ('name = = "x"\n', "not valid TOML"),
    ('name = "x"\npage_size = "tabloid"\n[[sections]]\nname = "A"\nfeeds = ["f"]\n', "page_size must be one of"),
    ('name = "x"\nimage_quality = 99\n[[sections]]\nname = "A"\nfeeds = ["f"]\n',
     "image_quality must be a whole number from 1 to 95, not a number (99)"),
    ('name = "x"\ndraw_cover = "no"\n[[sections]]\nname = "A"\nfeeds = ["f"]\n', "draw_cover must be true or false"),
])
def test_config_errors_are_clear(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_config_paths_relative_to_the_file_and_defaults():
    config = load_config(ROOT / "samples" / "edition.toml")
    assert config.output == ROOT / "samples" / ".." / "out"
    assert config.sections[0].feeds == (str(ROOT / "samples" / "feed.xml"),)
    assert config.formats == ("epub", "pdf") and config.keep == 7 and config.deliver is None


def test_config_book_options_are_the_article_commands(tmp_path):
    """Every book option of ``article`` has its config key, and reaches the edition's books."""
    path = tmp_path / "paper.toml"
    path.write_text('name = "x"\nimage_quality = 60\nimage_width = 800\ngrayscale = true\ndraw_cover = false\n'
                    'cover = "c.png"\ncss = ["extra.css"]\n[[sections]]\nname = "A"\nfeeds = ["f"]\n')
    book = load_config(path).book
    assert (book.image_quality, book.image_width, book.grayscale, book.draw_cover) == (60, 800, True, False)
    assert book.cover == str(tmp_path / "c.png") and book.css == (str(tmp_path / "extra.css"),)


# ---- runs over days ----------------------------------------------------------------------------

@pytest.mark.slow
def test_second_day_skips_delivered_stories_and_uses_conditional_requests(tmp_path, server):
    base = server.base
    server.routes["/feed.xml"] = (200, {**RSS, "ETag": '"v1"'}, rss("Wire", [_item(base, "a", 18), _item(base, "b", 19)]))
    config = load_config(_config(tmp_path, server, top="keep = 1"))

    day1 = run_edition(config, RunOptions(date="2025-03-19", now=NOW))
    assert sorted(_titles(day1)) == ["Story a", "Story b"]
    assert [p.name for p in day1.files] == ["test-daily-2025-03-19.epub"]

    again = run_edition(config, RunOptions(date="2025-03-19", now=NOW))  # same date: same edition
    assert sorted(_titles(again)) == ["Story a", "Story b"]
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'  # answered 304, cached body used

    server.routes["/feed.xml"] = (200, {**RSS, "ETag": '"v2"'},
                                  rss("Wire", [_item(base, "a", 18), _item(base, "b", 19), _item(base, "c", 20)]))
    day2 = run_edition(config, RunOptions(date="2025-03-20", now=NOW))
    assert _titles(day2) == ["Story c"]
    assert day2.skipped == 2
    assert not day1.files[0].exists()  # keep = 1

    day3 = run_edition(config, RunOptions(date="2025-03-21", now=NOW))  # feed unchanged: 304
    assert day3.edition is None and day3.files == ()
    assert server.requests[-1][1].get("If-None-Match") == '"v2"'
    with State(config.state) as state:
        assert [d for d, _ in state.editions()] == ["2025-03-20"]


@pytest.mark.slow
def test_max_age_and_max_articles(tmp_path, server):
    base = server.base
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(base, s, d) for s, d in
                                                         [("old", 10), ("x", 18), ("y", 19), ("z", 20)]]))
    config = load_config(_config(tmp_path, server, section_extra="max_articles = 2\nmax_age_hours = 72"))
    run = run_edition(config, RunOptions(date="2025-03-20", now=NOW, dry_run=True))
    assert _titles(run) == ["Story z", "Story y"]
    assert run.files == () and not (tmp_path / "out" / "test-daily-2025-03-20.epub").exists()
    assert not (tmp_path / "state").exists()  # a dry run writes no state


@pytest.mark.slow
def test_failures_are_reported_and_the_edition_still_built(tmp_path, server):
    base = server.base
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(base, "a", 19), _item(base, "gone", 19, content=False)]))
    config = load_config(_config(tmp_path, server, extra=f'[[sections]]\nname = "More"\nfeeds = ["{base}/nofeed"]\n'))
    result = CliRunner().invoke(cli, ["edition", str(config.path), "--date", "2025-03-20"])
    assert result.exit_code == 3, result.output
    assert f"{base}/news/gone: HTTP 404" in result.output and f"{base}/nofeed: HTTP 404" in result.output
    assert (tmp_path / "out" / "test-daily-2025-03-20.epub").exists()


@pytest.mark.slow
def test_lock_contention(tmp_path, server):
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(server.base, "a", 19)]))
    config = load_config(_config(tmp_path, server))
    with RunLock(tmp_path / "state" / "test.sqlite.lock"):
        with pytest.raises(LockedError, match=rf"pid {os.getpid()}"):
            run_edition(config, RunOptions(date="2025-03-20"))
        result = CliRunner().invoke(cli, ["edition", str(config.path)])
        assert result.exit_code == ExitCode.LOCKED and "another run holds the lock" in result.output
    assert run_edition(config, RunOptions(date="2025-03-20")).files  # free again


def _snapshot(tmp_path):
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "out").iterdir()}
    with State(tmp_path / "state" / "test.sqlite") as state:
        return files, state.delivered_on("2025-03-19"), state.editions(), state.delivered_before("2099-01-01")


@pytest.mark.slow
def test_sigkill_mid_run_leaves_previous_edition_and_state_intact(tmp_path, server):
    base = server.base
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(base, "a", 19)]))
    path = _config(tmp_path, server, top="timeout = 30")
    path.write_text(path.read_text().replace("timeout = 2\n", ""))
    config = load_config(path)
    run_edition(config, RunOptions(date="2025-03-19"))
    before = _snapshot(tmp_path)

    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(base, "a", 19), _item(base, "slow", 20, content=False)]))
    server.routes["/news/slow"] = HANG
    proc = subprocess.Popen([sys.executable, "-m", "newspack", "edition", str(path), "--date", "2025-03-20"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert server.hanging.wait(timeout=60), proc.stderr.read() if proc.poll() is not None else "no request"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert _snapshot(tmp_path) == before
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]  # no temp files
    with RunLock(tmp_path / "state" / "test.sqlite.lock"):  # the kernel released the lock
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_deliver_by_smtp(tmp_path, server, monkeypatch):
    from aiosmtpd.controller import Controller

    class Inbox:
        messages: list = []

        async def handle_DATA(self, srv, session, envelope):  # noqa: N802 (aiosmtpd's naming)
            self.messages.append((envelope.rcpt_tos, envelope.content))
            return "250 OK"

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(server.base, "a", 19)]))
        deliver = (f'[deliver]\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"\n'
                   'from = "paper@example.org"\nto = ["reader@kindle.example"]\nsubject = "Paper: {title}"\n')
        config = load_config(_config(tmp_path, server, extra=deliver))
        run = run_edition(config, RunOptions(date="2025-03-20"))
    finally:
        controller.stop()
    assert run.delivered_to == ("reader@kindle.example",)
    (rcpts, content), = inbox.messages
    message = message_from_bytes(content)
    assert rcpts == ["reader@kindle.example"] and message["Subject"].startswith("Paper: Test Daily")
    (attachment,) = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_content_type() == "application/epub+zip"
    assert attachment.get_payload(decode=True) == run.files[0].read_bytes()


@pytest.mark.slow
def test_failed_delivery_records_nothing(tmp_path, server):
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [_item(server.base, "a", 19)]))
    deliver = (f'[deliver]\nsmtp_host = "127.0.0.1"\nsmtp_port = {_free_port()}\nsecurity = "none"\n'
               'from = "a@example.org"\nto = "b@example.org"\n')
    config = load_config(_config(tmp_path, server, extra=deliver))
    result = CliRunner().invoke(cli, ["edition", str(config.path), "--date", "2025-03-20"])
    assert result.exit_code == 1 and "cannot send by e-mail" in result.output
    with State(config.state) as state:
        assert state.delivered_before("2099-01-01") == frozenset()


@pytest.mark.slow
def test_sample_edition_builds_offline(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["edition", str(ROOT / "samples" / "edition.toml"), "--date", "2025-03-15",
                                      "--output-dir", str(out), "--state", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 0, result.output
    assert "8 articles in 2 sections" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["sample-daily-2025-03-15.epub", "sample-daily-2025-03-15.pdf"]
    code, messages = epubcheck_messages(out / "sample-daily-2025-03-15.epub")
    assert code == 0, messages


def _page_dated(title, date):
    body = "".join(f"<p>{p}</p>" for p in story(title, 20))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{date}'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


@pytest.mark.slow
def test_age_is_judged_by_the_feed_date_when_the_page_is_older_and_skips_are_listed(tmp_path, server):
    base = server.base
    html = {"Content-Type": "text/html; charset=utf-8"}
    # "fresh" was written a week ago but the feed republished it today; "old" is old in the feed.
    server.routes["/news/fresh"] = (200, html, _page_dated("Story fresh", "2025-03-13T08:00:00+00:00"))
    server.routes["/news/undated"] = (200, html, _page_dated("Story undated", "").replace(
        b"<meta property='article:published_time' content=''>", b""))
    server.routes["/feed.xml"] = (200, RSS, rss("Wire", [
        _item(base, "fresh", 20, content=False), _item(base, "undated", 19, content=False),
        _item(base, "old", 10)]))
    config = load_config(_config(tmp_path, server, section_extra="max_age_hours = 48"))
    run = run_edition(config, RunOptions(date="2025-03-20", now=NOW, dry_run=True))
    assert sorted(_titles(run)) == ["Story fresh", "Story undated"]
    assert [(s.title, s.reason.split(":")[0]) for s in run.skipped_items] == [("Story old", "too old")]
    assert "max_age_hours of section 'News'" in run.skipped_items[0].reason

    result = CliRunner().invoke(cli, ["edition", str(config.path), "--date", "2025-03-20", "--dry-run", "-v"])
    assert result.exit_code == 0, result.output
    assert f"skipped {base}/news/old (Story old): too old: dated" in result.stderr
    assert "1 skipped (delivered before or too old)" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("epoch", [None, "1717243200"])
def test_an_edition_built_twice_is_the_same_bytes(tmp_path, epoch):
    """Same config, inputs and date: the same EPUB and PDF bytes, with SOURCE_DATE_EPOCH
    (which then fixes the build time, as for one article) and without it (the date does)."""
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    books = []
    for run in ("first", "second"):
        out = tmp_path / run
        result = CliRunner(env=env).invoke(cli, ["-q", "edition", str(ROOT / "samples" / "edition.toml"),
                                                 "--date", "2025-03-15", "--output-dir", str(out),
                                                 "--state", str(tmp_path / f"{run}.sqlite")])
        assert result.exit_code == 0, result.output
        books.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert list(books[0]) == ["sample-daily-2025-03-15.epub", "sample-daily-2025-03-15.pdf"]
    assert books[0] == books[1]
    with zipfile.ZipFile(io.BytesIO(books[0]["sample-daily-2025-03-15.epub"])) as book:
        opf = book.read("EPUB/content.opf").decode()
        stamps = {info.date_time for info in book.infolist()}
    modified = opf.split('property="dcterms:modified">', 1)[1][:20]
    if epoch:
        assert modified == "2024-06-01T12:00:00Z" and stamps == {(2024, 6, 1, 12, 0, 0)}
    else:
        assert modified.startswith("2025-03-1")  # the edition's date or its newest article's
