"""Tuning as a value: the readers' calibrated thresholds and their rule switches in one frozen
value, passed in with the read options (black's ``Mode``).

A tool that calibrates a threshold or measures a rule varies it with ``dataclasses.replace``
(``replace(Tuning(), min_story_chars=1000)``, ``Tuning(disabled=frozenset({"widen"}))``) and
hands the value to ``read_document``: nothing is patched, and no cache needs clearing. Every
field's default is the shipped value, with a note of what it trades and how it was chosen.

The text reader carries the value through its steps (``text/reading.Page``). The HTML
reader's rules deep in its modules look up the value of the page they are reading
(:func:`active`, set by ``read_html`` for the length of one read) rather than taking it as a
parameter through every function.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from typing import Iterator

from ..errors import UsageError
from .switches import RULES


@dataclass(frozen=True)
class Tuning:
    """The readers' thresholds and the names of the rules switched off."""

    #: Rules switched off, by name (``switches.RULES``); unknown names are an error, so a typo
    #: never measures "nothing changed".
    disabled: frozenset[str] = frozenset()

    # --- the HTML reader (html/reader, html/content) ---
    #: A story with less text than this (characters of its paragraphs, headings, quotes and
    #: lists) is weak, and the fallback chain reads the page again. Lower trusts thin results on
    #: pages whose story was eaten; higher re-reads genuinely short stories for nothing.
    #: Calibration (tools/cv_fallback.py, 5 site folds of wide-html): 250/500/1000 score 0.917/
    #: 0.919/0.920 and the CV picks 1000 in 4 folds of 5 (out of fold 0.918); 1000 doubles the
    #: second opinions (29 -> 64 of 481 pages) and costs the throughput bar, so 500.
    min_story_chars: int = 500
    #: A fallback's result replaces the current one only when it holds this much more text: ties
    #: keep the scored reading, which is the cleaner one.
    fallback_gain: float = 1.5
    #: A standfirst is at least this long (shorter lines above the body are kickers, dates, labels).
    min_standfirst_chars: int = 40
    #: ...and at most this long (longer is the story's first paragraph or a summary box).
    #: Calibration (tools/cv_fallback.py --name max_standfirst_chars, 5 site folds of wide-html):
    #: 400/600/800/1000/1500 score 0.930/0.931/0.931/0.932/0.932 in sample; the CV picks 1000 in 4
    #: folds of 5 (out of fold 0.931, empty 4).
    max_standfirst_chars: int = 1000
    #: Siblings of the winner join the story when they score this share of the winner's score
    #: (lower keeps split articles whole, higher keeps neighbouring teasers out).
    sibling_share: float = 0.2
    #: Widening: an ancestor of the winner is taken when it holds this much more prose (a split story)...
    min_widen_growth: float = 0.3
    #: ...and prose is still this share of its text (more chrome means we reached the page)...
    min_widen_prose_share: float = 0.7
    #: ...or, for a winner whose own text is less prose than that, this share of the winner's share.
    widen_share_kept: float = 0.9

    # --- the text reader (text/story, text/header, text/line_model, text/fallback) ---
    #: The line model's weights; None reads the shipped file (``data/textmodel/lines.json``).
    line_weights: tuple[float, ...] | None = field(default=None, repr=False)
    #: Log-odds paid for each switch between story and chrome in the Viterbi pass: higher keeps one
    #: contiguous run through a stray ad label, lower drops single chrome lines inside the story.
    switch_cost: float = 2.0
    #: A story's tail of rows (tour dates, a results table) joins it when at least this many rows run
    #: on from its last line: fewer lets a pair of look-alike links in, more misses short fact boxes.
    row_tail_min: int = 3
    #: Kept lines more than this many lines apart belong to separate segments of the page.
    segment_gap_lines: int = 20
    #: A segment whose story mass (positive log-odds times words) is below this share of the best
    #: segment's, and lies a gap away from it, is another block (comment rules, a teaser): dropped.
    #: Higher drops a story's distant tail (a fact box after an ad block); lower keeps stray blocks.
    segment_min_share: float = 0.1
    #: A prose line at most this many lines past the story's last line, with no comments barrier
    #: between, resumes the story after an inline box ("Related" links, an ad) when the model leans
    #: to it: more also takes a teaser's summary further down, fewer misses the story's tail.
    resume_max_gap: int = 6
    #: ... and when it has at least this many words (a teaser's summary has fewer, mostly).
    resume_min_words: int = 30
    #: A later copy of the headline wins when the story text between the two copies is at most this
    #: share of the text under the later one (a gallery printed between them); more lets a copy
    #: printed near the end cut the story.
    headline_later_copy_share: float = 0.25
    #: Prose kept above the headline's repeat is dropped as teasers only when it is at most this
    #: share of the prose under the repeat, or a byline or date follows the repeat; more prose
    #: above means the copy is printed under the story (a footer teaser of the same piece). Lower
    #: keeps teasers above a short story, higher cuts stories.
    headline_above_max_share: float = 3.0
    #: The block under the headline replaces the story found unless that story has this many times
    #: the block's words in prose; then only the block's prose joins it. Lower keeps a sidebar of
    #: prose over a calendar under the headline, higher drops a story for the header lines above
    #: it (measured flat from 2 to 3 on the suites, worse at 1.5 and at 8).
    headline_block_story_ratio: float = 2.0
    #: Lines at most between the story's start and a byline or date line for those lines to be a dek
    #: (the summary under the headline) with the header under it; higher also reads a lead
    #: paragraph's dateline as the header.
    dek_max_lines: int = 3
    #: The prose line right under the headline's repeat is the story's dek when the story starts at
    #: most this many lines below the headline (a share bar, a byline box between) and no other
    #: prose lies between; more also takes a caption or teaser above a story printed further down
    #: (aeb-text loses from 12).
    headline_dek_max_lines: int = 8
    #: A story with fewer words than this is weak and the fallbacks are tried: higher replaces short
    #: real stories by a longer wrong block, lower leaves pages with a stray line for a story.
    weak_story_words: int = 40

    def __post_init__(self) -> None:
        unknown = self.disabled - RULES.keys()
        if unknown:
            raise UsageError(f"unknown rule(s) {', '.join(sorted(unknown))}; known: {', '.join(RULES)}")

    def enabled(self, name: str) -> bool:
        """Whether reader rule ``name`` is on."""
        return name not in self.disabled


#: The shipped tuning.
DEFAULT = Tuning()

#: Names of the thresholds a tool may vary (every field but the switches and the weights).
THRESHOLDS = tuple(f.name for f in fields(Tuning) if f.name not in ("disabled", "line_weights"))


def parse_disabled(value: str) -> frozenset[str]:
    """Rule names from a comma-separated list ("widen,standfirst"), blanks ignored."""
    return frozenset(n.strip() for n in value.split(",") if n.strip())


_ACTIVE: ContextVar[Tuning] = ContextVar("newspack_tuning", default=DEFAULT)


def active() -> Tuning:
    """The tuning of the page being read (the shipped one outside a read)."""
    return _ACTIVE.get()


def enabled(name: str) -> bool:
    """Whether rule ``name`` is on in the tuning of the page being read."""
    return name not in _ACTIVE.get().disabled


@contextmanager
def in_effect(tuning: Tuning) -> Iterator[Tuning]:
    """``tuning`` is what :func:`active` gives for the length of the block."""
    token = _ACTIVE.set(tuning)
    try:
        yield tuning
    finally:
        _ACTIVE.reset(token)
