"""What a word is: the one tokeniser of the readers, the writers and the editions.

Three kinds of token, each named for what its callers weigh, not three spellings of one:

- :data:`WORD`, a word as the text reader weighs a line: a letter, then letters, digits,
  apostrophes and hyphens ("don't", "COVID-19", "l’homme" are one word each; "2024" is none).
- :data:`LETTERS`, a run of letters only, for language detection and dateline tests, where
  "l’homme" is two words and digits are no words at all.
- :data:`WORD_CHARS`, a run of word characters (digits included, apostrophes splitting), for
  counts of a story's length (reading time, duplicates), where "2024" is a word too.
"""
from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_][\w'’-]*")
LETTERS = re.compile(r"[^\W\d_]+")
WORD_CHARS = re.compile(r"\w+")


def letter_runs(text: str, min_chars: int = 1) -> list[str]:
    """The runs of letters of ``text`` at least ``min_chars`` long (:data:`LETTERS`)."""
    return [run for run in LETTERS.findall(text) if len(run) >= min_chars]
