"""The shared lexicon: one file per language, named sections, read the same by both readers."""
from __future__ import annotations

import json
import re

from newspack.readers import lexicon, phrases
from newspack import resources
from newspack.model import Heading, Paragraph
from newspack.readers.html.reader import read_html
from newspack.readers.names import author_names, is_bio, join_names, strip_prefix

PROSE = (
    "The council met on Tuesday evening to discuss the budget, and members argued for hours "
    "about the cost of repairs, the state of the roads, and the future of the library."
)


def _clear_caches():
    for fn in (resources.read_lines, lexicon.languages, lexicon._sections, lexicon.words, lexicon.word_set, lexicon.pattern,
               phrases.phrase_list, phrases._filtered_patterns):
        fn.cache_clear()


def test_every_section_in_the_data_is_documented():
    """A section name is a contract between data and code: a typo in either would silently
    read nothing, so every section a file uses is one the module's table names."""
    documented = set(re.findall(r"^([a-z-]+)\s{2,}", lexicon.__doc__, re.MULTILINE))
    for code in lexicon.languages():
        assert set(lexicon._sections(code)) - {""} <= documented, code


def test_one_prefix_list_serves_both_readers():
    # words of the former HTML-only list and of the former text-only list, in both readers' helper
    assert strip_prefix("Von Katrin Hollmann") == ("Katrin Hollmann", True)
    assert strip_prefix("Autorin: Mira Schäfer") == ("Mira Schäfer", True)
    assert strip_prefix("Texte Jeanne Roux") == ("Jeanne Roux", True)
    assert strip_prefix("Byron Smith") == ("Byron Smith", False)  # a word, not a prefix


def test_names_are_joined_and_split_in_the_page_language():
    assert join_names(["A", "B", "C"], "de") == "A, B und C"
    assert join_names(["A", "B"], "xx") == "A and B"
    assert author_names("Claire Dumont et Julien Ferrand") == ("Claire Dumont", "Julien Ferrand")
    assert is_bio("Marta Quill writes about transport.", ("Marta Quill",))
    assert not is_bio("Marta Quill said the line would reopen.", ("Marta Quill",))


def test_a_user_lexicon_file_extends_a_language(tmp_path, monkeypatch):
    user = tmp_path / "config"
    (user / "data" / "lexicon").mkdir(parents=True)
    (user / "data" / "lexicon" / "en.txt").write_text("[chrome-label]\nGet the morning briefing\n", encoding="utf-8")
    monkeypatch.setenv("NEWSPACK_DATA_DIR", str(user))
    _clear_caches()
    try:
        assert phrases.is_label("Get the morning briefing")
        assert phrases.is_label("Share Post:")  # the packaged list is still read
    finally:
        monkeypatch.delenv("NEWSPACK_DATA_DIR")
        _clear_caches()


def test_meta_and_taxonomy_lines_are_notices():
    from newspack.readers.html.notices import is_meta_line, is_notice, is_taxonomy

    assert is_meta_line("24. März 2004, 19:49 | Jane Roe")
    assert is_notice("12 May 2024 · Lisbon", None)
    assert not is_meta_line("The vote on 12 May 2024 | a turning point for the city council and its mayor.")
    assert is_taxonomy("Kategorie: News, Politik")
    assert is_taxonomy("Filed under: Transport")
    assert not is_taxonomy("Categories of workers were changed by the new law.")


def _page(body: str, head: str = "") -> str:
    return (f'<!doctype html><html lang="en"><head>{head}</head><body><article><h1>Council passes budget</h1>'
            f"{body}</article></body></html>")


def test_story_filters_drop_self_pitches_taxonomy_lines_and_comment_headings():
    paras = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(4))
    art = read_html(_page(f"{paras}<p>Have you seen our new app?</p>"
                          f"<p>Posted in: Politics, Budget</p><h3>#1 Comment by Jane</h3><p>{PROSE} Great piece!</p>"))
    texts = [b.text for b in art.blocks if isinstance(b, (Paragraph, Heading))]
    assert len(texts) == 4 and all(t.startswith("Paragraph") for t in texts)


