"""Boilerplate phrases, per language, from the shared lexicon (``newspack.lexicon``).

Four sections of each ``data/lexicon/<code>.txt`` are read here:

``[chrome-label]``   the whole block (line, sentence, element text) is boilerplate when it equals
                     one of these, compared case-insensitively with surrounding punctuation and
                     spaces folded ("Share Post:", "Stay Connected", "ABONNEZ-VOUS MAINTENANT").
``[teaser-prefix]``  a block that starts with one of these is a teaser or label ("Read more:").
``[pitch-pattern]``  a regular expression; a sentence it matches (``re.search``, case-insensitive)
                     is a pitch or notice ("en vous abonnant", "sign up for our newsletter").
``[end-barrier]``    a regular expression for a line that opens the comments or the end matter.

A user's ``~/.config/newspack/data/lexicon/<code>.txt`` adds to the packaged lists. Site
chrome is often in English whatever the article's language, so callers usually check all
languages (the default).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon

_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)
#: A count in brackets says how many, not what: "Comments (12)" is the label "Comments".
_COUNT = re.compile(r"\(\s*\d+\s*\)|\[\s*\d+\s*\]")


#: Typographic quotes compare as the plain ones ('"Burned"' is '“Burned”').
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "‛": "'", "´": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


#: Folded forms remembered: the block filters fold a page's title, labels and lines again and
#: again (about half the calls repeat one, on the aeb pages); bounded, so a batch's memory stays flat.
FOLD_CACHE_SIZE = 2048


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """Compare form: NFKC, case-folded, inner spaces single, counts and edge punctuation dropped."""
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES))  # NFKC splits "´" into a space and an accent
    text = _COUNT.sub(" ", text)
    text = " ".join(text.split()).casefold()
    return _EDGE.sub("", text)


@dataclass(frozen=True)
class PhraseList:
    labels: frozenset[str]
    prefixes: tuple[str, ...]
    #: The pitch patterns as written; each is compiled when a text first passes its literal
    #: pre-filter (see matches_pattern): a page needs few of the ~130, and compiling them all
    #: was the largest part of a one-article run's start (bench/render.py).
    pattern_sources: tuple[str, ...]
    #: The prefixes as one pattern over folded text, each with its own colon (see prefix_regex).
    prefix_pattern: re.Pattern | None = None

    @property
    def patterns(self) -> tuple[re.Pattern, ...]:
        """Every pitch pattern, compiled."""
        return tuple(_compiled(source) for source in self.pattern_sources)


#: How every pitch pattern is matched.
PATTERN_FLAGS = re.IGNORECASE


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, PATTERN_FLAGS)


#: A prefix line's core and its closing punctuation ("Video:" -> "Video", ":").
_PREFIX_PUNCT = re.compile(r"^(.*?)\s*([:：|—–]+)?$")


def prefix_regex(lines: list[str] | tuple[str, ...]) -> re.Pattern | None:
    """One pattern for ``[prefix]`` lines, matched on folded text, on whole words and with their
    own colon: "Video:" must not take "Video footage shows..." along, so a prefix written with a
    colon needs that colon (or the end of the text) after it, and one without a word boundary."""
    alternatives = set()
    for line in lines:
        m = _PREFIX_PUNCT.match(line.strip())
        core = fold(m.group(1)) if m else ""
        if not core:
            continue
        tail = r"(?:\s*%s|$)" % re.escape(m.group(2)[0]) if m.group(2) else r"(?!\w)"
        alternatives.add(re.escape(core) + tail)
    if not alternatives:
        return None
    return re.compile("^(?:%s)" % "|".join(sorted(alternatives, key=lambda a: (-len(a), a))))


@lru_cache(maxsize=None)
def phrase_list(languages: tuple[str, ...] | None = None) -> PhraseList:
    """The merged phrase list of ``languages`` (every lexicon language when None)."""
    labels = frozenset(fold(line) for line in lexicon.words("chrome-label", languages)) - {""}
    # A prefix keeps its punctuation as written: its colon matters (see prefix_regex).
    prefixes = lexicon.words("teaser-prefix", languages)
    sources = tuple(lexicon.words("pitch-pattern", languages))
    folded = {fold(p) for p in prefixes} - {""}
    return PhraseList(labels, tuple(sorted(folded, key=len, reverse=True)), sources, prefix_regex(prefixes))


def is_label(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when the whole of ``text`` is a known boilerplate label."""
    return fold(text) in phrase_list(languages).labels


