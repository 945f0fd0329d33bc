"""Model -> PDF: the book HTML laid out by WeasyPrint with the style and print stylesheets.

WeasyPrint's default URL fetcher reads any ``file://`` path and any http URL, and embeds the
local file named by a ``rel=attachment`` link into the PDF. Here every fetch goes through
:func:`check_resource_url`: only ``data:`` URIs (the book's images, already checked and
converted) and files inside an empty temporary folder can be read; anything else is refused. WeasyPrint
is imported inside the functions that need it: the import costs half a second that neither
``extract`` nor the EPUB writer should pay.
"""
from __future__ import annotations

import hashlib
import os
import mimetypes
import tempfile
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FetchError, OutputError
from ..model import Edition
from ..images.embed import collect_images, local_path
from .book import book_identifier, build_time, writable
from .cover import book_cover
from .html import data_uri, figure_shown, image_shapes, render_book
from .options import WriterOptions
from .pdf_layout import MAX_REFLOWS, defer_figures, place_portraits, stranded_figures
from .templates import stylesheets

#: URL schemes WeasyPrint may open at all; file: URLs are further limited to the book folder.
ALLOWED_SCHEMES = frozenset({"data", "file"})


def write_pdf(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as PDF bytes: page numbers, running heads, bookmarks, embedded fonts."""
    if not edition.articles:
        raise OutputError("nothing to write: the edition has no articles")
    edition = writable(edition)
    modified = build_time(edition, options)
    css = stylesheets(options, paged=True)
    images = collect_images(edition, options.images, options.cache)
    cover = book_cover(edition, options, images)
    # Images travel as data: URIs: WeasyPrint names each image after its URL, so a
    # content-derived URL keeps the PDF byte-identical from one build to the next.
    image_urls = {figure: data_uri(image) for figure, image in images.items()}
    shapes = image_shapes(images)
    edition = place_portraits(edition, lambda figure: shapes.get(figure) == "portrait",
                              lambda figure: figure_shown(figure, image_urls))
    identifier = _identifier(edition)
    with tempfile.TemporaryDirectory(prefix="newspack-pdf-") as folder:
        root = Path(folder).resolve()
        for attempt in range(MAX_REFLOWS + 1):
            html = render_book(edition, image_urls=image_urls, modified=modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
                               cover_url=data_uri(cover) if cover else None, image_shapes=shapes)
            document = layout(html, css, root, variant=options.pdf_variant)
            stranded = stranded_figures(document) if images else []
            if not stranded or attempt == MAX_REFLOWS:
                break
            edition = defer_figures(edition, stranded, lambda figure: figure_shown(figure, image_urls))
        with _fonts_dated(modified):
            return document.write_pdf(**_pdf_options(options.pdf_variant, identifier))


@contextmanager
def _fonts_dated(modified: datetime):
    """Font subsets stamped with the book's time, not the clock's: fontTools writes the time of
    subsetting into every embedded font's ``head`` table unless ``SOURCE_DATE_EPOCH`` is set, so
    two builds of one edition seconds apart differed. A user's own ``SOURCE_DATE_EPOCH`` is kept."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(modified.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _identifier(edition: Edition) -> bytes:
    # The PDF's /ID, derived like the EPUB's identifier: the same book gets the same bytes.
    return hashlib.md5(book_identifier(edition).encode("utf-8")).hexdigest().encode("ascii")


def html_to_pdf(html: str, css: Sequence[str], root: Path, *, variant: str | None = None,
                identifier: bytes | None = None) -> bytes:
    """Lay out ``html`` with stylesheets ``css``; only ``root``'s files and data: URIs load.

    ``variant`` is a WeasyPrint PDF variant (``pdf/ua-1`` tags the PDF for screen readers,
    ``pdf/a-3b`` for archives); None or ``none`` makes a plain PDF.
    """
    return layout(html, css, root, variant=variant).write_pdf(**_pdf_options(variant, identifier))


def layout(html: str, css: Sequence[str], root: Path, *, variant: str | None = None):
    """The WeasyPrint Document of ``html`` laid out in pages (see :func:`html_to_pdf`)."""
    from weasyprint import CSS, HTML

    fetcher = restricted_url_fetcher(root)
    base_url = root.as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    sheets = [CSS(string=text, base_url=base_url, url_fetcher=fetcher) for text in css]
    return document.render(stylesheets=sheets, **_pdf_options(variant, None))


def _pdf_options(variant: str | None, identifier: bytes | None) -> dict:
    options = {"pdf_identifier": identifier} if identifier else {}
    if variant and variant != "none":
        options["pdf_variant"] = variant
    return options


def check_resource_url(url: str, root: Path) -> Path | None:
    """The file ``url`` names if it lies inside ``root``; None for a ``data:`` URI.

    Raises :class:`FetchError` for every other URL: another scheme (http, ftp...), a local
    path outside ``root`` (symlinks resolved), a ``file://`` URL naming another host.
    """
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:
        raise FetchError("refused a malformed URL", source=url[:200]) from exc
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError("refused: only data: URIs and the book's own files may load",
                         source=url[:200])
    if scheme == "data":
        return None
    path = local_path(url.split("?", 1)[0].split("#", 1)[0], (root,))
    if path is None:
        raise FetchError("refused: the file is outside the book's folder", source=url[:200])
    return path


def restricted_url_fetcher(root: Path):
    """A WeasyPrint (v63+) URL fetcher that loads only data: URIs and files inside ``root``."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = check_resource_url(url, root)
            if path is None:
                # data: URIs are decoded by urllib's DataHandler; nothing leaves the process.
                return super().fetch(url, headers)
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes(),
                                      headers={"Content-Type": media_type})

    # No redirects, no handlers past the schemes above; an error skips the resource, it does
    # not stop the book (WeasyPrint logs a warning).
    return RestrictedURLFetcher(allowed_protocols=tuple(ALLOWED_SCHEMES), allow_redirects=False)
