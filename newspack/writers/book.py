"""What a book is as a whole, for every writer: its identifier, language, dates and links.

Kept apart from the markup (``html.py``) and the packaging (``epub.py``, ``pdf.py``) because
all three need the same answers, and a reproducible build needs them to be the same answers.
The cover, the other book-wide thing, is made in ``cover.py``.
"""
from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import datetime, timezone
from urllib.parse import quote, urlsplit

from ..words import WORD_CHARS
from ..model import Article, Edition, Figure
from ..xmlchars import xml_safe
from .options import WriterOptions

#: Language written when neither the article nor the edition knows one.
DEFAULT_LANGUAGE = "en"

#: Title shown for an article without one (a heading-less text file).
UNTITLED = "Untitled"

#: Schemes a source link may use; anything else (javascript:, file:, data:) is shown as text.
LINK_SCHEMES = frozenset({"http", "https"})

#: Characters left as they are when a link is percent-encoded (RFC 3986 reserved + unreserved).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"

#: Namespace of the identifiers derived from a book's sources: the same articles give the
#: same identifier, so a reader recognises a rebuilt book as the same book.
IDENTIFIER_NAMESPACE = uuid.UUID("6f1e3c2a-5b7d-4e8f-9a0b-1c2d3e4f5a6b")

#: Reading speed used for "n min read": adults read news prose at 200-250 words a minute.
WORDS_PER_MINUTE = 230

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{2})?$")


def parse_date(date: str | None) -> datetime | None:
    """An ISO 8601 date or datetime as an aware UTC datetime (a bare date is midnight UTC)."""
    if not date:
        return None
    text = date.strip().replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            value = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
    return None


def build_time(edition: Edition, options: WriterOptions) -> datetime:
    """The book's modification time: the options' (SOURCE_DATE_EPOCH), else the newest date
    the edition or its articles carry, else now (the only case two builds differ)."""
    if options.modified:
        return options.modified.astimezone(timezone.utc).replace(microsecond=0)
    dates = [d for d in [parse_date(edition.date)] + [parse_date(a.date) for a in edition.articles] if d]
    return max(dates) if dates else datetime.now(timezone.utc).replace(microsecond=0)


def reading_minutes(article: Article) -> int:
    """Minutes to read the article's text at WORDS_PER_MINUTE, at least one."""
    words = len(WORD_CHARS.findall(article.body_text))
    return max(1, round(words / WORDS_PER_MINUTE))


def text_of_figure(figure: Figure) -> str:
    """The text that stands for a figure's image: its alt text, else its caption."""
    return (figure.alt or "").strip() or (figure.caption or "").strip()


def book_identifier(edition: Edition) -> str:
    """The edition's identifier, or a stable ``urn:uuid`` derived from its sources and titles."""
    if edition.identifier:
        return edition.identifier
    key = "\n".join(
        [edition.title]
        + [f"{article.url or article.source}\t{article.title or ''}" for article in edition.articles]
    )
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, key)}"


def shown_title(title: str | None) -> str:
    """The title a book prints: ``title``, or the untitled label when there is none."""
    return (title or "").strip() or UNTITLED


def language_tag(code: str | None, fallback: str = DEFAULT_LANGUAGE) -> str:
    """``code`` as a BCP 47 tag (``fr_FR`` -> ``fr-FR``), or ``fallback`` when it is not one."""
    if code:
        tag = code.strip().replace("_", "-")
        if _LANGUAGE_TAG.match(tag):
            return tag
    return fallback


def edition_language(edition: Edition) -> str:
    """The book's language: the edition's, else its first article's that has one, else 'en'."""
    if edition.language:
        return language_tag(edition.language)
    for article in edition.articles:
        if article.language:
            return language_tag(article.language)
    return DEFAULT_LANGUAGE


def safe_link(url: str | None) -> str | None:
    """``url`` percent-encoded for an ``href`` when it is an absolute http(s) URL, else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def w3c_date(date: str | None) -> str | None:
    """The date part of an ISO 8601 date or datetime (``YYYY[-MM[-DD]]``), else None.

    Only the date is kept: it is what a reader shows and what EPUB's ``dc:date`` and PDF's
    metadata accept without a time-zone dance.
    """
    if not date:
        return None
    date = date.strip()
    match = _ISO_DATE.match(date)
    if match:
        return match.group(0)
    return date if _ISO_YEAR_MONTH.match(date) else None


def writable(value):
    """``value`` (an Edition, Article, block, tuple or str) with unwritable characters removed.

    The one place a book's text is cleaned of what XML cannot hold (lxml refuses such a string,
    and ebooklib then drops the field): each writer calls it once, on the edition it is given,
    so nothing after it (views, templates, metadata) cleans again."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, tuple):
        return tuple(writable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: writable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value
