"""Steps 4 and 5 of the text reader: the story's header (dek, byline, date).

``place_dek`` settles where the header ends: a byline or date among the story's first lines
closes it (``dek_end``), and the prose line right under the headline is the dek when the story
starts a few lines below it (``headline_dek``). ``read_header`` reads the byline and date from
the header lines (``read_meta``) and guesses the story's language from its lines.
"""
from __future__ import annotations

from dataclasses import replace

from ..dates import find_date, is_date_line
from ..language import detect_language
from ..names import has_byline_word, looks_like_person
from ..tuning import DEFAULT, Tuning
from .lines import Kind, Line
from .meta import parse_byline
from .reading import Reading

#: Header lines looked at for a byline and date, counted back from the story's first line.
HEADER_LINES = 12

#: Characters of the story's lines the rough language guess reads (enough for any detector).
LANGUAGE_SAMPLE_CHARS = 20_000


def dek_end(lines: tuple[Line, ...], start: int, end: int, tuning: Tuning = DEFAULT) -> int:
    """Where the header under a dek ends: a byline or date line among the story's first lines
    closes it. The dek above it (the standfirst, the chapô) is story, as the reader sees it;
    only the lines from the dek to the byline are header, read by ``read_meta``."""
    metas = [i for i in range(start, min(end, start + tuning.dek_max_lines + 1)) if lines[i].kind == Kind.META]
    if not metas or not any(l.kind == Kind.PROSE for l in lines[metas[-1] + 1:end]):
        return start
    return metas[-1] + 1


def headline_dek(lines: tuple[Line, ...], start: int, tuning: Tuning = DEFAULT) -> int | None:
    """The dek printed right under the headline's repeat when the story starts a few lines below
    it (a share bar, the byline box between): the one prose line there, or None."""
    h = next((i for i in range(start - 1, max(-1, start - tuning.headline_dek_max_lines - 1), -1)
              if lines[i].kind == Kind.TITLE), None)
    if h is None or h + 1 >= start or lines[h + 1].kind != Kind.PROSE:
        return None
    return None if any(l.kind == Kind.PROSE for l in lines[h + 2:start]) else h + 1


def place_dek(reading: Reading) -> Reading:
    """Where the header ends, and the dek above the story when one stands under the headline."""
    lines, start, tuning = reading.page.lines, reading.start, reading.page.tuning
    header_end = dek_end(lines, start, reading.end, tuning) if tuning.enabled("dek_header") else start
    dek = headline_dek(lines, start, tuning) if tuning.enabled("headline_dek") else None
    if dek is None:
        return replace(reading, header_end=header_end)
    # The lines between the dek and the story (a share bar, the byline box) are header.
    return replace(reading, header_end=max(header_end, start), start=dek,
                   skip=reading.skip | frozenset(range(dek + 1, start)))


def read_meta(lines: tuple[Line, ...], language: str | None) -> tuple[str | None, str | None, set[int]]:
    """Byline, ISO date, and the indexes of the lines they came from."""
    byline = date = None
    used: set[int] = set()
    bare: tuple[str, int] | None = None
    seen_title = False
    for line in lines:
        seen_title = seen_title or line.kind == Kind.TITLE
        if line.kind in (Kind.TITLE, Kind.PROSE):
            continue
        parsed = parse_byline(line.text)
        if parsed and not seen_title and not has_byline_word(line.text):
            parsed = None  # "Business News - May 2": a name without "By" is a byline only under the headline
        if parsed and byline is None:
            byline, rest = parsed
            used.add(line.index)
            if rest and date is None:
                date = find_date(rest, language)
            continue
        if is_date_line(line.text, language):
            used.add(line.index)
            if date is None:
                date = find_date(line.text, language)
            continue
        if bare is None and line.kind == Kind.SHORT and seen_title and looks_like_person(line.text):
            bare = (line.text, line.index)  # a name alone is a byline only under the headline
    if byline is None and bare is not None:
        byline = bare[0]
        used.add(bare[1])
    return byline, date, used


def read_header(reading: Reading) -> Reading:
    """Byline and date from the header lines, and the story's rough language (dates read by it)."""
    lines, start, header_end = reading.page.lines, reading.start, reading.header_end
    rough = detect_language("\n".join(l.text for l in lines[start:reading.end])[:LANGUAGE_SAMPLE_CHARS])
    byline, date, used = read_meta(lines[max(0, header_end - HEADER_LINES):header_end], rough)
    # Between the dek and the story only the dek's prose is story: "By", a name, "Advertisement" are header.
    used |= {i for i in range(start, header_end) if lines[i].kind != Kind.PROSE}
    return replace(reading, byline=byline, date=date, used=frozenset(used), rough_language=rough)
