"""Named reader rules, each of which can be switched off.

Every heuristic of the readers that can be left out without breaking the pipeline has a name
here. A :class:`~newspack.readers.tuning.Tuning` names the rules switched off (``disabled``);
the command line fills it from ``NEWSPACK_DISABLE=name,name``, read once at start. ``tools/ablate.py``
uses that to measure what each rule is worth on the evaluation suites, and it helps to find which
rule ate a paragraph. Unknown names are an error, so a typo never measures "nothing changed".
"""
from __future__ import annotations

#: name -> what the rule does (the ablation table prints these).
RULES: dict[str, str] = {
    # content choice (html/content, html/paragraphs)
    "noscript": "a lazy image's real <img> and a story served only in <noscript> are used",
    "loose_paragraphs": "text loose in a div and <br><br> runs become paragraphs before scoring",
    "explicit_story": "the page's articleBody / single <article> keeps the choice inside it",
    "article_body": "an itemprop=articleBody element is the story container itself",
    "explicit_chrome": "inside the explicit story, its footer, aside and furniture are no candidates",
    "keep_tokens": "class names like article-body get a head start in scoring",
    "furniture_tokens": "drop share bars, related lists, comments... named by id/class words",
    "story_pictures": "a picture widget inside the story is kept whatever its class says",
    "chrome_tags": "drop nav, footer, aside, form, header and landmark roles around the story",
    "widen": "climb to an ancestor when the story is split over several wrappers",
    "gather_siblings": "siblings of the winner that score close join the story",
    "clean_conditionally": "drop link-heavy boxes inside the story",
    # metadata (html/byline)
    "schema_author": "an itemprop=author outside comments is the byline wherever it is printed",
    "byline_layout_wrappers": "a furniture-named wrapper holding the page is no box around a byline",
    "htmldate": "a page whose metadata gives no date is dated by htmldate (URL, markup, printed text)",
    # fallbacks (html.py)
    "relaxed_fallback": "a weak result is read again without the id/class furniture words",
    "structured_body": "a weak result is compared with the story the page's JSON-LD gives (articleBody)",
    "second_opinion": "a still weak result is compared with trafilatura's text, when installed",
    # figures (html/figures)
    "caption_labels": "interface labels and gallery counters before a caption are cut",
    "promo_figures": "a figure whose caption is a label or a pitch is an ad, dropped",
    # block filters (html/blocks)
    "section_end": "a heading that opens comments or a related list ends the story",
    "title_repeat": "the title printed again in the body is dropped",
    "gallery_legends": "a list of a carousel's legends ('1/50 ...') is dropped",
    "labels": "label lines ('Advertisement', 'Share') are dropped",
    "pitch_patterns": "short blocks matching pitch patterns are dropped",
    "notices": "byline, date and notice lines are dropped",
    "caption_text": "caption-like lines outside figures are dropped",
    "bios": "the author's bio under the story is dropped",
    "signature": "the byline repeated under the story is dropped",
    "relative_times": "lines that only say how old the page is ('2 hours ago') are dropped",
    "edit_marks": "a wiki's '[edit]' link is cut from headings",
    "link_density": "short link-heavy paragraphs are dropped",
    # around the body (html.py)
    "standfirst": "the dek between headline and body is kept when the container left it out",
    "lead_figures": "the lead image above the story is kept",
    # the text reader (text/story, text/header, text/fallback, text/reader)
    "line_model": "the line model picks the story lines (off: the rules' prose run alone)",
    "table_rows": "rows of a table running on from the story's end join it",
    "stray_segments": "small kept blocks far from the main one are dropped",
    "teasers_above_headline": "lines above the headline's repeat are dropped when a story follows it",
    "resume_after_box": "long prose just past an inline box resumes the story",
    "lead_before_box": "long prose just above an inline box opens the story",
    "trailing_headings": "'Related stories' headings at the story's end are dropped",
    "headline_block": "the block under the headline wins over a story found far below it",
    "dek_header": "a byline or date among the story's first lines closes the header under the dek",
    "headline_dek": "the prose line right under the headline is the dek",
    "prose_fallback": "a weak story is replaced by the longest prose run, then every prose line",
    "refine_title": "the headline above the story replaces a title that is none or the site's name",
}

#: The environment variable the command line reads the switched-off rules from.
ENV = "NEWSPACK_DISABLE"
