"""Language detection and language tags."""
from __future__ import annotations

from newspack.readers.language import detect_language, normalize_language


def test_language_guess():
    assert detect_language("Le maire a déclaré que les travaux du pont seront terminés avant la fin de l'été.") == "fr"
    assert detect_language("Der Bürgermeister sagte, dass die Brücke noch in diesem Jahr fertig wird.") == "de"
    assert detect_language("El alcalde dijo que las obras del puente terminarán antes del verano.") == "es"
    assert detect_language("Il sindaco ha detto che i lavori del ponte saranno finiti entro l'estate.") == "it"
    assert detect_language("O prefeito disse que as obras da ponte vão terminar antes do verão.") == "pt"
    assert detect_language("The mayor said the bridge works would be finished before the summer.") == "en"
    assert detect_language("Kyiv") is None and detect_language("") is None
    assert normalize_language("fr-FR") == "fr" and normalize_language("en_US") == "en" and normalize_language("??") is None
