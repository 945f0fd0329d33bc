"""Authors' names as bylines print them, for both readers.

"By Jane Roe and John Doe, Staff Writers", "Par Marie Dupont", "Von Katrin Hollmann": the
words that open a byline, join or sit inside names, mark a role or a bio are the lexicon's
(``byline-prefix``, ``name-joiner``, ``name-particle``, ``role``, ``bio-verb``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon, phrases
from .language import stopwords

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


#: Marks a scrape keeps before a byline line ("// By Jane Roe", "— Par Marie Dupont").
_LEAD_MARKS = re.compile(r"^[/|·•—–*>\s-]+")


def strip_prefix(line: str) -> tuple[str, bool]:
    """``line`` without the marks and the word that open a byline ("// By", "Par", "Autor:"),
    and whether it had that word."""
    line = _LEAD_MARKS.sub("", line.strip())
    m = byline_prefix().match(line)
    if not m:
        return line, False
    return line[m.end():].strip(), True


def has_byline_word(line: str) -> bool:
    """True when ``line`` opens with a byline word ("By", "Par"), past leading marks ("// By")."""
    return strip_prefix(line)[1]


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


#: A name printed alone on its line ("Lucía Barragán") has this many words at most, and at least two.
BARE_NAME_WORDS = (2, 4)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    # the stop words of the languages the lexicon reads ("dan" is Dutch for "then", and a name)
    return frozenset().union(*(stopwords(code) for code in lexicon.languages()))


def looks_like_person(text: str) -> bool:
    """A line that can only be a person's name: two to four capitalised words, none of them a
    common word of any language we read ("The Collector", "Sign In", "Get Involved" are menus)
    nor a role, and not a run of interface labels."""
    words = text.split()
    if not (BARE_NAME_WORDS[0] <= len(words) <= BARE_NAME_WORDS[1]) or not looks_like_names(text, BARE_NAME_WORDS[1]):
        return False
    small, common = _small_words(), _common_words()
    if any(w.casefold() in common and w.casefold() not in small for w in words):
        return False
    return not is_role(text) and phrases.split_labels(text) is None and not phrases.is_boilerplate(text)


def _role() -> re.Pattern:
    return lexicon.pattern(r"\b%s\b", "role")


def is_role(segment: str) -> bool:
    """True when ``segment`` names a job ("Transport Correspondent"), not a person."""
    return bool(_role().search(segment))


def _joiners() -> re.Pattern:
    return lexicon.pattern(r",|\s+%s\s+", "name-joiner", 0)


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


def follow_buttons() -> re.Pattern:
    """Profile buttons printed after a name ("Follow", "Folgen"), any number, at the end."""
    return lexicon.pattern(r"(?:\s+%s)+\s*$", "follow-button")
