"""Byline and date lines in scraped text.

Header lines such as "By Marta Quill, Transport Correspondent", "Von Katrin Hollmann |
14.05.2024, 17:32 Uhr", "Publié le 12/03/2024 à 14h05, mis à jour le 13/03/2024" or a bare
"Lucía Barragán" carry metadata, not story. Names and dates are read by the helpers both
readers share (``names``, ``dates``); their words are the lexicon's (``data/lexicon/``).
"""
from __future__ import annotations

from .. import lexicon
from ..dates import META_SEPARATOR, dates_in, month_date, weekday_date
from ..names import is_role, looks_like_names, looks_like_person, strip_prefix

#: A bare name line ("Lucía Barragán") has this many words at most, and at least two.
BARE_NAME_MAX_WORDS = 4



def is_author_box(line: str) -> bool:
    """The heading of an author box ("About Jane Doe", "Über den Autor"): the story has ended."""
    folded = line.strip().rstrip(":").casefold()
    for word in sorted(lexicon.words("about"), key=len, reverse=True):
        w = word.casefold()
        if folded == w and " " in w:
            return True
        if folded.startswith(w + " ") and looks_like_names(line.strip()[len(word):].strip().rstrip(":"), 5):
            return True
    return False


def _date_after_names(body: str) -> int | None:
    """Where a date printed straight after the names starts ("Steven Musil January 18, 2017")."""
    starts = [m.start() for m in (month_date().search(body), weekday_date().search(body)) if m]
    return min(starts) if starts else None


def parse_byline(line: str, *, require_prefix: bool = True) -> tuple[str, str] | None:
    """(names, rest of the line) for a byline line, else None.

    Names are as printed, without the By/Par/Von/Por/di word, roles or datelines; ``rest`` is
    what followed a separator or the date printed after the names (often the date). Without a
    byline word, a line is a byline when a person's name is followed by a date ("Jane Roe - Apr
    16, 2015"), or, with ``require_prefix`` off, when it is only names.
    """
    body, had_prefix = strip_prefix(line)
    parts = META_SEPARATOR.split(body, maxsplit=1)
    head, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    cut = _date_after_names(head)
    if cut:
        head, rest = head[:cut].strip(), head[cut:].strip() + (" " + rest if rest else "")
    if require_prefix and not had_prefix and not (rest and dates_in(rest, None) and looks_like_person(head)):
        return None
    segments = [s.strip() for s in head.split(",")]
    names = [segments[0]]
    for seg in segments[1:]:
        if is_role(seg) or not looks_like_names(seg, BARE_NAME_MAX_WORDS):
            break
        names.append(seg)
    text = ", ".join(n for n in names if n)
    if not text or is_role(text) or not looks_like_names(text):
        return None
    if not had_prefix and not (2 <= len(text.split()) <= BARE_NAME_MAX_WORDS):
        return None
    return text, rest
