"""Boilerplate phrases, per language, kept as data the user can extend.

Each ``data/boilerplate/<code>.txt`` has three sections:

``[label]``   the whole block (line, sentence, element text) is boilerplate when it equals one of
              these, compared case-insensitively with surrounding punctuation and spaces folded
              ("Share Post:", "Stay Connected", "ABONNEZ-VOUS MAINTENANT").
``[prefix]``  a block that starts with one of these is a teaser or label ("Read more:", "À lire aussi").
``[pattern]`` a regular expression; a sentence it matches (``re.search``, case-insensitive) is a
              pitch or notice ("en vous abonnant", "sign up for our newsletter").

A user's ``~/.config/newspack/data/boilerplate/<code>.txt`` adds to the packaged lists. Site
chrome is often in English whatever the article's language, so callers usually check all
languages (the default).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import resources

_SECTIONS = ("label", "prefix", "pattern")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


def fold(text: str) -> str:
    """Compare form: NFKC, case-folded, inner spaces single, edge punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = " ".join(text.split()).casefold()
    return _EDGE.sub("", text)


@dataclass(frozen=True)
class PhraseList:
    labels: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]


def _parse(lines: tuple[str, ...]) -> tuple[set[str], list[str], list[re.Pattern]]:
    labels: set[str] = set()
    prefixes: list[str] = []
    patterns: list[re.Pattern] = []
    section = "label"
    for line in lines:
        head = line.strip()
        if head.startswith("[") and head.endswith("]") and head[1:-1] in _SECTIONS:
            section = head[1:-1]
        elif section == "label":
            labels.add(fold(line))
        elif section == "prefix":
            prefixes.append(fold(line))
        else:
            patterns.append(re.compile(line, re.IGNORECASE))
    return labels, prefixes, patterns


@lru_cache(maxsize=None)
def phrase_list(languages: tuple[str, ...] | None = None) -> PhraseList:
    """The merged phrase list of ``languages`` (all shipped and user languages when None)."""
    names = resources.list_names("data", "boilerplate")
    codes = [n.split(".")[0] for n in names if n.endswith(".txt")]
    if languages is not None:
        codes = [c for c in codes if c in languages]
    labels: set[str] = set()
    prefixes: list[str] = []
    patterns: list[re.Pattern] = []
    for code in codes:
        lab, pre, pat = _parse(resources.read_lines("data", f"boilerplate/{code}.txt"))
        labels |= lab
        prefixes += pre
        patterns += pat
    return PhraseList(frozenset(labels), tuple(sorted(set(prefixes), key=len, reverse=True)), tuple(patterns))


def is_label(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when the whole of ``text`` is a known boilerplate label."""
    return fold(text) in phrase_list(languages).labels


def starts_with_teaser(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when ``text`` opens with a teaser/label prefix such as "Read more:"."""
    folded = fold(text)
    return any(folded.startswith(p) for p in phrase_list(languages).prefixes)


def matches_pattern(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when a boilerplate pattern (pitch, notice) occurs in ``text``."""
    return any(p.search(text) for p in phrase_list(languages).patterns)


def is_boilerplate(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when ``text`` (a line, sentence or element's text) is boilerplate by any list."""
    return is_label(text, languages) or starts_with_teaser(text, languages) or matches_pattern(text, languages)
