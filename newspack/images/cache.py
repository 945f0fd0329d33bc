"""Processed images kept between runs: a picture is re-encoded, a cover drawn, once.

Re-encoding a book's pictures and drawing its cover cost more than reading the page (0.08 s
and 0.07 s of a 0.4 s EPUB). Their results depend only on the input bytes and the options,
so they are stored under a hash of both and read back on the next run. A cache entry is one
file, ``<key>.<width>x<height>.<ext>``, written atomically; a damaged or missing folder only
costs the time it was meant to save. Without a folder (``None``) nothing is kept.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..files import replace_file
from .picture import MEDIA_TYPES, EmbeddedImage, embedded_image

#: Part of every key, with the source of the code that makes what is cached (below): a
#: newer newspack, or an edited one, never reads what an older one made.
CACHE_VERSION = "1"

#: The modules whose code decides the cached bytes (processing pictures, drawing covers).
_MAKERS = (Path(__file__).with_name("embed.py"), Path(__file__).parent.parent / "writers" / "cover.py")

_EXTENSIONS = {ext: media_type for media_type, ext in MEDIA_TYPES.values()}


def cache_key(*parts: bytes | str) -> str:
    """A hex key for ``parts`` (bytes hashed as they are, text as UTF-8), version included."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    digest.update(_makers_digest())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:40]


@lru_cache(maxsize=1)
def _makers_digest() -> bytes:
    digest = hashlib.sha256()
    for path in _MAKERS:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.digest()


def cached_image(folder: Path | None, key: str,
                 make: Callable[[], EmbeddedImage | None]) -> EmbeddedImage | None:
    """The image stored under ``key`` in ``folder``, else ``make()``'s result, stored."""
    if folder is None:
        return make()
    found = _read(folder, key)
    if found is not None:
        return found
    image = make()
    if image is not None:
        _write(folder, key, image)
    return image


def _read(folder: Path, key: str) -> EmbeddedImage | None:
    try:
        for path in folder.glob(f"{key}.*"):
            _, size, ext = path.name.split(".")
            width, height = (int(n) for n in size.split("x"))
            if ext in _EXTENSIONS:
                return embedded_image(path.read_bytes(), _EXTENSIONS[ext], ext, (width, height))
    except (OSError, ValueError):
        pass
    return None


def _write(folder: Path, key: str, image: EmbeddedImage) -> None:
    ext = image.filename.rsplit(".", 1)[-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        replace_file(folder / f"{key}.{image.width}x{image.height}.{ext}", image.data)
    except OSError:
        pass  # a read-only or full cache: the book is made all the same
