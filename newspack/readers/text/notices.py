"""The site's own notices in scraped text: cookie and consent banners, accessibility and skip links,
"back to" navigation, log-in, sign-up and browser lines (``data/textmodel/notices.txt``); and its
pitches to the reader: newsletters, apps, subscriptions, donations (the lexicon's ``pitch-pattern``
lines, which the HTML reader uses too). The notice lists stay the line model's own features.

Shared by the title (a notice is never the title), the rules' story run (a block of notice lines
weighs little) and the line model (features ``notice``, ``notice_word``, ``notice_near``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import phrases
from ... import resources

#: A notice in the [short] list only counts in lines of at most this many words.
NOTICE_SHORT_MAX_WORDS = 4
#: Lines on each side looked at for a notice block.
NOTICE_WINDOW = 3
#: A line using a notice word is in a notice block when at least this many of its neighbours
#: (within :data:`NOTICE_WINDOW`) use one too: one line about cookies may be story, a block of
#: them is a banner or a form. Lower also catches a story paragraph that mentions privacy twice.
NOTICE_BLOCK_MIN_NEIGHBOURS = 2
#: A comment head ("12 Comments", "Leave a reply") has at most this many words.
COMMENT_HEAD_MAX_WORDS = 12


@lru_cache(maxsize=1)
def _notices() -> tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None]:
    sections: dict[str, list[str]] = {"phrase": [], "short": [], "word": []}
    current = "phrase"
    for line in resources.read_lines("data", "textmodel/notices.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).append(line)

    def join(pats: list[str]) -> re.Pattern | None:
        # Matched against the folded line: case-insensitive matching costs Python's re twice the time.
        return re.compile("|".join(f"(?:{p})" for p in pats).casefold()) if pats else None

    return join(sections["phrase"]), join(sections["short"]), join(sections["word"])


@lru_cache(maxsize=8192)
def is_notice(text: str) -> bool:
    """A cookie, consent, accessibility, skip, "back to", log-in or browser notice line."""
    phrase, short, _ = _notices()
    folded = text.casefold()
    if phrase is not None and phrase.search(folded):
        return True
    return short is not None and len(text.split()) <= NOTICE_SHORT_MAX_WORDS and bool(short.search(folded.strip(" .:|»›")))


@lru_cache(maxsize=8192)
def has_notice_word(text: str) -> bool:
    """Whether a line uses a word of consent, privacy, account or subscription text (weak evidence:
    the line model weighs it with its neighbours')."""
    word = _notices()[2]
    return word is not None and bool(word.search(text.casefold()))


@lru_cache(maxsize=8192)
def is_pitch(text: str) -> bool:
    """A newsletter, app, subscription or donation pitch, or a "liked this article?" line: the
    lexicon's ``pitch-pattern`` lines, the same the HTML reader uses."""
    return phrases.matches_pattern(text)


@lru_cache(maxsize=1)
def _comment_heads() -> re.Pattern | None:
    pats = list(resources.read_lines("data", "textmodel/comments.txt"))
    return re.compile("|".join(f"(?:{p})" for p in pats).casefold()) if pats else None


def is_comment_head(text: str) -> bool:
    """A line that opens comments: "12 Comments", "Leave a reply", "Comments are closed"
    (``data/textmodel/comments.txt``)."""
    head = _comment_heads()
    return (len(text.split()) <= COMMENT_HEAD_MAX_WORDS and head is not None
            and bool(head.search(text.strip().casefold())))


def notice_block(texts: list[str]) -> list[bool]:
    """Per line: whether it is in a notice block, a stretch of lines using notice words (each with
    enough such neighbours) that holds at least one notice line ("We use cookies", "Log in or
    register"). A story about privacy uses the words, not a banner's phrases."""
    noticed = [is_notice(t) for t in texts]
    worded = [n or has_notice_word(t) for n, t in zip(noticed, texts)]
    dense = []
    for i, w in enumerate(worded):
        near = sum(worded[max(0, i - NOTICE_WINDOW):i]) + sum(worded[i + 1:i + 1 + NOTICE_WINDOW])
        dense.append(w and near >= NOTICE_BLOCK_MIN_NEIGHBOURS)
    out = list(noticed)
    i = 0
    while i < len(texts):
        if not dense[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(texts) and (dense[j + 1] or (j + 2 < len(texts) and dense[j + 2])):
            j += 1
        if any(noticed[max(0, i - 1):j + 2]):
            for k in range(i, j + 1):
                out[k] = out[k] or dense[k]
        i = j + 1
    return out
