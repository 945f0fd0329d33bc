"""The plain-text reader on tiny inline inputs, plus the seed scrape that started the project."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from newspack.model import Figure, Heading, Paragraph
from newspack.readers.text.reader import read_text
from newspack.readers.text.captions import find_captions
from newspack.readers.dates import find_date
from newspack.readers.text.meta import parse_byline
from newspack.readers.text.sentences import split_sentences
from tests.conftest import ROOT


STORY_EN = (
    "The council voted on Tuesday to close the old bridge to lorries after engineers found cracks in two of its supports. "
    "Officials said the closure would last at least six months while repairs are planned and paid for."
)
STORY_EN_2 = (
    "Residents of the village said they had warned about the state of the bridge for years, and that the detour "
    "would add twenty minutes to every journey into town for the people who work there."
)


def body(article) -> str:
    return "\n".join(b.text for b in article.blocks if isinstance(b, (Paragraph, Heading)))


def figures(article) -> list[Figure]:
    return [b for b in article.blocks if isinstance(b, Figure)]


def page(*lines: str) -> str:
    return "\n".join(lines)


# ---------------------------------------------------------------- captions and credits

@pytest.mark.parametrize(
    "line, caption, credit",
    [
        ("Workers repair the road near the station on Monday. Photo: Jenna Hoyt/Associated Press",
         "Workers repair the road near the station on Monday.", "Jenna Hoyt/Associated Press"),
        ("Des passagers attendent devant le tableau des départs, jeudi matin. | PHILIPPE DUPONT / AFP Le ministre a appelé au calme.",
         "Des passagers attendent devant le tableau des départs, jeudi matin.", "PHILIPPE DUPONT / AFP"),
        ("Die Brücke aus der Luft: Seit März rollt hier kein Verkehr mehr. Foto: dpa/Jonas Beispiel Für die Region ist das ein Schlag.",
         "Die Brücke aus der Luft: Seit März rollt hier kein Verkehr mehr.", "dpa/Jonas Beispiel"),
        ("Vecinos observan el embalse casi vacío este martes. (Foto: Ana Ruiz/Agencia Sur) El alcalde habló después.",
         "Vecinos observan el embalse casi vacío este martes.", "Ana Ruiz/Agencia Sur"),
        ("Il fronte della frana sopra la frazione di Case Sparse. (Foto Ansa)",
         "Il fronte della frana sopra la frazione di Case Sparse.", "Ansa"),
        ("Le hall de la maternité, le 11 mars. (Crédit : Louis Garnier / L’Écho du Val)",
         "Le hall de la maternité, le 11 mars.", "Louis Garnier / L’Écho du Val"),
        ("Vista aérea da região central alagada. Foto: Prefeitura de Santa Rita/Divulgação As aulas estão suspensas.",
         "Vista aérea da região central alagada.", "Prefeitura de Santa Rita/Divulgação"),
        ("Queues on Castle Street during the evening rush hour. — Lena Marsh/PA Wire Opposition councillors said it was rushed.",
         "Queues on Castle Street during the evening rush hour.", "Lena Marsh/PA Wire"),
        ("A worker loads door trims into his truck outside a store in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
         "A worker loads door trims into his truck outside a store in Hialeah, Fla.", "AP Photo/Alan Diaz, File"),
        ("Shares fell after the retailer reported its earnings. Photograph by Robyn Beck/AFP/Getty Images",
         "Shares fell after the retailer reported its earnings.", "Robyn Beck/AFP/Getty Images"),
        ("A councillor speaks at the town hall on July 25, 2019. J. Scott Example / AP file",
         "A councillor speaks at the town hall on July 25, 2019.", "J. Scott Example / AP"),
        ("The committee chairman speaks during a briefing after the vote, October 31. (Joshua Roberts/Reuters)",
         "The committee chairman speaks during a briefing after the vote, October 31.", "Joshua Roberts/Reuters"),
        ("Through films such as Alien (pictured), sleep may one day help deep space travel. Credit: 20th Century Fox",
         "Through films such as Alien (pictured), sleep may one day help deep space travel.", "20th Century Fox"),
    ],
)
def test_caption_and_credit_forms(line, caption, credit):
    found = find_captions(line)
    assert [(c.text, c.credit) for c in found] == [(caption, credit)]


def test_caption_is_a_figure_and_leaves_the_body():
    text = page(
        "Bridge closed to lorries after cracks found",
        STORY_EN + " Engineers inspect a support under the bridge on Monday. Photo: Sam Reed/Valley News " + STORY_EN_2,
    )
    article = read_text(text)
    [fig] = figures(article)
    assert fig.src is None
    assert fig.caption == "Engineers inspect a support under the bridge on Monday."
    assert fig.credit == "Sam Reed/Valley News"
    assert "Engineers inspect" not in body(article)
    assert "Sam Reed" not in body(article)
    assert "Residents of the village" in body(article)


def test_credit_line_alone_is_not_story():
    text = page("Bridge closed to lorries after cracks found", STORY_EN, "Photo by Jenna Hoyt", STORY_EN_2)
    assert "Jenna Hoyt" not in body(read_text(text))


@pytest.mark.parametrize("heading", ["About Marta Example", "Über Marta Beispiel", "Sobre Marta Exemplo"])
def test_author_box_ends_the_story(heading):
    bio = "Marta has covered transport for the paper since 2012 and before that worked as an engineer on the railways of the north."
    text = page("Bridge closed to lorries after cracks found", "By Marta Example", STORY_EN, STORY_EN_2, heading, bio)
    out = body(read_text(text))
    assert STORY_EN_2 in out and heading not in out and "railways" not in out


def test_pictured_caption_cue_and_slash_in_prose():
    from newspack.readers.text.captions import is_caption_cue
    assert is_caption_cue("Marta Example, mayor of the town, pictured at the opening in 2018.")
    assert not is_caption_cue("The mayor said the bridge, pictured in every guide, would reopen.")
    assert find_captions("They met on Monday. The EU / UK talks went on.") == []


def test_capitals_teaser_dropped():
    from newspack.readers.text.blocks import clean_sentence
    assert clean_sentence("GET THE NEWS APP ON THE GO BY CLICKING RIGHT HERE", None)[0] == [None]


def test_caption_cue_without_credit():
    text = page("Bridge closed", STORY_EN + " A lorry waits at the barrier in this photo taken on Monday. " + STORY_EN_2)
    article = read_text(text)
    assert [f.caption for f in figures(article)] == ["A lorry waits at the barrier in this photo taken on Monday."]
    assert figures(article)[0].credit is None


def test_copyright_footer_is_not_a_credit():
    assert find_captions("The story ends here. © 2024 Valley News Ltd. All rights reserved.") == []


# ---------------------------------------------------------------- glued chrome

def test_glued_pitch_and_buttons_removed():
    text = page(
        "Bridge closed to lorries",
        STORY_EN + " " + STORY_EN_2 + " En vous abonnant, vous pouvez nous aider à bien raconter l’histoire. "
        "ABONNEZ-VOUS MAINTENANT GALERIE PHOTO (CLIQUEZ POUR AGRANDIR) .",
    )
    out = body(read_text(text))
    assert "abonnant" not in out
    assert "ABONNEZ" not in out and "GALERIE" not in out
    assert out.rstrip().endswith("work there.")


def test_glued_labels_and_teasers_removed():
    text = page(
        "Bridge closed to lorries",
        STORY_EN + " Advertisement " + STORY_EN_2
        + " Read more: Ten bridges that need repair The mayor said the money would be found by the spring.",
    )
    out = body(read_text(text))
    assert "Advertisement" not in out
    assert "Ten bridges" not in out
    assert "The mayor said the money would be found by the spring." in out


def test_chrome_lines_and_repeated_title_dropped():
    title = "Bridge closed to lorries after cracks found"
    text = page(
        title, "Home › News › Local", "Share Post:", STORY_EN, "Advertisement", STORY_EN_2,
        "Stay Connected", "More Updates", title, "You might also enjoy",
    )
    article = read_text(text)
    assert article.title == title
    out = body(article)
    for leak in ("Home ›", "Share Post", "Advertisement", "Stay Connected", "More Updates", "You might also enjoy", title):
        assert leak not in out
    assert out.count("\n") == 1  # the two story paragraphs


def test_table_under_the_headline_beats_a_sidebar_further_down():
    title = "Regional rally calendar for the coming season"
    rows = [f"Round {i}: {3 * i} May – Town{'bcdefghi'[i - 1]}ville" for i in range(1, 9)]
    sidebar = [
        "» Columnist corner", "Click on the photo and read all the columns our writer has published for the site over the years.",
        "» Power ranking", "Click on the picture above and see how the drivers rank in this season, race by race, in the overall table.",
        "» Weekend preview", "Click and find the times of the broadcast for the next race, with the track, the statistics and the drivers.",
    ]
    text = page(title + " | Site", "Home", "News", "Calendar", title, "Monday, 22 January 2018", "Share this on WhatsApp",
                "Rally calendar 2018", *rows, "* The calendar may change during the season.", "Share this on WhatsApp",
                "Advertisement", *sidebar, "Privacy policy", "Contact")
    out = body(read_text(text))
    assert "Round 1: 3 May – Townbville" in out and "Round 8: 24 May – Towniville" in out
    assert "Click" not in out


def test_dek_above_the_byline_is_story_and_the_byline_still_read():
    # The standfirst under the headline is the story's first block (the contract's "dek/chapô");
    # the byline and date printed under it are header all the same.
    dek = "Engineers found cracks in two supports. But the repairs will take at least half a year, officials say."
    text = page("Bridge closed to lorries after cracks found", dek, "By", "Marta Example", "May 14, 2024", STORY_EN, STORY_EN_2)
    article = read_text(text)
    assert body(article) == dek + "\n" + STORY_EN + "\n" + STORY_EN_2
    assert article.byline == "Marta Example"
    assert article.date == "2024-05-14"
    from newspack.readers.text.header import dek_end
    from newspack.readers.text.prepare import prepare_lines
    from newspack.readers.text.reading import analyse_lines
    infos = analyse_lines(prepare_lines(text)).lines
    assert dek_end(infos, 1, len(infos)) == 5  # the header closes after the dek's byline and date
    assert dek_end(infos, 5, len(infos)) == 5


def test_teasers_above_the_headline_are_not_story():
    title = "Sixth death linked to mosquito virus reported"
    teasers = [
        "Customers Leave Without Paying Big Bill At Steakhouse A party of six left the restaurant without paying for the dinner they had ordered, police said.",
        "State To Mail Panel Applications To Thousands The state will mail applications for the new panel to thousands of voters, the office said.",
    ]
    story = [
        "Health officials said on Monday that a sixth person had died of the virus this year, the highest number of deaths recorded in the state since the disease was first found there.",
        "The victim was one of two people who contracted the disease in the county last month, and the second person is still being treated in hospital, officials said.",
    ]
    text = page(title, "Home", "News", *teasers, "Weather", "Sports", "Video", "Contact", title,
                "November 19, 2019 at 9:45 am", *story, "Advertisement", "Privacy")
    assert body(read_text(text)) == "\n".join(story)


def test_small_distant_segment_is_dropped_and_near_tail_kept():
    from newspack.readers.text.lines import classify
    from newspack.readers.text.line_model import drop_stray_segments
    lines = [classify(i, STORY_EN if i in (0, 1, 2, 4, 40) else "Menu", None) for i in range(41)]
    keep = [i in (0, 1, 2, 4, 40) for i in range(41)]
    odds = [3.0 if i < 5 else 0.5 for i in range(41)]
    assert drop_stray_segments(keep, odds, lines) == [i in (0, 1, 2, 4) for i in range(41)]


# ---------------------------------------------------------------- byline and date

@pytest.mark.parametrize(
    "line, names",
    [
        ("By Marta Example, Transport Correspondent", "Marta Example"),
        ("Par Jeanne Exemple", "Jeanne Exemple"),
        ("Von Katrin Beispiel | 14.05.2024, 17:32 Uhr", "Katrin Beispiel"),
        ("Por Juliana Exemplo", "Juliana Exemplo"),
        ("di Giulia Esempio", "Giulia Esempio"),
    ],
)
def test_byline_forms(line, names):
    assert parse_byline(line)[0] == names


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Published 12 March 2024, 07:41 GMT | Updated 13 March 2024, 16:05 GMT", "2024-03-12"),
        ("Publié le 12/03/2024 à 14h05, mis à jour le 13/03/2024 à 09h12", "2024-03-12"),
        ("Villaseca, 12 de junio de 2024 - 19:45 h", "2024-06-12"),
        ("21 novembre 2024", "2024-11-21"),
        ("Wednesday 6 November 2024, 22:47 · Updated Thursday 7 November 2024", "2024-11-06"),
        ("14. Mai 2024", "2024-05-14"),
        ("07/05/2024 19h48 Atualizado há 2 horas", "2024-05-07"),
    ],
)
def test_date_forms(line, iso):
    assert find_date(line) == iso


def test_byline_and_date_go_to_metadata():
    text = page("Bridge closed to lorries", "By Sam Example, Local Reporter", "Published 5 June 2024", STORY_EN, STORY_EN_2)
    article = read_text(text)
    assert article.byline == "Sam Example"
    assert article.date == "2024-06-05"
    assert "Sam Example" not in body(article)
    assert "Published" not in body(article)


# ---------------------------------------------------------------- sentences, paragraphs, repair

def test_sentence_splitting_and_light_repair():
    sents = split_sentences("Il a parlé de l’OTAN.Les alliés ont répondu. .Johnson a appelé au calme. M. Dupont a dit non.")
    assert sents == ["Il a parlé de l’OTAN.", "Les alliés ont répondu.", "Johnson a appelé au calme.", "M. Dupont a dit non."]


def test_quotes_stay_with_their_sentence():
    sents = split_sentences("„Wir gehen hier kein Risiko ein.“ Die Brücke bleibt zu. « Nous ne prévoyons rien. » Lundi, il a parlé.")
    assert sents == ["„Wir gehen hier kein Risiko ein.“", "Die Brücke bleibt zu.", "« Nous ne prévoyons rien. »", "Lundi, il a parlé."]


def test_jammed_line_split_into_paragraphs():
    sentences = [f"Sentence number {i} of the story says something about the bridge and the village council." for i in range(20)]
    article = read_text(page("Bridge closed to lorries", " ".join(sentences)))
    paras = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert 4 <= len(paras) <= 10
    assert " ".join(paras) == " ".join(sentences)  # no word lost or changed


def test_language_detected():
    assert read_text(page("Titre", STORY_EN, STORY_EN_2)).language == "en"


# ---------------------------------------------------------------- odd input never crashes

@pytest.mark.parametrize("text", ["", "\n\n\n", "   \n \t \n", "\x00\x00\x00", "x", "....", "| | |", "©"])
def test_degenerate_input(text):
    article = read_text(text, source="odd.txt")
    assert article.source == "odd.txt"
    assert all(isinstance(b, (Paragraph, Heading, Figure)) for b in article.blocks)


def test_nul_bytes_inside_text():
    article = read_text("Bridge\x00 closed\n" + STORY_EN.replace(" ", "\x00 ", 3) + "\n" + STORY_EN_2)
    assert "\x00" not in body(article)
    assert "Residents of the village" in body(article)


@pytest.mark.slow
def test_one_huge_line_and_many_short_lines_are_fast():
    start = time.perf_counter()
    read_text(STORY_EN * 3000)
    read_text("menu item\n" * 1_000_000)
    assert time.perf_counter() - start < 60


# ---------------------------------------------------------------- the seed scrape

def _seed() -> str:
    for path in (ROOT / "samples" / "seed-fr-putin.txt", ROOT.parent / "shared" / "eval" / "cases" / "seed-fr-putin" / "input.txt"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.skip("seed scrape not found")


def test_seed_scrape():
    article = read_text(_seed(), source="seed.txt")
    assert article.title == "Poutine signale que les pourparlers avec les États-Unis et l’OTAN se poursuivent en pleine crise"
    assert article.language == "fr"
    everything = " ".join([article.title or "", article.byline or "", body(article)]
                          + [f"{f.caption} {f.credit}" for f in figures(article)])
    for leak in ("Share Post:", "un journalisme de qualité est plus crucial que jamais", "En vous abonnant",
                 "ABONNEZ-VOUS MAINTENANT", "GALERIE PHOTO", "Stay Connected", "More Updates", "You might also enjoy"):
        assert leak not in everything
    [fig] = figures(article)
    assert fig.src is None
    assert fig.caption.startswith("Un membre des forces armées ukrainiennes")
    assert fig.caption.endswith("sur cette photo publiée samedi.")
    assert fig.credit == "SERVICE DE PRESSE DES FORCES ARMÉES UKRAINIENNES / VIA REUTERS"
    paras = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert 14 <= len(paras) <= 22  # 18 in the printed article
    assert paras[0].startswith("» d’accord »")
    assert paras[-1].endswith("quitter immédiatement l’Ukraine.")
    assert any(p.startswith("Johnson a appelé les alliés") for p in paras)  # ". .Johnson" repaired
    assert "l’OTAN. Les États-Unis ont averti" in body(article) or any(p.startswith("Les États-Unis ont averti") for p in paras)
    assert "La ministre des Affaires étrangères" in body(article)


def test_article_url_is_a_web_address_only():
    text = "Ferry fares rise\n\nThe harbour council voted on Tuesday to raise fares for visitors by ten percent from April.\n"
    assert read_text(text, url="file:///tmp/story.txt").url is None
    assert read_text(text, url="https://example.org/story").url == "https://example.org/story"


# ---------------------------------------------------------------- line model, title, captions at scale

@pytest.mark.slow
def test_many_captions_on_one_line_are_fast():
    unit = "The mayor spoke to the crowd on Monday. A firefighter walks past the burnt hall. | JANE DOE / VIA REUTERS "
    start = time.perf_counter()
    article = read_text("Fire at the town hall\n" + unit * 2000)
    assert time.perf_counter() - start < 20
    caps = figures(article)
    assert len(caps) > 100 and caps[0].credit == "JANE DOE / VIA REUTERS"


def test_story_lines_keeps_one_run_through_a_weak_gap():
    from newspack.readers.text.line_model import story_lines

    assert story_lines([-3, -3, 4, 5, -0.5, 4, -3, -3]) == [False, False, True, True, True, True, False, False]
    # A long stretch of chrome between two stories is a real gap.
    assert story_lines([5, 5, -3, -3, -3, 5, 5]) == [True, True, False, False, False, True, True]


def test_section_end_lines():
    from newspack.readers.text.line_model import is_section_end

    assert is_section_end("Related links:") and is_section_end("Most read") and is_section_end("À lire aussi")
    assert not is_section_end("The council voted on Tuesday to close the old bridge.")


def test_model_weights_match_the_features():
    from newspack.readers.text import line_model

    assert line_model.weights() is not None, "data/textmodel/lines.json missing or trained on other features"
    assert len(line_model.weights()) == len(line_model.FEATURES)


def test_title_from_page_title_with_site_suffix_repeated_alone():
    text = page("Bridge closed to lorries | Town Post | News | Sport", "Home", "News", "Bridge closed to lorries",
                STORY_EN, STORY_EN_2)
    assert read_text(text).title == "Bridge closed to lorries"


def test_related_list_after_the_story_is_dropped():
    text = page("Bridge works timetable", "Home", "News", "Bridge works timetable", STORY_EN, STORY_EN_2,
                "Closure dates", "June 9 – north span, lanes 1 and 2", "June 16 – south span, lanes 3 and 4",
                "June 23 – both spans, night work only", "Share on Facebook", "Related stories",
                "Council tax to rise by four per cent", "New library opens in the old market hall")
    got = body(read_text(text))
    assert "Residents of the village" in got
    assert "Council tax" not in got and "Share on Facebook" not in got


@pytest.mark.parametrize("text,teaser", [
    ("Video: Flood waters reach the square", True),
    ("Video footage shows flood waters reaching the square.", False),
    ("Read more: The bridge that never opened", True),
    ("Lesen Sie auch Die Brücke", True),
    ("Mots-clés : météo, crue", True),
])
def test_teaser_prefix_keeps_its_colon(text, teaser):
    from newspack.readers.phrases import starts_with_teaser
    assert starts_with_teaser(text) is teaser


def test_bracketed_credits():
    caps = find_captions("The river rose overnight. Sandbags line the quay in Lowmere. [File: Example Agency]")
    assert caps and caps[0].credit == "Example Agency"
    from newspack.readers.text.captions import is_bare_credit
    assert is_bare_credit("(Image credit: Example Agency)")
    assert not is_bare_credit("The agency (Image credit: Example Agency) said so.")


def test_rows_running_on_from_the_story_join_it():
    from newspack.readers.text.lines import classify
    from newspack.readers.text.line_model import extend_rows
    texts = ["A long prose line of the story that ends here.", "Tour Dates",
             "June 9 – Lowmere, KS @ Quay Hall", "June 10 – Eastbrook, KS @ Park Arena",
             "June 14 – Northfield, KS @ Town Hall", "Share on Facebook"]
    lines = [classify(i, t, None) for i, t in enumerate(texts)]
    keep = extend_rows([True, False, False, False, False, False], lines, set())
    assert keep == [True, True, True, True, True, False]


def test_a_text_of_one_paragraph_is_that_paragraph_not_a_title():
    line = "The council has not changed anything in the harbour plan so far, and the vote is still open, L"
    article = read_text(line + "\n")
    assert body(article) == line
    assert not read_text("Replace old links\nabc\ndef\n").blocks  # no prose at all: nothing to read


def test_a_story_that_outweighs_the_block_under_the_headline_stays_the_story():
    # A press release: the headline, its lead, then a dozen lines of publisher's details; the
    # story under them is the story, and the lead joins it (the details do not).
    title = "New president elected for the welfare association"
    lead = "Anna Example was elected president of the national welfare association by its delegates on Wednesday."
    details = ["Published on:", "13.10.2021", "Publisher:", "Press office of the association", "Harbour Street 13",
               "10117 Example Town", "press@association.example", "Press contact", "Marta Example",
               "Head of the press office", "Jon Example", "Deputy head of the press office"]
    story = [STORY_EN, STORY_EN_2,
             "The new president said she would start with the digital agenda of the association and its many local offices.",
             "She takes over in November from her predecessor, who did not stand again after eighteen years in the post."]
    text = page(title + " | Association", "Home", "Press", title, lead, *details, "Share", "Facebook", *story,
                "Subscribe to our press releases", "Imprint", "Privacy policy")
    out = body(read_text(text))
    assert lead in out and STORY_EN in out and story[-1] in out
    assert "Harbour Street 13" not in out and "Publisher:" not in out


def test_the_dek_under_the_headline_above_a_share_bar_is_story():
    title = "Bridge closed to lorries after cracks found"
    dek = "Engineers found cracks in two supports, and the repairs will take at least half a year, officials say."
    text = page(title + " | Site", "Home", "News", title, dek, "Facebook", "Twitter", "Email", "Copy Link",
                "By Marta Example", "May 14, 2024", STORY_EN, STORY_EN_2, "Related", "Privacy policy")
    article = read_text(text)
    assert body(article) == dek + "\n" + STORY_EN + "\n" + STORY_EN_2
    assert article.byline == "Marta Example"


def test_the_story_resumes_after_an_inline_box_of_related_links():
    title = "Bridge closed to lorries after cracks found"
    last = ("The engineers believe the repairs can be finished before the winter if the money is found in time, "
            "and the council said it would decide on the budget for the work at its next meeting in the town hall.")
    text = page(title + " | Site", "Home", "News", title, "By Marta Example", "May 14, 2024", STORY_EN, STORY_EN_2,
                STORY_EN.replace("Tuesday", "Monday"), "Advertisement", "Ferry fares to rise in spring",
                "New cycle lane opens on the high street", "Library hours cut over the summer", last,
                "Further reading", "Town hall budget approved", "Privacy policy", "Contact")
    out = body(read_text(text))
    assert STORY_EN in out and last in out
    assert "Ferry fares" not in out and "Town hall budget" not in out


def test_a_dash_inside_a_sentence_is_no_credit_and_via_joins_a_credit():
    from newspack.readers.text.captions import Caption, cut_captions

    # "X – Word more words": the sentence goes on after the dash, nothing was credited
    line = "Bougainvillea spectabilis (braziliensis) – Hardiest species, with somewhat furry foliage and red-purple blooms."
    assert cut_captions(line) == [line]
    # the credit's own short tail stays beside it ("AP file")
    cap = cut_captions("The senator speaks at the Capitol on July 25, 2019. J. Scott Doe / AP file")[0]
    assert isinstance(cap, Caption) and cap.credit == "J. Scott Doe / AP"
    # "AGENCY via AGENCY" is one credit
    pieces = cut_captions("Workers at the plant on Monday. Photo: Jane Roe/AFP via Getty Images The plant closed.")
    assert pieces[0].credit == "Jane Roe/AFP via Getty Images" and pieces[1] == "The plant closed."


def test_text_rules_and_thresholds_come_in_the_tuning_value():
    # The dek's byline is read because a byline within dek_max_lines of the story closes the
    # header: switched off, or with no line allowed, the byline stays unread; the shipped value
    # reads it, whatever was read before (no state is left behind).
    from dataclasses import replace

    from newspack.readers.tuning import DEFAULT, Tuning

    dek = "Engineers found cracks in two supports. But the repairs will take at least half a year, officials say."
    text = page("Bridge closed to lorries after cracks found", dek, "By", "Marta Example", "May 14, 2024", STORY_EN, STORY_EN_2)
    assert read_text(text, tuning=Tuning(disabled=frozenset({"dek_header"}))).byline is None
    assert read_text(text, tuning=replace(DEFAULT, dek_max_lines=0)).byline is None
    assert read_text(text).byline == "Marta Example"