def test_a_script_rendered_page_reads_its_json_ld_story():
    """The markup holds a caption; the story is in the page's JSON-LD (articleBody)."""
    story = "\n\n".join(f"Paragraph {i}. {PROSE}" for i in range(5))
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council passes budget",
          "articleBody": story}
    art = read_html(_page("<figure><img src='https://example.org/a.jpg'><figcaption>The council hall. Photo: AP</figcaption></figure>",
                          f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    texts = [b.text for b in art.blocks if isinstance(b, Paragraph)]
    assert [t[:11] for t in texts] == [f"Paragraph {i}" for i in range(5)]
    assert any(getattr(b, "src", None) == "https://example.org/a.jpg" for b in art.blocks)  # figures stay ours


def test_a_structured_body_in_one_run_is_cut_into_paragraphs():
    from newspack.readers.html.paragraphs import text_paragraphs

    blob = " ".join(f"Sentence {i} ends here." for i in range(10))
    assert len(text_paragraphs(blob)) == 3
    assert text_paragraphs("<p>One.</p><p>Two &amp; three.</p>") == ["One.", "Two & three."]


def test_blog_furniture_paragraphs_are_pitches():
    for line in ("This entry was posted in News on May 2, 2024 by Jane Roe. Bookmark the permalink.",
                 "Der Beitrag wurde am Mittwoch, den 2. Mai 2024 um 15:21 Uhr veröffentlicht und unter News abgelegt.",
                 "(No Ratings Yet) Loading...",
                 "We may receive compensation if you buy through the links on this page."):
        assert phrases.matches_pattern(line), line
    for sentence in ("The entry was posted to the council by the mayor on Monday.",
                     "Patients can now book a test with the health service app.",
                     "We need your support to rebuild the bridge, the mayor told residents."):
        assert not phrases.matches_pattern(sentence), sentence  # story sentences: the text reader drops a match


def test_a_teaser_the_page_prints_stays_above_its_json_ld_story():
    story = "\n\n".join(f"Paragraph {i}. {PROSE}" for i in range(5))
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council passes budget",
          "articleBody": story}
    teaser = "Subscribers read how the council found the money for the library and the roads this year."
    art = read_html(_page(f"<p>{teaser}</p>", f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    texts = [b.text for b in art.blocks if isinstance(b, Paragraph)]
    assert texts[0] == teaser and len(texts) == 6


def test_one_slash_credit_form_covers_the_agency_orders():
    """'AGENCY/NAME', 'NAME / AGENCY' and '(NAME/AGENCY)' after a caption are one credit form."""
    from newspack.readers.text.captions import find_captions

    cases = [
        ("The ferry left at dawn. EPA/Jan Kowalski The port reopened on Monday.", "EPA/Jan Kowalski"),
        ("The ferry left at dawn. Jan KOWALSKI / EPA The port reopened on Monday.", "Jan KOWALSKI / EPA"),
        ("The ferry left at dawn. (Jan Kowalski/Baltic Press) The port reopened on Monday.", "Jan Kowalski/Baltic Press"),
    ]
    for line, credit in cases:
        found = find_captions(line)
        assert [(c.text, c.credit) for c in found] == [("The ferry left at dawn.", credit)], line
    assert find_captions("They met on Monday. The EU / UK talks went on.") == []


def test_a_printed_byline_with_page_words_glued_after_the_name_gives_way_to_the_author_meta():
    paras = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(4))
    head = '<meta name="author" content="Jane Roe">'
    art = read_html(_page(f'<div class="author">Jane Roe in Travel Notes</div>{paras}', head))
    assert art.byline == "Jane Roe"
    art = read_html(_page(f'<div class="author">Jane Roe and John Doe</div>{paras}', head))
    assert art.byline == "Jane Roe and John Doe"


STORY_LINES = "\n".join(
    f"Paragraph {i}. The council met on Tuesday evening to discuss the budget, and members argued for "
    f"hours about the cost of repairs, the state of the roads, and the future of the library." for i in range(5))


def test_text_bylines_printed_as_name_and_date_or_after_marks():
    from newspack.readers.text.meta import parse_byline

    assert parse_byline("Dan Hale - Apr 16, 2015 8:02 pm UTC") == ("Dan Hale", "Apr 16, 2015 8:02 pm UTC")
    assert parse_byline("by Steven Marsh January 18, 2017 11:00 PM PST") == ("Steven Marsh", "January 18, 2017 11:00 PM PST")
    assert parse_byline("// By Arun Sai Krishnan • Nov 11, 2020")[0] == "Arun Sai Krishnan"
    assert parse_byline("The vote - May 2, 2024") is None


def test_a_menu_line_above_the_headline_is_no_byline():
    from newspack.readers.text.reader import read_text

    text = f"Business News - May 2, 2024\nCouncil passes the budget after a long night\n{STORY_LINES}\n"
    article = read_text(text)
    assert article.title.startswith("Council") and article.byline is None and article.date == "2024-05-02"
    text = f"Get Involved\nCouncil passes the budget after a long night\nMarta Quill - May 2, 2024\n{STORY_LINES}\n"
    article = read_text(text)
    assert article.byline == "Marta Quill" and article.date == "2024-05-02"


def test_a_caption_line_with_its_credit_on_the_next_line_is_a_figure():
    from newspack.model import Figure
    from newspack.readers.text.reader import read_text

    text = (f"Council passes the budget after a long night\n{STORY_LINES.splitlines()[0]}\n"
            "The mayor at the council meeting on Tuesday.\nPhoto by Jane Roe/Harbour Press\n"
            + "\n".join(STORY_LINES.splitlines()[1:]) + "\n")
    figures = [b for b in read_text(text).blocks if isinstance(b, Figure)]
    assert [(f.caption, f.credit) for f in figures] == [("The mayor at the council meeting on Tuesday.", "Jane Roe/Harbour Press")]


def test_related_reading_headings_and_blog_widgets_in_german_and_spanish():
    from newspack.readers.html.blocks import _section_end

    for heading in ("Ähnliche Nachrichten", "Die meistgelesenen Artikel", "Le puede interesar", "Weitere Beiträge zum Thema Sport"):
        assert _section_end().match(phrases.fold(heading)), heading
    assert phrases.matches_pattern("Gefällt mir Wird geladen … 3 Bloggern gefällt das")
    assert phrases.is_label("Mit Freunden teilen")


def test_the_pitch_prefilter_reads_alternatives_and_never_skips_a_match():
    import re as _re

    assert phrases.required_literals(_re.compile(r"\bjoin (our|the) (newsletter|mailing list)\b", _re.I)) == ("newsletter", "mailing list")
    # one literal from each branch; under IGNORECASE an "s" or "k" is a set (the long s and the
    # Kelvin sign fold to them), so a run stops there: "ign up now"
    assert phrases.required_literals(_re.compile(r"\bsign up now\b|\bsubscribe today\b", _re.I)) == ("ign up now", "ubscribe today")
    assert phrases.required_literals(_re.compile(r"(a|b)c")) is None
    texts = ["Join the mailing list for more", "SIGN UP NOW and save", "Subscribe today!", "A plain sentence about roads.",
             "Bitte abonnieren Sie unseren Newsletter", "Ne manquez aucun article", "Gefällt dir unser Magazin?"]
    for text in texts:
        assert phrases.matches_pattern(text) == any(p.search(text) for p in phrases.phrase_list().patterns), text


def test_a_wikis_edit_link_is_cut_from_headings_in_any_language():
    paras = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(4))
    art = read_html(_page(f"{paras}<h2>History[edit]</h2>{paras}<h2>Geschichte [Quelltext bearbeiten]</h2>{paras}"))
    assert [b.text for b in art.blocks if isinstance(b, Heading)] == ["History", "Geschichte"]
