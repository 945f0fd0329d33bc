"""MHTML (``.mhtml``, ``.mht``): a page saved by a browser as one MIME multipart file.

The standard library's email package reads it: the first HTML part is the page (its
``Content-Location`` its address), the image parts are its pictures, stored by
:mod:`newspack.sources.pictures` and named by the URL (``Content-Location``) or ``cid:``
(``Content-ID``) the page loaded them by. Stylesheets, scripts and frames are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .pictures import store_picture

#: Bytes looked at to recognise an MHTML file: its MIME headers come first and are short.
SNIFF_BYTES = 8192

_MULTIPART_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_MIME_VERSION = re.compile(rb"^mime-version:", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class SavedPage:
    """The page of an MHTML file, and its pictures (the URL it loaded each by -> stored copy)."""

    html: bytes
    content_type: str
    url: str | None
    pictures: tuple[tuple[str, str], ...]


def looks_like_mhtml(data: bytes) -> bool:
    """Whether ``data`` opens with the MIME headers of a multipart/related message."""
    head = data[:SNIFF_BYTES]
    end = re.search(rb"\r?\n\r?\n", head)
    headers = head[: end.start()] if end else head
    return bool(_MULTIPART_RELATED.search(headers) and _MIME_VERSION.search(headers))


def read_mhtml(data: bytes, source: str) -> SavedPage:
    """The page and pictures of the MHTML file ``data``; InputError names what is wrong."""
    import email  # here: the email package (and the socket module it pulls in) only for an MHTML file
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        raise InputError("not a readable MHTML file: its parts cannot be found (no boundary)", source=source)
    page, pictures = None, []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if page is None and kind in ("text/html", "application/xhtml+xml"):
            page = part
        elif kind.startswith("image/"):
            pictures.append(part)
    if page is None:
        raise InputError("MHTML file holds no HTML part", source=source)
    html = page.get_payload(decode=True)
    if not html:
        raise InputError("MHTML file's HTML part is empty", source=source)
    charset = page.get_content_charset()
    url = _header(page, "Content-Location") or _header(message, "Snapshot-Content-Location")
    return SavedPage(html=html, content_type=f"text/html; charset={charset}" if charset else "text/html",
                     url=url if url and url.lower().startswith(("http://", "https://")) else None,
                     pictures=tuple(_stored(pictures)))


def _stored(parts) -> list[tuple[str, str]]:
    names = []
    for part in parts:
        stored = store_picture(part.get_payload(decode=True) or b"", part.get_content_type())
        if stored is None:
            continue
        location = _header(part, "Content-Location")
        content_id = _header(part, "Content-ID")
        if location:
            names.append((location, stored))
        if content_id:
            names.append((f"cid:{content_id.strip('<>')}", stored))
    return names


def _header(part, name: str) -> str | None:
    value = part.get(name)
    if value is None:
        return None
    return " ".join(str(value).split()) or None
