"""Steps 2 and 3 of the text reader: which lines are the story.

``score_lines`` runs the line model (``line_model``) over the page's lines with the rules' run as
one feature and picks the story lines with a Viterbi pass; ``trim_story_lines`` applies the
:data:`KEEP_RULES` to them in order; ``place_story`` settles where the story starts and ends,
weighing the block under the headline against the lines kept. Without the model's weights (or
with the ``line_model`` rule off) the rules' run stands.
"""
from __future__ import annotations

from dataclasses import replace

from ..tuning import DEFAULT, Tuning
from . import line_model
from .lines import HEADLINE_STORY_MIN_WORDS, Kind, Line, headline_block, headline_index, is_headline_copy
from .reading import Reading

#: Lines under the headline's repeat where its byline or date may be.
HEADLINE_META_LINES = 2


def score_lines(reading: Reading) -> Reading:
    """The line model's log-odds for every line and the story lines its Viterbi pass picks."""
    page = reading.page
    tuning = page.tuning
    w = (tuning.line_weights or line_model.weights()) if tuning.enabled("line_model") else None
    if w is None:
        return reading
    odds = line_model.log_odds(line_model.features(page.lines, page.run, page.repeats), w)
    return replace(reading, odds=tuple(odds), keep=tuple(line_model.story_lines(odds, tuning.switch_cost)))


def drop_before_headline(keep: list[bool], lines: tuple[Line, ...], title: str | None,
                         tuning: Tuning = DEFAULT) -> list[bool]:
    """``keep`` without the lines before the headline's repeat, when a story follows it: the
    article sits under its headline, and prose above it is teasers of other stories (or a gallery
    printed between two copies of the headline: the last copy with a story under it counts)."""
    h = headline_index(lines, title)
    if h is None:
        return keep

    def story_words(at: int) -> int:
        return sum(l.words for l, k in zip(lines[at:], keep[at:]) if k and l.kind == Kind.PROSE)

    if story_words(h) < HEADLINE_STORY_MIN_WORDS:
        return keep
    # A later copy of the headline with most of the story under it is the one the story hangs from.
    later = [l.index for l in lines[h + 1:] if is_headline_copy(lines, l.index)
             and story_words(h) - story_words(l.index) <= tuning.headline_later_copy_share * story_words(l.index)]
    h = later[-1] if later else h
    if not any(keep[:h]):
        return keep
    # A copy printed under most of the story (a footer teaser, "more from this column") is not
    # where the story hangs from: unless a byline or date follows it, teasers above a headline
    # are shorter than the story under it.
    dated = any(l.kind == Kind.META for l in lines[h + 1:h + 1 + HEADLINE_META_LINES])
    above = story_words(0) - story_words(h)
    if not dated and above > tuning.headline_above_max_share * story_words(h):
        return keep
    return [False] * h + keep[h:]


def drop_trailing_headings(keep: list[bool], lines: tuple[Line, ...]) -> list[bool]:
    """``keep`` without the headings that open the after-story part ("Related stories", "Most
    read") at the story's end: the list under them is not kept, so they head nothing."""
    out = list(keep)
    kept = [i for i, k in enumerate(out) if k]
    while kept and line_model.is_section_end(lines[kept[-1]].text):
        out[kept.pop()] = False
    return out


# The keep rules: each takes the model's story lines and the reading, and returns new story lines.

def _table_rows(keep: list[bool], r: Reading) -> list[bool]:
    return line_model.extend_rows(keep, r.page.lines, r.page.repeats, r.page.tuning)


def _stray_segments(keep: list[bool], r: Reading) -> list[bool]:
    return line_model.drop_stray_segments(keep, r.odds, r.page.lines, r.page.tuning)


def _teasers_above_headline(keep: list[bool], r: Reading) -> list[bool]:
    return drop_before_headline(keep, r.page.lines, r.page.title, r.page.tuning)


def _resume_after_box(keep: list[bool], r: Reading) -> list[bool]:
    return line_model.resume_after_box(keep, r.odds, r.page.lines, r.page.tuning)


def _lead_before_box(keep: list[bool], r: Reading) -> list[bool]:
    return line_model.lead_before_box(keep, r.odds, r.page.lines, r.page.tuning)


def _trailing_headings(keep: list[bool], r: Reading) -> list[bool]:
    return drop_trailing_headings(keep, r.page.lines)


#: The rules applied to the model's story lines, in order; each is a rule of ``switches``.
KEEP_RULES = (
    ("table_rows", _table_rows),  # rows running on from the story's end join it
    ("stray_segments", _stray_segments),  # small kept blocks far from the main one go
    ("teasers_above_headline", _teasers_above_headline),  # lines above the headline's repeat go
    ("resume_after_box", _resume_after_box),  # long prose just past an inline box joins
    ("lead_before_box", _lead_before_box),  # long prose just above an inline box joins
    ("trailing_headings", _trailing_headings),  # "Related stories" at the story's end goes
)


def trim_story_lines(reading: Reading) -> Reading:
    """The model's story lines through :data:`KEEP_RULES`."""
    if reading.keep is None:
        return reading
    keep = list(reading.keep)
    for name, rule in KEEP_RULES:
        if reading.page.tuning.enabled(name):
            keep = rule(keep, reading)
    return replace(reading, keep=tuple(keep))


def _outweighs(lines: tuple[Line, ...], kept: list[int], block: tuple[int, int], ratio: float) -> bool:
    """Whether the model's story lines hold ``ratio`` times the words of
    the block under the headline in prose: then the block is the story's header, not a table of
    short lines the model missed."""
    prose = sum(lines[i].words for i in kept if lines[i].kind == Kind.PROSE)
    return prose >= ratio * sum(l.words for l in lines[block[0]:block[1]])


def place_story(reading: Reading) -> Reading:
    """Where the story starts and ends: the model's story lines, unless the block under the
    headline wins over them; the rules' run when the model has none."""
    page, keep = reading.page, reading.keep
    tuning = page.tuning
    if keep is None:
        return reading
    lines, (start, end) = page.lines, page.run
    # Title and byline lines never open the story: they are the header read_meta looks at.
    kept = [i for i, k in enumerate(keep) if k and lines[i].kind not in (Kind.TITLE, Kind.META)]
    # The story under the headline beats a block far below it (a sidebar the model or the rules
    # picked when the story is a table of short lines).
    block = headline_block(lines, (kept[0] if kept else start, end), page.title) if tuning.enabled("headline_block") else None
    if block is not None and kept and _outweighs(lines, kept, block, tuning.headline_block_story_ratio):
        # The story found is the story; of the block under the headline only its prose is
        # (a dek or a lead printed above the share bar and the byline box).
        lead = [i for i in range(*block) if lines[i].kind == Kind.PROSE]
        keep = tuple(k or i in lead for i, k in enumerate(keep))
        kept = sorted(set(kept) | set(lead))
        block = None
    if block is not None:
        return replace(reading, start=block[0], end=block[1], story=frozenset(range(*block)))
    if kept:
        start, end = kept[0], kept[-1] + 1
        skip = frozenset(i for i in range(start, end) if not keep[i])
        return replace(reading, keep=keep, start=start, end=end, skip=skip, story=frozenset(kept))
    # The rules' run stands; it too starts under the headline when a story follows it.
    if tuning.enabled("teasers_above_headline"):
        in_run = drop_before_headline([start <= i < end for i in range(len(lines))], lines, page.title, tuning)
        start = next((i for i, k in enumerate(in_run) if k), start)
    return replace(reading, start=start)
