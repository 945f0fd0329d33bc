"""Read-later exports and bookmarks as digest inputs: recognised by content, filtered as asked."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.editions.digest import expand_inputs
from newspack.sources.exports import LinkFilter

from .checks import epubcheck_messages
from .saved_pages import story_page

A, B, C = "https://news.example/a", "https://news.example/b", "https://other.example/c"
# 2024-03-01, 2024-03-10 and 2024-04-01, 12:00 UTC
T1, T2, T3 = 1709294400, 1710072000, 1711972800

EXPORTS = {
    "pocket.csv": "title,url,time_added,tags,status\n"
                  f"Story A,{A},{T1},longread|politics,unread\n"
                  f"Story B,{B},{T2},,archive\n"
                  f"Story C,{C},{T3},longread,unread\n",
    "instapaper.csv": "URL,Title,Selection,Folder,Timestamp,Tags\n"
                      f'{A},Story A,,Unread,{T1},"[""longread""]"\n'
                      f"{B},Story B,,Archive,{T2},[]\n"
                      f'{C},Story C,,Unread,{T3},"[""longread""]"\n',
    "omnivore.json": json.dumps([
        {"id": "1", "slug": "a", "title": "Story A", "url": A, "state": "Succeeded", "readingProgress": 0,
         "labels": ["longread"], "savedAt": "2024-03-01T12:00:00.000Z"},
        {"id": "2", "slug": "b", "title": "Story B", "url": B, "state": "Archived", "readingProgress": 100,
         "labels": [], "savedAt": "2024-03-10T12:00:00.000Z"},
        {"id": "3", "slug": "c", "title": "Story C", "url": C, "state": "Succeeded", "readingProgress": 0,
         "labels": [{"name": "longread"}], "savedAt": "2024-04-01T12:00:00.000Z"}]),
    "wallabag.json": json.dumps([
        {"is_archived": 0, "is_starred": 0, "title": "Story A", "url": A, "tags": ["longread"],
         "created_at": "2024-03-01T13:00:00+0100"},
        {"is_archived": 1, "is_starred": 0, "title": "Story B", "url": B, "tags": [],
         "created_at": "2024-03-10T13:00:00+0100"},
        {"is_archived": 0, "is_starred": 1, "title": "Story C", "url": C, "tags": ["longread"],
         "created_at": "2024-04-01T13:00:00+0100"}]),
    "bookmarks.html": "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
                      "charset=UTF-8\">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n"
                      "  <DT><H3>Longread</H3>\n  <DL><p>\n"
                      f'    <DT><A HREF="{A}" ADD_DATE="{T1}">Story A</A>\n'
                      f'    <DT><A HREF="{C}" ADD_DATE="{T3}">Story C</A>\n  </DL><p>\n'
                      f'  <DT><A HREF="{B}" ADD_DATE="{T2}" TAGS="politics">Story B</A>\n'
                      '  <DT><A HREF="place:sort=8&maxResults=10">Most visited</A>\n</DL><p>\n',
    "feeds.opml": '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Feeds</title></head>'
                  f'<body><outline text="Longread"><outline type="rss" text="A" xmlUrl="{A}"/>'
                  f'<outline type="rss" text="C" xmlUrl="{C}"/></outline>'
                  f'<outline type="rss" text="B" xmlUrl="{B}" category="politics"/></body></opml>',
}
SAYS_UNREAD = {"pocket.csv", "instapaper.csv", "omnivore.json", "wallabag.json"}


def _urls(path, **wanted):
    inputs, failures = expand_inputs([str(path)], links=LinkFilter(**wanted))
    return [i.spec for i in inputs], [f.reason for f in failures]


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_export_gives_the_urls_it_holds_filters_applied(name, tmp_path):
    path = tmp_path / name
    path.write_text(EXPORTS[name], encoding="utf-8")
    assert sorted(_urls(path)[0]) == [A, B, C]
    assert sorted(_urls(path, tags=("LONGREAD",))[0]) == [A, C]
    if name != "feeds.opml":  # OPML carries no dates
        assert _urls(path, since=date(2024, 3, 5), until=date(2024, 3, 31))[0] == [B]
        assert sorted(_urls(path, since=date(2024, 3, 10))[0]) == [B, C]
    if name in SAYS_UNREAD:
        assert sorted(_urls(path, unread=True)[0]) == [A, C]
    else:
        urls, failures = _urls(path, unread=True)
        assert urls == [] and len(failures) == 1 and "does not say what is read" in failures[0]


def test_an_export_given_as_a_list_file_is_read_as_an_export(tmp_path):
    path = tmp_path / "pocket-export.csv"
    path.write_text(EXPORTS["pocket.csv"], encoding="utf-8")
    inputs, failures = expand_inputs([], list_files=[str(path)], links=LinkFilter(unread=True))
    assert [i.spec for i in inputs] == [A, C] and failures == []


def test_a_filter_that_keeps_nothing_says_so(tmp_path):
    path = tmp_path / "pocket.csv"
    path.write_text(EXPORTS["pocket.csv"], encoding="utf-8")
    urls, failures = _urls(path, tags=("nothing-has-this",))
    assert urls == [] and failures == ["Pocket CSV: none of its 3 links is kept by the filters"]


@pytest.mark.slow
def test_a_digest_of_a_pocket_export_fetches_its_unread_links(http_server, tmp_path):
    for n in (1, 2, 3):
        http_server.routes[f"/story-{n}"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                             story_page(f"Story {n} of the day", [],
                                                        extra=f"<p>{'Words of story %d alone. ' % n * 3}" +
                                                        " ".join(f"Fact {i} of {n}: {i * n}." for i in range(60))
                                                        + "</p>").encode())
    export = tmp_path / "pocket.csv"
    export.write_text("title,url,time_added,tags,status\n"
                      + "".join(f"S{n},{http_server.base}/story-{n},{T1},,{'archive' if n == 2 else 'unread'}\n"
                                for n in (1, 2, 3)), encoding="utf-8")
    out = tmp_path / "unread.epub"
    result = CliRunner().invoke(cli, ["digest", str(export), "--unread", "--allow-private", "--no-cover",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(http_server.hits) == ["/story-1", "/story-3"]
    assert "2 articles" in result.stderr
    assert epubcheck_messages(out) == (0, [])


MALFORMED = {
    "broken.json": ("[{\"slug\": \"a\", \"url\": ", "not a readable JSON export"),
    "nourl.json": (json.dumps([{"is_archived": 0, "title": "x"}]), "item 1 has no URL"),
    "other.json": (json.dumps([{"name": "x"}]), "neither a wallabag nor an Omnivore export"),
    "pocket.csv": ("title,url,time_added,tags,status\nA,,1,,unread\n", "Pocket CSV line 2 has no URL"),
    "feeds.opml": ("<opml><body><outline xmlUrl='https://a.example/' </body>", "not a readable OPML file"),
    "bomb.opml": ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>',
                  "declares XML entities"),
    "empty.html": ("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n</DL>\n", "bookmarks HTML: it holds no http(s) link"),
    "latin1.csv": ("title,url,time_added,tags,status\nCaf\xe9,https://a.example/,1,,unread\n", "not UTF-8"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_export_gets_one_line_naming_it(name, tmp_path):
    text, reason = MALFORMED[name]
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1" if name == "latin1.csv" else "utf-8"))
    result = CliRunner().invoke(cli, ["digest", str(path), "-o", str(tmp_path / "x.epub")])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("newspack: error:")]
    assert lines[0].startswith(f"newspack: error: {path}: ") and reason in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_an_edition_section_takes_an_export_with_its_filters_and_render(tmp_path):
    from newspack.editions.config import parse_config
    from newspack.editions.edition import _inputs

    (tmp_path / "pocket.csv").write_text(EXPORTS["pocket.csv"], encoding="utf-8")
    config = parse_config({"name": "t", "sections": [
        {"name": "Unread", "url_lists": ["pocket.csv"], "unread": True, "tags": ["longread"], "render": True},
        {"name": "All", "urls": ["pocket.csv"]}]}, tmp_path / "t.toml")
    inputs, failures = _inputs(config)
    assert failures == []
    assert [(i.spec, i.section, i.render) for i in inputs] == [
        (A, "Unread", True), (C, "Unread", True), (A, "All", False), (B, "All", False), (C, "All", False)]


def test_an_export_given_to_extract_is_refused_in_one_line(tmp_path):
    path = tmp_path / "pocket.csv"
    path.write_text(EXPORTS["pocket.csv"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"newspack: error: {path}: this is a Pocket CSV file of links, not an article; "
                                     "'newspack digest' reads it")
