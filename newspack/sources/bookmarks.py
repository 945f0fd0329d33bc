"""Bookmarks files and OPML: links in folders.

A browser exports bookmarks as Netscape HTML (``<DT><A HREF ADD_DATE TAGS>`` in nested
``<DL>`` folders, each named by the ``<H3>`` before it); Pocket's old HTML export has the
same links under an "Unread" and a "Read Archive" heading. Feed readers export OPML: nested
``<outline>`` elements, a feed's address in ``xmlUrl``, a link's in ``url``. Folder names
count as tags.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import InputError
from .links import Link

_ENTITY_DECL = re.compile(rb"<!(?:ENTITY|DOCTYPE)", re.IGNORECASE)


class _Bookmarks(HTMLParser):
    """Collects every ``<a href>`` with its title, date, tags and folders (html.parser: it
    accepts the unclosed ``<DT>`` and ``<p>`` of every browser's export)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.folders: list[str | None] = []
        self.heading: str | None = None  # the last <h3>'s text, named folder of the next <dl>
        self.unread: bool | None = None  # Pocket's HTML: under "Unread" or "Read Archive"
        self._text: list[str] | None = None
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag in ("h1", "h3", "a"):
            self._text = []
            self._open = attrs if tag == "a" else None
        elif tag == "dl":
            self.folders.append(self.heading)
            self.heading = None

    def handle_endtag(self, tag):
        text = " ".join("".join(self._text or ()).split())
        if tag == "dl" and self.folders:
            self.folders.pop()
        elif tag == "h3":
            self.heading = text or None
        elif tag == "h1":
            self.unread = text.lower() == "unread" if text.lower() in ("unread", "read archive") else self.unread
        elif tag == "a" and self._open is not None and self._open.get("href"):
            self._add(self._open, text)
        if tag in ("h1", "h3", "a"):
            self._text, self._open = None, None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def _add(self, attrs: dict, title: str) -> None:
        tags = tuple(t.strip() for t in attrs.get("tags", "").split(",") if t.strip())
        tags += tuple(folder for folder in self.folders if folder)
        added = attrs.get("add_date") or attrs.get("time_added")
        self.links.append(Link(attrs["href"].strip(), title or None,
                               float(added) if added and added.strip().isdigit() else None, tags, self.unread))


def read_bookmarks(text: str) -> list[Link]:
    """The links of a Netscape bookmarks file (or Pocket's HTML export)."""
    parser = _Bookmarks()
    parser.feed(text)
    parser.close()
    return parser.links


def read_opml(data: bytes, source: str) -> list[Link]:
    """The feeds and links of an OPML file; InputError when it is not well-formed XML."""
    import xml.etree.ElementTree as ET

    if _ENTITY_DECL.search(data[:data.find(b"<opml")] if b"<opml" in data else data):
        raise InputError("refusing an OPML file that declares XML entities", source=source)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"not a readable OPML file: {exc}", source=source) from None
    body = root.find("body")
    links: list[Link] = []
    _outlines(body if body is not None else root, (), links)
    return links


def _outlines(top, folders: tuple[str, ...], links: list[Link]) -> None:
    # a walk with a stack, not recursion: a file nested ten thousand deep is no crash
    stack = [(outline, folders) for outline in reversed(top.findall("outline"))]
    while stack:
        outline, folders = stack.pop()
        name = (outline.get("title") or outline.get("text") or "").strip()
        url = (outline.get("xmlUrl") or outline.get("url") or "").strip()
        if url:
            categories = re.split(r"[,/]", outline.get("category") or "")
            tags = tuple(c.strip() for c in categories if c.strip()) + folders
            links.append(Link(url, name or None, None, tags, None))
        inner = folders + ((name,) if name and not url else ())
        stack.extend((child, inner) for child in reversed(outline.findall("outline")))
