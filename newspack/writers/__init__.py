"""Writers: an :class:`~newspack.model.Edition` in, the bytes of a book out.

``WRITERS`` maps the format names users type to writer functions
``(edition, options) -> bytes``; ``EXTENSIONS`` gives each format's file extension. EPUB and
PDF both go through the one HTML writer (``html.py``); the EPUB writer adds packaging
(ebooklib), the PDF writer hands the book HTML to WeasyPrint. Both libraries are imported
only when their writer runs, so importing this package stays cheap for ``extract``.
"""
from __future__ import annotations

from collections.abc import Callable

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


WRITERS: dict[str, Writer] = {
    "epub": write_epub,
    "pdf": write_pdf,
    "html": write_html,
}

EXTENSIONS: dict[str, str] = {
    "epub": ".epub",
    "pdf": ".pdf",
    "html": ".html",
}

__all__ = ["EXTENSIONS", "WRITERS", "Writer", "WriterOptions", "write_epub", "write_html", "write_pdf"]
