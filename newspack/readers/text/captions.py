"""Photo captions buried in scraped text, and their credits.

A scrape keeps an image's caption as text where the image stood, often glued between two
story sentences: "... la digue. Des bénévoles sur le quai, samedi. | AGENCE DU NORD La maire ...". A caption is recognised by the credit that follows it, in one of the forms
papers print (" | CREDIT", " — CREDIT", "Photo: CREDIT", "(Foto: CREDIT)", "(Foto CREDIT)",
"© CREDIT", "AGENCY/NAME"), or by a cue phrase ("seen in this photo", "sur cette photo").
The credit labels and cues are the lexicon's (``data/lexicon/<lang>.txt``). The caption is the one
sentence before the credit; the credit runs over name-like words until the next sentence
visibly starts (a capitalised function word, or a capitalised word before small ones).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..credits import by_alternation, clean_credit, is_rights, label_alternation
from ..language import stopwords
from .sentences import split_sentences

#: Longest credit, in words (a lone "/" not counted): agency credits run 1-9 words; longer
#: runs swallow the next sentence's opening.
CREDIT_MAX_WORDS = 10
#: Characters after a credit label read for the credit (ten long words fit with room to spare).
CREDIT_WINDOW_CHARS = 400
#: Longest caption, in chars: a caption longer than this is a story paragraph with a credit-like tail.
CAPTION_MAX_CHARS = 400
#: Shortest caption, in chars: shorter "sentences" before a credit are debris, not captions.
CAPTION_MIN_CHARS = 12


@lru_cache(maxsize=1)
def _connectors() -> frozenset[str]:
    """Small words that may sit inside a credit between name words ("Prefeitura de Santa Rita")."""
    return lexicon.word_set("name-particle") | lexicon.word_set("name-joiner") | lexicon.word_set("credit-connector")


_END = r"(?<=[.!?…»”\"’)])"
_SEPARATOR = re.compile(_END + r"\s+[|—–]\s+(?=\S)")
#: The "NAME/AGENCY" credit papers print after a caption, in any order and spacing: "AFP/Jane Roe",
#: "A. Jane ROE / AGENCY", "(Jane Roe/Agency)". Outside brackets one side must read as an agency
#: (capitals), checked by ``_is_slash_credit``; the credit then runs as far as ``credit_run`` says.
_NAME_WORD = r"[A-Z][\w.'’&-]*"
_SLASH_CREDIT = re.compile(_END + r"(?:\s*\((?P<inner>(?:%s\s+){0,3}%s\s?/\s?[A-Z][\w&.'’ -]{1,40})\)"
                           r"|\s+(?=(?P<left>(?:%s\s+){0,3}%s)\s?/\s?(?P<right>[A-Z][\w&.'’-]*)))" % ((_NAME_WORD,) * 4))


def _is_slash_credit(left: str, right: str) -> bool:
    """An agency on one side of the slash: "AFP/Jane Roe" (capitals before) or "Jane Roe / AFP"
    (a word of capitals after, and a name before rather than a sentence: "The EU / UK talks")."""
    if len(left) >= 2 and left.replace(" ", "").replace(".", "").isupper():
        return True
    return sum(c.isupper() for c in right) >= 2 and right.isupper() and left.split()[0].casefold() not in stopwords()


#: After a credit the next sentence starts, or the line ends: small words there (this many or
#: more before the next full stop) mean the "credit" was the first word of a sentence that goes
#: on. One or two are the credit's own tail ("J. Roe / AP file").
CONTINUATION_MIN_WORDS = 3
_CONTINUES = re.compile(r"[ \t]*[,;]?[ \t]*[^\W\d_A-Z]", re.UNICODE)


def _continues(text: str, end: int) -> bool:
    """Whether the sentence goes on in small words after ``end`` (see :data:`CONTINUATION_MIN_WORDS`)."""
    if not _CONTINUES.match(text, end):
        return False
    rest = re.split(r"(?<=[.!?…])\s", text[end:end + CREDIT_WINDOW_CHARS], maxsplit=1)[0]
    return len(rest.split()) >= CONTINUATION_MIN_WORDS


_COPYRIGHT = re.compile(_END + r"\s+©\s*(?=\S)")
#: "Wind farm at dusk © Name" closing a line: a caption with no full stop, then its credit.
_TRAILING_COPYRIGHT = re.compile(r"(?<=[^\s.!?…])\s+©\s*(?=\S)")


@dataclass(frozen=True)
class Caption:
    """A caption found in text: its words, its credit, and where it stood in the line."""

    text: str
    credit: str | None
    start: int
    end: int


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[re.Pattern, re.Pattern]:
    alt = label_alternation()
    # Round or square brackets: "(Photo: NAME)", "[File: AGENCY]".
    by = by_alternation()
    # Round or square brackets: "(Photo: NAME)", "[File: AGENCY]", "(AP Photo/NAME)"; the label is
    # a whole word ("(pictured)" is a cue, not the label "Picture" with a credit "d").
    paren = re.compile(r"(?:\(\s*(?:" + alt + r")\b\s*[:.]?\s*([^()]{1,160}?)\s*\)"
                       r"|\[\s*(?:" + alt + r")\b\s*:\s*([^\[\]]{1,160}?)\s*\]"
                       r"|\(\s*((?-i:[A-Z][\w&.-]*)(?:\s+(?-i:[A-Z][\w&.-]*))?\s+(?:" + alt + r")\s?/\s?[^()]{1,160}?)\s*\))",
                       re.IGNORECASE)
    # "Photo: NAME" and "Photo by NAME" ("Foto von", "Foto di"...: the words are data, [by]).
    colon = re.compile(r"(?:(?<=[.!?…»”\"’)])\s+|^)(?:" + alt + r")(?:\s?:|\s+(?:" + by + r")\b)\s*(?=\S)",
                       re.IGNORECASE)
    return paren, colon


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in lexicon.words("caption-cue"))


def is_caption_cue(sentence: str) -> bool:
    """True when a sentence says it describes a picture ("seen in this photo")."""
    return any(p.search(sentence) for p in _cues())


def _is_name_word(word: str) -> bool:
    core = word.strip("()[],;:'\"«»“”")
    if not core:
        return False
    return core[0].isupper() or core[0].isdigit() or "/" in core or core in "/&-–+"


def credit_run(text: str, start: int, whole_rest: bool = True) -> int:
    """End offset of the credit that begins at ``start``: name-like words up to the next sentence.

    When the rest of the line is short and has no sentence end, it is all credit
    (``whole_rest``): "Foto: Vigili del fuoco" at a line's end.
    """
    # Only a window after ``start`` is read: a credit is a few words, and tokenising the whole rest
    # of a multi-megabyte line for each of its captions would be quadratic.
    window = text[start:start + CREDIT_WINDOW_CHARS]
    words = list(re.finditer(r"\S+", window))
    if not words:
        return start
    if (whole_rest and len(words) <= CREDIT_MAX_WORDS and start + CREDIT_WINDOW_CHARS >= len(text)
            and not re.search(r"[.!?…]", window)):
        return len(text.rstrip())
    stop = stopwords()
    end = start
    counted = 0
    for i, m in enumerate(words):
        word = m.group(0)
        counted += any(c.isalnum() for c in word)
        if counted > CREDIT_MAX_WORDS:
            break
        core = word.strip("()[],;:'\"«»“”")
        nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
        after = words[i + 2].group(0) if i + 2 < len(words) else ""
        # "Residents of the village": a connector followed by a small word is prose, not a name.
        small_next = bool(nxt) and nxt[0].islower() and "/" not in nxt and (
            nxt.casefold() not in _connectors() or not _is_name_word(after))
        if i > 0 and core and core[0].isupper() and not core.isupper() and core.casefold() in stop:
            break  # "La ministre", "Die Bürgerinitiative": the next sentence starts here
        if core.casefold() in _connectors() and core.islower():
            if not _is_name_word(nxt):
                break
        elif not _is_name_word(word):
            break
        elif i > 0 and small_next and not core.isupper():
            break  # "Opposition councillors said": a capital before small words starts a sentence
        end = start + m.end()
        if word.endswith((".", ")")) and not re.fullmatch(r"(?:[A-Z]\.)+", word):
            break
    return end


def _caption_before(text: str, pos: int) -> tuple[str, int] | None:
    """The sentence that ends at ``pos`` and its start offset, if caption-sized."""
    # Only the text just before the marker is split: a caption is short, and splitting the whole
    # line again for every marker would make a huge line with many "|" quadratic.
    base = max(0, pos - 3 * CAPTION_MAX_CHARS)
    head = text[base:pos].rstrip()
    sentences = split_sentences(head)
    if not sentences:
        return None
    last = sentences[-1]
    if not CAPTION_MIN_CHARS <= len(last) <= CAPTION_MAX_CHARS:
        return None
    at = head.rfind(last)
    if at < 0:  # repaired (leading dot dropped): find it by its tail
        at = max(0, len(head) - len(last))
    return last, base + at


def find_captions(text: str) -> list[Caption]:
    """Captions with credits inside one line, in order, not overlapping."""
    paren, colon = _label_patterns()
    found: list[Caption] = []
    starts: list[int] = []
    found_by_start: list[Caption] = []

    def add(credit_start: int, credit_end: int, credit: str, marker: int) -> None:
        prev = _caption_before(text, marker)
        if prev is None:
            return
        caption, at = prev
        credit_text = clean_credit(credit)
        if not credit_text or is_rights(text[credit_start:credit_end + 80]) or re.match(r"\d{4}\b", credit_text):
            return  # a copyright notice ("© 2024 Outlet. All rights reserved."), not a photo credit
        if _continues(text, credit_end):
            return  # "(braziliensis) – Hardiest species, with...": the sentence goes on, no credit ends here
        # Captions found never overlap, so sorted by start they are sorted by end too: only the
        # neighbours in start order can overlap (a scan of all would be quadratic).
        k = bisect.bisect_left(starts, at)
        if any(found_by_start[j].start < credit_end and at < found_by_start[j].end
               for j in range(max(0, k - 1), min(len(starts), k + 1))):
            return
        cap = Caption(caption, credit_text, at, credit_end)
        starts.insert(k, at)
        found_by_start.insert(k, cap)
        found.append(cap)

    for m in paren.finditer(text):
        add(m.start(), m.end(), m.group(1) or m.group(2) or m.group(3), m.start())
    for m in _SLASH_CREDIT.finditer(text):
        if m.group("inner"):
            add(m.start(), m.end(), m.group("inner"), m.start())
        elif _is_slash_credit(m.group("left"), m.group("right")):
            end = credit_run(text, m.end())
            if end > m.end():
                add(m.end(), end, text[m.end():end], m.start())
    for m in colon.finditer(text):
        end = credit_run(text, m.end())
        if end > m.end():
            add(m.end(), end, text[m.end():end], m.start())
    for pattern in (_SEPARATOR, _COPYRIGHT):
        for m in pattern.finditer(text):
            end = credit_run(text, m.end())
            if end > m.end():
                add(m.end(), end, text[m.end():end], m.start())
    for m in _TRAILING_COPYRIGHT.finditer(text):
        end = credit_run(text, m.end())
        if end >= len(text.rstrip()) and m.start() <= CAPTION_MAX_CHARS:
            add(m.end(), end, text[m.end():end], m.start())
    return sorted(found, key=lambda c: c.start)


def bare_credit(text: str) -> str | None:
    """The credit of a line that is only a credit ("(Bild: Hersteller)", "Photo by Jane Roe/Agency"),
    without its label and brackets; None for any other line."""
    paren, colon = _label_patterns()
    text = text.strip()
    m = paren.fullmatch(text)
    if m:
        return clean_credit(m.group(1) or m.group(2) or m.group(3) or "")
    m = colon.match(text)
    if m and credit_run(text, m.end()) >= len(text.rstrip(" .")):
        return clean_credit(text[m.end():])
    return None


def is_bare_credit(text: str) -> bool:
    """True when the whole text is a credit with no caption ("(Image credit: NASA)", "Photo by NAME")."""
    paren, colon = _label_patterns()
    text = text.strip()
    if paren.fullmatch(text):
        return True
    # A credit line of its own ("Photo by NAME", "Foto: NAME"): all name-like words after the label.
    m = colon.match(text)
    return bool(m) and credit_run(text, m.end()) >= len(text.rstrip(" ."))


def cut_captions(text: str) -> list[str | Caption]:
    """The line in order: story pieces (str) and the captions found between them."""
    out: list[str | Caption] = []
    pos = 0
    for cap in find_captions(text):
        if text[pos:cap.start].strip():
            out.append(text[pos:cap.start].strip())
        out.append(cap)
        pos = cap.end
    if text[pos:].strip():
        out.append(text[pos:].strip())
    return out
