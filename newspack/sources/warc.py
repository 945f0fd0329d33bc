"""WARC (``.warc``, ``.warc.gz``): a web archive, many pages and their pictures in one file.

warcio reads it as a stream. Each HTML response (or resource) record with a 2xx status is a
page; each image record is a picture, stored by :mod:`newspack.sources.pictures` and swapped
in for the figures that name its URL. Redirects, errors, scripts and styles are left out. A
file that breaks part way still gives the pages before the break, and the break is said.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urljoin

from .pictures import store_picture

#: Largest WARC file read (bytes). An archive is streamed, only its pages are kept in memory,
#: so this bounds the run's time (a GB reads in about a minute), not its memory.
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024

#: Largest page record kept (bytes), as for any input (``newspack.sources.MAX_INPUT_BYTES``).
MAX_PAGE_RECORD_BYTES = 32 * 1024 * 1024

_PAGE_TYPES = ("text/html", "application/xhtml+xml")
#: A page's references to other files, for the pictures that page may use.
_REFERENCE = re.compile(rb"""(?:src|srcset|href|poster|data-[\w-]+)\s*=\s*["']([^"'<>]{1,4096})["']""", re.IGNORECASE)


@dataclass(frozen=True)
class WarcPage:
    url: str
    data: bytes
    content_type: str
    pictures: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class WarcPages:
    """What a WARC file holds: its pages, in order, and what stopped the reading, if anything."""

    pages: tuple[WarcPage, ...]
    problems: tuple[str, ...] = ()


def looks_like_warc(head: bytes) -> bool:
    """Whether ``head`` (the file's first bytes) opens a WARC file, plain or gzipped."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


class _Unsaid(str):
    """A message template that says nothing: warcio writes its warning about a record of the
    wrong length straight to stderr; we count them instead (``err_count``) and say it once."""

    def format(self, *args, **kwargs) -> str:
        return ""


def read_warc(stream: BinaryIO) -> WarcPages:
    """Every page of the WARC ``stream``, with the pictures it references that the file holds."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        INC_RECORD = _Unsaid()

    pages, pictures, problems = [], {}, []
    records = QuietIterator(stream, check_digests=False)
    try:
        for record in records:
            problem = _take(record, pages, pictures)
            if problem:
                problems.append(problem)
    except Exception as exc:  # warcio raises many kinds (ArchiveLoadFailed, EOFError, zlib.error...)
        problems.append(f"not a readable WARC file after {len(pages)} page{'s' * (len(pages) != 1)}: "
                        f"{exc.__class__.__name__}: {str(exc)[:200]}")
    if records.err_count and not problems:
        problems.append(f"not a readable WARC file after {len(pages)} page{'s' * (len(pages) != 1)}: "
                        f"{records.err_count} record{'s' * (records.err_count != 1)} of the wrong length")
    return WarcPages(tuple(_with_pictures(page, pictures) for page in pages), tuple(problems))


def _take(record, pages: list[WarcPage], pictures: dict[str, str]) -> str | None:
    """Keep ``record`` if it is a page or a picture; a reason when a page is left out."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None or not url.lower().startswith(("http://", "https://")):
        return None
    status = headers.get_statuscode() if record.rec_type == "response" else "200"
    kind = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not str(status).startswith("2") or not (kind in _PAGE_TYPES or kind.startswith("image/")):
        return None
    data = record.content_stream().read(MAX_PAGE_RECORD_BYTES + 1)
    if len(data) <= MAX_PAGE_RECORD_BYTES and getattr(record.raw_stream, "limit", 0) > 0:
        # warcio ends a record quietly where a truncated file ends: its length says more was due
        return f"{url}: record cut short (the file ends inside it)"
    if kind.startswith("image/"):
        stored = store_picture(data, kind)
        if stored:
            pictures[url] = stored
        return None
    if len(data) > MAX_PAGE_RECORD_BYTES:
        return f"{url}: page record too large (over {MAX_PAGE_RECORD_BYTES} bytes)"
    pages.append(WarcPage(url, data, headers.get_header("Content-Type") or "text/html"))
    return None


def _with_pictures(page: WarcPage, pictures: dict[str, str]) -> WarcPage:
    """``page`` with the pictures it references (by any attribute) that the archive holds."""
    if not pictures:
        return page
    mine = {}
    for match in _REFERENCE.finditer(page.data):
        for token in match.group(1).decode("utf-8", "replace").replace(",", " ").split():
            url = urljoin(page.url, token.replace("&amp;", "&"))
            if url in pictures:
                mine[url] = pictures[url]
    return WarcPage(page.url, page.data, page.content_type, tuple(mine.items()))
