"""Authors' names as bylines print them, for both readers.

"By Jane Roe and John Doe, Staff Writers", "Par Marie Dupont", "Von Katrin Hollmann": the
words that open a byline, join or sit inside names, mark a role or a bio are the lexicon's
(``byline-prefix``, ``name-joiner``, ``name-particle``, ``role``, ``bio-verb``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon

#: Most words a byline's names may have ("By A, B and C" fits); longer is a sentence.
BYLINE_MAX_WORDS = 10


@lru_cache(maxsize=1)
def byline_prefix() -> re.Pattern:
    """The word that opens a byline, with the spaces and colon after it ("By ", "Autor: ").

    A word written with its colon ("Autor:") needs it; any other ends at a space, a colon or the
    end of the text (a text node "By" before the name's link)."""
    alts = []
    for word in sorted(lexicon.words("byline-prefix"), key=len, reverse=True):
        core = word.rstrip(" :")
        alts.append(re.escape(core) + (r"\s*:" if word.endswith(":") else r"(?=[\s:]|$)"))
    return re.compile(r"^(?:%s)[\s:]*" % "|".join(alts), re.IGNORECASE)


def strip_prefix(line: str) -> tuple[str, bool]:
    """``line`` without the word that opens a byline ("By", "Par", "Autor:"), and whether it had one."""
    m = byline_prefix().match(line)
    if not m:
        return line, False
    return line[m.end():].strip(), True


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    return lexicon.word_set("name-joiner") | lexicon.word_set("name-particle")


def looks_like_names(text: str, max_words: int = BYLINE_MAX_WORDS) -> bool:
    """Name-shaped: capitalised words (with joiners and particles), no digits or sentence end."""
    words = text.replace(",", " ").split()
    if not words or len(words) > max_words or any(c.isdigit() for c in text) or text.endswith((".", "?", "!", ":")):
        return False
    small = _small_words()
    caps = 0
    for w in words:
        if w.casefold() in small:
            continue
        if not (w[0].isupper() and any(c.isalpha() for c in w)):
            return False
        caps += 1
    return caps >= 1


@lru_cache(maxsize=1)
def _role() -> re.Pattern:
    return re.compile(r"\b%s\b" % lexicon.alternation("role"), re.IGNORECASE)


def is_role(segment: str) -> bool:
    """True when ``segment`` names a job ("Transport Correspondent"), not a person."""
    return bool(_role().search(segment))


@lru_cache(maxsize=1)
def _joiners() -> re.Pattern:
    return re.compile(r",|\s+%s\s+" % lexicon.alternation("name-joiner"))


def author_names(byline: str | None) -> tuple[str, ...]:
    """The names in a byline line: "A, B and C" -> ("A", "B", "C")."""
    if not byline:
        return ()
    return tuple(n.strip() for n in _joiners().split(byline) if n.strip())


def join_names(names: list[str], language: str | None) -> str:
    """Names as one printed line: "A, B and C" in the page's language."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {lexicon.joiner(language)} " + names[-1]


#: The word after the name, past a bracketed aside ("Jane Roe (jane@example.org) is ...").
_FIRST_WORD = re.compile(r"\s+(?:\([^)]{0,80}\)\s+)?(\w+)")


def is_bio(text: str, names: tuple[str, ...]) -> bool:
    """'Jane Roe is a staff writer...': a sentence about the author, not the story."""
    verbs = lexicon.word_set("bio-verb")
    for name in names:
        if name and text.startswith(name):
            m = _FIRST_WORD.match(text, len(name))
            if m and m.group(1).casefold() in verbs:
                return True
    return False


@lru_cache(maxsize=1)
def follow_buttons() -> re.Pattern:
    """Profile buttons printed after a name ("Follow", "Folgen"), any number, at the end."""
    return re.compile(r"(?:\s+%s)+\s*$" % lexicon.alternation("follow-button"), re.IGNORECASE)
