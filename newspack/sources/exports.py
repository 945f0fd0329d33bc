"""Read-later exports and bookmarks: the lists of URLs people already keep, recognised by content.

=================  ====================================  ======================  ===========
export             recognised by                         read or unread          date
=================  ====================================  ======================  ===========
Pocket CSV         header ``title,url,time_added,...``   ``status`` (unread)     time_added
Instapaper CSV     header ``URL,Title,Selection,...``    ``Folder`` (Archive)    Timestamp
Omnivore JSON      items with ``savedAt``/``slug``       ``state``, progress     savedAt
wallabag JSON      items with ``is_archived``            ``is_archived``         created_at
bookmarks HTML     ``<!DOCTYPE NETSCAPE-Bookmark-file``  (not said)              ADD_DATE
Pocket HTML        ``<title>Pocket Export``              its "Unread" list       time_added
OPML               an ``<opml>`` root                    (not said)              (none)
=================  ====================================  ======================  ===========

Tags are the export's tags or labels, and the folders an item sits in (bookmarks, OPML,
Instapaper). :func:`select` applies what the user asked for (unread, a tag, a date range).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

from ..errors import InputError
from .bookmarks import read_bookmarks, read_opml
from .links import Link

#: Largest export read (bytes): 64 MiB holds some 300,000 saved links, more than anyone reads.
MAX_EXPORT_BYTES = 64 * 1024 * 1024

#: Bytes looked at to recognise an export (a CSV header, a doctype, a JSON opening).
SNIFF_BYTES = 4096

_POCKET_CSV = {"title", "url", "time_added", "tags", "status"}
_INSTAPAPER_CSV = {"url", "title", "selection", "folder", "timestamp"}
_NETSCAPE = re.compile(rb"^\s*<!doctype\s+netscape-bookmark-file", re.IGNORECASE)
_POCKET_HTML = re.compile(rb"<title>\s*pocket export\s*</title>", re.IGNORECASE)
_OPML = re.compile(rb"<opml[\s>]", re.IGNORECASE)
#: A JSON list of objects, or an object: a scrape that opens with "[Updated]" is no export.
_JSON_ITEMS = re.compile(rb'\s*(?:\[\s*\{\s*"|\{\s*")')
_HTML = re.compile(rb"<html[\s>]|<!doctype\s+html", re.IGNORECASE)


@dataclass(frozen=True)
class Export:
    kind: str  # the export's name, as a user knows it ("Pocket CSV")
    links: tuple[Link, ...]
    says_unread: bool  # whether the export says which items are unread


@dataclass(frozen=True)
class LinkFilter:
    """What a user keeps of an export: unread items only, items with one of ``tags``, items
    added between ``since`` and ``until`` (days, both included)."""

    unread: bool = False
    tags: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return self.unread or bool(self.tags) or self.since is not None or self.until is not None


def export_kind(data: bytes) -> str | None:
    """The kind of export ``data`` is, or None for anything else (a page, a list of URLs)."""
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if _NETSCAPE.match(head):
        return "bookmarks HTML"
    if _POCKET_HTML.search(head):
        return "Pocket HTML"
    opml = _OPML.search(head)
    if opml and head.lstrip().startswith(b"<") and not _HTML.search(head[:opml.start()]):
        return "OPML"  # an <opml> root, after at most an XML declaration, comments or a doctype
    if _JSON_ITEMS.match(head):
        return "JSON export"  # which one is told by its items, once parsed
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    columns = {c.strip().strip('"') for c in first.split(",")}
    if _POCKET_CSV <= columns:
        return "Pocket CSV"
    if _INSTAPAPER_CSV <= columns:
        return "Instapaper CSV"
    return None


def read_export(data: bytes, source: str) -> Export:
    """The links of the export ``data``; InputError (naming ``source``) when it is malformed."""
    kind = export_kind(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not a readable export: not UTF-8 (byte {exc.start})", source=source) from None
    if kind == "bookmarks HTML" or kind == "Pocket HTML":
        links, says_unread = read_bookmarks(text), kind == "Pocket HTML"
    elif kind == "OPML":
        links, says_unread = read_opml(data, source), False
    elif kind == "JSON export":
        kind, links = _json_export(text, source)
        says_unread = True
    elif kind in ("Pocket CSV", "Instapaper CSV"):
        links, says_unread = _csv_export(text, kind, source), True
    else:
        raise InputError("not an export newspack knows", source=source)
    return Export(kind, tuple(link for link in links if link.url.lower().startswith(("http://", "https://"))),
                  says_unread)


def _csv_export(text: str, kind: str, source: str) -> list[Link]:
    rows = csv.DictReader(io.StringIO(text))
    rows.fieldnames = [name.strip().lower() for name in rows.fieldnames or ()]
    links = []
    try:
        for number, row in enumerate(rows, start=2):
            if not (row.get("url") or "").strip():
                raise InputError(f"{kind} line {number} has no URL", source=source)
            links.append(_pocket_row(row) if kind == "Pocket CSV" else _instapaper_row(row))
    except csv.Error as exc:
        raise InputError(f"not a readable {kind}: {exc}", source=source) from None
    return links


def _pocket_row(row: dict) -> Link:
    tags = tuple(t.strip() for t in (row.get("tags") or "").split("|") if t.strip())
    return Link(row["url"].strip(), (row.get("title") or "").strip() or None, _unix(row.get("time_added")), tags,
                (row.get("status") or "").strip().lower() == "unread")


def _instapaper_row(row: dict) -> Link:
    folder = (row.get("folder") or "").strip()
    tags = _tag_list(row.get("tags"))
    if folder and folder.lower() not in ("unread", "archive"):
        tags += (folder,)
    return Link(row["url"].strip(), (row.get("title") or "").strip() or None, _unix(row.get("timestamp")), tags,
                folder.lower() != "archive")


def _tag_list(value: str | None) -> tuple[str, ...]:
    """Instapaper's tags: a JSON list (``["a","b"]``), or words separated by commas."""
    value = (value or "").strip()
    if value.startswith("["):
        try:
            return tuple(str(t).strip() for t in json.loads(value) if str(t).strip())
        except (ValueError, TypeError):
            pass
    return tuple(t.strip() for t in value.split(",") if t.strip())


