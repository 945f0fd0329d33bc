"""The library calls behind every command: source -> reader -> Article, Edition -> books.

Usable without the CLI::

    from newspack import BookOptions, Edition, ReadOptions, load_article, make_books, render
    article = load_article("page.html", ReadOptions())
    epub_bytes = render(Edition.single(article), "epub")
    make_books(Edition.single(article), {"epub": "story.epub", "pdf": "story.pdf"}, BookOptions())

:func:`make_books` is the one book job of ``article``, ``digest`` and ``edition``: images
downloaded, writer options made (``SOURCE_DATE_EPOCH`` included), every format rendered in
memory, then each written atomically.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .book_options import BookOptions, book_options
from .errors import ExtractionError, InputError, NewspackError, UsageError
from .events import Event, Notify, ignore
from .model import Article, Edition
from .readers import read_document
from .readers.tuning import DEFAULT as DEFAULT_TUNING, Tuning
from .rules import SiteRules
from .sources import MAX_INPUT_BYTES, RawInput, open_source
from .sources.encoding import decode_input
from .sources.exports import export_kind
from .sources.feeds import looks_like_feed
from .sources.pictures import with_saved_pictures


@dataclass(frozen=True)
class ReadOptions:
    input_format: str | None = None  # 'html' | 'text' | None to sniff
    url: str | None = None  # the page's address, for relative links (overrides what the source knows)
    encoding: str | None = None
    allow_private: bool = False
    max_input_bytes: int = MAX_INPUT_BYTES
    rules: SiteRules | None = None  # per-site keep/remove selectors for the HTML reader (newspack.rules)
    tuning: Tuning = DEFAULT_TUNING  # the readers' thresholds and switched-off rules (readers.tuning)
    render: bool = False  # load a URL in headless Chromium and read the DOM its scripts build


@dataclass(frozen=True)
class Read:
    """An input read into an article, and the warnings of reading it (each naming the input)."""

    article: Article
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Loaded:
    article: Article
    raw: RawInput
    warnings: tuple[str, ...] = ()


def read_input(raw: RawInput, options: ReadOptions) -> Read:
    """Decode and read one input's bytes into an Article, with the warnings."""
    try:
        if looks_like_feed(raw.data, raw.content_type):
            # read as a page, a feed gives an "article" of its items' ids and dates
            raise InputError("this is an RSS or Atom feed, not an article; 'newspack digest' reads feeds")
        kind = export_kind(raw.data)
        if kind:  # read as a page, an export gives an "article" of its links
            raise InputError(f"this is a {kind} file of links, not an article; 'newspack digest' reads it")
        decoded = decode_input(raw.data, content_type=raw.content_type, encoding=options.encoding)
        article = read_document(
            decoded.text, source=raw.source, input_format=options.input_format, url=options.url or raw.url,
            rules=options.rules, format_hint=raw.format_hint, tuning=options.tuning,
        )
    except NewspackError as exc:
        exc.source = exc.source or raw.source
        raise
    if not article.blocks:
        # a rendered page whose scripts were refused says so: it is why the story is missing
        raise ExtractionError("no article text found" + (f" ({raw.warnings[0]})" if raw.warnings else ""),
                              source=raw.source)
    article = with_saved_pictures(article, dict(raw.pictures))  # an archive's pictures, never fetched again
    return Read(article, tuple(f"{raw.source}: {warning}" for warning in (*raw.warnings, *decoded.warnings)))


def read_raw(raw: RawInput, options: ReadOptions) -> Article:
    """Decode and read one input's bytes into an Article."""
    return read_input(raw, options).article


def load(spec: str, options: ReadOptions, stdin=None) -> Loaded:
    """Open, decode and read the input ``spec`` (path, '-' or URL)."""
    raw = open_source(spec, allow_private=options.allow_private, max_bytes=options.max_input_bytes, stdin=stdin,
                      url=options.url, render=options.render)
    read = read_input(raw, options)
    return Loaded(article=read.article, raw=raw, warnings=read.warnings)


def load_article(spec: str, options: ReadOptions | None = None) -> Article:
    return load(spec, options or ReadOptions()).article


def render(edition: Edition, fmt: str, writer_options=None) -> bytes:
    """Write ``edition`` in format ``fmt`` ('epub', 'pdf', 'html') and return the bytes."""
    from .writers import WRITERS, WriterOptions

    return WRITERS[fmt](edition, writer_options or WriterOptions())


@dataclass(frozen=True)
class Book:
    """A book written: its format, where it went, and its size in bytes."""

    format: str
    path: Path
    size: int


def writer_options(options: BookOptions, environ: Mapping[str, str] | None = None):
    """The checked WriterOptions of ``options``: a wrong style, CSS file, page size or cover
    raises UsageError here, before any page or image is fetched. ``SOURCE_DATE_EPOCH`` (in
    ``environ``, default the process's) fixes the build time for reproducible books."""
    from datetime import datetime, timezone

    from .images.download import processed_folder
    from .writers import WriterOptions
    from .writers.templates import stylesheets

    values = ((option.writer, getattr(options, name)) for name, option in book_options() if option.writer)
    # None (and no --css) leaves the writer's default
    kwargs = {key: tuple(value) if isinstance(value, (tuple, list)) else value
              for key, value in values if value is not None and value != ()}
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            kwargs["modified"] = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}") from None
    if options.cover and not Path(options.cover).expanduser().is_file():
        raise UsageError(f"--cover {options.cover}: no such file")
    from .images.cache import cache_limit

    cache_limit()  # a wrong $NEWSPACK_CACHE_MAX_MB stops the run now, not after the book
    result = WriterOptions(cache_dir=str(processed_folder()), **kwargs)
    stylesheets(result, paged=True)
    return result


def with_images(edition: Edition, options: BookOptions, notify: Notify = ignore) -> Edition:
    """``edition`` with its remote images downloaded into the cache (unless ``options`` say
    not to); an image that cannot be had is a warning event, and keeps its caption."""
    if not options.download_images:
        return edition
    from .images.download import ImageFetchOptions, download_edition_images

    result = download_edition_images(edition, ImageFetchOptions(allow_private=options.allow_private))
    for warning in result.warnings:
        notify(Event("render", "warning", "", str(warning)))
    return result.edition


def make_books(edition: Edition, formats: Mapping[str, str | os.PathLike], options: BookOptions = BookOptions(),
               notify: Notify = ignore) -> tuple[Book, ...]:
    """Write ``edition`` in each format of ``formats`` (format -> path, '-' for stdout).

    Every format is rendered in memory first, so all books or none reach the disk.
    """
    from .output import write_atomic

    writing = writer_options(options)
    edition = with_images(edition, options, notify)
    if "pdf" in formats:
        from .writers.scripts import font_warnings
        for warning in font_warnings(edition):  # once per book, before the PDF is laid out
            notify(Event("render", "warning", "", warning))
    notify(Event("render", "queued", count=len(formats)))
    books = {}
    for fmt, path in formats.items():
        books[fmt] = (path, render(edition, fmt, writing))
        notify(Event("render", "done", str(path)))
    written = tuple(Book(fmt, write_atomic(path, data), len(data)) for fmt, (path, data) in books.items())
    from .images.cache import trim_cache

    trim_cache()  # the books are whole: the oldest cached pictures may go
    return written
