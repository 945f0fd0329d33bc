"""Line classification for scraped page text: which lines are the story.

Each line gets features that carry across sites and languages (length, sentence punctuation,
stop-word ratio, capitalisation, separators, link-like words, known boilerplate phrases,
repetition of the title) and a kind. The story is then the contiguous run of lines with the
best balance of prose over chrome (a maximum-sum segment, as in body-text extraction): nav
bars, share bars and footers are runs of short lines, the story is a run of long ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ...words import WORD
from .. import phrases
from ..language import stopwords
from .captions import find_captions
from ..dates import is_date_line
from .meta import parse_byline
from .notices import is_comment_head, is_pitch, notice_block

#: Below this share of stop words over the page's longer lines, the page is in a language with no
#: stop-word list (Russian, Korean...) and prose is judged by length and punctuation alone.
KNOWN_LANGUAGE_MIN_STOP_RATIO = 0.12
#: Characters per word assumed when a script does not separate words with spaces (CJK): a long
#: line of Chinese is as much prose as a long line of English.
CHARS_PER_WORD = 6
#: A line with this many words or more, enough stop words and sentence punctuation is prose;
#: lower lets headlines and teasers in, higher drops short story paragraphs.
PROSE_MIN_WORDS = 10
#: Share of stop words a prose line needs at least: menus and name lists have almost none.
PROSE_MIN_STOP_RATIO = 0.12
#: A short line ending a sentence with this many words is a short paragraph, scored at half weight.
SHORT_SENTENCE_MIN_WORDS = 4
#: What a known boilerplate line costs the story run: high cuts the story at any ad label,
#: low lets a run of labelled teasers join the story.
BOILERPLATE_COST = 6.0
#: What any other short line costs the story run (menus, related headlines, subheadings).
SHORT_LINE_COST = 2.5
#: A line over this many characters counts its words only up to here: one giant line of comments
#: or legal text must not outweigh a story by length alone.
MAX_SCORED_WORDS = 400
#: A line longer than this (words) is never chrome as a whole: a pitch or teaser glued into it
#: is cut out sentence by sentence instead, keeping the story around it.
LINE_PITCH_MAX_WORDS = 45
#: A byline or date line has at most this many words; longer lines that open with "By" are prose.
META_MAX_WORDS = 25
#: A long line whose opening (this many chars) is a pitch or notice is that notice at length
#: ("This website uses cookies to ..."), not story with a pitch glued in.
LONG_LINE_OPENING_CHARS = 160
#: What a line that opens the comments costs: enough that the story run never crosses it.
BARRIER_COST = 10_000.0
#: Prose words needed before a comments barrier for it to close the story; a "Comments" link
#: in the page header comes before any prose and closes nothing.
BARRIER_MIN_PROSE_WORDS = 60
#: Weight of prose after the story's comments barrier: comments are prose too, but not the story.
AFTER_BARRIER_WEIGHT = 0.02
#: Capitalised function words ("In", "Of", "After") among a line's first words that mark a
#: Title-Case headline (a teaser "Headline Words Summary ..."); names seldom have two.
TEASER_TITLE_CASE_STOPWORDS = 2
#: How many opening words are looked at for that Title-Case pattern.
TEASER_OPENING_WORDS = 10
#: A story that follows the headline's repeat (the H1) has at least this many words: fewer is a
#: dek or a byline, not evidence that the page's story sits under its headline.
HEADLINE_STORY_MIN_WORDS = 50
#: The rules' run counts as under the headline when it starts at most this many lines after it
#: (bylines, dates, share bars and a dek sit between); later, it is a sidebar further down.
HEADLINE_NEAR_LINES = 12
#: The block under the headline needs this many words to replace the rules' run: a table or list
#: of a dozen short rows has more, a lone share bar has fewer.
HEADLINE_BLOCK_MIN_WORDS = 30
#: A line printed twice on the page is a menu entry or a teaser listed twice, unless it has this many
#: words: a story paragraph also printed as the summary above it (or a page that prints its text
#: twice) is still story, and is kept once. Lower lets teaser summaries in, higher drops such stories.
REPEATED_PROSE_MIN_WORDS = 25
#: Separator characters of menus and breadcrumbs ("Home › Business", "News | Sport").
NAV_SEPARATORS = "›»|·•>/"
#: Lines with this many separators between short items are menus or breadcrumbs.
NAV_MIN_SEPARATORS = 2

_SUFFIXED = re.compile(r"\s[|\-–—·:/»]\s")
# Full stops of every script we meet: "。！？" close Chinese and Japanese sentences.
_TERMINAL_END = re.compile(r"[.!?…:;。！？][\"'»”’)\]」』]*\s*$")


class Kind(StrEnum):
    """What a line is, as the rules see it; the line model reads it as a feature
    (``kind_prose``...), so the values are the names in its weights file."""

    PROSE = "prose"              # a paragraph of story-like sentences
    SENTENCE = "sentence"        # one short sentence (a short paragraph, a caption)
    SHORT = "short"              # a short line of no known kind (menus, subheadings, list items)
    BOILERPLATE = "boilerplate"  # a known label, teaser, pitch, notice or menu
    TITLE = "title"              # the title printed again
    META = "meta"                # a byline or date line
    BARRIER = "barrier"          # a line that opens the comments: the story never runs across it


#: Kinds that are chrome whatever the model says: a story never runs across them.
CHROME_KINDS = (Kind.BOILERPLATE, Kind.BARRIER, Kind.TITLE)


@dataclass(frozen=True)
class Line:
    """One line of the page with the features the classifier looks at."""

    index: int
    text: str
    words: int
    stop_ratio: float
    terminal: bool
    kind: Kind
    score: float


def _nav_like(text: str) -> bool:
    seps = sum(text.count(c) for c in NAV_SEPARATORS)
    if seps < NAV_MIN_SEPARATORS:
        return False
    items = [s for s in re.split("[" + re.escape(NAV_SEPARATORS) + "]", text) if s.strip()]
    return bool(items) and max(len(s.split()) for s in items) <= 4


def is_boilerplate_line(text: str) -> bool:
    """Whole-line chrome: a known label or run of labels, teaser, pitch, notice or menu."""
    if len(text.split()) > LINE_PITCH_MAX_WORDS:
        return phrases.matches_pattern(text[:LONG_LINE_OPENING_CHARS])
    if phrases.is_boilerplate(text) or _nav_like(text) or is_pitch(text):
        return True
    return len(text.split()) <= 3 * phrases.LABEL_MAX_WORDS and phrases.split_labels(text) is not None


def is_title_case_teaser(text: str) -> bool:
    """A headline in Title Case glued to its summary ("Customers Leave Without Paying At Troy ...")."""
    words = text.split()[:TEASER_OPENING_WORDS]
    stop = stopwords()
    caps_stop = 0
    for i, w in enumerate(words):
        core = w.strip("\"'“”‘’«»:;,.()")
        if not core or not core[0].isalpha():
            continue
        if core[0].islower():
            if core.casefold() in stop and len(core) <= 3:
                continue  # "of", "to" stay small in many headline styles
            return False
        if i > 0 and core.casefold() in stop and not core.isupper():
            caps_stop += 1
    return caps_stop >= TEASER_TITLE_CASE_STOPWORDS


def same_as_title(text: str, title: str | None) -> bool:
    """True when ``text`` repeats the title (or the title is ``text`` plus a site suffix)."""
    if not title:
        return False
    a, b = phrases.fold(text), phrases.fold(title)
    return bool(a) and (a == b or (len(a) >= 0.6 * len(b) and b.startswith(a)))


def stop_ratio(text: str) -> float:
    """Share of the line's words that are stop words of a known language."""
    tokens = WORD.findall(text)
    stop = stopwords()
    return sum(t.casefold() in stop for t in tokens) / len(tokens) if tokens else 0.0


