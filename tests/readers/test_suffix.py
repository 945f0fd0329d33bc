"""The one site-suffix rule (readers.suffix) and the two readers that cut through it."""
from __future__ import annotations

from newspack.readers.html.metadata import strip_site_suffix
from newspack.readers.suffix import HTML_TITLE, TEXT_LINE, split_site_suffix
from newspack.readers.text.title import cut_site


def test_one_rule_two_calibrations():
    title = "Floods close the old harbour road again - Tidal News Daily of the North"  # a six-word tail
    assert split_site_suffix(title, HTML_TITLE) == ("Floods close the old harbour road again", " - ",
                                                    "Tidal News Daily of the North")
    assert split_site_suffix(title, TEXT_LINE) is None  # more than four words: headline
    assert split_site_suffix("Budget passes | Part 2", TEXT_LINE) is None  # a digit: no site name
    assert split_site_suffix("Budget passes | Part 2", HTML_TITLE) == ("Budget passes", " | ", "Part 2")
    assert split_site_suffix("Budget | The Daily Herald Online", HTML_TITLE) is None  # tail outweighs head


def test_the_readers_cut_through_the_rule():
    assert strip_site_suffix("Rates rise again | The Ledger", None) == "Rates rise again"
    # the HTML rule tries bars before hyphens, each at its last place
    assert strip_site_suffix("Rates - a rise again | The Ledger", None) == "Rates - a rise again"
    assert cut_site("Rates rise again | The Ledger", []) == "Rates rise again"
    # a hyphen is cut only when the name is printed elsewhere on the page
    assert cut_site("Rates rise again - The Ledger", []) == "Rates rise again - The Ledger"
    assert cut_site("Rates rise again - The Ledger", ["© The Ledger 2025"]) == "Rates rise again"
