"""The plain-text reader: a page scraped to text -> :class:`newspack.model.Article`.

Named steps, in order (``read_text``; each a function of the module named, taking and
returning one :class:`~.reading.Reading`):

0. ``prepare_lines``     repair mis-decoded UTF-8, clean control characters and spaces, split
                         into non-empty lines (prepare); ``analyse_lines`` picks the title (the
                         first title-like line, its site suffix cut: title), classifies every line
                         (a :class:`~.lines.Kind`) and finds the rules' story run: the contiguous
                         run with the most prose over chrome (lines, reading).
1. ``score_lines``       the line model (line_model, weights in ``data/textmodel/lines.json``)
                         rescores every line with that run as one feature and picks the story
                         lines with a two-state Viterbi pass (story).
2. ``trim_story_lines``  the keep rules, in order: table rows running on from the story's end
                         join it, small kept blocks far from the main one go, lines above the
                         headline's repeat go when a story follows it, long prose just past or
                         above an inline box joins, "Related" headings at the end go (story).
3. ``place_story``       the block under the headline wins over a story found far below it,
                         unless that story holds twice its words in prose (story).
4. ``place_dek``         a byline or date among the story's first lines closes the header; the
                         prose line right under the headline is the dek (header).
5. ``read_header``       byline and date from the header lines (header, meta).
6. ``build_story``       per story line: captions cut out as figures, sentences split, glued
                         chrome dropped, jammed lines regrouped into paragraphs (blocks).
7. ``fall_back``         when the story found is weak: the longest prose run, then every prose
                         line (fallback).
8. ``keep_notes``        numbered notes printed after the story, each marked in it, become a
                         notes block and the markers note references (notes).

Then the language, from the story text. Once the story is found, ``refine_title`` puts the
headline above the story in place of a title that is none or the site's name, and the page is
read again under it; a text whose only prose was taken for its title is read again without one.
No prose line at all gives an article with no block, which the pipeline fails with one line.

Every rule can be switched off by name (``switches``), as the HTML reader's can; the switches and
the thresholds come in one ``Tuning`` value (``tuning``), carried on the page through every step.
"""
from __future__ import annotations

from dataclasses import replace

from ..language import detect_language
from ...model import Article, Figure
from .blocks import build_story
from .fallback import fall_back
from .header import LANGUAGE_SAMPLE_CHARS, place_dek, read_header
from .notes import attach_notes
from .prepare import prepare_lines
from .reading import Reading, analyse_lines
from .story import place_story, score_lines, trim_story_lines
from .title import refine_title
from ..tuning import DEFAULT, Tuning


def keep_notes(reading: Reading) -> Reading:
    """Step: numbered notes a scrape prints after the story, each marked in it ("[1]"), become
    the article's notes, the markers note references (``notes``)."""
    return replace(reading, blocks=tuple(attach_notes(list(reading.blocks))))


#: The steps from classified lines to story blocks, in order.
STEPS = (score_lines, trim_story_lines, place_story, place_dek, read_header, build_story, fall_back, keep_notes)


def _web_address(url: str | None) -> str | None:
    """The article's address is a web URL; a local file's file:// URI is not one."""
    return url if url and url.split(":", 1)[0].lower() in ("http", "https") else None


def read_text(text: str, *, source: str = "", url: str | None = None, tuning: Tuning = DEFAULT) -> Article:
    """Read a page scraped to plain text into an Article (title, byline, date, body, captions);
    ``tuning`` holds the thresholds and switched-off rules."""
    lines = prepare_lines(text)
    if not lines:
        return Article(title=None, source=source, url=_web_address(url))
    reading = read_lines(lines, "", tuning)
    better = refine_title(reading.page.title, reading.page.lines, reading.start) if tuning.enabled("refine_title") else reading.page.title
    if better != reading.page.title:
        reading = read_lines(lines, better, tuning)
    if not reading.blocks and reading.page.title is not None:
        # Never nothing: a text whose only prose was taken for its title (one paragraph, no
        # headline) is that paragraph; a text with no prose at all still has no block.
        untitled = read_lines(lines, None, tuning)
        if untitled.blocks:
            reading = untitled
    return _article(reading, lines, source, url)


def read_lines(lines: list[str], title: str | None, tuning: Tuning = DEFAULT) -> Reading:
    """The story found in ``lines`` under ``title`` ("" to pick it, None for none) by :data:`STEPS`."""
    page = analyse_lines(lines, title, tuning)
    reading = Reading(page, start=page.run[0], end=page.run[1])
    for step in STEPS:
        reading = step(reading)
    return reading


def _article(reading: Reading, lines: list[str], source: str, url: str | None) -> Article:
    """The Article of a reading; its language from the story text, else the story's lines, else the page."""
    body = "\n".join(getattr(b, "text", "") for b in reading.blocks if not isinstance(b, Figure))
    language = (detect_language(body) or reading.rough_language
                or detect_language("\n".join(lines)[:LANGUAGE_SAMPLE_CHARS]))
    return Article(title=reading.page.title, blocks=reading.blocks, byline=reading.byline, date=reading.date,
                   language=language, url=_web_address(url), source=source)
