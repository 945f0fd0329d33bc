"""The words a book prints around the story (dates, reading time, labels) in its language.

They are data (``styles/locale.json``, the user's copy first), not code: adding a language
is adding an entry.
"""
from __future__ import annotations

import json
from datetime import date as Date
from functools import lru_cache

from .. import resources
from .book import w3c_date

LOCALE_FILE = "locale.json"
FALLBACK = "en"


@lru_cache(maxsize=None)
def _table() -> dict[str, dict]:
    return json.loads(resources.read_text("styles", LOCALE_FILE))


def words(language: str | None) -> dict:
    """The entry for ``language`` (``fr-CA`` uses ``fr``), else English."""
    table = _table()
    base = (language or "").split("-")[0].split("_")[0].lower()
    return table.get(base) or table[FALLBACK]


def format_date(value: Date, language: str | None) -> str:
    """``value`` written as the article's language writes dates (``14 juillet 2024``)."""
    entry = words(language)
    return entry["date"].format(day=value.day, month=entry["months"][value.month - 1], year=value.year)


def reading_time(minutes: int, language: str | None) -> str:
    return words(language)["reading_time"].format(minutes=minutes)


def label(name: str, language: str | None) -> str:
    return words(language).get(name) or words(FALLBACK)[name]


def display_date(date: str | None, language: str | None = None) -> str | None:
    """The date as printed under the byline, in ``language`` (``14 juillet 2024``) when it is a
    full ISO date, else the ISO part or the text as the source had it."""
    if not date:
        return None
    iso = w3c_date(date)
    if iso and len(iso) == 10:
        try:
            return format_date(Date.fromisoformat(iso), language)
        except ValueError:
            pass
    return iso or date.strip() or None
