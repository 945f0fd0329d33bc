"""Dates as pages print them, for both readers: publication dates, date lines, update stamps.

"Publié le 12/03/2024 à 14h05, mis à jour le 13/03/2024", "Tuesday, Nov. 19, 2019 at 2:26 PM
EST", "vor 3 Stunden": the words are the lexicon's (``month``, ``weekday``, ``date-word``,
``updated``, ``dateline``, ``relative-time``), so a language added there is read here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..words import letter_runs
from . import lexicon

#: Years outside this range are page furniture (copyright ranges, ids), not a publication date.
YEAR_RANGE = (1990, 2100)
#: A line of nothing but a date is at most this long ("Tuesday, November 19, 2019 at 2:26 PM
#: HST - Updated November 19 at 4:46 PM" is 70); longer lines are sentences that mention one.
MAX_DATE_LINE_CHARS = 100
#: A line saying how old the page is ("2 hours ago") is at most this long.
MAX_RELATIVE_TIME_CHARS = 160

#: Separators between the parts of a byline or date line ("Jane Roe | 14.05.2024", "12 May 2024 ·
#: Lisbon"), as both readers split them.
META_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|\s+-\s+|\s*\|\s*")

_DATE_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_LABEL_COLON = re.compile(r"^[^\W\d_]+\s*:")
_YEAR_OR_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:h.]\d\d\b")


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern, ...]:
    month = "|".join(sorted((re.escape(m) for m in lexicon.months()), key=len, reverse=True))
    return (
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<t>\d{1,2}:\d{2}))?"),
        re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b"),
        re.compile(r"\b(?P<d>\d{1,2})(?:\.|º|er|st|nd|rd|th)?\s+(?:de\s+)?(?P<mn>" + month
                   + r")\.?,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})\b", re.IGNORECASE),
        re.compile(r"\b(?P<mn>" + month + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b",
                   re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _updated() -> re.Pattern:
    words = sorted(lexicon.words("updated"), key=len, reverse=True)
    return re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def dates_in(text: str, language: str | None) -> list[tuple[int, str]]:
    """Every date printed in ``text``: (offset, ISO YYYY-MM-DD), in reading order."""
    found = []
    numeric = _date_patterns()[1]
    for pattern in _date_patterns():
        for m in pattern.finditer(text):
            g = m.groupdict()
            year = int(g["y"])
            month = lexicon.months().get(g["mn"].casefold().rstrip(".")) if g.get("mn") else int(g["m"])
            day = int(g["d"])
            if g.get("mn") is None and pattern is numeric and language == "en" and day <= 12 < month:
                day, month = month, day  # US order: 05/31/2024
            if not (YEAR_RANGE[0] <= year <= YEAR_RANGE[1] and month and 1 <= month <= 12 and 1 <= day <= 31):
                continue
            found.append((m.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    return sorted(found)


def find_date(text: str, language: str | None = None) -> str | None:
    """The publication date (ISO YYYY-MM-DD) in a date line, skipping update stamps."""
    cut = _updated().search(text)
    head = text[:cut.start()] if cut else text
    dates = dates_in(head, language) or dates_in(text, language)
    return dates[0][1] if dates else None


def is_update_stamp(text: str) -> bool:
    """True when ``text`` opens with an update marker ("Updated ...", "Atualizado há 2 horas")."""
    m = _updated().search(text)
    return bool(m) and not text[:m.start()].strip(" |·-–—,")


def is_date_line(line: str, language: str | None = None) -> bool:
    """A short line that is mostly a date stamp ("Publié le 12/03/2024 à 14h05", "21 novembre
    2024", "Villaseca del Río, 12 de junio de 2024 - 19:45 h"): the text reader's header test."""
    if not dates_in(line, language) and not is_update_stamp(line):
        return False
    words = letter_runs(line, 2)
    # A dateline may name a place; a sentence that mentions a date has many more words and ends
    # with a period.
    return len(words) <= 12 and not line.rstrip().endswith((".", "!", "?")) or len(words) <= 6


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    return lexicon.word_set("date-word") | lexicon.word_set("weekday") | frozenset(lexicon.months())


def is_date_only(text: str) -> bool:
    """A line that is only a publication date and time: every word a number, a month or weekday,
    a connector ("at", "um", "às"), a time-zone abbreviation, or "Updated"/"Published"."""
    if len(text) > MAX_DATE_LINE_CHARS or not _YEAR_OR_TIME.search(text):
        return False
    words = _date_words()
    # one label of any language may open the line: "기사입력 : 2018-09-28 17:32", "Stand: 3. Mai"
    spare = 1 if _LABEL_COLON.match(text) else 0
    for word in _DATE_WORD.findall(text):
        if not (word.isdigit() or (word.isupper() and 2 <= len(word) <= 4) or word.casefold() in words):
            if not spare:
                return False
            spare -= 1
    return True


def is_date_fragment(text: str) -> bool:
    """'August', 'Sat', '3 de Mayo de': a line cut from a date, every word a number, a month, a
    weekday or a date word (no year needed, unlike ``is_date_only``)."""
    words = _DATE_WORD.findall(text)
    known = _date_words()
    return bool(words) and len(text) <= MAX_DATE_LINE_CHARS and all(w.isdigit() or w.casefold() in known for w in words)


def dateline() -> re.Pattern:
    """The opening of a publication or update line ("Updated Nov. 22", "Publié le")."""
    return lexicon.pattern("^%s", "dateline", escape=False, longest_first=False)


def _relative_time() -> re.Pattern:
    return lexicon.pattern(r"^%s[.!]?$", "relative-time", escape=False, longest_first=False)


def is_relative_time(text: str) -> bool:
    """'2 hours ago', 'vor 3 Stunden', 'il y a 2 jours': a line that only says how old the page is."""
    return len(text) <= MAX_RELATIVE_TIME_CHARS and bool(_relative_time().match(text.strip()))


@lru_cache(maxsize=1)
def weekday_date() -> re.Pattern:
    """A weekday that opens a date ("Monday, November 18", "lundi 18"): a name before it ends."""
    days = sorted({w for w in lexicon.word_set("weekday") if len(w) > 3}, key=len, reverse=True)
    return re.compile(r"\s*\b(?:%s)\b[,.]?\s+(?=\d|[^\W\d_]+\.?\s+\d)" % "|".join(map(re.escape, days)), re.IGNORECASE)


@lru_cache(maxsize=1)
def month_date() -> re.Pattern:
    """A month name that opens a date ("February 2, 2017", "2. März"): a name before it ends."""
    names = sorted({w for w in lexicon.months() if len(w) > 2}, key=len, reverse=True)
    return re.compile(r"\s+(?:%s)\b\.?(?=\s*\d)" % "|".join(map(re.escape, names)), re.IGNORECASE)
