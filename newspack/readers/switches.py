"""Named reader rules, each of which can be switched off.

Every heuristic of the readers that can be left out without breaking the pipeline has a name
here. ``NEWSPACK_DISABLE=name,name`` (an environment variable, read once) switches rules off:
``tools/ablate.py`` uses it to measure what each rule is worth on the evaluation suites, and it
helps to find which rule ate a paragraph. Unknown names are an error, so a typo never measures
"nothing changed".
"""
from __future__ import annotations

import os
from functools import lru_cache

from ..errors import UsageError

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
}

ENV = "NEWSPACK_DISABLE"


@lru_cache(maxsize=1)
def disabled() -> frozenset[str]:
    names = frozenset(n.strip() for n in os.environ.get(ENV, "").split(",") if n.strip())
    unknown = names - RULES.keys()
    if unknown:
        raise UsageError(f"{ENV}: unknown rule(s) {', '.join(sorted(unknown))}; known: {', '.join(RULES)}")
    return names


def enabled(name: str) -> bool:
    """Whether reader rule ``name`` is on (all are, unless NEWSPACK_DISABLE names it)."""
    return name not in disabled()
