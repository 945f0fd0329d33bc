"""RSS and Atom feeds: recognise one, parse it safely, and turn its items into inputs.

feedparser does the parsing (every RSS and Atom dialect, dates, relative links, HTML
sanitising). Two things are done before it sees a byte:

- it is always handed a byte stream, never a string: given a string, feedparser treats it
  as a URL or a file name and opens it itself, outside the address policy;
- a feed whose prolog declares entities (``<!ENTITY``) is refused. Real feeds never do;
  entity declarations are how "billion laughs" (exponential expansion) and external-entity
  attacks start. feedparser already strips most of them and turns off external entities in
  its SAX parser, but refusing up front keeps us safe whatever parser it falls back to.

An item that carries the whole story (``content:encoded``, Atom ``content``) is used as it
is, wrapped in a small HTML page the HTML reader reads like any other; an item with only a
summary is fetched from its link.
"""
from __future__ import annotations

import calendar
import html
import io
import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import InputError

#: Bytes looked at to recognise a feed; the root element comes within the first few hundred.
SNIFF_BYTES = 2048

#: Visible characters an item's own content needs to count as the full story rather than a
#: teaser. Teasers run to 200-600 characters; a short news story of four paragraphs to ~1,000.
#: Too low and a long teaser replaces its story; too high and short stories are fetched again.
FULL_TEXT_MIN_CHARS = 800

_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z]")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_FEED_TYPES = ("rss", "atom", "rdf")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, with what the feed itself says about the story."""

    title: str | None
    link: str | None
    date: str | None  # ISO 8601, UTC
    author: str | None
    content_html: str | None  # the item's own HTML (full text or summary)
    full_text: bool  # content_html holds the whole story

    @property
    def timestamp(self) -> float | None:
        return datetime.fromisoformat(self.date).timestamp() if self.date else None


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    language: str | None
    entries: tuple[FeedEntry, ...]
    #: What a reader of the feed should know, each naming the feed (it ends mid-document).
    warnings: tuple[str, ...] = ()


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """Whether ``data`` is an RSS or Atom document (by declared type, else by its root element)."""
    if content_type and any(kind in content_type.lower() for kind in _FEED_TYPES):
        return True
    head = _ascii_head(data)
    return bool(_ROOT.search(head)) and not head.lstrip().lower().startswith((b"<!doctype html", b"<html"))


def parse_feed(data: bytes, url: str | None = None, *, source: str = "") -> Feed:
    """Parse an RSS or Atom document; raise InputError for a dangerous or unreadable one."""
    import feedparser

    prolog = _ascii_head(data, limit=None)
    first = _FIRST_ELEMENT.search(prolog)
    if _ENTITY_DECL.search(prolog[: first.start() if first else len(prolog)]):
        raise InputError("refusing a feed that declares XML entities", source=source or url)
    headers = {"content-location": url} if url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = tuple(_entry(item) for item in parsed.entries)
    # A malformed feed still yields what the lenient parser salvaged; items with neither a
    # link nor content are not stories.
    entries = tuple(e for e in entries if e.link or e.content_html)
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f": {reason}" if parsed.get("bozo") and reason else ""
        raise InputError(f"not a readable feed, or a feed without items{detail}", source=source or url)
    info = parsed.feed
    return Feed(
        title=_clean(info.get("title")),
        link=info.get("link"),
        language=info.get("language"),
        entries=entries,
        warnings=_damage(parsed, source or url or "feed"),
    )


def _damage(parsed, label: str) -> tuple[str, ...]:
    """A warning when the XML parser stopped before the document's end: the lenient parser
    read up to the break, so the items after it are lost without a word otherwise. Other
    complaints (an encoding the headers got wrong) lose nothing and stay quiet."""
    import xml.sax

    reason = parsed.get("bozo_exception")
    if not parsed.get("bozo") or not isinstance(reason, xml.sax.SAXException):
        return ()
    return (f"{label}: the feed ends early or is not well-formed ({reason}); "
            "its items were read up to the break, later ones may be missing",)


def entry_page(entry: FeedEntry, feed: Feed) -> bytes:
    """An item's own content as a small HTML page (title, byline, date, canonical link)."""
    esc = html.escape
    head = [f"<title>{esc(entry.title or '')}</title>"]
    if entry.link:
        head.append(f'<link rel="canonical" href="{esc(entry.link)}">')
    if feed.title:
        head.append(f'<meta property="og:site_name" content="{esc(feed.title)}">')
    if entry.date:
        head.append(f'<meta property="article:published_time" content="{esc(entry.date)}">')
    if entry.author:
        head.append(f'<meta name="author" content="{esc(entry.author)}">')
    lang = f' lang="{esc(feed.language)}"' if feed.language else ""
    # content_html was sanitised by feedparser (no scripts, styles, event handlers); the
    # HTML reader keeps only text and images from it in any case.
    page = (f"<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\">{''.join(head)}</head>"
            f"<body><article><h1>{esc(entry.title or '')}</h1>{entry.content_html or ''}</article></body></html>")
    return page.encode("utf-8")


def _entry(item) -> FeedEntry:
    content = None
    for part in item.get("content") or ():
        if part.get("value") and (content is None or "html" in (part.get("type") or "")):
            content = part["value"]
    summary = item.get("summary")
    text = content or summary  # many RSS feeds carry the full story in <description>
    return FeedEntry(
        title=_clean(item.get("title")),
        link=item.get("link") or None,
        date=_iso(item.get("published_parsed") or _updated(item)),
        author=_clean(item.get("author")),
        content_html=text,
        full_text=_visible_chars(text) >= FULL_TEXT_MIN_CHARS,
    )


def _updated(item):
    # feedparser warns when updated_parsed is read on an item that has none (its issue 310).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return item.get("updated_parsed")


def _visible_chars(markup: str | None) -> int:
    return len(" ".join(html.unescape(_TAG.sub(" ", markup or "")).split()))


def _iso(parsed_time) -> str | None:
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=timezone.utc).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join(html.unescape(value or "").split())
    return value or None


def _ascii_head(data: bytes, limit: int | None = SNIFF_BYTES) -> bytes:
    """The start of ``data`` as ASCII-compatible bytes (UTF-16/32 feeds decoded first)."""
    chunk = data if limit is None else data[: limit * 4]
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if chunk.startswith(bom):
            chunk = chunk[len(bom):].decode(codec, "replace").encode("utf-8", "replace")
            break
    return chunk if limit is None else chunk[:limit]
