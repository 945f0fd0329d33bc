"""The one tokeniser: newspack.words."""
from __future__ import annotations

from newspack.words import LETTERS, WORD, WORD_CHARS, letter_runs


def test_the_three_kinds_of_word():
    text = "l’homme don't COVID-19 in 2024"
    assert WORD.findall(text) == ["l’homme", "don't", "COVID-19", "in"]
    assert LETTERS.findall(text) == ["l", "homme", "don", "t", "COVID", "in"]
    assert WORD_CHARS.findall(text) == ["l", "homme", "don", "t", "COVID", "19", "in", "2024"]
    assert letter_runs(text, 2) == ["homme", "don", "COVID", "in"]
