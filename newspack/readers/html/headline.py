"""The article's title: the headline as printed (<h1>) or the page's metadata title.

Metadata titles (JSON-LD ``headline``, ``og:title``, ``<title>``) are often SEO variants of
the printed headline, carry the site's name or a section ("Opinion | ..."), or are the site's
name alone; the <h1> is what a reader sees, but a page's first <h1> may also be its logo, a
section name or a kicker printed apart ("Opinion" + headline). So:

1. an <h1> that a metadata title starts with, or that starts with one (quotes folded), is the
   headline as printed: it wins, whichever <h1> of the page it is;
2. a metadata title that the first <h1> ends with, or that ends with the first <h1>, differs
   from it by a kicker or section: the metadata title, which the page chose, wins;
3. the first <h1> sharing enough words with the metadata title is the same story reworded
   for search: the printed one wins;
4. else the metadata title minus the site's name, else the first <h1>.
"""
from __future__ import annotations

import re

from ..suffix import HTML_TITLE, split_site_suffix
from .dom import clean_text, text_of

#: A section or site name before ' | ' in a metadata title is at most this many words.
MAX_SECTION_WORDS = 3
#: Word overlap (Jaccard) from which the first <h1> and the metadata title tell the same story.
#: Site-grouped 5-fold CV over news-fundus + news-naeb + news-wcxb (0.2/0.3/0.4/0.5/0.6/never):
#: 0.2 chosen in 5 of 5 folds; out of fold title 0.738/0.934/0.842 (fundus/naeb/wcxb), where
#: never gives 0.754/0.913/0.802: fundus's truth is the publisher's metadata title, naeb's and
#: wcxb's the printed headline.
MIN_HEADLINE_OVERLAP = 0.2
#: A metadata title kept over an <h1> that only adds or drops a kicker has at least this many words.
MIN_KICKED_WORDS = 3

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_WORD = re.compile(r"\w+")


def strip_site_suffix(title: str, site_name: str | None) -> str:
    """'Headline | Site' -> 'Headline' (also ' - ', ' — '; a known site name at either end)."""
    title = clean_text(title)
    if site_name:
        for sep in HTML_TITLE.separators:
            if title.lower().endswith((sep + site_name).lower()):
                return title[: -len(sep + site_name)].strip()
            if title.lower().startswith((site_name + sep).lower()):
                return title[len(site_name + sep):].strip()
    split = split_site_suffix(title, HTML_TITLE)
    if split:
        return split[0]
    section, sep, rest = title.partition(" | ")
    if sep and len(section.split()) <= MAX_SECTION_WORDS and len(rest.split()) >= 2 * len(section.split()):
        return rest.strip()  # 'Opinion | Headline', 'Site | Headline'
    return title


def headlines(root) -> list[tuple[object, str]]:
    """Every non-empty <h1> of the page and its text, in document order."""
    return [(h1, text) for h1, text in ((h1, text_of(h1)) for h1 in root.iter("h1")) if text]


def first_h1(root):
    """The page's first non-empty <h1> and its text (the headline), or (None, None)."""
    for h1 in root.iter("h1"):
        text = text_of(h1)
        if text:
            return h1, text
    return None, None


def _fold(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _same_start(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    return a.startswith(b) or b.startswith(a)


def _kicker_apart(a: str, b: str) -> bool:
    """'Opinion What I'll pray for' and 'What I'll pray for': one is the other after a kicker."""
    a, b = _fold(a), _fold(b)
    return a != b and (a.endswith(" " + b) or b.endswith(" " + a))


def _overlap(a: str, b: str) -> float:
    wa, wb = set(_WORD.findall(_fold(a))), set(_WORD.findall(_fold(b)))
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def choose_title(candidates: list[str | None], printed: list[tuple[object, str]],
                 site_name: str | None) -> tuple[str | None, object]:
    """The title and the <h1> element that prints it (else the first <h1>, or None)."""
    site = _fold(site_name or "")
    raw = [c for c in candidates if c]
    cleaned = [t for t in (strip_site_suffix(c, site_name) for c in raw) if _fold(t) != site]
    for el, text in printed:
        if any(_same_start(text, c) for c in raw + cleaned):
            return text, el
    first_el, first = printed[0] if printed else (None, None)
    if first and cleaned:
        for title in cleaned:
            if len(title.split()) >= MIN_KICKED_WORDS and _kicker_apart(title, first):
                return title, first_el
        if _overlap(first, cleaned[0]) >= MIN_HEADLINE_OVERLAP:
            return first, first_el
    return (cleaned[0] if cleaned else first), first_el