#: Scripts written without spaces between words (Chinese, Japanese kana): their characters count
#: as words at :data:`CHARS_PER_WORD`, as a line's punctuation splits it into a few long tokens.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """A line's words: its tokens, or its length over :data:`CHARS_PER_WORD` for unspaced scripts."""
    tokens = WORD.findall(text)
    n = max(len(tokens), len(text) // CHARS_PER_WORD if len(tokens) <= 2 else 0)
    return max(n, len(_UNSPACED.findall(text)) // CHARS_PER_WORD)


def knows_language(lines: list[str]) -> bool:
    """Whether stop words tell prose from chrome on this page (its language has a list)."""
    long_lines = [t for t in lines if word_count(t) >= PROSE_MIN_WORDS][:500]
    if not long_lines:
        return True
    return sum(stop_ratio(t) for t in long_lines) / len(long_lines) >= KNOWN_LANGUAGE_MIN_STOP_RATIO


def classify(index: int, text: str, title: str | None, known_language: bool = True, repeated: bool = False) -> Line:
    """Features and kind of one line (``title`` is the page title, whose repeats are chrome)."""
    n = word_count(text)
    ratio = stop_ratio(text) if known_language else 1.0
    terminal = bool(_TERMINAL_END.search(text))
    if same_as_title(text, title):
        kind, score = Kind.TITLE, -BOILERPLATE_COST
    elif phrases.is_barrier(text) or is_comment_head(text):
        kind, score = Kind.BARRIER, -BARRIER_COST
    elif (repeated and n < REPEATED_PROSE_MIN_WORDS) or is_title_case_teaser(text):
        kind, score = Kind.BOILERPLATE, -BOILERPLATE_COST
    elif is_boilerplate_line(text):
        kind, score = Kind.BOILERPLATE, -BOILERPLATE_COST
    elif n <= META_MAX_WORDS and (parse_byline(text) is not None or is_date_line(text)):
        kind, score = Kind.META, -SHORT_LINE_COST
    elif n >= PROSE_MIN_WORDS and ratio >= PROSE_MIN_STOP_RATIO and (terminal or "," in text or n >= 2 * PROSE_MIN_WORDS):
        kind, score = Kind.PROSE, float(min(n, MAX_SCORED_WORDS))
    elif n >= PROSE_MIN_WORDS and find_captions(text):
        kind, score = Kind.PROSE, float(min(n, MAX_SCORED_WORDS)) / 2
    elif n >= SHORT_SENTENCE_MIN_WORDS and terminal and ratio > 0:
        kind, score = Kind.SENTENCE, n / 2
    else:
        kind, score = Kind.SHORT, -SHORT_LINE_COST
    return Line(index, text, n, ratio, terminal, kind, score)


def repeated_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that occur more than once on the page (teasers, menus listed twice)."""
    seen: dict[str, list[int]] = {}
    for i, text in enumerate(lines):
        seen.setdefault(phrases.fold(text), []).append(i)
    return {i for key, idx in seen.items() if key and len(idx) > 1 for i in idx}


#: Share of its score a prose line keeps inside a notice block (``notices.notice_block``):
#: lower lets a short story beat a long cookie text, higher lets the cookie text win again.
NOTICE_BLOCK_WEIGHT = 0.2


def story_run(lines: list[Line]) -> tuple[int, int]:
    """Start and end (exclusive) of the best-scoring contiguous run of lines (Kadane).

    Once a comments barrier follows real prose, later prose weighs little: a long comment
    thread must not outweigh the story above it. Prose in a block of notice lines (a cookie
    settings text, a log-in form) weighs little too: it must not outweigh a short story.
    """
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    prose_seen, weight = 0, 1.0
    notices = notice_block([l.text for l in lines])
    for i, line in enumerate(lines):
        if line.kind == Kind.BARRIER and prose_seen >= BARRIER_MIN_PROSE_WORDS:
            weight = AFTER_BARRIER_WEIGHT
        if line.kind == Kind.PROSE:
            prose_seen += line.words
        if total <= 0:
            total, start = 0.0, i
        gain = line.score * weight * (NOTICE_BLOCK_WEIGHT if notices[i] else 1.0)
        total += gain if line.score > 0 else line.score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def is_headline_copy(lines: list[Line], i: int) -> bool:
    """Whether line ``i``, read as the title, can be where the headline is printed again. A copy
    right after a label line ("Share or comment on this article:", "Origin:") is the label's value:
    a share box under the story, a product's field; the story does not hang from it."""
    return lines[i].kind == Kind.TITLE and not (i > 0 and lines[i - 1].text.rstrip().endswith(":"))


def headline_index(lines: list[Line], title: str | None) -> int | None:
    """Where the page's headline is printed again (its H1): the first exact repeat after the
    first line, else the first line read as the title; None when it is not repeated."""
    if not title:
        return None
    key = phrases.fold(title)
    titles = [l.index for l in lines[1:] if is_headline_copy(lines, l.index)]
    exact = [i for i in titles if phrases.fold(lines[i].text) == key]
    # A shorter line the title merely starts with ("Spiced Honey Pear Jam" under "Spiced Honey Pear
    # Jam Recipe") is a recipe card or a teaser, not the headline: it counts only without an exact copy
    # and when the title still carries a site suffix.
    loose = [i for i in titles if _SUFFIXED.search(title)]
    return (exact or loose or [None])[0]


def headline_block(lines: list[Line], run: tuple[int, int], title: str | None) -> tuple[int, int] | None:
    """The lines under the headline, when the story found (``run``) starts elsewhere on the page.

    A story of short lines (a calendar, a results table) scores nothing as prose, and the rules'
    run lands on a sidebar of teasers further down. The headline's repeat anchors the story: past
    the byline, date and share lines under it, up to the next chrome line.
    """
    h = headline_index(lines, title)
    if h is None:
        return None
    # The copy of the headline nearest above the story is the one it hangs from.
    h = max([l.index for l in lines[h:run[0]] if l.kind == Kind.TITLE] or [h])
    # Captions between the headline and the story (a gallery under the headline) are the story's
    # figures: they do not make the story far from its headline.
    between = [l for l in lines[h + 1:run[0]] if not find_captions(l.text)]
    if len(between) <= HEADLINE_NEAR_LINES:
        return None
    start = h + 1
    while start < len(lines) and lines[start].kind in (Kind.META, Kind.BOILERPLATE):
        start += 1
    end = start
    while end < len(lines) and lines[end].kind not in (Kind.BOILERPLATE, Kind.BARRIER, Kind.TITLE):
        end += 1
    if sum(l.words for l in lines[start:end]) < HEADLINE_BLOCK_MIN_WORDS:
        return None
    return start, end
