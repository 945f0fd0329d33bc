"""Step 2 of the text reader: the title of a scraped page.

The headline is the line the story hangs from. A scrape usually opens with the page's title
("Headline | Section | Site"), and prints the headline again above the story (its H1), often
followed by a byline or a date. In order:

1. ``pick_title`` (before the story is known): the head of the first line when it is printed again
   alone; else the first title-like line near the top, its site suffix cut.
2. ``refine_title`` (once the story is found): a title that is no headline (none, or the site's
   name, printed inside other lines as a credit or a copyright) gives way to the headline above
   the story: the line followed by a byline or date, else the longest title-like line there.

A notice (cookie banner, accessibility or skip link, "Back to home", a log-in line, a browser
warning; ``data/textmodel/notices.txt``, every language we read) is never the title.
"""
from __future__ import annotations

import re

from .. import phrases
from .lines import Kind, Line, is_boilerplate_line
from ..dates import is_date_line
from .meta import parse_byline
from .notices import is_notice
from ..suffix import TEXT_LINE, split_site_suffix

#: A title is at most this long (chars); longer first lines are story text without a title.
TITLE_MAX_CHARS = 300
#: Lines from the top looked at for a title before the story is known.
TITLE_LINES = 12
#: Lines above the story's first line looked at for its headline.
HEADLINE_SEARCH_LINES = 30
#: Lines after a headline candidate where its byline or date may be (a share bar between).
HEADLINE_META_LINES = 2
#: A headline has at least this many words, and at most this many (more is a paragraph).
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 30
#: A title printed inside this many other lines ("Photo: X/Quanta Magazine", "© Quanta Magazine")
#: is the site's name, not the headline.
SITE_NAME_MIN_MENTIONS = 2
#: A printed headline worded otherwise than the title line shares at least this share of its words with it.
VARIANT_MIN_SHARED = 0.7
#: ...and covers at least this share of the title's words (an author's name under a title that
#: ends "| by Name" covers few).
VARIANT_MIN_COVER = 0.5
#: A site's name has at most this many characters (and as many words as a site suffix, :data:`TEXT_LINE`).
SITE_NAME_MAX_CHARS = 40
#: The first line is a date line, not a title, when it has at most this many words.
DATE_LINE_MAX_WORDS = 6

_FIRST_SPLIT = re.compile(r"\s+[|\-–—:·]\s+")


def _title_like(text: str, min_words: int = HEADLINE_MIN_WORDS) -> bool:
    words = len(text.split())
    return (min_words <= words <= HEADLINE_MAX_WORDS and len(text) <= TITLE_MAX_CHARS and not text.endswith((":", ","))
            and not is_boilerplate_line(text) and not is_notice(text) and parse_byline(text) is None
            and not is_date_line(text))


def _page_title_like(text: str) -> bool:
    return (HEADLINE_MIN_WORDS <= len(text.split()) and len(text) <= TITLE_MAX_CHARS and not is_notice(text)
            and not phrases.is_boilerplate(text) and not (len(text.split()) <= DATE_LINE_MAX_WORDS and is_date_line(text)))


def cut_site(line: str, lines: list[str]) -> str:
    """``line`` without a trailing site name ("Headline - Vox"): a last segment of a few words with
    no digit, after a bar or a dot, or printed elsewhere on the page."""
    split = split_site_suffix(line, TEXT_LINE)
    if split is None:
        return line
    head, sep, tail = split
    if sep.strip() in "|·•»::" or _mentions(tail, lines, line) >= 1:
        return head
    return line


def _mentions(name: str, lines: list[str], skip: str | None = None) -> int:
    key = phrases.fold(name)
    if not key:
        return 0
    return sum(1 for t in lines if t != skip and key in phrases.fold(t) and phrases.fold(t) != key)


def pick_title(lines: list[str]) -> str | None:
    """The title before the story is known: the first line's head when printed again alone, else
    the first title-like line near the top without its site suffix."""
    later = {phrases.fold(t) for t in lines[1:]}
    for line in lines[:1]:
        head = _FIRST_SPLIT.split(line, maxsplit=1)[0]
        if head != line and len(head.split()) >= HEADLINE_MIN_WORDS and phrases.fold(head) in later:
            return head
    for pos, line in enumerate(lines[:TITLE_LINES]):
        # The first line is the page's title: "Headline » Section | Site" is no menu there, and a
        # headline may open with its date.
        if not (_title_like(line) or pos == 0 and _page_title_like(line)):
            continue
        short = cut_site(line, lines)
        if short != line:
            return short
        alt = re.sub(r"\s+[|\-–—:·]\s+[^|\-–—:·]{1,60}$", "", line)
        if alt != line and phrases.fold(alt) in later:
            return alt
        return line
    first = lines[0] if lines else ""
    return first if first and _title_like(first, 1) else None


def _has_copy(title: str, lines: list[Line]) -> bool:
    """Whether the title is printed again among ``lines`` (those above the story: a copy in the
    footer is the site's copyright line, not the headline)."""
    return any(l.kind == Kind.TITLE for l in lines[1:])


def _site_name(title: str, texts: list[str]) -> bool:
    """A short title printed inside other lines (a credit, a copyright) names the site."""
    key = phrases.fold(title)
    return (len(title.split()) <= TEXT_LINE.max_words and len(title) <= SITE_NAME_MAX_CHARS and bool(key)
            and sum(key in phrases.fold(t) for t in texts[1:]) >= SITE_NAME_MIN_MENTIONS)


def _printed_variant(title: str, lines: list[Line], story_start: int) -> str | None:
    """The headline as the page prints it above the story when the page's title line words it
    otherwise ("... Součkovu práci ... - Site" over a printed "... Součka ..."): a title-like line
    sharing most of the title's words, printed twice on the page or followed by its byline or date."""
    words = set(phrases.fold(title).split())
    if not words:
        return None
    texts = [phrases.fold(l.text) for l in lines]
    # the story's start may be its header (the headline and date above the first paragraph)
    end = next((l.index for l in lines[story_start:] if l.kind == Kind.PROSE), story_start)
    for cand in lines[max(1, story_start - HEADLINE_SEARCH_LINES):end]:
        if cand.kind in (Kind.PROSE, Kind.META) or not _title_like(cand.text):
            continue
        own = set(texts[cand.index].split())
        shared = len(own & words)
        if shared < VARIANT_MIN_SHARED * max(len(own), 1) or shared < VARIANT_MIN_COVER * len(words):
            continue
        after = lines[cand.index + 1:cand.index + 1 + HEADLINE_META_LINES]
        if texts.count(texts[cand.index]) >= 2 or any(l.kind == Kind.META for l in after):
            return cand.text
    return None


def refine_title(title: str | None, lines: list[Line], story_start: int) -> str | None:
    """The headline above the story when ``title`` is none or the site's name, or when the page
    prints it worded otherwise (see module doc)."""
    texts = [l.text for l in lines]
    if title and _has_copy(title, lines[:story_start]):
        return title
    if title and not _site_name(title, texts):
        return _printed_variant(title, lines, story_start) or title
    above = [l for l in lines[max(1, story_start - HEADLINE_SEARCH_LINES):story_start]
             if l.kind not in (Kind.PROSE, Kind.META) and _title_like(l.text)]
    for cand in reversed(above):
        after = lines[cand.index + 1:cand.index + 1 + HEADLINE_META_LINES]
        if any(l.kind == Kind.META for l in after):
            return cand.text
    if title is None and above:
        return max(above, key=lambda l: len(l.text)).text
    return title
