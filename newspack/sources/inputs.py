"""Sources: where an article's bytes come from (a file, stdin, a URL) and what we know of them.

A source yields a :class:`RawInput`: bytes plus the facts readers need (the address to
resolve relative links against, the HTTP content type, the local folder whose files may be
embedded). Decoding and reading happen later, in :mod:`newspack.sources.encoding` and the readers.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

#: Largest input accepted (bytes). The biggest real article pages are a few MB. Reading is
#: linear, about 1 MB/s of paragraphs here (bench/scaling.py: 100,000 paragraphs, 9 MB, in
#: 11 s and 190 MB), so 32 MiB reads in under a minute and 700 MB; a bigger input (the 50 MB
#: page of 700,000 paragraphs) stops at once with a clear message instead of for minutes.
MAX_INPUT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class RawInput:
    source: str  # as the user gave it
    data: bytes
    url: str | None = None  # page address: the fetched URL, or file:// of a local file
    content_type: str | None = None
    local_root: str | None = None  # folder whose files the page may embed (a saved page's images)
    format_hint: str | None = None  # 'text' for a file named *.txt: what the user saved it as


#: File name endings that say the file is a text scrape, whatever markup it quotes.
TEXT_SUFFIXES = frozenset({".txt", ".text"})


def is_url(spec: str) -> bool:
    return spec.split(":", 1)[0].lower() in ("http", "https") and "://" in spec


def open_source(spec: str, *, allow_private: bool = False, max_bytes: int = MAX_INPUT_BYTES, stdin=None) -> RawInput:
    """Read the input named ``spec``: '-' for stdin, an http(s) URL, or a file path."""
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        _check_size(data, max_bytes, spec)
        return RawInput(source=spec, data=data)
    if is_url(spec):
        from .net import fetch  # here: a file or stdin needs no sockets, DNS or address checks

        resp = fetch(spec, allow_private=allow_private, max_bytes=max_bytes)
        return RawInput(source=spec, data=resp.data, url=resp.url, content_type=resp.content_type)
    if "://" in spec and not spec.lower().startswith("file://"):
        raise InputError("unsupported URL scheme: only http and https are fetched", source=spec)
    path = Path(spec[7:] if spec.lower().startswith("file://") else spec)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a file", source=spec)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"too large ({size} bytes; the limit is {max_bytes})", source=spec)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=spec) from None
    except PermissionError:
        raise InputError("permission denied", source=spec) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=spec) from None
    resolved = path.resolve()
    hint = "text" if path.suffix.lower() in TEXT_SUFFIXES else None
    return RawInput(source=spec, data=data, url=resolved.as_uri(), local_root=str(resolved.parent), format_hint=hint)


def _check_size(data: bytes, max_bytes: int, spec: str) -> None:
    if len(data) > max_bytes:
        raise InputError(f"too large (over {max_bytes} bytes)", source=spec)
