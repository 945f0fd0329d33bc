"""Writing results without ever leaving a partial file: temp file in the target folder, then rename."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from .errors import OutputError, UsageError
from .files import replace_file

#: Longest slug used for a default file name; long headlines make unwieldy paths.
MAX_SLUG_CHARS = 80


#: Hex digits of the title's hash added to a slug that lost letters: 8 (4 billion values) keep
#: two titles of one folder apart, and the name still short.
SLUG_HASH_CHARS = 8

#: Latin letters that Unicode does not decompose into an ASCII base letter.
_LATIN_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                              "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"})


def slugify(title: str | None, fallback: str = "article") -> str:
    """'Poutine signale que…' -> 'poutine-signale-que…': ASCII, lower case, hyphens.

    A title in another script (Korean, Japanese, Greek...) keeps what ASCII it has plus a short
    hash of the title, so two different titles never get the same name ('article-3f2a9c1b').
    """
    text = unicodedata.normalize("NFKD", (title or "").translate(_LATIN_FOLDS))
    # Accents fold to their base letter (é -> e); every other non-ASCII character (’, «) splits words.
    chars = [c if c.isascii() else "" if unicodedata.combining(c) else "-" for c in text]
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(chars).lower()).strip("-")
    lost_letters = any(not c.isascii() and c.isalnum() for c in text)
    room = MAX_SLUG_CHARS - (SLUG_HASH_CHARS + 1 if lost_letters else 0)
    if len(slug) > room:
        slug = slug[:room].rsplit("-", 1)[0]
    if lost_letters:
        digest = hashlib.sha256(unicodedata.normalize("NFC", title).encode("utf-8")).hexdigest()
        return f"{slug or fallback}-{digest[:SLUG_HASH_CHARS]}"
    return slug or fallback


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temp file and rename; '-' writes to stdout.

    A FIFO or a device node is written into directly: renaming over it would replace the
    node itself (as root, ``-o /dev/full`` used to turn the device into a regular file).
    Anything else that is not a regular file (a socket, a folder) is refused.
    """
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path("-")
    target = Path(path)
    # Through a symlink the file it names is replaced, never the link itself.
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    kind = _special_kind(real)
    if kind in ("fifo", "device"):
        _write_special(real, data, str(target))
        return target
    if kind is not None:
        raise OutputError(f"cannot write: is a {kind}, not a file", source=str(target))
    _replace_file(real, data, str(target))
    return target


def _special_kind(path: Path) -> str | None:
    """'fifo', 'device' (character), 'block device', 'folder' or 'socket' when ``path`` is one;
    None for a file or nothing."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode):
        return "device"
    if stat.S_ISBLK(mode):
        return "block device"  # a disk: a book written onto it would destroy what it holds
    return "folder" if stat.S_ISDIR(mode) else "socket" if stat.S_ISSOCK(mode) else "special file"


def _write_special(path: Path, data: bytes, label: str) -> None:
    """Write into a FIFO or device as it is (no temp file: it cannot be renamed over)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=label) from None


def _replace_file(target: Path, data: bytes, label: str) -> None:
    """Temp file in the target's folder, fsync, rename: a failure leaves the old file whole."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write: folder {str(folder)!r} does not exist", source=label)
    try:
        replace_file(target, data)
    except OSError as exc:  # a read-only or virtual folder (/proc), no permission, a full disk
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=label) from None


#: Output file extensions that name a format without --to (besides the formats' own names).
EXTENSION_ALIASES = {"htm": "html", "xhtml": "html"}


def output_format(output: str | None, to_format: str | None) -> str:
    """The format to write: ``to_format``, else OUT's extension, else epub. UsageError when
    OUT's extension names no format we write (``x.mobi`` must not silently become an EPUB)
    or its folder is missing."""
    from .writers import WRITERS

    if output is not None and not output.strip():
        raise UsageError("-o wants a file name or '-' for stdout, not an empty name")
    if output and output != "-" and not Path(output).parent.is_dir():
        raise UsageError(f"cannot write {output}: folder {str(Path(output).parent)!r} does not exist")
    known = {**{fmt: fmt for fmt in WRITERS}, **EXTENSION_ALIASES}
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    if to_format:
        # a PDF named .epub opens in nothing that trusts the name
        if known.get(suffix, to_format) != to_format:
            raise UsageError(f"-o {output} names a .{suffix} file but --to says {to_format}: "
                             "make them agree, or leave one out")
        return to_format
    if suffix.isalnum() and suffix not in known:  # "Mr. Smith" has no extension
        raise UsageError(f"cannot tell the format of {output}: .{suffix} is not one of "
                         f"{', '.join('.' + f for f in WRITERS)}; name the format with --to")
    return known.get(suffix, "epub")
