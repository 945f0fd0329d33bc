"""Model -> HTML: one XHTML document per article (EPUB) and one book document (PDF, ``--to html``).

Every value reaches markup through an autoescaping jinja2 template under ``styles/``; nothing
from the input becomes markup. The model is flat (a tuple of blocks), and so is the output:
the templates have no recursion, whatever the input.
"""
from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from markupsafe import Markup

from ..images.embed import collect_images
from ..images.picture import EmbeddedImage
from ..model import BLOCK_TYPES, Article, CodeBlock, Edition, Figure, Heading, ListBlock, Notes, Paragraph, Quote, Table
from .form import NoteLinks, list_view, note_ids, notes_view, runs_view, table_view
from .book import edition_language, language_tag, reading_minutes, safe_link, shown_title, w3c_date, writable
from .inert import inert_html
from .locale import display_date, label, reading_time
from .options import WriterOptions
from .templates import render, stylesheets

ARTICLE_TEMPLATE = "article.xhtml.j2"
BOOK_TEMPLATE = "book.html.j2"

#: Deepest subheading kept; deeper ones are flattened to it (h1 is the article title).
MAX_HEADING_LEVEL = 6

#: Blocks searched for the description before printing it as a standfirst: readers keep a
#: dek as the first paragraph or two; further down a match is a coincidence.
STANDFIRST_LOOKAHEAD = 3

#: Characters of the description compared: enough to be sure, short of an ellipsis that a
#: meta description adds where the page's dek goes on.
STANDFIRST_PROBE_CHARS = 120


def standfirst(article: Article) -> str | None:
    """The description to print under the title, unless the story already opens with it."""
    text = " ".join((article.description or "").split())
    if not text:
        return None
    opening = " ".join(" ".join(b.text.split()) for b in article.blocks[:STANDFIRST_LOOKAHEAD]
                       if isinstance(b, (Paragraph, Heading)))
    probe = text.rstrip(".…").strip()[:STANDFIRST_PROBE_CHARS]
    return None if probe and probe in opening else text


def book_direction(edition: Edition) -> str:
    """``rtl`` when every article of the book is written right to left."""
    directions = {a.direction for a in edition.articles}
    return "rtl" if directions == {"rtl"} else "ltr"


def source_host(url: str | None) -> str | None:
    """The host of a source link, without ``www.``, to name the source in the article head."""
    link = safe_link(url)
    if not link:
        return None
    host = urlsplit(link).hostname or ""
    return host.removeprefix("www.") or None


def article_file_name(index: int) -> str:
    """The EPUB file name of the ``index``-th article (from 1), also its anchor in the book."""
    return f"article-{index:03d}.xhtml"


def article_anchor(index: int) -> str:
    return f"article-{index:03d}"


def article_view(
    article: Article,
    *,
    index: int,
    default_language: str,
    image_urls: Mapping[Figure, str],
    image_shapes: Mapping[Figure, str] | None = None,
) -> dict[str, object]:
    """The values an article template prints, each already checked (links, language, date)."""
    language = language_tag(article.language, default_language)
    return {
        "anchor": article_anchor(index),
        "title": shown_title(article.title),
        "language": language,
        "standfirst": standfirst(article),
        "byline": article.byline,
        "date": display_date(article.date, language),
        "datetime": w3c_date(article.date),
        "site": article.site_name,
        "url": article.url,
        "link": safe_link(article.url),
        "host": source_host(article.url),
        "reading_time": reading_time(reading_minutes(article), language) if article.blocks else None,
        "source_label": label("source", language),
        "notes_label": label("notes", language),
        "direction": article.direction,
        "blocks": block_views(article.blocks, image_urls, language, image_shapes,
                              NoteLinks(article_anchor(index), note_ids(article.blocks))),
    }


#: French sets a no-break space inside « » and before ; : ! ? so that a line never starts with
#: the mark. Scraped text has plain spaces there; only those are replaced (none is added).
_FRENCH_SPACES = (re.compile(r"(«) +"), re.compile(r" +([»;:!?])"))


def typeset(text: str, language: str | None) -> str:
    """``text`` with the language's no-break spaces (French punctuation); others unchanged."""
    if not text or not (language or "").lower().startswith("fr"):
        return text
    text = _FRENCH_SPACES[0].sub("\\1\u00a0", text)
    return _FRENCH_SPACES[1].sub("\u00a0\\1", text)


