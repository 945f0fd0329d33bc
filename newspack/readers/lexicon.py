"""The words of each language both readers use, kept as data: one file per language.

``data/lexicon/<code>.txt`` holds every word list and pattern the HTML and text readers read
for that language, in ``[section]`` blocks (a section may repeat; its lines append). A user's
``~/.config/newspack/data/lexicon/<code>.txt`` adds to the packaged file, and a new code adds a
language. Site chrome is often in English whatever the story's language, so most callers ask
for every language (``languages=None``).

Sections:

=================  =======================================================================
byline-prefix      words that open a printed byline ("By", "Par", "Von"; "Autor:" needs its colon)
role               job titles after a name ("correspondent"), never part of the name
updated            words that introduce an update stamp, whose date is not the publication date
published          words that introduce the publication date
about              headings of an author box after the story ("About the author")
name-joiner        words between two names ("and", "et", "&")
name-particle      small words inside a name ("de", "von", "della")
bio-verb           verbs that follow the author's name in a bio ("Jane Roe *writes* about ...")
follow-button      profile buttons printed beside a byline ("Follow", "Folgen")
month              "<number> <name> <short forms...>"
weekday            weekday names and short forms
date-word          connectors of a printed date line ("at", "um", "às", "updated")
dateline           regular expressions: the opening of a publication/update line
relative-time      regular expressions: a whole line saying how old the page is ("2 hours ago")
credit-label       words that introduce a photo credit ("Photo", "Foto", "Crédit photo")
credit-by          words joining a credit label to the name ("Photo *by* ...")
credit-connector   small words inside a credit besides name particles and joiners ("Ministry *of* ...")
rights             word starts of a rights notice ("All rights reserved")
caption-cue        regular expressions: a sentence that describes a picture ("seen in this photo")
caption-label      interface words printed before a caption ("Image caption", "Vergrößern")
taxonomy-label     labels of a post's categories and tags ("Filed under", "Kategorie"), before a colon
edit-mark          a wiki's edit link printed in a heading ("[edit]", "[Bearbeiten]")
section-end        regular expressions: a whole heading that opens the matter after the story
chrome-label       whole-block boilerplate labels ("Share Post:"); see ``phrases``
teaser-prefix      openers of teaser lines ("Read more:"); see ``phrases``
pitch-pattern      regular expressions: pitches and notices; see ``phrases``
end-barrier        regular expressions: lines that open the comments or the end matter
=================  =======================================================================
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources

FOLDER = "lexicon"
_HEADER = re.compile(r"\[([\w-]+)\]")


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Codes of every language with a lexicon file (packaged or the user's)."""
    return tuple(n.removesuffix(".txt") for n in resources.list_names("data", FOLDER) if n.endswith(".txt"))


@lru_cache(maxsize=None)
def _sections(code: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    section = ""
    for line in resources.read_lines("data", f"{FOLDER}/{code}.txt"):
        m = _HEADER.fullmatch(line)
        if m:
            section = m.group(1)
        else:
            table.setdefault(section, []).append(line)
    return {name: tuple(lines) for name, lines in table.items()}


@lru_cache(maxsize=None)
def words(section: str, languages_: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The lines of ``section`` in ``languages_`` (every language when None), each once, in order."""
    codes = languages() if languages_ is None else tuple(c for c in languages() if c in languages_)
    seen: dict[str, None] = {}
    for code in codes:
        for line in _sections(code).get(section, ()):
            seen.setdefault(line, None)
    return tuple(seen)


@lru_cache(maxsize=None)
def word_set(section: str) -> frozenset[str]:
    """Every whitespace-separated word of ``section``, case-folded, all languages."""
    return frozenset(w.casefold() for line in words(section) for w in line.split())


def alternation(section: str, *, escape: bool = True, longest_first: bool = True) -> str:
    """``section``'s lines as one regex alternation (never-matching when the section is empty)."""
    lines = words(section)
    if longest_first:
        lines = tuple(sorted(lines, key=len, reverse=True))
    parts = [re.escape(w) if escape else f"(?:{w})" for w in lines]
    return "(?:%s)" % "|".join(parts) if parts else r"(?!x)x"


@lru_cache(maxsize=None)
def pattern(template: str, section: str, flags: int = re.IGNORECASE, *, escape: bool = True,
            longest_first: bool = True) -> re.Pattern:
    """``template`` with ``section``'s :func:`alternation` in place of its ``%s``, compiled once."""
    return re.compile(template % alternation(section, escape=escape, longest_first=longest_first), flags)


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month names and short forms of every language, case-folded, to their number."""
    table: dict[str, int] = {}
    for line in words("month"):
        number, *names = line.split()
        if number.isdigit():
            for name in names:
                table.setdefault(name.casefold(), int(number))
    return table


def joiner(language: str | None) -> str:
    """The word printed between the last two names of a byline in ``language`` ("and", "und")."""
    found = words("name-joiner", (language,)) if language in languages() else ()
    return next((w for w in found if w.isalpha()), "and")
