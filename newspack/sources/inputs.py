"""Sources: where an article's bytes come from (a file, stdin, a URL) and what we know of them.

A source yields a :class:`RawInput`: bytes plus the facts readers need (the address to
resolve relative links against, the HTTP content type, the local folder whose files may be
embedded). Decoding and reading happen later, in :mod:`newspack.sources.encoding` and the readers.

A saved page is recognised by its content and unpacked here: an MHTML file gives its HTML
part (:mod:`.mhtml`), a page with ``data:`` pictures (SingleFile) has them stored
(:mod:`.pictures`), and a WARC file gives many pages (:mod:`.warc`, :func:`open_pages`), of
which :func:`open_source` takes the one ``url`` names.
"""
from __future__ import annotations

import io
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from .mhtml import looks_like_mhtml, read_mhtml
from .pictures import saved_folder, store_data_pictures
from .warc import MAX_ARCHIVE_BYTES, looks_like_warc, read_warc

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
    #: The folder of pictures stored out of a saved page (``pictures.saved_folder``), if it has any.
    picture_root: str | None = None
    #: A picture's URL as the page names it -> the ``file:`` URL of its stored copy (MHTML, WARC).
    pictures: tuple[tuple[str, str], ...] = ()
    #: What opening it had to say (a rendered page's loads the address policy refused).
    warnings: tuple[str, ...] = ()

    @property
    def roots(self) -> tuple[str, ...]:
        """The folders whose pictures this page may embed."""
        return tuple(root for root in (self.local_root, self.picture_root) if root)


#: Bytes read first to recognise a saved page's kind (WARC, MHTML) before reading it all.
SNIFF_BYTES = 8192


#: File name endings that say the file is a text scrape, whatever markup it quotes.
TEXT_SUFFIXES = frozenset({".txt", ".text"})


def is_url(spec: str) -> bool:
    return spec.split(":", 1)[0].lower() in ("http", "https") and "://" in spec


def open_source(spec: str, *, allow_private: bool = False, max_bytes: int = MAX_INPUT_BYTES, stdin=None,
                url: str | None = None, render: bool = False) -> RawInput:
    """Read the input named ``spec``: '-' for stdin, an http(s) URL, or a file path. Of a WARC
    file's pages, the one at ``url`` (or its only page). ``render``: load the URL in headless
    Chromium and take the DOM its scripts build."""
    if render:
        if not is_url(spec):
            raise InputError("--render loads web pages: give an http(s) URL", source=spec)
        return rendered_input(spec, allow_private=allow_private)
    pages = open_pages(spec, allow_private=allow_private, max_bytes=max_bytes, stdin=stdin)
    if len(pages) == 1 and isinstance(pages[0], RawInput):
        return pages[0]
    return _pick(spec, [page for page in pages if isinstance(page, RawInput)], url)


def open_pages(spec: str, *, allow_private: bool = False, max_bytes: int = MAX_INPUT_BYTES,
               stdin=None) -> list[RawInput | InputError]:
    """Every page the input holds: one, or a WARC file's, followed by an InputError for each
    page it could not give. Raise InputError when there is none."""
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        _check_size(data, max_bytes, spec)
        if looks_like_warc(data[:SNIFF_BYTES]):
            return _warc_pages(spec, io.BytesIO(data))
        return [_unpack(RawInput(source=spec, data=data))]
    if is_url(spec):
        from .net import fetch  # here: a file or stdin needs no sockets, DNS or address checks

        resp = fetch(spec, allow_private=allow_private, max_bytes=max_bytes)
        return [RawInput(source=spec, data=resp.data, url=resp.url, content_type=resp.content_type)]
    if "://" in spec and not spec.lower().startswith("file://"):
        raise InputError("unsupported URL scheme: only http and https are fetched", source=spec)
    path = Path(spec[7:] if spec.lower().startswith("file://") else spec)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a file", source=spec)
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if looks_like_warc(head):
                _check_file_size(size, MAX_ARCHIVE_BYTES, spec)
                handle.seek(0)
                return _warc_pages(spec, handle)
        # an MHTML file carries its pictures: it may be as large as an archive
        _check_file_size(size, MAX_ARCHIVE_BYTES if looks_like_mhtml(head) else max_bytes, spec)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=spec) from None
    except PermissionError:
        raise InputError("permission denied", source=spec) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=spec) from None
    resolved = path.resolve()
    hint = "text" if path.suffix.lower() in TEXT_SUFFIXES else None
    return [_unpack(RawInput(source=spec, data=data, url=resolved.as_uri(), local_root=str(resolved.parent),
                             format_hint=hint))]


def rendered_input(url: str, *, allow_private: bool = False, timeout: float | None = None) -> RawInput:
    """The page at ``url`` as headless Chromium builds it, under the address policy."""
    from .render import render_page
    from .render_proxy import AddressPolicy

    rendered = render_page(url, policy=AddressPolicy(allow_private), **({"timeout": timeout} if timeout else {}))
    said = tuple(f"refused to load {target}: {reason}" for target, reason in rendered.refused)
    return RawInput(source=url, data=rendered.html, url=url, content_type="text/html; charset=utf-8", warnings=said)


def _unpack(raw: RawInput) -> RawInput:
    """A saved page as a page: an MHTML file's HTML part, a page's ``data:`` pictures stored."""
    if looks_like_mhtml(raw.data):
        saved = read_mhtml(raw.data, raw.source)
        return RawInput(source=raw.source, data=saved.html, url=saved.url or raw.url, content_type=saved.content_type,
                        picture_root=str(saved_folder()) if saved.pictures else None, pictures=saved.pictures)
    data, stored = store_data_pictures(raw.data)
    return replace(raw, data=data, picture_root=str(saved_folder())) if stored else raw


def _warc_pages(spec: str, stream) -> list[RawInput | InputError]:
    archive = read_warc(stream)
    if not archive.pages:
        raise InputError(archive.problems[0] if archive.problems else "WARC file holds no HTML page", source=spec)
    pages: list[RawInput | InputError] = [
        RawInput(source=f"{page.url} (in {spec})", data=page.data, url=page.url, content_type=page.content_type,
                 picture_root=str(saved_folder()) if page.pictures else None, pictures=page.pictures)
        for page in archive.pages]
    return pages + [InputError(problem, source=spec) for problem in archive.problems]


def _pick(spec: str, pages: list[RawInput], url: str | None) -> RawInput:
    """The page of a WARC file at ``url``; without one, its only page."""
    if url is None:
        if len(pages) == 1:
            return pages[0]
        raise InputError(f"WARC file holds {len(pages)} pages: name one with --url, or make a digest of them all",
                         source=spec)
    wanted = _comparable(url)
    for page in pages:
        if _comparable(page.url or "") == wanted:
            return page
    raise InputError(f"no page at {url} in this WARC file (it holds {len(pages)})", source=spec)


def _comparable(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/").lower()


def _check_file_size(size: int, limit: int, spec: str) -> None:
    if size > limit:
        raise InputError(f"too large ({size} bytes; the limit is {limit})", source=spec)


def _check_size(data: bytes, max_bytes: int, spec: str) -> None:
    if len(data) > max_bytes:
        raise InputError(f"too large (over {max_bytes} bytes)", source=spec)
