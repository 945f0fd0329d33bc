"""Line-level tests for page furniture inside the story: notices, copyright, promo lines.

Each takes one block's text (and sometimes its element) and says whether it is story text.
Date lines are read by ``dates`` and author bios by ``names``, the helpers both readers share.
"""
from __future__ import annotations

import re

from .. import lexicon
from ..credits import COPYRIGHT_MARK
from ..dates import META_SEPARATOR, dateline, is_date_only

_PROMO_SYMBOL = re.compile(r"^[\u2190-\u2bff\U0001F000-\U0001FAFF\u25b6\u2705\u27a1]")
_COPYRIGHT = re.compile("^" + COPYRIGHT_MARK, re.IGNORECASE)
#: A CMS shortcode the page printed unrendered ("[button link=...]Send us...[/button]"): a widget.
_SHORTCODE = re.compile(r"^\[(\w+)(?:\s[^\]]*)?\](?:.*\[/\1\])?$", re.DOTALL)
#: Short lines (dates, copyright, promo lines) are at most this long.
SHORT_NOTICE_CHARS = 160


def _is_pagination(text: str) -> bool:
    """'1 2 3 4 5 6 7 8': page links, a run of consecutive numbers from one (three or more)."""
    words = text.split()
    return len(words) >= 3 and words == [str(i) for i in range(1, len(words) + 1)]


def _taxonomy() -> re.Pattern:
    return lexicon.pattern(r"^%s\s*:\s*\S", "taxonomy-label")


#: A part of a meta line beside its date holds at most this many words (a name, a place).
MAX_META_PART_WORDS = 4


def is_meta_line(text: str) -> bool:
    """A date with a name or place beside it ("24. März 2004, 19:49 | Jane Roe"): a meta line."""
    parts = [p for p in META_SEPARATOR.split(text) if p]
    if len(parts) < 2 or not any(is_date_only(p) for p in parts):
        return False
    return all(is_date_only(p) or (len(p.split()) <= MAX_META_PART_WORDS and not p.endswith((".", "!", "?"))) for p in parts)


def is_taxonomy(text: str) -> bool:
    """'Kategorie: News, Politik', 'Filed under: ...': the post's categories or tags."""
    return bool(_taxonomy().match(text))


def is_notice(text: str, el) -> bool:
    """Datelines, copyright lines and emoji-led promo lines: page furniture inside the body."""
    if len(text) > SHORT_NOTICE_CHARS:
        return False
    if _COPYRIGHT.match(text) or _PROMO_SYMBOL.match(text) or dateline().match(text) or is_date_only(text) or _SHORTCODE.match(text):
        return True
    if _is_pagination(text) or is_taxonomy(text) or is_meta_line(text):
        return True
    return el is not None and el.find(".//time") is not None and len(text) < 80
