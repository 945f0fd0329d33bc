"""The text reader on pages nobody tuned it on: mis-decoded text, weak stories, titles, credits."""
from __future__ import annotations

import pytest

from newspack.model import Figure, Heading, Paragraph
from newspack.readers.text.reader import read_text
from newspack.readers.text.prepare import repair_mojibake

STORY = (
    "The council voted on Tuesday to close the old bridge to lorries after engineers found cracks in two of its supports. "
    "Officials said the closure would last at least six months while repairs are planned and paid for."
)
STORY_2 = (
    "Residents of the village said they had warned about the state of the bridge for years, and that the detour "
    "would add twenty minutes to every journey into town for the people who work there."
)


def body(article) -> str:
    return "\n".join(b.text for b in article.blocks if isinstance(b, (Paragraph, Heading)))


def page(*lines: str) -> str:
    return "\n".join(lines)


# ---------------------------------------------------------------- mis-decoded UTF-8

def test_mojibake_from_latin1_and_cp1252_is_repaired():
    garbled = "ZÃ¤hne zusammenbeiÃ\x9fen: das Team hatâ€™s geschafft, sagt JosÃ©."
    assert repair_mojibake(garbled) == "Zähne zusammenbeißen: das Team hat’s geschafft, sagt José."


def test_real_accents_next_to_symbols_stay():
    text = "Un café» et «thé», à 20 °C, Ä±"
    assert repair_mojibake(text) == text


def test_mojibake_page_reads_as_the_real_words():
    text = page("FÃ¼r die BrÃ¼cke", STORY.replace("the", "fÃ¼r"), STORY_2)
    article = read_text(text)
    assert article.title == "Für die Brücke"
    assert "für" in body(article) and "Ã" not in body(article)


# ---------------------------------------------------------------- repeats and the headline's copies

def test_story_paragraph_printed_twice_is_story():
    # The lead is also printed as the summary under the headline: a repeat, but a story one.
    text = page("Bridge closed to lorries", "Bridge closed to lorries", STORY, "Share", STORY, STORY_2, "Related stories",
                "Home", "Contact")
    article = read_text(text)
    assert STORY.split(".")[0] in body(article) and STORY_2.split(",")[0] in body(article)


def test_story_dumped_again_in_one_line_is_read_once():
    text = page("Bridge closed to lorries", STORY, STORY_2, STORY_2, "Share",
                " ".join([STORY, STORY_2, STORY_2, STORY, STORY_2]))
    article = read_text(text)
    assert body(article).count("Residents of the village") == 2


# ---------------------------------------------------------------- never nothing

def test_one_short_paragraph_is_kept_rather_than_nothing():
    article = read_text(page("Opening hours", "Home", "The library opens at nine on Saturdays from next week.", "Contact"))
    assert "The library opens at nine on Saturdays from next week." in body(article)


def test_text_without_prose_reads_no_block(tmp_path):
    from newspack.errors import ExtractionError
    from newspack.pipeline import ReadOptions, load_article

    assert read_text(page("Home", "News", "Sport", "abc", "def")).blocks == ()
    path = tmp_path / "menu.txt"
    path.write_text(page("Home", "News", "Sport", "abc", "def"), encoding="utf-8")
    try:
        load_article(str(path), ReadOptions(input_format="text"))
    except ExtractionError as exc:
        assert "no article text" in str(exc) and "\n" not in str(exc)
    else:
        raise AssertionError("a text without prose must fail")


# ---------------------------------------------------------------- the title

def test_notice_lines_are_never_the_title():
    from newspack.readers.text.title import is_notice

    for line in ("En poursuivant votre navigation, vous acceptez l'utilisation de cookies", "Accessibility links",
                 "Skip to main content", "Back to home", "Log in or sign up", "Zum Inhalt springen",
                 "Heise-Foren: Einloggen | Registrieren", "Iniciar sesión", "Accedi", "Aller au contenu"):
        assert is_notice(line), line
    for line in ("The best chocolate chip cookie recipe", "Voters register in record numbers", "Bridge closed to lorries"):
        assert not is_notice(line), line
    text = page("Accessibility links", "Skip to main content", "Bridge closed to lorries for six months", STORY, STORY_2)
    assert read_text(text).title == "Bridge closed to lorries for six months"


def test_site_suffix_is_cut_from_the_page_title():
    text = page("Bridge closed to lorries for six months - Valley Courier", "Home", STORY, STORY_2,
                "© 2024 Valley Courier")
    assert read_text(text).title == "Bridge closed to lorries for six months"


