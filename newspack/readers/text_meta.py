"""Byline and date lines in scraped text, in six languages.

Header lines such as "By Marta Quill, Transport Correspondent", "Von Katrin Hollmann |
14.05.2024, 17:32 Uhr", "Publié le 12/03/2024 à 14h05, mis à jour le 13/03/2024" or a bare
"Lucía Barragán" carry metadata, not story. The words that open a byline, mark a role or an
update stamp are data (``data/bylines/<lang>.txt``); month names are ``data/dates/months.txt``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import phrases, resources

#: Most words a byline's names may have ("By A, B and C" fits); longer is a sentence.
BYLINE_MAX_WORDS = 10
#: A bare name line ("Lucía Barragán") has this many words at most, and at least two.
BARE_NAME_MAX_WORDS = 4
#: Years outside this range are page furniture (copyright ranges, ids), not a publication date.
YEAR_RANGE = (1990, 2100)

_NAME_JOINERS = frozenset("and et und y e ed &".split())
_NAME_PARTICLES = frozenset("de da do dos das del della di du des van von der den la le".split())
_SPLIT = re.compile(r"\s+[|·•—–]\s+|\s+-\s+|\s*\|\s*")


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    return phrases.read_sections("bylines")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in resources.read_lines("data", "dates/months.txt"):
        parts = line.split()
        if len(parts) >= 2 and parts[0].isdigit():
            for name in parts[1:]:
                table.setdefault(name.casefold(), int(parts[0]))
    return table


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern, ...]:
    month = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
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
    words = sorted(_words().get("updated", ()), key=len, reverse=True)
    return re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _dates_in(text: str, language: str | None) -> list[tuple[int, str]]:
    found = []
    for pattern in _date_patterns():
        for m in pattern.finditer(text):
            g = m.groupdict()
            year = int(g["y"])
            month = _months().get(g["mn"].casefold().rstrip(".")) if g.get("mn") else int(g["m"])
            day = int(g["d"])
            if g.get("mn") is None and pattern is _date_patterns()[1] and language == "en" and day <= 12 < month:
                day, month = month, day  # US order: 05/31/2024
            if not (YEAR_RANGE[0] <= year <= YEAR_RANGE[1] and month and 1 <= month <= 12 and 1 <= day <= 31):
                continue
            found.append((m.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    return sorted(found)


def find_date(text: str, language: str | None = None) -> str | None:
    """The publication date (ISO YYYY-MM-DD) in a date line, skipping update stamps."""
    cut = _updated().search(text)
    head = text[:cut.start()] if cut else text
    dates = _dates_in(head, language) or _dates_in(text, language)
    return dates[0][1] if dates else None


def is_update_stamp(text: str) -> bool:
    """True when ``text`` opens with an update marker ("Updated ...", "Atualizado há 2 horas")."""
    m = _updated().search(text)
    return bool(m) and not text[:m.start()].strip(" |·-–—,")


def _strip_prefix(line: str) -> tuple[str, bool]:
    for prefix in sorted(_words().get("prefix", ()), key=len, reverse=True):
        if line.casefold().startswith(prefix.casefold()) and (prefix.endswith(":") or line[len(prefix):len(prefix) + 1] == " "):
            if prefix[:1].islower() and not line[:1].islower():
                continue  # "di" opens an Italian byline, "Di" may open a sentence
            return line[len(prefix):].strip(), True
    return line, False


def _is_role(segment: str) -> bool:
    folded = segment.casefold()
    return any(re.search(r"\b" + re.escape(r) + r"\b", folded) for r in _words().get("role", ()))


def looks_like_names(text: str, max_words: int = BYLINE_MAX_WORDS) -> bool:
    """Name-shaped: capitalised words (with joiners and particles), no digits or sentence end."""
    words = text.replace(",", " ").split()
    if not words or len(words) > max_words or any(c.isdigit() for c in text) or text.endswith((".", "?", "!", ":")):
        return False
    caps = 0
    for w in words:
        if w.casefold() in _NAME_JOINERS or w.casefold() in _NAME_PARTICLES:
            continue
        if not (w[0].isupper() and any(c.isalpha() for c in w)):
            return False
        caps += 1
    return caps >= 1


def is_author_box(line: str) -> bool:
    """The heading of an author box ("About Jane Doe", "Über den Autor"): the story has ended."""
    folded = line.strip().rstrip(":").casefold()
    for word in sorted(_words().get("about", ()), key=len, reverse=True):
        w = word.casefold()
        if folded == w and " " in w:
            return True
        if folded.startswith(w + " ") and looks_like_names(line.strip()[len(word):].strip().rstrip(":"), 5):
            return True
    return False


def parse_byline(line: str, *, require_prefix: bool = True) -> tuple[str, str] | None:
    """(names, rest of the line) for a byline line, else None.

    Names are as printed, without the By/Par/Von/Por/di word, roles or datelines; ``rest`` is
    what followed a separator (often the date).
    """
    body, had_prefix = _strip_prefix(line.strip())
    if require_prefix and not had_prefix:
        return None
    parts = _SPLIT.split(body, maxsplit=1)
    head, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    segments = [s.strip() for s in head.split(",")]
    names = [segments[0]]
    for seg in segments[1:]:
        if _is_role(seg) or not looks_like_names(seg, BARE_NAME_MAX_WORDS):
            break
        names.append(seg)
    text = ", ".join(n for n in names if n)
    if not text or _is_role(text) or not looks_like_names(text):
        return None
    if not had_prefix and not (2 <= len(text.split()) <= BARE_NAME_MAX_WORDS):
        return None
    return text, rest


def is_date_line(line: str, language: str | None = None) -> bool:
    """A short line that is mostly a date stamp ("Publié le 12/03/2024 à 14h05", "21 novembre 2024")."""
    if not _dates_in(line, language) and not is_update_stamp(line):
        return False
    words = re.findall(r"[^\W\d_]{2,}", line)
    # A dateline may name a place ("Villaseca del Río, 12 de junio de 2024 - 19:45 h"); a
    # sentence that mentions a date has many more words and ends with a period.
    return len(words) <= 12 and not line.rstrip().endswith((".", "!", "?")) or len(words) <= 6
