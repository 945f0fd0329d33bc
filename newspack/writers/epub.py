"""Model -> EPUB 3: one XHTML chapter per article (from the HTML writer), nav + NCX, images, cover.

ebooklib packages the book. Its defaults are worked around here:
no ``dc:language`` is written unless ``set_language()`` is called; an EpubHtml whose body
comes out empty raises mid-write and leaves a partial zip (chapters are added as plain
items holding our complete XHTML, which always has the article head); an empty toc makes an
invalid nav (every book has at least one article entry, and an edition without articles is
refused up front). It cannot put ``xml:lang`` on ``<package>`` and stamps every zip entry
with the current time, so its zip is repacked (:func:`repack`): the OPF gains the language,
the entries keep ebooklib's order with ``mimetype`` first and stored, and every timestamp is
the book's modification time. Same edition and options, same bytes.
"""
from __future__ import annotations

import uuid
import zipfile
from datetime import datetime
from io import BytesIO

from ..errors import OutputError
from ..model import Edition
from .html import (
    UNTITLED,
    article_file_name,
    edition_language,
    image_shapes,
    render_article,
    safe_link,
    w3c_date,
)
from .images import collect_images
from .options import WriterOptions
from .templates import render, stylesheets, template_value
from .book import book_cover, build_time, text_of_figure

#: Text every book's accessibilitySummary gives (EPUB Accessibility 1.1); what it claims is
#: what the writer guarantees for any input.
ACCESSIBILITY_SUMMARY = (
    "Structured with headings and a table of contents, in reading order, with text that can "
    "be resized and restyled. Images carry the alternative text and the captions their "
    "source provided.")

COVER_TEMPLATE = "cover.xhtml.j2"
COVER_PAGE = "cover.xhtml"

#: Package paths (inside the EPUB's content folder) of the stylesheet and the images.
STYLESHEET_NAME = "style/newspack.css"
IMAGE_FOLDER = "images"

#: Namespace of the identifiers derived from a book's sources: the same articles give the
#: same identifier, so a reader recognises a rebuilt book as the same book.
IDENTIFIER_NAMESPACE = uuid.UUID("6f1e3c2a-5b7d-4e8f-9a0b-1c2d3e4f5a6b")

XHTML_MEDIA_TYPE = "application/xhtml+xml"


def book_identifier(edition: Edition) -> str:
    """The edition's identifier, or a stable ``urn:uuid`` derived from its sources and titles."""
    if edition.identifier:
        return edition.identifier
    key = "\n".join(
        [edition.title]
        + [f"{article.url or article.source}\t{article.title or ''}" for article in edition.articles]
    )
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, key)}"