def _json_export(text: str, source: str) -> tuple[str, list[Link]]:
    try:
        items = json.loads(text)
    except ValueError as exc:
        raise InputError(f"not a readable JSON export: {exc}", source=source) from None
    if isinstance(items, dict):  # some wallabag versions wrap the list
        items = items.get("items") or items.get("entries") or items.get("_embedded", {}).get("items")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError("not a read-later export: a JSON list of items was expected", source=source)
    if any("is_archived" in i for i in items):
        return "wallabag JSON", [_wallabag_item(i, n, source) for n, i in enumerate(items, start=1)]
    if any(k in i for i in items for k in ("savedAt", "readingProgress", "slug")):
        return "Omnivore JSON", [_omnivore_item(i, n, source) for n, i in enumerate(items, start=1)]
    raise InputError("JSON file is neither a wallabag nor an Omnivore export", source=source)


def _url_of(item: dict, number: int, source: str) -> str:
    url = item.get("url") or item.get("originalArticleUrl")
    if not isinstance(url, str) or not url.strip():
        raise InputError(f"item {number} has no URL", source=source)
    return url.strip()


def _names(values) -> tuple[str, ...]:
    """Tags or labels: strings, or objects with a ``label``/``name``/``slug``."""
    names = []
    for value in values if isinstance(values, list) else ():
        name = value if isinstance(value, str) else next(
            (value.get(k) for k in ("label", "name", "slug") if isinstance(value, dict) and value.get(k)), None)
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return tuple(names)


def _wallabag_item(item: dict, number: int, source: str) -> Link:
    return Link(_url_of(item, number, source), item.get("title") or None, _iso(item.get("created_at")),
                _names(item.get("tags")), not item.get("is_archived"))


def _omnivore_item(item: dict, number: int, source: str) -> Link:
    archived = str(item.get("state") or "").lower() == "archived"
    progress = item.get("readingProgress") or 0
    return Link(_url_of(item, number, source), item.get("title") or None, _iso(item.get("savedAt")),
                _names(item.get("labels")), not archived and not progress)


def _unix(value) -> float | None:
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _iso(value) -> float | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)  # wallabag writes +0200
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def select(export: Export, wanted: LinkFilter, source: str) -> list[Link]:
    """The links of ``export`` that ``wanted`` keeps; InputError when it asks what the export cannot say."""
    if wanted.unread and not export.says_unread:
        raise InputError(f"a {export.kind} file does not say what is read: --unread cannot apply to it",
                         source=source)
    tags = {t.casefold() for t in wanted.tags}
    start = _day_start(wanted.since)
    end = _day_start(wanted.until) + 86400 if wanted.until else None
    kept = []
    for link in export.links:
        if wanted.unread and not link.unread:
            continue
        if tags and not tags & {t.casefold() for t in link.tags}:
            continue
        if (start is not None or end is not None) and not _within(link.added, start, end):
            continue
        kept.append(link)
    return kept


def _day_start(day: date | None) -> float | None:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() if day else None


def _within(moment: float | None, start: float | None, end: float | None) -> bool:
    # an undated item cannot be said to fall in the range: a date range leaves it out
    return moment is not None and (start is None or moment >= start) and (end is None or moment < end)


def file_export_kind(spec: str) -> str | None:
    """The kind of export the file ``spec`` is; None for anything else (or a URL, or stdin)."""
    if "://" in spec or spec == "-":
        return None
    try:
        with open(spec, "rb") as handle:
            return export_kind(handle.read(SNIFF_BYTES))
    except OSError:
        return None  # reported when it is opened as a page


def export_file_urls(spec: str, wanted: LinkFilter) -> list[str]:
    """The URLs (each once, in order) of the export file ``spec`` that ``wanted`` keeps;
    InputError when it is malformed, or when none is left."""
    try:
        with open(spec, "rb") as handle:
            data = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=spec) from None
    if len(data) > MAX_EXPORT_BYTES:
        raise InputError(f"too large (over {MAX_EXPORT_BYTES} bytes)", source=spec)
    export = read_export(data, spec)
    kept = select(export, wanted, spec)
    if not kept:
        said = f"none of its {len(export.links)} links is kept by the filters" if wanted else "it holds no http(s) link"
        raise InputError(f"{export.kind}: {said}", source=spec)
    return list(dict.fromkeys(link.url for link in kept))
