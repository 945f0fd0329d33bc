"""The library call behind every command: source -> reader -> Article, Edition -> writer -> bytes.

Usable without the CLI::

    from newspack.pipeline import ReadOptions, load_article, render
    article = load_article("page.html", ReadOptions())
    epub_bytes = render(Edition.single(article), "epub")
"""
from __future__ import annotations

from dataclasses import dataclass

from .encoding import decode_input
from .errors import ExtractionError, InputError, NewspackError
from .feeds import looks_like_feed
from .model import Article, Edition
from .readers import read_document
from .rules import SiteRules
from .sources import MAX_INPUT_BYTES, RawInput, open_source


@dataclass(frozen=True)
class ReadOptions:
    input_format: str | None = None  # 'html' | 'text' | None to sniff
    url: str | None = None  # the page's address, for relative links (overrides what the source knows)
    encoding: str | None = None
    allow_private: bool = False
    max_input_bytes: int = MAX_INPUT_BYTES
    rules: SiteRules | None = None  # per-site keep/remove selectors for the HTML reader (newspack.rules)


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
        decoded = decode_input(raw.data, content_type=raw.content_type, encoding=options.encoding)
        article = read_document(
            decoded.text, source=raw.source, input_format=options.input_format, url=options.url or raw.url,
            rules=options.rules,
        )
    except NewspackError as exc:
        exc.source = exc.source or raw.source
        raise
    if not article.blocks:
        raise ExtractionError("no article text found", source=raw.source)
    return Read(article, tuple(f"{raw.source}: {warning}" for warning in decoded.warnings))


def read_raw(raw: RawInput, options: ReadOptions) -> Article:
    """Decode and read one input's bytes into an Article."""
    return read_input(raw, options).article


def load(spec: str, options: ReadOptions, stdin=None) -> Loaded:
    """Open, decode and read the input ``spec`` (path, '-' or URL)."""
    raw = open_source(spec, allow_private=options.allow_private, max_bytes=options.max_input_bytes, stdin=stdin)
    read = read_input(raw, options)
    return Loaded(article=read.article, raw=raw, warnings=read.warnings)


def load_article(spec: str, options: ReadOptions | None = None) -> Article:
    return load(spec, options or ReadOptions()).article


def render(edition: Edition, fmt: str, writer_options=None) -> bytes:
    """Write ``edition`` in format ``fmt`` ('epub', 'pdf', 'html') and return the bytes."""
    from .writers import WRITERS, WriterOptions

    return WRITERS[fmt](edition, writer_options or WriterOptions())
