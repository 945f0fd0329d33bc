"""Step 1 of the text reader: the page's text as clean, non-empty lines.

Scraped text often went through one wrong decode on its way here: UTF-8 bytes read as Latin-1
or Windows-1252 and saved again ("Ã¤" for "ä", "â€™" for "’"). Such text never matches the
page's words, so each garbled sequence is turned back into the character it was, before
anything else looks at the lines.
"""
from __future__ import annotations

import re

from .sentences import normalize_spaces

#: Lines looked at, at most: a news page has a few thousand; a million-line input is not a page
#: and is cut here so it still reads in reasonable time.
MAX_LINES = 20_000
#: Characters of one line looked at, at most (a multi-megabyte line is a dump, not a paragraph).
MAX_LINE_CHARS = 200_000
#: Garbled sequences a text needs before it is repaired: one could be a real "Â°" in a table;
#: a mis-decoded page has dozens.
MOJIBAKE_MIN_SEQUENCES = 2

_C1 = re.compile("[\x80-\x9f]")
# Soft hyphens mark where a word may break; printed nowhere, they only split the word for a search.
_SOFT_HYPHEN = "\xad"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b-\u200d\u2028\u2029]")
# Windows-1252's printable characters in 0x80-0x9f, which stand for UTF-8 continuation bytes
# when a page was mis-decoded as cp1252 (Latin-1 keeps them as C1 controls instead).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = "[\x80-\xbf" + _CP1252_HIGH + "]"
# A UTF-8 lead byte read as one character, then its continuation bytes.
_MOJIBAKE = re.compile("[\xc2-\xdf]" + _CONTINUATION + "|[\xe0-\xef]" + _CONTINUATION + "{2}|[\xf0-\xf4]"
                       + _CONTINUATION + "{3}")


def _as_byte(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1")


def _undo(match: re.Match) -> str:
    text = match.group()
    try:
        return b"".join(_as_byte(c) for c in text).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 sequences that were mis-decoded as Latin-1 or cp1252 turned back."""
    found = _MOJIBAKE.findall(text[:200_000])
    # A C1 control character inside one is never real text: one such sequence is enough.
    if len(found) < MOJIBAKE_MIN_SEQUENCES and not any(_C1.search(f) for f in found):
        return text
    return _MOJIBAKE.sub(_undo, text)


def prepare_lines(text: str) -> list[str]:
    """Non-empty lines with mis-decoding repaired, control characters and soft hyphens removed,
    spaces normalised."""
    text = _CONTROL.sub(" ", repair_mojibake(text or "")).replace(_SOFT_HYPHEN, "")
    lines: list[str] = []
    for raw in text.splitlines():
        line = normalize_spaces(raw[:MAX_LINE_CHARS])
        if line:
            lines.append(line)
            if len(lines) >= MAX_LINES:
                break
    return lines
