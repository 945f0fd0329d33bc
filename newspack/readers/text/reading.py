"""The value the text reader's steps carry: one page's classified lines (:class:`Page`, fixed once
read) and what the steps have found so far (:class:`Reading`, a new value after each step)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Block
from ..tuning import DEFAULT, Tuning
from .lines import Line, classify, knows_language, repeated_lines, story_run
from .title import pick_title


@dataclass(frozen=True)
class Page:
    """A page's lines, classified against its title, with the rules' story run."""

    lines: tuple[Line, ...]
    title: str | None
    repeats: frozenset[int]  # indexes of lines printed more than once
    run: tuple[int, int]  # the rules' story run: start, end (exclusive)
    tuning: Tuning = DEFAULT  # thresholds and switched-off rules


def analyse_lines(lines: list[str], title: str | None = "", tuning: Tuning = DEFAULT) -> Page:
    """The page read from its lines: ``title`` "" means pick it, None means it has none."""
    title = pick_title(lines) if title == "" else title
    known = knows_language(lines)
    repeats = repeated_lines(lines)
    infos = tuple(classify(i, t, title, known, i in repeats) for i, t in enumerate(lines))
    return Page(infos, title, frozenset(repeats), story_run(list(infos)), tuning)


@dataclass(frozen=True)
class Reading:
    """What the steps have found on one page: where the story is, its header, its blocks."""

    page: Page
    start: int  # the story's first line
    end: int  # ...and the line after its last
    keep: tuple[bool, ...] | None = None  # the line model's story lines (None: the rules alone)
    odds: tuple[float, ...] | None = None  # the line model's story log-odds per line
    header_end: int = 0  # the header (byline, date) ends before this line
    skip: frozenset[int] = frozenset()  # lines inside the story that are not story
    story: frozenset[int] = frozenset()  # story lines kept even when short (list items, rows)
    byline: str | None = None
    date: str | None = None
    used: frozenset[int] = frozenset()  # header lines the byline and date came from
    rough_language: str | None = None  # the language of the story's lines, before the blocks
    blocks: tuple[Block, ...] = field(default=())
