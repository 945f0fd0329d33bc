"""The book options, defined once: each field of :class:`BookOptions` says how users spell it.

A field's metadata (:class:`BookOption`) is its one definition: the command line builds its
``--flag`` from it (``cli/support.py``), a daily edition's config checks its key of the
field's name by it (``editions/config.py``), and :func:`newspack.pipeline.writer_options`
hands its value to the writers' field it names. A new option is one field here.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .writers.options import PAGE_SIZES, PDF_VARIANTS

#: What a book option takes, which decides its flag, its config check and its conversion:
#: text, a path (relative to a config), paths (repeatable), a whole number in a range, one of
#: a few choices, a flag that turns something on, or a ``--no-...`` flag that turns it off.
KINDS = ("text", "path", "paths", "int", "choice", "on", "off")


@dataclass(frozen=True)
class BookOption:
    """How users spell one book option (the field's name is its config key)."""

    flag: str  # "--style"; an "off" option's flag sets the field False ("--no-cover")
    help: str
    kind: str = "text"  # one of KINDS
    metavar: str | None = None
    low: int | None = None  # an "int" option's least value
    high: int | None = None  # ...and its greatest
    choices: tuple[str, ...] = ()  # a "choice" option's values (the writers' own tables)
    writer: str | None = None  # the WriterOptions field it fills; None: not the writers' business


def _option(flag: str, help: str, default: Any = None, **how: Any) -> Any:
    return field(default=default, metadata={"book": BookOption(flag, help, **how)})


@dataclass(frozen=True)
class BookOptions:
    """How books are made, the same for ``article``, ``digest`` and ``edition`` (black's
    ``Mode``). None leaves a writer's default (``newspack.writers.options``)."""

    style: str | None = _option("--style", "Style (theme) name or CSS file.", metavar="NAME|PATH", writer="style")
    css: tuple[str, ...] = _option("--css", "Extra CSS rules to add (repeatable).", (), kind="paths",
                                   metavar="FILE", writer="extra_css")
    image_width: int | None = _option("--image-width", "Longest edge of embedded images in pixels (default: 1600).",
                                      kind="int", low=64, metavar="PX", writer="image_width")
    image_quality: int | None = _option("--image-quality", "JPEG quality of re-encoded images, 1-95 (default: 85).",
                                        kind="int", low=1, high=95, metavar="Q", writer="image_quality")
    grayscale: bool | None = _option("--grayscale", "Grey images, for e-ink readers.", kind="on", writer="grayscale")
    download_images: bool = _option("--no-download", "Do not download remote images (their captions stay).", True,
                                    kind="off")
    cover: str | None = _option("--cover", "Use IMAGE as the cover (default: drawn).", kind="path", metavar="IMAGE",
                                writer="cover")
    draw_cover: bool | None = _option("--no-cover", "Make the book without a cover.", kind="off", writer="draw_cover")
    page_size: str | None = _option("--page-size", "PDF page size: a4 (default), letter, a5, or ereader (6-inch "
                                    "screen).", kind="choice", choices=PAGE_SIZES, writer="page_size")
    pdf_variant: str | None = _option("--pdf-variant", "PDF flavour: pdf/ua-1 tagged for accessibility (default), "
                                      "pdf/a-3b for archives, none for a plain PDF.", kind="choice",
                                      choices=PDF_VARIANTS, writer="pdf_variant")
    # Not an option of its own: images are fetched under the address policy of the pages (the
    # reading options' --allow-private, a config's allow_private).
    allow_private: bool = False


def book_options() -> tuple[tuple[str, BookOption], ...]:
    """(field name, how users spell it) of every book option, in the order of the fields."""
    return tuple((f.name, f.metadata["book"]) for f in fields(BookOptions) if "book" in f.metadata)

