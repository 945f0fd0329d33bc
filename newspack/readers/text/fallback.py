"""Step 7 of the text reader: never nothing.

The line model and the rules can miss a story that does not look like the pages they learnt
from (a page of one short paragraph, a story the model scores as chrome). When the story found
is weak, the fallbacks are tried in order, and the first that reads more words wins:

1. the longest run of prose lines (sentences, a few short lines between them allowed, but not a
   line that opens the comments);
2. every prose line of the page.

Both first leave out notice blocks (a cookie text, a log-in form: ``notices``), which are
prose but never the story; only a page with nothing else falls back to them.

A text with no prose line at all holds no story: no block comes out, and ``newspack`` fails that
input with one line ("no article text found") while the others of a batch still come out.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...model import Block, Figure
from .blocks import build_blocks
from .lines import Kind, Line, is_boilerplate_line
from .notices import notice_block
from .reading import Reading

# A story with fewer words than ``Tuning.weak_story_words`` is weak and the fallbacks are tried.
#: A line needs this many words to be a prose line for the fallbacks.
FALLBACK_MIN_WORDS = 4
#: Non-prose lines allowed inside a run of prose lines (a subheading, a caption, an ad label).
FALLBACK_RUN_GAP = 1

# A sentence ends inside the line or at its end: "... so far. Deep fake ..." or "... elit."
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*(?:\s+\W*[^\W\d_]|\s*$)")


def is_prose_line(line: Line) -> bool:
    """A line that reads as one or more sentences and is no known chrome."""
    if line.kind in (Kind.PROSE, Kind.SENTENCE):
        return True
    if line.kind not in (Kind.SHORT, Kind.BOILERPLATE) or line.words < FALLBACK_MIN_WORDS:
        return False
    return bool(_SENTENCE_END.search(line.text)) and not is_boilerplate_line(line.text)


def longest_prose_run(lines: list[Line], skip: frozenset[int] = frozenset()) -> list[Line]:
    """The run of prose lines with the most words, at most :data:`FALLBACK_RUN_GAP` other lines
    between two of them (the run's own lines, gaps included); lines indexed in ``skip`` are no prose."""
    best: list[Line] = []
    best_words = 0
    start = last = None
    words = 0
    for i, line in enumerate(lines):
        if line.kind == Kind.BARRIER:
            last = None  # a run never crosses the opening of the comments ("3 Comments", "Pingback")
            continue
        if not is_prose_line(line) or line.index in skip:
            continue
        if last is None or i - last - 1 > FALLBACK_RUN_GAP:
            start, words = i, 0
        words += line.words
        last = i
        if words > best_words:
            best, best_words = lines[start:i + 1], words
    return best


def prose_lines(lines: list[Line], skip: frozenset[int] = frozenset()) -> list[Line]:
    """Every prose line of the page not indexed in ``skip``, in order."""
    return [l for l in lines if is_prose_line(l) and l.index not in skip]


def _story_words(blocks: list[Block]) -> int:
    return sum(len(getattr(b, "text", "").split()) for b in blocks if not isinstance(b, Figure))


def fall_back(reading: Reading) -> Reading:
    """The reading's blocks, or when they are weak the first fallback that reads more.
    A text with no prose line keeps no block, and the pipeline fails it with one line."""
    blocks, weak = list(reading.blocks), reading.page.tuning.weak_story_words
    if _story_words(blocks) >= weak or not reading.page.tuning.enabled("prose_fallback"):
        return reading
    lines, title = reading.page.lines, reading.page.title
    notices = frozenset(l.index for l, n in zip(lines, notice_block([l.text for l in lines])) if n)
    for skip, pick in ((notices, longest_prose_run), (notices, prose_lines), (frozenset(), prose_lines)):
        if skip is not notices and _story_words(blocks):
            break  # notice blocks only when nothing else reads as a story
        chosen = pick(lines, skip)
        keep = {l.index for l in chosen if is_prose_line(l)}
        other = build_blocks(chosen, title, reading.byline, reading.used, keep)
        if _story_words(other) > _story_words(blocks):
            blocks = other
        if _story_words(blocks) >= weak:
            break
    return replace(reading, blocks=tuple(blocks))
