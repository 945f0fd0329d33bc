"""Options every writer takes, passed explicitly (no module-level settings)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WriterOptions:
    """How a book is written.

    ``style`` is the name of a stylesheet under ``styles/`` (``default`` -> ``default.css``,
    the user's folder first) or a path to a ``.css`` file. ``extra_css`` are paths of CSS files
    applied after the style, in order (e.g. ``@page { size: letter }``). ``modified`` is the
    book's modification time written into the EPUB (``dcterms:modified``) and the PDF; None
    means now. The CLI fills it from ``SOURCE_DATE_EPOCH`` for reproducible builds.
    """

    style: str = "default"
    extra_css: tuple[str, ...] = ()
    modified: datetime | None = None