def test_site_name_gives_way_to_the_headline_above_the_story():
    text = page("Valley Courier", "News", "Sport", "Bridge closed to lorries for six months", "By Ann Lee",
                "May 20, 2024", STORY, "Photo: Tom Hill/Valley Courier", STORY_2, "© Valley Courier")
    article = read_text(text)
    assert article.title == "Bridge closed to lorries for six months"
    assert article.byline == "Ann Lee"


def test_caption_line_with_trailing_copyright_credit():
    from newspack.readers.text.captions import find_captions

    (cap,) = find_captions("Wind farm off the coast at dusk © Jane Miller")
    assert (cap.text, cap.credit) == ("Wind farm off the coast at dusk", "Jane Miller")
    assert find_captions("The park in winter © 2024 Valley Courier. All rights reserved") == []


def test_soft_hyphens_are_removed_so_words_read_whole():
    from newspack.readers.text.prepare import prepare_lines

    assert prepare_lines("Auch in die\xadsem Jahr wol\xadlen wir Sie ent\xadführen.") == [
        "Auch in diesem Jahr wollen wir Sie entführen."]


def test_a_scraped_text_quoting_a_few_tags_is_read_as_text():
    from newspack.readers import detect_format

    scraped = "\n".join(["Password manager makes one-time codes | Mac & i", "News", "Forum",
                         '<div><a href="https://ads.example.com/jump"><img alt="" src="https://ads.example.com/ad"></a></div>',
                         '<div><a href="https://ads.example.com/jump2"><img alt="" src="https://ads.example.com/ad2"></a></div>',
                         "The update brings one-time passwords to the desktop version of the app, as on the phone."])
    assert detect_format(scraped) == "text"
    assert detect_format("<p>A fragment.</p><p>Another.</p>") == "html"
    assert detect_format("\ufeff<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>") == "html"
    assert detect_format("Warning: a server notice\n<!DOCTYPE html><html><head><meta charset='utf-8'></head>") == "html"


def test_a_txt_file_quoting_a_whole_page_in_a_code_sample_is_read_as_text(tmp_path):
    # A scraped tutorial shows a test page's source: by its content alone it reads as HTML, but
    # the user saved it as .txt, and only a file that opens with markup is a page.
    from newspack.pipeline import ReadOptions, read_input
    from newspack.sources import open_source

    lines = ["Covering your code with tests | Notes", "Covering your code with tests",
             "So you test your code now? Good. The more tests you write, the surer you are of the code you ship every week.",
             "Here is the test page that loads the library and its adapter, served over HTTP from the project folder:",
             '<!DOCTYPE html> <html> <head> <meta charset="utf-8"> <title>Test</title> </head> <body> <div id="x"></div> <p>run</p> </body> </html>',
             "Running the tests now prints a report, and the report shows which lines of the library no test has reached yet.",
             "Coverage only gives numbers: it cannot tell whether a test checks the right thing, only that a line ran under it."]
    page = tmp_path / "tutorial.txt"
    page.write_text("\n".join(lines), encoding="utf-8")
    article = read_input(open_source(str(page)), ReadOptions()).article
    assert article.title == "Covering your code with tests"
    # the same bytes under another name are sniffed, and read as the page they quote
    other = tmp_path / "tutorial"
    other.write_bytes(page.read_bytes())
    assert read_input(open_source(str(other)), ReadOptions()).article.title == "Test"
    # a .txt that opens with markup is a page saved under the wrong name
    html = tmp_path / "saved.txt"
    html.write_text("<!DOCTYPE html><html><head><title>Saved</title></head><body><p>" + lines[2] + "</p></body></html>")
    assert read_input(open_source(str(html)), ReadOptions()).article.title == "Saved"


@pytest.mark.slow
def test_page_words_are_the_same_whatever_the_hash_seed():
    # Sixty words each on three lines: forty make the cut, and which forty must not depend on a
    # set's order (the hash seed changes per run): the same page must read the same every run.
    import os
    import subprocess
    import sys

    words = [f"w{i:02d}x" for i in range(60)]
    lines = [" ".join(words[k:] + words[:k]) for k in (0, 7, 13)]
    code = ("import sys; from newspack.readers.text.line_model import page_words; "
            "print(sorted(page_words(sys.argv[1:])))")
    seen = set()
    for seed in ("1", "2", "3", "12", "30"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, *lines], capture_output=True, text=True, env=env, check=True)
        seen.add(out.stdout)
    assert len(seen) == 1
    assert seen.pop().count("'") == 2 * 40
