"""Digests: inputs expanded, fetched (local server), extracted in parallel, de-duplicated, grouped."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newspack.editions.batch import Extracted, Input
from newspack.cli.commands import cli
from newspack.editions.digest import (
    DigestOptions,
    build_edition,
    host_name,
    readable_site_name,
    canonical_url,
    drop_duplicates,
    expand_inputs,
    make_digest,
)
from newspack.editions.fetcher import FetchPolicy
from newspack.model import Article, Paragraph
from newspack.pipeline import ReadOptions

from tests.checks import epubcheck_messages
from tests.servers import HANG, BatchServer, page, rss, story
from tests.conftest import ROOT

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def server():
    srv = BatchServer().start()
    yield srv
    srv.stop()


def _article(title, text, url=None, date=None, site=None, source=None):
    return Article(title=title, blocks=(Paragraph(text),), url=url, date=date, site_name=site,
                   source=source or title)


def _item(article, order, section=None):
    return Extracted(article, section, (order, 0))


# ---- expanding inputs ----------------------------------------------------------------------

def test_expand_folders_globs_lists_and_sections(tmp_path):
    (tmp_path / "b.html").write_text("<p>b</p>")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "skip.css").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text("c")
    listing = tmp_path / "list.txt"
    listing.write_text("# my reading\nsub/c.htm\n\nhttps://example.org/x#frag\n")
    inputs, failures = expand_inputs([str(tmp_path), str(tmp_path / "sub" / "*.htm"), str(tmp_path / "none*.html")],
                                     list_files=[str(listing)], sections=[("World", "https://w.example/rss")])
    specs = [Path(i.spec).name if "://" not in i.spec else i.spec for i in inputs]
    assert specs == ["a.txt", "b.html", "list.txt", "c.htm", "c.htm", "https://example.org/x#frag",
                     "https://w.example/rss"]
    assert inputs[-1].section == "World" and inputs[0].section is None
    assert [i.order for i in inputs] == list(range(len(inputs)))
    assert [(Path(f.source).name, f.reason) for f in failures] == [("none*.html", "no file matches")]


def test_missing_list_file_is_a_failure_not_a_crash(tmp_path):
    inputs, failures = expand_inputs([], list_files=[str(tmp_path / "nope.txt")])
    assert inputs == [] and failures[0].reason == "no such list file"


# ---- the same story once -------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("https://www.Example.org/news/story/?utm_source=rss&id=3#top", "http://example.org/news/story?id=3"),
    ("https://example.org/a?fbclid=xyz", "https://example.org/a"),
])
def test_canonical_url_equal(a, b):
    assert canonical_url(a) == canonical_url(b)


def test_canonical_url_differs_and_refuses_non_http():
    assert canonical_url("https://example.org/a?id=3") != canonical_url("https://example.org/a?id=4")
    assert canonical_url("file:///tmp/x.html") is None and canonical_url("javascript:alert(1)") is None


def test_duplicates_by_url_and_by_near_identical_text():
    text = " ".join(story("wire", 30))
    edited = text.replace("Wire0 wire1", "Updated: wire0 wire1") + " One more closing line added by the editor."
    items = [
        _item(_article("A", text, url="https://a.example/s?utm_medium=x"), 0),
        _item(_article("A again", text[:-200], url="https://a.example/s"), 1),  # same URL
        _item(_article("Syndicated", edited, url="https://b.example/other"), 2),  # near-identical text
        _item(_article("Different", " ".join(story("other", 30)), url="https://b.example/else"), 3),
    ]
    kept, dropped = drop_duplicates(items)
    assert [i.article.title for i in kept] == ["Syndicated", "Different"]  # the longer copy, first place
    assert kept[0].order == (0, 0)
    assert sorted(dropped) == ["A", "A again"]


def test_sections_by_site_or_configured_ordered_newest_first():
    items = [
        _item(_article("Old A", "x", url="https://a.example/1", date="2025-03-01", site="Site A"), 0),
        _item(_article("Undated A", "x", url="https://www.a.example/2", site="Site A"), 1),
        _item(_article("New A", "x", url="https://a.example/3", date="2025-03-02T10:00:00+02:00"), 2),
        _item(_article("B", "x", url="https://b.example/1", site="Site B"), 3),
        _item(_article("Local", "x", date="2025-03-05"), 4),
        _item(_article("Picked", "x", url="https://c.example/1"), 5, section="Chosen"),
    ]
    edition = build_edition(items, title="T", date="2025-03-06", section_order=("Chosen",))
    assert [(s.title, [a.title for a in s.articles]) for s in edition.sections] == [
        ("Chosen", ["Picked"]),
        ("Site A", ["New A", "Old A", "Undated A"]),
        ("Site B", ["B"]),
        ("Other", ["Local"]),
    ]


# ---- a whole digest against a local server ---------------------------------------------------

def _serve_news(server):
    base = server.base
    server.routes["/a1"] = (200, HTML, page("Alpha one", story("alpha"), date="2025-03-10T08:00:00Z", site="Alpha"))
    server.routes["/a2"] = (200, HTML, page("Alpha two", story("beta"), canonical=f"{base}/a2",
                                            date="2025-03-11T08:00:00Z", site="Alpha"))
    full = "".join(f"<p>{p}</p>" for p in story("gamma", 20))
    server.routes["/feed.xml"] = (200, RSS, rss("Feed Site", [
        {"title": "Teaser item", "link": f"{base}/a2?utm_source=rss", "date": "Tue, 11 Mar 2025 08:00:00 +0000"},
        {"title": "Full item", "link": f"{base}/full", "date": "Wed, 12 Mar 2025 08:00:00 +0000", "content": full},
        {"title": "Gone item", "link": f"{base}/missing", "date": "Wed, 12 Mar 2025 09:00:00 +0000"},
    ]))
    server.routes["/hang"] = HANG
    server.routes["/huge"] = (200, HTML, b"<p>" + b"x" * (20 * 1024 * 1024) + b"</p>")
    server.routes["/bad-feed.xml"] = (200, RSS, b"<rss><channel><title>Broken</title><item>")
    server.routes["/empty"] = (200, HTML, b"<html><body><nav>Home</nav></body></html>")


@pytest.mark.slow
def test_digest_from_server_reports_each_failure(server):
    _serve_news(server)
    base = server.base
    specs = [f"{base}/a1", f"{base}/feed.xml", f"{base}/a2", f"{base}/404", f"{base}/hang", f"{base}/huge",
             f"{base}/bad-feed.xml", f"{base}/empty"]
    inputs, _ = expand_inputs(specs)
    policy = FetchPolicy(allow_private=True, timeout=1.0, retries=1, backoff=0.05)
    start = time.monotonic()
    result = make_digest(inputs, DigestOptions(title="Test", date="2025-03-12", jobs=2, policy=policy,
                                               read=ReadOptions(allow_private=True)))
    assert time.monotonic() - start < 10
    titles = [a.title for a in result.edition.articles]
    assert sorted(titles) == ["Alpha one", "Alpha two", "Full item"]  # a2 once, via two routes
    assert len(result.duplicates) == 1
    reasons = {f.source.removeprefix(base): f.reason for f in result.failures}
    assert set(reasons) == {"/missing", "/404", "/hang", "/huge", "/bad-feed.xml", "/empty"}
    assert "404" in reasons["/404"] and "timed out" in reasons["/hang"]
    assert "too large" in reasons["/huge"] and "no article text" in reasons["/empty"]
    assert server.paths().count("/hang") == 2  # one retry of a timeout
    assert all(h.get("User-Agent", "").startswith("newspack/") for _, h in server.requests)


@pytest.mark.slow
def test_parallel_and_serial_extraction_agree(tmp_path):
    samples = ROOT / "samples"
    inputs, _ = expand_inputs([str(samples)])
    serial = make_digest(inputs, DigestOptions(title="T", date="2025-01-01", jobs=1))
    parallel = make_digest(inputs, DigestOptions(title="T", date="2025-01-01", jobs=2))
    assert serial.edition == parallel.edition
    assert len(serial.edition.articles) == 6


# ---- the command ----------------------------------------------------------------------------

@pytest.mark.slow
def test_cli_digest_partial_exit_3_and_valid_epub(server, tmp_path):
    _serve_news(server)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{server.base}/a1\n{server.base}/404\n")
    samples = ROOT / "samples"
    out = tmp_path / "digest.epub"
    result = CliRunner().invoke(cli, ["digest", "-i", str(listing), "--allow-private", "--section",
                                      f"Pages={samples / 'en-tidal-barrier.html'}", str(samples / "feed.xml"),
                                      "--title", "My digest", "-o", str(out)])
    assert result.exit_code == 3, result.output
    assert f"{server.base}/404: HTTP 404" in result.output
    assert "5 articles in 3 sections, 1 failed" in result.output
    code, messages = epubcheck_messages(out)
    assert code == 0, messages


def test_cli_digest_all_failed_writes_nothing(tmp_path):
    out = tmp_path / "none.epub"
    result = CliRunner().invoke(cli, ["digest", str(tmp_path / "missing.html"), str(tmp_path / "*.nothing"),
                                      "-o", str(out)])
    assert result.exit_code == 1
    assert "missing.html: no such file" in result.output and "no file matches" in result.output
    assert not out.exists()


def test_cli_digest_needs_an_input():
    result = CliRunner().invoke(cli, ["digest"])
    assert result.exit_code == 2 and "at least one INPUT" in result.output
    result = CliRunner().invoke(cli, ["digest", "--section", "oops"])
    assert result.exit_code == 2 and "NAME=INPUT" in result.output


@pytest.mark.slow
def test_cli_digest_verbose_logs_each_article_and_quiet_prints_no_summary(tmp_path):
    samples = ROOT / "samples"
    args = ["digest", str(samples / "en-tidal-barrier.html"), str(samples / "feed.xml"), "--to", "html", "-j", "1"]
    verbose = CliRunner().invoke(cli, [*args, "-v", "-o", str(tmp_path / "v.html")])
    assert verbose.exit_code == 0, verbose.output
    assert "extract done" in verbose.output and "Ferry timetable returns" in verbose.output
    assert "4 articles in 2 sections" in verbose.output
    quiet = CliRunner().invoke(cli, [*args, "-q", "-o", str(tmp_path / "q.html")])
    assert quiet.exit_code == 0 and quiet.output == ""


@pytest.mark.slow
def test_feed_never_opens_local_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret text that must never reach a book. " * 30)
    photo_dir = tmp_path / "saved"
    photo_dir.mkdir()
    feed = tmp_path / "evil.xml"
    long = "<p>" + "A story with a picture of a local file. " * 40 + "</p>"
    feed.write_text(rss("Evil", [
        {"title": "Local link", "link": secret.as_uri(), "date": "Mon, 10 Mar 2025 08:00:00 +0000"},
        {"title": "Local image", "link": "https://evil.example/x", "date": "Mon, 10 Mar 2025 08:00:00 +0000",
         "content": f'<img src="{(photo_dir / "p.jpg").as_uri()}">' + long},
    ]).decode())
    (photo_dir / "page.html").write_text("<html><body><article><h1>Mine</h1>" + long + "</article></body></html>")
    inputs, _ = expand_inputs([str(feed), str(photo_dir)])
    result = make_digest(inputs, DigestOptions(title="T", date="2025-03-12", jobs=1))
    assert result.failures == ()
    local_link = next(a for a in result.edition.articles if a.title == "Local link")
    assert local_link.body_text == "A short teaser." and local_link.url is None  # the item's own text only
    assert "Secret text" not in "".join(a.body_text for a in result.edition.articles)
    evil = next(a for a in result.edition.articles if a.title == "Local image")
    assert all(f.src is None for f in evil.figures)


def test_a_section_named_by_an_address_reads_as_the_site_name():
    def item(n, url, site):
        return Extracted(Article(title=f"Story {n}", url=url, site_name=site, blocks=(Paragraph("x"),)), None, (n, 0))

    items = [
        item(0, "https://www.newsnation.in/a", "https://www.newsnation.in"),
        item(1, "https://www.newsnation.in/b", "News Nation"),
        item(2, "https://www.example.org/c", "https://www.example.org/"),
        item(3, None, "www.other.net"),
    ]
    edition = build_edition(items, title="T", date="2025-03-06")
    assert [s.title for s in edition.sections] == ["News Nation", "example.org", "other.net"]
    assert readable_site_name("https://www.newsnation.in") is None
    assert readable_site_name("Le Monde.fr") == "Le Monde.fr" and host_name("http://www.x.co.uk/") == "x.co.uk"