def starts_with_teaser(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when ``text`` opens with a teaser/label prefix such as "Read more:" (with its colon:
    "Video footage shows ..." is no teaser)."""
    pattern = phrase_list(languages).prefix_pattern
    return bool(pattern and pattern.match(fold(text)))


#: A pattern's required literal is used as a pre-filter only when at least this long: shorter
#: ones ("to") occur in most texts and filter nothing.
MIN_FILTER_LITERAL = 4


def _literal_runs(items) -> list[str]:
    """The runs of plain ASCII characters of one sequence of parsed pattern items."""
    runs, run = [], ""
    for op, arg in items:
        if str(op) == "LITERAL" and arg < 128:
            run += chr(arg)
            continue
        if run:
            runs.append(run)
        run = ""
    if run:
        runs.append(run)
    return runs


def _required_sets(items) -> list[tuple[str, ...]]:
    """Sets of literals of which every match holds at least one, found in one item sequence: a
    literal run (a set of one), or a group of alternatives that each open with a literal run
    ("(enthält|enthalten) ..."), or, for a top-level alternation, one set from every branch."""
    sets = [(run,) for run in _literal_runs(items)]
    for op, arg in items:
        name = str(op)
        if name == "SUBPATTERN" and arg[-1] and str(arg[-1][0][0]) == "BRANCH" and len(arg[-1]) == 1:
            branches = arg[-1][0][1][1]
            firsts = [_literal_runs(list(b))[:1] for b in branches]
            if all(firsts):
                sets.append(tuple(f[0] for f in firsts))
        elif name == "BRANCH":
            per_branch = [_best(_required_sets(list(b))) for b in arg[1]]
            if all(per_branch):
                sets.append(tuple(lit for best in per_branch for lit in best))
    return sets


def _best(sets: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The set whose shortest literal is longest (it filters best), when that literal is long
    enough to filter anything."""
    good = [s for s in sets if min(len(lit.strip()) for lit in s) >= MIN_FILTER_LITERAL]
    return max(good, key=lambda s: min(len(lit) for lit in s)) if good else None


def required_literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Lower-cased ASCII literals of which every match of ``pattern`` contains one, or None.

    ``text.lower()`` holding none of them proves there is no match without running the regex (a
    page's short blocks each meet ~130 patterns: the pre-filter skips nearly all of them)."""
    return _source_literals(pattern.pattern, pattern.flags)


def _source_literals(source: str, flags: int) -> tuple[str, ...] | None:
    """:func:`required_literals` of a pattern's source, without compiling it."""
    try:
        from re import _parser as sre_parse  # the stdlib's own parser of pattern syntax
    except ImportError:  # pragma: no cover - older or other Pythons: no pre-filter
        return None
    try:
        items = list(sre_parse.parse(source, flags))
    except Exception:  # noqa: BLE001 - any doubt: no pre-filter
        return None
    best = _best(_required_sets(items))
    return tuple(lit.lower() for lit in best) if best else None


def required_literal(pattern: re.Pattern) -> str | None:
    """The one literal every match of ``pattern`` contains, when there is a single one."""
    found = required_literals(pattern)
    return found[0] if found and len(found) == 1 else None


@lru_cache(maxsize=None)
def _filtered_patterns(languages: tuple[str, ...] | None) -> tuple[tuple[tuple[str, ...] | None, str], ...]:
    """(required literals, source) of every pitch pattern; one without literals (or not
    parsable: compiling says why) is compiled here, as every text will run it."""
    found = []
    for source in phrase_list(languages).pattern_sources:
        literals = _source_literals(source, PATTERN_FLAGS)
        if literals is None:
            _compiled(source)
        found.append((literals, source))
    return tuple(found)


def matches_pattern(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when a boilerplate pattern (pitch, notice) occurs in ``text``."""
    lower = text.lower()
    for lits, source in _filtered_patterns(languages):
        if lits is not None:  # plain loops: this runs ~130 times per block, generators cost more
            for lit in lits:
                if lit in lower:
                    break
            else:
                continue
        if _compiled(source).search(text):
            return True
    return False


def is_boilerplate(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when ``text`` (a line, sentence or element's text) is boilerplate by any list."""
    return is_label(text, languages) or starts_with_teaser(text, languages) or matches_pattern(text, languages)


#: Longest label, in words, tried when cutting labels out of a run of text ("Share via Email").
LABEL_MAX_WORDS = 7


def split_labels(text: str, languages: tuple[str, ...] | None = None) -> list[str] | None:
    """``text`` as a sequence of known labels ("Share on Facebook Share on X Copy link"), or None.

    Scraped menus and share bars lose the breaks between their items; a line that divides
    wholly into labels is chrome even though the whole line is no single label.
    """
    words = text.split()
    if not words:
        return None
    labels = phrase_list(languages).labels
    n = len(words)
    best: list[int | None] = [None] * (n + 1)  # best[i]: start of the last label ending at i
    best[0] = 0
    for end in range(1, n + 1):
        for size in range(1, min(LABEL_MAX_WORDS, end) + 1):
            start = end - size
            if best[start] is not None and fold(" ".join(words[start:end])) in labels:
                best[end] = start
                break
    if best[n] is None:
        return None
    out, end = [], n
    while end > 0:
        start = best[end]
        out.append(" ".join(words[start:end]))
        end = start
    return out[::-1]


def leading_label_words(text: str, languages: tuple[str, ...] | None = None) -> int:
    """How many words at the start of ``text`` form known labels (longest run), 0 if none."""
    words = text.split()
    labels = phrase_list(languages).labels
    pos = 0
    while pos < len(words):
        for size in range(min(LABEL_MAX_WORDS, len(words) - pos), 0, -1):
            if fold(" ".join(words[pos:pos + size])) in labels:
                pos += size
                break
        else:
            break
    return pos


def trailing_label_words(text: str, languages: tuple[str, ...] | None = None) -> int:
    """How many words at the end of ``text`` form known labels (longest run), 0 if none."""
    words = text.split()
    labels = phrase_list(languages).labels
    end = len(words)
    while end > 0:
        for size in range(min(LABEL_MAX_WORDS, end), 0, -1):
            if fold(" ".join(words[end - size:end])) in labels:
                end -= size
                break
        else:
            break
    return len(words) - end


@lru_cache(maxsize=None)
def barrier_patterns(languages: tuple[str, ...] | None = None) -> tuple[re.Pattern, ...]:
    """The ``[barrier]`` patterns: lines that open the comments or the end matter of a page."""
    return tuple(re.compile(p, re.IGNORECASE) for p in lexicon.words("end-barrier", languages))


def is_barrier(text: str, languages: tuple[str, ...] | None = None) -> bool:
    """True when ``text`` opens a comment section ("34 Comments", "Leave a Reply", "Jane says:")."""
    return any(p.search(text) for p in barrier_patterns(languages))
