"""Pictures that come inside a saved page: an MHTML file's parts, a WARC file's image records,
a SingleFile page's ``data:`` URIs.

They are stored once, by content, in the cache folder (``saved/``), and the page's figures
point at the stored copies, so a book of a saved page is made from what was saved, never
fetched again. Writers read only the folders an edition allows: a page with pictures of its
own names this folder (:attr:`RawInput.picture_root <newspack.sources.inputs.RawInput>`).

An archive names a picture by the URL it was loaded from; the reader resolves a figure's
``src`` to the same absolute URL, so the swap happens after reading
(:func:`with_saved_pictures`), whatever attribute (``src``, lazy ``data-src``...) the reader
chose. A ``data:`` URI has no URL: it is swapped for the stored copy's ``file:`` URL before
reading, since readers take ``data:`` in ``src`` for a lazy-loading placeholder.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from .. import resources
from ..files import replace_file
from ..model import Article, Figure

#: Subfolder of the cache folder holding the pictures of saved pages.
SAVED_SUBFOLDER = "saved"

#: Media types of pictures worth storing; the writers turn any of them into JPEG or PNG.
RASTER_TYPES = frozenset({"image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/gif", "image/webp",
                          "image/avif", "image/bmp", "image/tiff"})

#: A ``data:`` picture smaller than this (decoded bytes) is a spacer or a lazy-loading
#: placeholder (a 1x1 GIF is 43 bytes, a blurred preview a few hundred), never the story's
#: picture, and stays in the page as it is; a real photograph is tens of kilobytes.
MIN_DATA_PICTURE_BYTES = 1024

#: Largest picture stored (bytes), as for downloads (``images.download.MAX_IMAGE_DOWNLOAD_BYTES``).
MAX_PICTURE_BYTES = 15 * 1024 * 1024

_DATA_PICTURE = re.compile(rb"data:(image/[a-z0-9.+-]+)((?:;[a-z0-9_.+=-]*)*);base64,([a-z0-9+/]+=*)", re.IGNORECASE)


def saved_folder() -> Path:
    """Where the pictures of saved pages are kept (in the cache folder)."""
    return resources.cache_dir() / SAVED_SUBFOLDER


def store_picture(data: bytes, media_type: str) -> str | None:
    """Keep ``data`` in the saved folder; its ``file:`` URL, or None when it is no raster picture."""
    if media_type.split(";")[0].strip().lower() not in RASTER_TYPES or not data or len(data) > MAX_PICTURE_BYTES:
        return None
    folder = saved_folder()
    path = folder / hashlib.sha256(data).hexdigest()
    if not path.is_file():
        _write(path, data)
    return path.as_uri()


def _write(path: Path, data: bytes) -> None:
    # Temp file then rename: two runs at once, or one killed mid-write, never leave a torn picture.
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)


def store_data_pictures(page: bytes) -> tuple[bytes, bool]:
    """``page`` with each ``data:`` picture (a SingleFile page's) swapped for its stored copy's
    ``file:`` URL, and whether any was. One pass over the page: linear in its size."""
    stored = False

    def swap(match: re.Match) -> bytes:
        nonlocal stored
        try:
            data = base64.b64decode(match.group(3), validate=True)
        except (binascii.Error, ValueError):
            return match.group(0)
        url = store_picture(data, match.group(1).decode("ascii")) if len(data) >= MIN_DATA_PICTURE_BYTES else None
        if url is None:
            return match.group(0)
        stored = True
        return url.encode("ascii")

    if b"data:image/" not in page and b"DATA:IMAGE/" not in page.upper():
        return page, False
    return _DATA_PICTURE.sub(swap, page), stored


def with_saved_pictures(article: Article, pictures: Mapping[str, str]) -> Article:
    """``article`` with each figure whose image the archive holds pointing at the stored copy."""
    if not pictures or not any(isinstance(b, Figure) and b.src in pictures for b in article.blocks):
        return article
    return article.with_blocks(tuple(
        replace(b, src=pictures[b.src]) if isinstance(b, Figure) and b.src in pictures else b
        for b in article.blocks))
