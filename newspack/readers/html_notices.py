"""Line-level tests for page furniture inside the story: notices, date lines, teasers, bios.

Each takes one block's text (and sometimes its element) and says whether it is story text.
The words they use are data: ``data/html/dateline.txt``, ``date_words.txt``, ``weekdays.txt``,
``data/dates/months.txt`` and the boilerplate ``[prefix]`` lines.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources
from .html_dom import word_lines


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern:
    return re.compile(r"^(?:%s)" % "|".join(f"(?:{p})" for p in word_lines("dateline.txt")), re.IGNORECASE)


_PROMO_SYMBOL = re.compile(r"^[\u2190-\u2bff\U0001F000-\U0001FAFF\u25b6\u2705\u27a1]")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
#: A CMS shortcode the page printed unrendered ("[button link=...]Send us...[/button]"): a widget.
_SHORTCODE = re.compile(r"^\[(\w+)(?:\s[^\]]*)?\](?:.*\[/\1\])?$", re.DOTALL)
#: Short lines (dates, copyright, promo lines) are at most this long.
SHORT_NOTICE_CHARS = 160


#: A line of nothing but a date is at most this long ("Tuesday, November 19, 2019 at 2:26 PM
#: HST - Updated November 19 at 4:46 PM" is 70); longer lines are sentences that mention one.
MAX_DATE_LINE_CHARS = 100
_DATE_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_LABEL_COLON = re.compile(r"^[^\W\d_]+\s*:")
_YEAR_OR_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:h.]\d\d\b")


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    from .. import resources

    words = set()
    for line in resources.read_lines("data", "dates/months.txt"):
        words.update(w.casefold() for w in line.split()[1:])
    for name in ("date_words.txt", "weekdays.txt"):
        for line in word_lines(name):
            words.update(w.casefold() for w in line.split())
    return frozenset(words)


def is_date_line(text: str) -> bool:
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


def _is_pagination(text: str) -> bool:
    """'1 2 3 4 5 6 7 8': page links, a run of consecutive numbers from one (three or more)."""
    words = text.split()
    return len(words) >= 3 and words == [str(i) for i in range(1, len(words) + 1)]


@lru_cache(maxsize=1)
def _relative_time() -> re.Pattern:
    lines = resources.read_lines("data", "dates/relative.txt")
    return re.compile(r"^(?:%s)[.!]?$" % "|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


def is_relative_time(text: str) -> bool:
    """'2 hours ago', 'vor 3 Stunden', 'il y a 2 jours': a line that only says how old the page is."""
    return len(text) <= SHORT_NOTICE_CHARS and bool(_relative_time().match(text.strip()))


def is_notice(text: str, el) -> bool:
    """Datelines, copyright lines and emoji-led promo lines: page furniture inside the body."""
    if len(text) > SHORT_NOTICE_CHARS:
        return False
    if _COPYRIGHT.match(text) or _PROMO_SYMBOL.match(text) or _dateline().match(text) or is_date_line(text) or _SHORTCODE.match(text):
        return True
    if _is_pagination(text):
        return True
    return el is not None and el.find(".//time") is not None and len(text) < 80


#: Verbs that open a sentence about the author ("Jane Roe is a staff writer", "... schreibt").
_BIO_VERBS = frozenset({"is", "was", "covers", "reports", "writes", "joined", "est", "ist", "es", "è", "é", "schreibt", "berichtet"})
#: The word after the name, past a bracketed aside ("Jane Roe (jane@example.org) is ...").
_FIRST_WORD = re.compile(r"\s+(?:\([^)]{0,80}\)\s+)?(\w+)")


def author_names(byline: str | None) -> tuple[str, ...]:
    if not byline:
        return ()
    return tuple(n.strip() for n in re.split(r",|\s+(?:and|und|et|y|e|&)\s+", byline) if n.strip())


def is_bio(text: str, names: tuple[str, ...]) -> bool:
    """'Jane Roe is a staff writer...': a sentence about the author, not the story."""
    for name in names:
        if text.startswith(name):
            m = _FIRST_WORD.match(text, len(name))
            if m and m.group(1) in _BIO_VERBS:
                return True
    return False
