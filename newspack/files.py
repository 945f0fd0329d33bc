"""The one atomic write: a temp file beside the target, flushed to disk, then renamed over it.

Books (``output.py``), downloaded pictures and processed images (``images/``) are all written
this way: a run killed mid-write, a full disk or two runs at once never leave a torn file, and
an earlier file stays whole until the new one is complete.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: The process's umask, read once at import: reading it means setting it, and a thread that
#: created a file in between would create it world-writable.
_UMASK = _read_umask()


def replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, with the permissions a new file gets
    (0644 less the umask; a temp file's own are 0600). Raises OSError; never leaves the temp."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
