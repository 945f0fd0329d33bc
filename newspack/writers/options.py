"""Options every writer takes, passed explicitly (no module-level settings)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..images.picture import JPEG_QUALITY, MAX_EDGE, ImageSettings

#: The theme used when none is named: a classic serif book page.
DEFAULT_STYLE = "classic"

#: Page sizes ``--page-size`` accepts, each a stylesheet ``styles/pages/<name>.css``.
PAGE_SIZES = ("a4", "letter", "a5", "ereader")

#: PDF variants ``--pdf-variant`` accepts ("none": a plain, untagged PDF).
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-2b", "pdf/a-3u", "none")

#: Tagged PDF by default: screen readers and reflow need the tags, and they cost nothing
#: measurable (-3% wall, -5% CPU against none: WeasyPrint 70, bench/render.py, medians of 9
#: paired runs), under the 20% allowed.
DEFAULT_PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class WriterOptions:
    """How a book is written.

    ``style`` is the name of a theme under ``styles/`` (``classic`` -> ``classic.css``, the
    user's folder first) or a path to a ``.css`` file. ``extra_css`` are paths of CSS files
    applied after the style, in order. ``modified`` is the book's modification time written
    into the EPUB (``dcterms:modified``, zip timestamps) and the PDF; None means the edition's
    date, else now. ``pipeline.writer_options`` fills it from ``SOURCE_DATE_EPOCH`` for
    reproducible builds, for every command.
    ``cover`` is an image file for the cover (None: drawn); ``draw_cover`` False leaves the
    book without one. Image fields shape every embedded image (see ``images.embed``).
    ``cache_dir`` is a folder where processed images and drawn covers are kept between runs
    (None: nothing kept; ``pipeline.writer_options`` uses the user's cache folder).
    """

    style: str = DEFAULT_STYLE
    extra_css: tuple[str, ...] = ()
    modified: datetime | None = None
    image_width: int = MAX_EDGE
    image_quality: int = JPEG_QUALITY
    grayscale: bool = False
    cover: str | None = None
    draw_cover: bool = True
    page_size: str = "a4"
    pdf_variant: str = DEFAULT_PDF_VARIANT
    cache_dir: str | None = None

    @property
    def cache(self) -> Path | None:
        return Path(self.cache_dir) if self.cache_dir else None

    @property
    def images(self) -> ImageSettings:
        return ImageSettings(max_edge=self.image_width, quality=self.image_quality, grayscale=self.grayscale)
