"""What a book has as a whole, for every writer: its build time, its cover, its words.

Kept apart from the markup (``html.py``) and the packaging (``epub.py``, ``pdf.py``) because
all three need the same answers, and a reproducible build needs them to be the same answers.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from ..errors import UsageError
from ..model import Article, Edition, Figure
from .cache import cache_key, cached_image
from .images import EmbeddedImage, _embedded, normalise_cached
from .locale import format_date
from .options import WriterOptions

#: Reading speed used for "n min read": adults read news prose at 200-250 words a minute.
WORDS_PER_MINUTE = 230

_WORD = re.compile(r"\w+", re.UNICODE)


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
    words = len(_WORD.findall(article.body_text))
    return max(1, round(words / WORDS_PER_MINUTE))


def text_of_figure(figure: Figure) -> str:
    """The text that stands for a figure's image: its alt text, else its caption."""
    return (figure.alt or "").strip() or (figure.caption or "").strip()


def lead_image(edition: Edition, images: dict[Figure, EmbeddedImage]) -> EmbeddedImage | None:
    """A single article's first embedded picture; None for a book of several articles."""
    if len(edition.articles) != 1:
        return None
    return next((images[f] for f in edition.articles[0].figures if f in images), None)


def front_page(edition: Edition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A book of several articles: each section's name and first headlines, for the cover."""
    if len(edition.articles) < 2:
        return ()
    from ..cover import FRONT_HEADLINES

    return tuple((section.title.strip(), tuple((a.title or "").strip() for a in section.articles[:FRONT_HEADLINES]
                                               if (a.title or "").strip()))
                 for section in edition.sections if section.articles)


def book_cover(edition: Edition, options: WriterOptions, images: dict[Figure, EmbeddedImage]) -> EmbeddedImage | None:
    """The cover: the user's image, else one drawn (with the lead picture of a single
    article), or None when the options ask for no cover."""
    if options.cover:
        path = Path(options.cover).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read cover image {path}: {exc.strerror or exc}") from None
        image = normalise_cached(data, str(path), options.images, options.cache)
        if image is None:
            raise UsageError(f"cover {path} is not an image newspack can read")
        return image
    if not options.draw_cover:
        return None
    from ..cover import COVER_SIZE, CoverText, draw_cover

    articles = edition.articles
    single = articles[0] if len(articles) == 1 else None
    masthead = edition.publisher or (single.site_name if single else None) or ""
    language = edition.language or (single.language if single else None)
    date = parse_date(edition.date) or (parse_date(single.date) if single else None)
    lead = lead_image(edition, images)
    text = CoverText(title=edition.title or "", masthead=masthead,
                     date=format_date(date, language) if date else "", contents=front_page(edition))

    def draw() -> EmbeddedImage:
        data, media_type = draw_cover(text, lead.data if lead else None)
        return _embedded(data, media_type, "png" if media_type == "image/png" else "jpg", COVER_SIZE)

    # Drawn once per book: the same words and picture give the same cover.
    key = cache_key("cover", repr(text), repr(COVER_SIZE), lead.data if lead else b"")
    return cached_image(options.cache, key, draw)
