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

import zipfile
from datetime import datetime
from io import BytesIO

from ..errors import OutputError
from ..model import Edition
from ..images.embed import collect_images
from .book import (book_identifier, build_time, edition_language, safe_link, shown_title, text_of_figure,
                   w3c_date, writable)
from .cover import book_cover
from .html import article_file_name, book_direction, image_shapes, render_article
from .options import WriterOptions
from .templates import render, stylesheets

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

XHTML_MEDIA_TYPE = "application/xhtml+xml"


def write_epub(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as EPUB 3 bytes (nav, NCX, metadata, one chapter per article, images)."""
    from ebooklib import epub

    if not edition.articles:
        raise OutputError("nothing to write: the edition has no articles")
    edition = writable(edition)
    language = edition_language(edition)
    book = epub.EpubBook()
    _set_metadata(book, edition, language)
    # A right-to-left book turns its pages the other way; a mixed one keeps the default and
    # sets each chapter in its own direction (dir on every chapter's root).
    if book_direction(edition) == "rtl":
        book.set_direction("rtl")

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
            links.append(epub.Link(name, shown_title(article.title), name.removesuffix(".xhtml")))
        section_title = (section.title or "").strip()
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
    page = render(COVER_TEMPLATE, title=shown_title(edition.title), language=language,
                  image=name, stylesheet_hrefs=[STYLESHEET_NAME])
    item = epub.EpubItem(uid="cover", file_name=COVER_PAGE, media_type=XHTML_MEDIA_TYPE,
                         content=page.encode("utf-8"))
    book.add_item(item)
    return item


def _set_metadata(book, edition: Edition, language: str) -> None:
    articles = edition.articles
    book.set_identifier(book_identifier(edition).strip())
    book.set_title(shown_title(edition.title))
    book.set_language(language)
    bylines = list(dict.fromkeys(a.byline.strip() for a in articles if a.byline and a.byline.strip()))
    for number, byline in enumerate(bylines, start=1):
        book.add_author(byline, uid=f"creator-{number}")
    date = w3c_date(edition.date) or w3c_date(articles[0].date if len(articles) == 1 else None)
    if date:
        book.add_metadata("DC", "date", date)
    publishers = [edition.publisher] if edition.publisher else list(
        dict.fromkeys(a.site_name for a in articles if a.site_name))
    for publisher in publishers:
        book.add_metadata("DC", "publisher", publisher.strip())
    for article in articles:
        if safe_link(article.url):
            book.add_metadata("DC", "source", article.url.strip())
    if len(articles) == 1 and articles[0].description:
        book.add_metadata("DC", "description", articles[0].description.strip())
