"""Processed images kept between runs: a picture is re-encoded, a cover drawn, once.

Re-encoding a book's pictures and drawing its cover cost more than reading the page (0.08 s
and 0.07 s of a 0.4 s EPUB). Their results depend only on the input bytes and the options,
so they are stored under a hash of both and read back on the next run. A cache entry is one
file, ``<key>.<width>x<height>.<ext>``, written atomically; a damaged or missing folder only
costs the time it was meant to save. Without a folder (``None``) nothing is kept.

The cache folder (these processed pictures, the downloaded ones, compiled templates) is held
under a size limit: after each book, :func:`trim_cache` deletes the oldest files until the rest
fits (``MAX_CACHE_BYTES``, or ``$NEWSPACK_CACHE_MAX_MB``).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..errors import UsageError
from ..files import replace_file
from .picture import MEDIA_TYPES, EmbeddedImage, embedded_image

#: Bytes the whole cache folder may hold before the oldest files go: a daily edition of 30
#: pictured stories adds about 12 MB, so about six weeks stay, enough for every re-run and
#: rebuild, while a year of editions does not fill a disk.
MAX_CACHE_BYTES = 500 * 2**20
#: The environment variable that changes the limit, in MiB (0: no limit).
CACHE_LIMIT_ENV = "NEWSPACK_CACHE_MAX_MB"

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
                data = path.read_bytes()
                os.utime(path)  # used again: young again, the last to go when the cache is trimmed
                return embedded_image(data, _EXTENSIONS[ext], ext, (width, height))
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


def cache_limit(environ: dict[str, str] | None = None) -> int | None:
    """The cache's size limit in bytes (None: no limit), from ``$NEWSPACK_CACHE_MAX_MB``."""
    value = (os.environ if environ is None else environ).get(CACHE_LIMIT_ENV, "").strip()
    if not value:
        return MAX_CACHE_BYTES
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if megabytes < 0:
        raise UsageError(f"{CACHE_LIMIT_ENV} must be a number of MiB, 0 for no limit, not {value!r}")
    return int(megabytes * 2**20) or None


def trim(folder: Path, max_bytes: int) -> list[Path]:
    """Delete the oldest files under ``folder`` (by modification time) until the others hold
    ``max_bytes`` or less; return what was deleted. Files being written (dot names) are left."""
    entries = []
    for root, _, names in os.walk(folder):
        for name in names:
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                info = path.stat()
            except OSError:
                continue
            entries.append((info.st_mtime, str(path), info.st_size))
    total = sum(size for _, _, size in entries)
    removed = []
    for _, path, size in sorted(entries):
        if total <= max_bytes:
            break
        try:
            os.unlink(path)
        except FileNotFoundError:  # another run trimmed it first
            pass
        except OSError:
            continue
        total -= size
        removed.append(Path(path))
    return removed


def trim_cache(folder: Path | None = None) -> list[Path]:
    """Hold the user's cache folder to its limit (see :func:`cache_limit`); return what went."""
    from ..resources import cache_dir

    limit = cache_limit()
    folder = folder or cache_dir()
    return trim(folder, limit) if limit is not None and folder.is_dir() else []
