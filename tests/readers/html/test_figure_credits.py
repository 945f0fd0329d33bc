"""Photo credits as news pages print them around a caption (issue 20)."""
from __future__ import annotations

from newspack.readers.credits import strip_credit_label
from newspack.readers.html.figures import split_credit
from newspack.readers.html.reader import read_html


def test_a_label_joined_by_a_by_word_is_no_part_of_the_credit():
    assert strip_credit_label("Photo by Ann Lee") == "Ann Lee"
    assert strip_credit_label("Foto von Jan Berg") == "Jan Berg"


def test_an_agency_after_a_slash_at_the_end_of_a_sentence_is_the_credit():
    assert split_credit("Crowds gather at the harbour on Monday. / AFP via Getty Images") == (
        "Crowds gather at the harbour on Monday.", "AFP via Getty Images")
    assert split_credit("Mayor and/or deputy / the council chamber") == ("Mayor and/or deputy / the council chamber", None)


def test_a_credit_after_a_dash_loses_the_agency_rights_notice():
    assert split_credit("Crowds gather at the harbour. - Ann Lee/Copyright 2024 The AP. All rights reserved") == (
        "Crowds gather at the harbour.", "Ann Lee")


def test_a_bracketed_name_and_agency_joined_by_a_slash_is_the_credit():
    assert split_credit("The harbour in winter. (Ann Lee/SIPA)") == ("The harbour in winter.", "Ann Lee/SIPA")


def test_the_photographer_in_its_element_and_the_agency_in_the_caption_are_one_credit():
    page = """<html lang="en"><body><article><h1>Harbour</h1>
    <figure><img src="https://img.example.org/harbour-2024.jpg" width="800" height="500">
    <figcaption>Crowds gather at the harbour on Monday. / AFP via Getty Images <span class="credit">Photo by Ann Lee</span></figcaption></figure>
    <p>The harbour will close for repairs next spring, the council said on Monday evening.</p>
    <p>Engineers found cracks in two of its piers during an inspection earlier this year.</p></article></body></html>"""
    figure = read_html(page).figures[0]
    assert figure.caption == "Crowds gather at the harbour on Monday."
    assert figure.credit == "Ann Lee AFP via Getty Images"


def test_a_labelled_credit_after_a_caption_without_end_punctuation_is_split_off():
    assert split_credit("Clenched fist in the wind Foto: Editpress/Jan Berg") == ("Clenched fist in the wind", "Editpress/Jan Berg")
    assert split_credit("Our best Picture: the winners of the year") == ("Our best Picture: the winners of the year", None)
