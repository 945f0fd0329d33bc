"""Feeds: recognising, parsing safely (no entity expansion, no external entities), items."""
from __future__ import annotations

import time

import pytest

from newspack.errors import InputError
from newspack.sources.feeds import FULL_TEXT_MIN_CHARS, entry_page, looks_like_feed, parse_feed
from newspack.readers import read_document

from tests.hostile import BILLION_LAUGHS
from tests.servers import rss

LONG = "<p>" + "The harbour wall was rebuilt after the storm. " * 40 + "</p>"

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>An Atom story</title><link href="https://atom.example/story"/>
<updated>2025-03-10T08:00:00Z</updated><author><name>Ann Author</name></author>
<content type="html">""" + LONG.replace("<", "&lt;").encode() + b"""</content></entry></feed>"""


EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;</title><link>https://x.example/a</link><description>&xxe;</description></item>
</channel></rss>"""


def test_recognises_rss_atom_and_not_html():
    assert looks_like_feed(rss("News", []))
    assert looks_like_feed(ATOM)
    assert looks_like_feed(b"anything", "application/rss+xml; charset=utf-8")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html")
    assert not looks_like_feed(b"Just some scraped text about a feed.")


def test_rss_items_full_text_or_teaser():
    feed = parse_feed(rss("The Ledger", [
        {"title": "Full story", "link": "https://l.example/full", "date": "Mon, 10 Mar 2025 08:00:00 +0100",
         "content": LONG},
        {"title": "Teaser only", "link": "https://l.example/teaser", "date": "Sun, 09 Mar 2025 08:00:00 +0000"},
    ]), "https://l.example/feed.xml")
    assert feed.title == "The Ledger"
    full, teaser = feed.entries
    assert full.full_text and not teaser.full_text
    assert full.date == "2025-03-10T07:00:00+00:00"  # normalised to UTC
    assert teaser.link == "https://l.example/teaser"
    assert len(LONG) > FULL_TEXT_MIN_CHARS


def test_atom_entry_becomes_a_page_the_html_reader_reads():
    feed = parse_feed(ATOM, "https://atom.example/feed")
    (entry,) = feed.entries
    assert entry.full_text and entry.author == "Ann Author"
    article = read_document(entry_page(entry, feed).decode(), source="x", url=entry.link)
    assert article.title == "An Atom story"
    assert article.url == "https://atom.example/story"
    assert "harbour wall" in article.body_text


def test_entry_page_escapes_metadata():
    feed = parse_feed(rss("<b>Site</b>", [{"title": "A &lt;script&gt;alert(1)&lt;/script&gt; title",
                                           "link": "https://l.example/x\" onload=\"x", "date": "", "content": LONG}]))
    page = entry_page(feed.entries[0], feed).decode()
    assert "<script>" not in page and 'onload="x"' not in page


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY,
                                  b"\xff\xfe" + BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', "").encode("utf-16-le")],
                         ids=["billion-laughs", "external-entity", "billion-laughs-utf16"])
def test_entity_declarations_are_refused_fast(data):
    start = time.monotonic()
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(data, "https://x.example/feed")
    assert time.monotonic() - start < 1.0


def test_feedparser_itself_does_not_expand_entities():
    # Defence in depth: were our refusal removed, feedparser strips the declarations.
    import io

    import feedparser

    start = time.monotonic()
    parsed = feedparser.parse(io.BytesIO(BILLION_LAUGHS))
    assert time.monotonic() - start < 2.0
    text = str(parsed.feed.get("title", "")) + "".join(str(e.get("title", "")) for e in parsed.entries)
    assert text.count("lol") < 1000
    parsed = feedparser.parse(io.BytesIO(EXTERNAL_ENTITY))
    assert "root:" not in str(parsed.entries[0].get("title", "")) if parsed.entries else True


@pytest.mark.parametrize("data", [b"not xml at all <<<", rss("Empty", []), b"<rss><channel><item><title>broken"],
                         ids=["garbage", "no-items", "truncated"])
def test_malformed_or_empty_feed_is_an_input_error(data):
    # feedparser salvages what it can from a broken feed; items without link or content
    # are no stories, so a feed of nothing else is an error.
    with pytest.raises(InputError, match="not a readable feed"):
        parse_feed(data, "https://x.example/feed")
