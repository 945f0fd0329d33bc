"""Boilerplate phrases from the lexicon: labels, teaser prefixes, pitch patterns."""
from __future__ import annotations

from newspack.readers.phrases import fold, is_boilerplate, is_label, starts_with_teaser


def test_phrases():
    assert fold("  Share   Post: ") == "share post"
    assert is_label("STAY CONNECTED")
    assert starts_with_teaser("Lesen Sie auch: Die Brücke")
    assert is_boilerplate("En vous abonnant, vous pouvez nous aider.")
    assert not is_boilerplate("Le maire a partagé son avis sur le pont.")