def write_epub(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as EPUB 3 bytes (nav, NCX, metadata, one chapter per article, images)."""
    from ebooklib import epub

    if not edition.articles:
        raise OutputError("nothing to write: the edition has no articles")
    language = edition_language(edition)
    book = epub.EpubBook()
    _set_metadata(book, edition, language)

    book.add_item(epub.EpubItem(uid="style", file_name=STYLESHEET_NAME, media_type="text/css",
                                content="\n".join(stylesheets(options, paged=False)).encode()))
    images = collect_images(edition, options.images, options.cache)
    _set_accessibility(book, edition, images)
    cover_page = _add_cover(book, edition, options, images, language)
    stored: set[str] = set()
    for image in images.values():
        if image.filename not in stored:
            stored.add(image.filename)
            book.add_item(epub.EpubItem(uid=image.filename.replace(".", "-"),
                                        file_name=f"{IMAGE_FOLDER}/{image.filename}",
                                        media_type=image.media_type, content=image.data))
    # Chapters sit beside the style/ and images/ folders: links are relative to them.
    image_urls = {figure: f"{IMAGE_FOLDER}/{image.filename}" for figure, image in images.items()}
    shapes = image_shapes(images)

    toc: list = []
    chapters = []
    index = 0
    for section in edition.sections:
        links = []
        for article in section.articles:
            index += 1
            name = article_file_name(index)
            xhtml = render_article(article, index=index, default_language=language,
                                   image_urls=image_urls, stylesheet_hrefs=[STYLESHEET_NAME],
                                   image_shapes=shapes)
            chapter = epub.EpubItem(uid=name.removesuffix(".xhtml"), file_name=name,
                                    media_type=XHTML_MEDIA_TYPE, content=xhtml.encode("utf-8"))
            book.add_item(chapter)
            chapters.append(chapter)
            links.append(epub.Link(name, _text(article.title or "") or UNTITLED,
                                   name.removesuffix(".xhtml")))
        section_title = _text(section.title or "")
        if len(edition.sections) > 1 and section_title and links:
            toc.append((epub.Section(section_title, href=links[0].href), links))
        else:
            toc.extend(links)
    book.toc = toc
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    # A one-article book opens on the article (its nav stays in the manifest, as EPUB 3
    # requires, out of the reading order); a digest opens on its contents.
    book.spine = ([cover_page] if cover_page else []) + (chapters if len(chapters) == 1 else ["nav", *chapters])

    out = BytesIO()
    modified = build_time(edition, options)
    epub.write_epub(out, book, {"mtime": modified, "raise_exceptions": True,
                                "epub3_pages": False, "epub2_guide": False})
    return repack(out.getvalue(), language=language, modified=modified)


def repack(data: bytes, *, language: str, modified: datetime) -> bytes:
    """ebooklib's zip made reproducible: same entries and order, fixed times, lang on the OPF."""
    # zip timestamps hold 1980-2107 only; a page dated 9999 must still make a book
    stamp = min(max(modified.timetuple()[:6], (1980, 1, 1, 0, 0, 0)), (2107, 12, 31, 23, 59, 58))
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        for name in ["mimetype"] + [n for n in names if n != "mimetype"]:
            content = source.read(name)
            if name.endswith(".opf"):
                content = _opf_with_language(content, language)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # unix, whatever machine builds the book
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def _opf_with_language(opf: bytes, language: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(opf)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


def _set_accessibility(book, edition: Edition, images: dict) -> None:
    """schema.org accessibility metadata (EPUB Accessibility 1.1), true of this very book."""
    figures = [f for a in edition.articles for f in a.figures if f in images]
    described = all(text_of_figure(f) for f in figures)
    metadata = [("accessMode", "textual"), ("accessMode", "visual")]
    metadata += [("accessModeSufficient", "textual,visual")]
    if described:
        metadata += [("accessModeSufficient", "textual")]
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if figures and all(f.alt.strip() for f in figures):
        features.append("alternativeText")
    metadata += [("accessibilityFeature", feature) for feature in features]
    metadata += [("accessibilityHazard", "none"), ("accessibilitySummary", ACCESSIBILITY_SUMMARY)]
    for prop, value in metadata:
        book.add_metadata(None, "meta", value, {"property": f"schema:{prop}"})


def _add_cover(book, edition: Edition, options: WriterOptions, images: dict, language: str):
    """Add the cover image and its page; the page's item, or None without a cover."""
    from ebooklib import epub

    cover = book_cover(edition, options, images)
    if cover is None:
        return None
    name = f"{IMAGE_FOLDER}/cover.{cover.filename.rsplit('.', 1)[1]}"
    book.set_cover(name, cover.data, create_page=False)
    page = render(COVER_TEMPLATE, title=_text(edition.title or "") or UNTITLED, language=language,
                  image=name, stylesheet_hrefs=[STYLESHEET_NAME])
    item = epub.EpubItem(uid="cover", file_name=COVER_PAGE, media_type=XHTML_MEDIA_TYPE,
                         content=page.encode("utf-8"))
    book.add_item(item)
    return item


def _text(value: str) -> str:
    # lxml refuses characters XML cannot hold, and ebooklib then silently drops the field.
    return str(template_value(value)).strip()


def _set_metadata(book, edition: Edition, language: str) -> None:
    articles = edition.articles
    book.set_identifier(_text(book_identifier(edition)))
    book.set_title(_text(edition.title or "") or UNTITLED)
    book.set_language(language)
    bylines = list(dict.fromkeys(_text(a.byline) for a in articles if a.byline and _text(a.byline)))
    for number, byline in enumerate(bylines, start=1):
        book.add_author(byline, uid=f"creator-{number}")
    date = w3c_date(edition.date) or w3c_date(articles[0].date if len(articles) == 1 else None)
    if date:
        book.add_metadata("DC", "date", date)
    publishers = [edition.publisher] if edition.publisher else list(
        dict.fromkeys(a.site_name for a in articles if a.site_name))
    for publisher in publishers:
        book.add_metadata("DC", "publisher", _text(publisher))
    for article in articles:
        if safe_link(article.url):
            book.add_metadata("DC", "source", _text(article.url))
    if len(articles) == 1 and articles[0].description:
        book.add_metadata("DC", "description", _text(articles[0].description))
