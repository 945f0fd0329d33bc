"""Sentences and paragraphs in scraped text: split, repair lightly, regroup.

Scrapes often jam a whole story onto one line, glue sentences together ("l'OTAN.Les"), leave
stray dots from removed elements (". .Johnson") and lose the start of some paragraphs. This
module finds sentence boundaries without a language model (terminal punctuation, closing
quotes, the case of what follows, a short abbreviation list kept as data) and regroups
sentences into readable paragraphs. Repairs never change a word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...words import WORD
from .. import lexicon
from ... import resources

#: A paragraph this long (chars) is closed at the next sentence end: news paragraphs run
#: 1-4 sentences; lower makes one-sentence paragraphs, higher makes walls of text.
PARA_TARGET_CHARS = 170
#: Never let a regrouped paragraph grow past this (chars) when another sentence would follow.
PARA_MAX_CHARS = 420
#: A number this short before a period may be an ordinal ("am 12. März"), not a sentence end.
ORDINAL_MAX_DIGITS = 2

_TERMINAL = re.compile(r"[.!?…]+")
_CLOSERS = "»”’)]"
_OPENERS = "«“„‘\"'(¿¡["
_LEADING_JUNK = re.compile(r"^[.,;:·|]+\s*(?=\W*\w)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Folded words that end with a period without ending a sentence ("mr", "dr", "etc")."""
    words: set[str] = set()
    for line in resources.read_lines("data", "sentences/abbreviations.txt"):
        words.update(w.casefold().rstrip(".") for w in line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Month names of every language (an ordinal "12." before one is not a sentence end)."""
    return frozenset(name.rstrip(".") for name in lexicon.months())


def normalize_spaces(text: str) -> str:
    """One plain space for every run of horizontal whitespace, trimmed."""
    return _SPACES.sub(" ", text).strip()


def _is_abbreviation(token: str) -> bool:
    bare = token.lstrip(_OPENERS).rstrip(".").casefold()
    if not bare:
        return False
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "J. Smith"
    if "." in bare and all(len(p) <= 2 for p in bare.split(".")):
        return True  # "U.S", "p.m", "z.B"
    return bare in abbreviations()


def _absorb_closers(text: str, pos: int, quotes_open: bool, low_open: bool) -> int:
    """Move ``pos`` past quotes and brackets that close the sentence ending at ``pos``."""
    n = len(text)
    while pos < n:
        j = pos + 1 if text[pos] == " " and pos + 1 < n else pos
        ch = text[j]
        if ch in _CLOSERS or (ch == '"' and quotes_open) or (ch == "“" and low_open):
            pos = j + 1
            quotes_open = quotes_open and ch != '"'
            low_open = low_open and ch != "“"
            continue
        break
    return pos


def _starts_sentence(text: str, pos: int, before: str) -> bool:
    """Whether a sentence can start at ``pos`` given the token ``before`` the terminal."""
    n = len(text)
    if pos >= n:
        return True
    glued = not text[pos].isspace()
    k = pos
    while k < n and text[k].isspace():
        k += 1
    if k >= n:
        return True
    ch = text[k]
    nxt = text[k + 1] if k + 1 < n else ""
    if glued:
        # "OTAN.Les" or "heures.“ Vous": only a word of 2+ letters, a capital then small letters.
        if ch in "«“„" and (nxt.isspace() or nxt.isalpha()):
            return len(before) > 1 and not _is_abbreviation(before)
        return (ch.isupper() and nxt.islower() and len(before.rstrip(".!?…")) > 1
                and before.rstrip(".!?…")[-1:].isalpha() and not _is_abbreviation(before)
                and "/" not in before and "@" not in before)
    if ch in ".,;" and nxt and (nxt.isalpha() or nxt.isspace()):
        return True  # a stray dot left by a removed element: ". .Johnson"
    if _is_abbreviation(before):
        return False
    bare = before.rstrip(".!?…")
    if bare.isdigit() and len(bare) <= ORDINAL_MAX_DIGITS:
        word = WORD.match(text, k)
        if word and word.group(0).casefold().rstrip(".") in month_words():
            return False
    return ch.isalpha() or ch.isdigit() or ch in _OPENERS or ch in "—–-"


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order, each trimmed and lightly repaired; words untouched."""
    text = normalize_spaces(text)
    out: list[str] = []
    start = 0
    for m in _TERMINAL.finditer(text):
        if m.start() < start:
            continue
        before = _TOKEN_BEFORE.search(text, start, m.end())
        token = before.group(1) if before else ""
        chunk = text[start:m.end()]
        quotes_open = chunk.count('"') % 2 == 1
        low_open = chunk.count("„") > chunk.count("“")
        end = _absorb_closers(text, m.end(), quotes_open, low_open)
        if m.group(0) == "." and token == "." and not out and not text[start:m.start()].strip():
            continue
        if _starts_sentence(text, end, token):
            _append(out, text[start:end])
            start = end
    _append(out, text[start:])
    return out


def repair(sentence: str) -> str:
    """Drop stray leading punctuation left by removed elements: ". .Johnson" -> "Johnson"."""
    return _LEADING_JUNK.sub("", sentence.strip()).strip()


def _append(out: list[str], piece: str) -> None:
    # Punctuation alone (the "." left after a removed button) is debris, not a sentence.
    piece = repair(piece)
    if any(c.isalnum() for c in piece):
        out.append(piece)


def starts_with_fragment(sentence: str) -> bool:
    """A sentence opening with a small letter lost its start when scraped: a paragraph began there."""
    first = next((c for c in sentence if c.isalpha()), "")
    return bool(first) and first.islower() and sentence[:1].isalpha()


def group_paragraphs(sentences: list[str], breaks: frozenset[int] = frozenset()) -> list[str]:
    """Regroup the sentences of one jammed line into paragraphs.

    A paragraph starts at every index in ``breaks`` (where removed chrome stood: ads, captions,
    teasers sit between paragraphs), at a fragment that lost its start, and when the current
    paragraph has reached :data:`PARA_TARGET_CHARS` or would pass :data:`PARA_MAX_CHARS`.
    """
    paras: list[list[str]] = []
    size = 0
    for i, sent in enumerate(sentences):
        new = (not paras or i in breaks or starts_with_fragment(sent)
               or size >= PARA_TARGET_CHARS or size + len(sent) > PARA_MAX_CHARS)
        if new:
            paras.append([sent])
            size = len(sent)
        else:
            paras[-1].append(sent)
            size += len(sent) + 1
    return [" ".join(p) for p in paras]
