"""Guess an article's language from its text when the page does not declare it.

Counts stop words (short function words, kept as data in ``data/stopwords/<code>.txt``) per
language: cheap, no model, and reliable on a paragraph or more of prose, which is what
articles are. Short or mixed snippets fall back to ``None`` so the caller can keep a declared
language or a default.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..words import LETTERS
from .. import resources

#: Fewer stop-word hits than this and the guess is too weak to trust (a headline, a list of names).
MIN_HITS = 3
#: The winner must beat the runner-up by this factor; close calls (e.g. es/pt on a short text) give None.
MIN_MARGIN = 1.15
#: Only this many words are looked at: a few thousand words decide any article.
MAX_WORDS = 3000


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    table = {}
    for name in resources.list_names("data", "stopwords"):
        code = name.split(".")[0]
        words = " ".join(resources.read_lines("data", f"stopwords/{name}")).split()
        table[code] = frozenset(w.casefold() for w in words)
    return table


def stopwords(code: str | None = None) -> frozenset[str]:
    """The stop words of ``code``, or of every known language when None (folded)."""
    table = _stopwords()
    if code is not None:
        return table.get(code, frozenset())
    return _all_stopwords()


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*_stopwords().values())


def detect_language(text: str) -> str | None:
    """Return an ISO 639-1 code for ``text``, or None when the evidence is too thin."""
    words = [w.casefold() for w in LETTERS.findall(text)[:MAX_WORDS]]
    if not words:
        return None
    scores = {code: sum(w in stop for w in words) for code, stop in _stopwords().items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, hits = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if hits < MIN_HITS or hits < runner * MIN_MARGIN:
        return None
    return best


def normalize_language(value: str | None) -> str | None:
    """'fr-FR', 'fr_CA', 'FR' -> 'fr'; anything that is not a language tag -> None."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].casefold()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
