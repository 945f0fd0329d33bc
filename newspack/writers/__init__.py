"""Writers: an :class:`~newspack.model.Edition` in, the bytes of a book out.

``FORMATS`` is the one table of the format names users type, books and extracts: each
format's file extension, and a book format's writer function ``(edition, options) -> bytes``
(``WRITERS``, ``EXTENSIONS`` and ``EXTRACT_FORMATS`` are its views; ``extract.EXTRACTORS``
writes the extract formats). EPUB and
PDF both go through the one HTML writer (``html.py``); the EPUB writer adds packaging
(ebooklib), the PDF writer hands the book HTML to WeasyPrint. Both libraries are imported
only when their writer runs, so importing this package stays cheap for ``extract``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Edition
from .options import WriterOptions

Writer = Callable[[Edition, WriterOptions], bytes]


def write_epub(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as EPUB 3 bytes."""
    from .epub import write_epub as write

    return write(edition, options)


def write_pdf(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as PDF bytes."""
    from .pdf import write_pdf as write

    return write(edition, options)


def write_html(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as one self-contained HTML file."""
    from .html import write_html as write

    return write(edition, options)


@dataclass(frozen=True)
class Format:
    """A format users name: ``--to`` and a config's ``formats`` name the book formats,
    ``extract --format`` the extract formats (written to stdout, so without a file extension)."""

    name: str
    summary: str  # what --help says of it
    extension: str | None = None  # a book's file; an -o OUT with it names the format
    write: Writer | None = None  # a book format's writer; None: an extract format (``extract.EXTRACTORS``)

    @property
    def book(self) -> bool:
        return self.write is not None


#: Every format, the one table: the words users type, their files, their writers.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("epub", "an EPUB 3 book", ".epub", write_epub),
    Format("pdf", "a PDF book", ".pdf", write_pdf),
    Format("html", "one self-contained HTML file", ".html", write_html),
    Format("json", "one object (an array for several inputs)"),
    Format("jsonl", "one object a line"),
    Format("text", "readable text"),
    Format("markdown", "readable Markdown"),
)}

#: The book formats (``--to``, a config's ``formats``), each with its writer.
WRITERS: dict[str, Writer] = {name: f.write for name, f in FORMATS.items() if f.write is not None}
#: The book formats' file extensions.
EXTENSIONS: dict[str, str] = {name: f.extension for name, f in FORMATS.items() if f.book and f.extension}
#: The ``extract`` formats, each with its :class:`~.extract.Extractor`.
EXTRACT_FORMATS: tuple[str, ...] = tuple(name for name, f in FORMATS.items() if not f.book)

__all__ = ["EXTENSIONS", "EXTRACT_FORMATS", "FORMATS", "Format", "WRITERS", "Writer", "WriterOptions",
           "write_epub", "write_html", "write_pdf"]