def block_views(blocks: Sequence[object], image_urls: Mapping[Figure, str],
                language: str | None = None,
                image_shapes: Mapping[Figure, str] | None = None,
                links: NoteLinks | None = None) -> list[dict[str, object]]:
    """The body blocks as template values; empty blocks are left out, heading levels
    never skip one. ``image_shapes`` gives a figure's shape class (``portrait``); ``links``
    how note markers reach their notes."""
    image_shapes = image_shapes or {}
    links = links or NoteLinks("article", note_ids(blocks))
    views: list[dict[str, object]] = []
    previous = 1  # the article title is the h1
    for block in blocks:
        kind = BLOCK_TYPES.get(type(block))
        if isinstance(block, (Paragraph, Quote)) and block.text.strip():
            views.append({"kind": kind, "text": typeset(block.text, language),
                          "runs": runs_view(block.inlines, links) if block.inlines else None,
                          "attribution": getattr(block, "attribution", None)})
        elif isinstance(block, Heading) and block.text.strip():
            # Never more than one level below the heading before: a skipped level breaks
            # the outline screen readers navigate by (WCAG heading order).
            level = min(max(block.level, 2), previous + 1, MAX_HEADING_LEVEL)
            previous = level
            views.append({"kind": kind, "text": block.text, "level": level,
                          "runs": runs_view(block.inlines, links) if block.inlines else None})
        elif isinstance(block, ListBlock):
            if any(item.strip() for item in block.items):
                views.append(list_view(block, links, lambda text: typeset(text, language)))
        elif isinstance(block, Table) and block.rows:
            views.append(table_view(block, links))
        elif isinstance(block, CodeBlock) and block.text.strip():
            views.append({"kind": kind, "text": block.text, "language": block.language})
        elif isinstance(block, Notes) and block.notes:
            views.append(notes_view(block, links))
        elif isinstance(block, Figure):
            image_url = image_urls.get(block)
            if figure_shown(block, image_urls):
                views.append({"kind": kind, "image_url": image_url, "alt": block.alt,
                              "shape": image_shapes.get(block, "") if image_url else "",
                              "caption": typeset(block.caption, language), "credit": block.credit})
    return views


def figure_shown(figure: Figure, image_urls: Mapping[Figure, str]) -> bool:
    """Whether the figure prints at all: it has a picture, a caption or a credit."""
    return bool(image_urls.get(figure) or figure.caption.strip() or (figure.credit or "").strip())


def render_article(
    article: Article,
    *,
    index: int,
    default_language: str,
    image_urls: Mapping[Figure, str],
    stylesheet_hrefs: Sequence[str] = (),
    image_shapes: Mapping[Figure, str] | None = None,
) -> str:
    """One article as a standalone XHTML5 document (an EPUB content document)."""
    view = article_view(article, index=index, default_language=default_language,
                        image_urls=image_urls, image_shapes=image_shapes)
    return render(ARTICLE_TEMPLATE, article=view, stylesheet_hrefs=list(stylesheet_hrefs), epub=True)


def render_book(
    edition: Edition,
    *,
    image_urls: Mapping[Figure, str],
    css: Sequence[str] = (),
    modified: str | None = None,
    cover_url: str | None = None,
    image_shapes: Mapping[Figure, str] | None = None,
) -> str:
    """The whole edition as one HTML5 document: title page and contents when it has several
    articles, then every article. ``css`` texts are inlined in ``<style>`` (for ``--to html``);
    the PDF writer passes none and hands its stylesheets to WeasyPrint instead."""
    language = edition_language(edition)
    sections = []
    index = 0
    for section in edition.sections:
        views = []
        for article in section.articles:
            index += 1
            views.append(article_view(article, index=index, default_language=language,
                                      image_urls=image_urls, image_shapes=image_shapes))
        if views:
            sections.append({"title": (section.title or "").strip(), "articles": views})
    articles = [view for section in sections for view in section["articles"]]
    bylines = list(dict.fromkeys(a.byline for a in edition.articles if a.byline))
    return render(
        BOOK_TEMPLATE,
        book={
            "title": shown_title(edition.title),
            "language": language,
            "date": display_date(edition.date, language),
            "created": w3c_date(edition.date),
            "modified": modified,
            "cover": cover_url,
            "publisher": edition.publisher,
            "authors": bylines,
            "sections": sections,
            "sectioned": len(sections) > 1 and all(s["title"] for s in sections),
            "has_title_page": len(articles) > 1,
            "articles": articles,
            "direction": book_direction(edition),
        },
        css=[Markup(_style_element_safe(text)) for text in css],
        epub=False,
    )


#: Height over width past which a picture is a portrait: on paper it floats beside the text
#: instead of taking the column (and leaving half a page blank when it moves to the next).
PORTRAIT_RATIO = 1.15


def image_shapes(images: Mapping[Figure, EmbeddedImage]) -> dict[Figure, str]:
    """The shape class of each figure whose picture is markedly taller than wide."""
    return {figure: "portrait" for figure, image in images.items()
            if image.width and image.height > image.width * PORTRAIT_RATIO}


def data_uri(image: EmbeddedImage) -> str:
    """The image as a ``data:`` URI, for the self-contained HTML output."""
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


def write_html(edition: Edition, options: WriterOptions) -> bytes:
    """The edition as one self-contained HTML file: CSS inlined, images as data: URIs."""
    edition = writable(edition)
    images = collect_images(edition, options.images, options.cache)
    html = render_book(
        edition,
        image_urls={figure: data_uri(image) for figure, image in images.items()},
        css=stylesheets(options, paged=False),
        image_shapes=image_shapes(images),
    )
    return inert_html(html).encode("utf-8")


def _style_element_safe(css: str) -> str:
    # Inside <style> nothing is unescaped, so escaping would break CSS; only a closing tag
    # could end the element early. "<\/" means the same to CSS in the rare string that has it.
    return css.replace("</", "<\\/")
