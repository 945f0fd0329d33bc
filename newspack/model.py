"""The document model: the one contract between readers and writers.

Readers (``newspack.readers``) turn a source into an :class:`Article`; transforms map an
Article to a new Article; writers (``newspack.writers``) turn an :class:`Edition` (one or many
articles in sections) into bytes. This module imports no parser and no output library, so
every stage can be tested on its own with values built by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Union

# --- Inlines: the words of a block with their form (pandoc's Inline) -------------------------
#
# A block's ``text`` is its plain-text view: what the boilerplate rules read, the extract
# contract's ``text`` and the scorer's body. Its ``inlines``, when not empty, are the same words
# with their marks; a block read from plain text, or without marks, has none and writers print
# ``text``. Both are kept because the plain view must stay exactly what the rules judged: a
# reader derives it once, with :func:`plain_text` or its own whitespace rule, never a writer.


@dataclass(frozen=True)
class Text:
    """A run of plain words."""

    text: str


@dataclass(frozen=True)
class Emph:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Code:
    """Inline code, verbatim."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link; ``href`` is absolute (http, https, mailto) or ``#...`` inside the article."""

    children: tuple["Inline", ...]
    href: str


@dataclass(frozen=True)
class Superscript:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Subscript:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class LineBreak:
    """A forced line break inside a block (a verse, an address)."""


@dataclass(frozen=True)
class NoteRef:
    """A note's marker in the text; ``note`` is the ``Note.id`` it refers to."""

    note: str
    label: str


Inline = Union[Text, Emph, Strong, Code, Link, Superscript, Subscript, LineBreak, NoteRef]
#: The inlines that hold other inlines.
CONTAINERS = (Emph, Strong, Link, Superscript, Subscript)


def inline_text(inlines: tuple[Inline, ...], line_break: str = " ") -> str:
    """The characters of ``inlines`` as they stand, spaces kept, a line break as ``line_break``
    (iterative: a page can nest marks deeper than Python recurses)."""
    parts: list[str] = []
    stack = list(reversed(inlines))
    while stack:
        node = stack.pop()
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, NoteRef):
            parts.append(node.label)
        elif isinstance(node, LineBreak):
            parts.append(line_break)
        else:
            stack.extend(reversed(node.children))
    return "".join(parts)


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The words of ``inlines`` as plain text, whitespace runs as one space."""
    return " ".join(inline_text(inlines).split())


# --- Blocks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of story text (also the standfirst/dek when it is part of the story)."""

    text: str
    inlines: tuple[Inline, ...] = ()

    @classmethod
    def of(cls, inlines: tuple[Inline, ...]) -> "Paragraph":
        """A paragraph whose plain text is derived from its inlines."""
        return cls(plain_text(inlines), tuple(inlines))


@dataclass(frozen=True)
class Heading:
    """A subheading inside the story; level 2..6 (level 1 is the article title)."""

    text: str
    level: int = 2
    inlines: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A block quotation or pull quote; ``attribution`` is who said it, when printed apart."""

    text: str
    attribution: str | None = None
    inlines: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class ListItem:
    """One item of a list with its form: its own words, then the blocks nested in it
    (a sublist, a paragraph)."""

    inlines: tuple[Inline, ...]
    blocks: tuple["Block", ...] = ()


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list. ``items`` is each item's plain text (nested lists' words
    included); ``entries``, when not empty, the same items with their form and nesting."""

    items: tuple[str, ...]
    ordered: bool = False
    entries: tuple[ListItem, ...] = ()


@dataclass(frozen=True)
class Cell:
    """A table cell; ``header`` for a <th>."""

    inlines: tuple[Inline, ...]
    colspan: int = 1
    rowspan: int = 1
    header: bool = False

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True)
class Table:
    """A data table: caption, header rows and body rows of cells (spans as the page gave)."""

    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    caption: tuple[Inline, ...] = ()

    @property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        return self.head + self.body

    @property
    def text(self) -> str:
        """The caption, then each row's cells joined by spaces, one row a line."""
        lines = [plain_text(self.caption)] if self.caption else []
        lines += [" ".join(t for t in (c.text for c in row) if t) for row in self.rows]
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text kept verbatim (line breaks, indents); ``language`` if declared."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class Note:
    """A footnote or endnote; ``id`` is what its markers (``NoteRef.note``) name."""

    id: str
    label: str
    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True)
class Notes:
    """The article's notes, where the page printed them (usually the end)."""

    notes: tuple[Note, ...]

    @property
    def text(self) -> str:
        return "\n".join(n.text for n in self.notes)


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


Block = Union[Paragraph, Heading, Quote, ListBlock, Figure, Table, CodeBlock, Notes]

#: The word each block kind goes by in the extract contract and in writers' tables.
BLOCK_TYPES: dict[type, str] = {
    Paragraph: "paragraph",
    Heading: "heading",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
    Table: "table",
    CodeBlock: "code",
    Notes: "notes",
}

#: Languages written right to left (ISO 639-1): Arabic, Hebrew, Persian, Urdu, Yiddish,
#: Pashto, Sindhi, Kurdish (Sorani), Dhivehi, Uyghur.
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ckb", "dv", "ug"})


def direction_of(language: str | None) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    base = (language or "").split("-")[0].split("_")[0].lower()
    return "rtl" if base in RTL_LANGUAGES else "ltr"


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
    def direction(self) -> str:
        """The writing direction of the article's language: ``ltr`` or ``rtl``."""
        return direction_of(self.language)

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(n for b in self.blocks if isinstance(b, Notes) for n in b.notes)

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
