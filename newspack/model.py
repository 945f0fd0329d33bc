"""The document model: the one contract between readers and writers.

Readers (``newspack.readers``) turn a source into an :class:`Article`; transforms map an
Article to a new Article; writers (``newspack.writers``) turn an :class:`Edition` (one or many
articles in sections) into bytes. This module imports no parser and no output library, so
every stage can be tested on its own with values built by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Union


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of story text (also the standfirst/dek when it is part of the story)."""

    text: str


@dataclass(frozen=True)
class Heading:
    """A subheading inside the story; level 2..6 (level 1 is the article title)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Quote:
    """A block quotation or pull quote; ``attribution`` is who said it, when printed apart."""

    text: str
    attribution: str | None = None


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list."""

    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Figure:
    """An image with its caption and photo credit, kept apart.

    ``src`` is an absolute URL (http, https, data:) or an absolute ``file://`` URL of a local
    image that came with the input; it is None when the source had a caption but no image
    (captions found in scraped text).
    """

    src: str | None = None
    alt: str = ""
    caption: str = ""
    credit: str | None = None


Block = Union[Paragraph, Heading, Quote, ListBlock, Figure]

#: The word each block kind goes by in the extract contract and in writers' tables.
BLOCK_TYPES: dict[type, str] = {
    Paragraph: "paragraph",
    Heading: "heading",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
}


@dataclass(frozen=True)
class Article:
    """One story: metadata plus body blocks in reading order.

    ``date`` is ISO 8601 (``YYYY-MM-DD`` or a full datetime in the page's own time zone).
    ``language`` is an ISO 639-1 code. ``source`` is the input exactly as the user gave it.
    """

    title: str | None
    blocks: tuple[Block, ...] = ()
    byline: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    source: str = ""

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Figure))

    @property
    def body_text(self) -> str:
        """The story text (every block but figures), one block a line."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, ListBlock):
                parts.extend(block.items)
            elif not isinstance(block, Figure):
                parts.append(block.text)
        return "\n".join(parts)

    def with_blocks(self, blocks: tuple[Block, ...]) -> "Article":
        return replace(self, blocks=tuple(blocks))


@dataclass(frozen=True)
class Section:
    """A named group of articles in an edition (a site, a topic, a feed)."""

    title: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Edition:
    """What writers consume: one book made of one or more sections."""

    title: str
    sections: tuple[Section, ...]
    language: str | None = None
    date: str | None = None
    publisher: str | None = None
    identifier: str | None = None
    #: Local files an input brought along (e.g. a saved page's images folder) that writers
    #: may embed; anything else local is never read.
    allowed_roots: tuple[str, ...] = field(default=())

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for s in self.sections for a in s.articles)

    @classmethod
    def single(cls, article: Article, allowed_roots: tuple[str, ...] = ()) -> "Edition":
        """The edition of one article: the book takes the article's title and metadata."""
        return cls(
            title=article.title or "Untitled",
            sections=(Section(title=article.site_name or "", articles=(article,)),),
            language=article.language,
            date=article.date,
            publisher=article.site_name,
            allowed_roots=allowed_roots,
        )
