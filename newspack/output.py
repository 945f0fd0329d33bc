"""Writing results without ever leaving a partial file: temp file in the target folder, then rename."""
from __future__ import annotations

import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from .errors import OutputError

#: Longest slug used for a default file name; long headlines make unwieldy paths.
MAX_SLUG_CHARS = 80


def slugify(title: str | None, fallback: str = "article") -> str:
    """'Poutine signale que…' -> 'poutine-signale-que…': ASCII, lower case, hyphens."""
    # Accents fold to their base letter (é -> e); every other non-ASCII character (’, «) splits words.
    chars = (c if c.isascii() else "" if unicodedata.combining(c) else "-" for c in unicodedata.normalize("NFKD", title or ""))
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(chars).lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS].rsplit("-", 1)[0]
    return slug or fallback


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temp file and rename; '-' writes to stdout."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path("-")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write: folder {str(folder)!r} does not exist", source=str(target))
    if target.is_dir():
        raise OutputError("cannot write: is a folder", source=str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(target)) from None
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
