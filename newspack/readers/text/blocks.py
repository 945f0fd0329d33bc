"""Step 6 of the text reader: the story's blocks from its lines.

Per story line: captions cut out as figures (``captions``), sentences split, glued chrome
dropped (labels, teasers, pitches, the title again), jammed lines regrouped into paragraphs
(``sentences``); a short line followed by prose is a subheading, the author's bio ends the story.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import phrases
from ...model import Block, Figure, Heading, Paragraph
from ..names import author_names, is_bio
from .captions import Caption, bare_credit, cut_captions, is_bare_credit, is_caption_cue
from .lines import Kind, Line, same_as_title
from .meta import is_author_box
from .reading import Reading
from .sentences import group_paragraphs, split_sentences
from ..language import stopwords

#: A line longer than this (chars) holds several paragraphs jammed together and is regrouped.
JAMMED_LINE_CHARS = 700
#: A short line inside the story with at most this many words, followed by prose, is a subheading.
HEADING_MAX_WORDS = 14

#: A jammed line is the story printed again when this share of its 4-word shingles is already in the
#: story above it (paragraphs printed twice stay: a story reads as printed).
REPEAT_SHARE = 0.8

#: An all-capitals sentence of at most this many words is a button or a teaser headline, not
#: story; higher also drops all-capitals story sentences (rare), lower lets pitches in.
SHOUT_MAX_WORDS = 16
_WORDS = re.compile(r"\S+")
_BREAK = None  # marks where removed chrome stood between two sentences


def _cut_teaser(sentence: str) -> str:
    """The story sentence glued after a teaser headline ("Lesen Sie auch: ... Zustand Wie es ..."), or ""."""
    words = sentence.split()
    stop = stopwords()
    for i in range(2, len(words) - 1):
        w, nxt, prev = words[i], words[i + 1], words[i - 1]
        core = w.strip("«»“”„\"'(")
        if (core[:1].isupper() and not (core.isupper() and len(core) > 1) and core.casefold() in stop and nxt[:1].islower()
                and not prev.endswith(":")):
            return " ".join(words[i:])
    return ""


def _strip_labels(sentence: str) -> tuple[str, bool, bool]:
    """Sentence without labels glued at its start or end; whether each side had one."""
    words = sentence.split()
    lead = phrases.leading_label_words(sentence)
    cut_lead = False
    if 0 < lead:
        rest = words[lead:]
        first = next((c for c in " ".join(rest[:1]) if c.isalpha()), "")
        if not rest or first.isupper():
            words, cut_lead = rest, True
    # A stray "." after a trailing button ("GALERIE PHOTO (CLIQUEZ POUR AGRANDIR) .") is its debris.
    core = list(words)
    while core and not any(c.isalnum() for c in core[-1]):
        core.pop()
    trail = phrases.trailing_label_words(" ".join(core))
    cut_trail = False
    if 0 < trail:
        head = " ".join(core[:len(core) - trail])
        if not head or re.search(r"[.!?…»”\"’)]$", head):
            words, cut_trail = core[:len(core) - trail], True
    return " ".join(words), cut_lead, cut_trail


def _is_shouting(sentence: str) -> bool:
    """A short all-capitals run ("ABONNEZ-VOUS MAINTENANT", "GET THE APP BY CLICKING HERE") is a
    button or a teaser, not a sentence."""
    letters = [c for c in sentence if c.isalpha()]
    words = len(sentence.split())
    if words > SHOUT_MAX_WORDS:
        return False
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def clean_sentence(sentence: str, title: str | None) -> tuple[list[str | None], list[Figure]]:
    """What is left of one sentence once glued chrome is removed (``None`` marks a break)."""
    if same_as_title(sentence, title):
        return [_BREAK], []
    if is_bare_credit(sentence):
        return [_BREAK], []
    if is_caption_cue(sentence):
        return [_BREAK], [Figure(caption=sentence)]
    if phrases.starts_with_teaser(sentence):
        rest = _cut_teaser(sentence)
        return ([_BREAK, rest] if rest else [_BREAK]), []
    text, cut_lead, cut_trail = _strip_labels(sentence)
    if not text or phrases.is_label(text) or phrases.matches_pattern(text) or _is_shouting(text):
        return [_BREAK], []
    if phrases.split_labels(text) is not None:
        return [_BREAK], []
    out: list[str | None] = [_BREAK] if cut_lead else []
    out.append(text)
    if cut_trail:
        out.append(_BREAK)
    return out, []


def story_units(text: str, title: str | None) -> list[str | Figure | None]:
    """Sentences of one story line with chrome removed, in order: text, figures where captions
    stood, and breaks (``None``) where other chrome stood."""
    units: list[str | Figure | None] = []
    for piece in cut_captions(text):
        if isinstance(piece, Caption):
            units.append(Figure(caption=piece.text, credit=piece.credit))
            continue
        for sentence in split_sentences(piece):
            kept, figs = clean_sentence(sentence, title)
            units.extend(kept)
            units.extend(figs)
    return units


def blocks_of(units: list[str | Figure | None], jammed: bool) -> list[Block]:
    """Blocks from sentence units: figures and breaks always split paragraphs; jammed lines are
    regrouped by length, other lines keep one paragraph per unbroken stretch."""
    out: list[Block] = []
    sentences: list[str] = []
    breaks: set[int] = set()

    def flush() -> None:
        if not sentences:
            return
        if jammed:
            out.extend(Paragraph(p) for p in group_paragraphs(sentences, frozenset(breaks)))
        else:
            cuts = sorted(b for b in breaks if 0 < b < len(sentences))
            for a, b in zip([0] + cuts, cuts + [len(sentences)]):
                out.append(Paragraph(" ".join(sentences[a:b])))
        sentences.clear()
        breaks.clear()

    for unit in units:
        if isinstance(unit, Figure):
            flush()
            out.append(unit)
        elif unit is None:
            breaks.add(len(sentences))
        else:
            sentences.append(unit)
    flush()
    return out


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORDS.findall(text)]
    return {tuple(words[i:i + 4]) for i in range(max(len(words) - 3, 0))}


def build_blocks(lines: list[Line], title: str | None, byline: str | None, skip: set[int],
                 keep: set[int] = frozenset()) -> list[Block]:
    """Story blocks (paragraphs, subheadings, figures) from the lines of the story run; lines in
    ``keep`` (the model's story lines) stay even when short, as list items and table rows do."""
    blocks: list[Block] = []
    seen: set[tuple[str, ...]] = set()
    last_line = -2  # index of the line the last block came from
    for pos, line in enumerate(lines):
        if line.index in skip or line.kind in (Kind.TITLE, Kind.META, Kind.BARRIER):
            continue
        credit = bare_credit(line.text) if line.words <= CREDIT_LINE_MAX_WORDS else None
        if credit and last_line == line.index - 1 and _caption_sized(blocks[-1]):
            blocks[-1] = Figure(caption=blocks[-1].text, credit=credit)  # a caption, its credit on the next line
            continue
        grams = _shingles(line.text)
        if len(line.text) > JAMMED_LINE_CHARS and grams and len(grams & seen) >= REPEAT_SHARE * len(grams):
            continue  # the whole story again, jammed in one line (a page's data dump), is read once
        seen |= grams
        if blocks and line.kind != Kind.PROSE and is_author_box(line.text):
            break  # the author's bio follows, then the rest of the page
        if line.kind == Kind.BOILERPLATE:
            continue  # the phrase lists are precise: a leaked "Buy Now" costs more than a lost line
        if line.kind == Kind.SHORT and line.index not in keep:
            nxt = lines[pos + 1] if pos + 1 < len(lines) else None
            if (blocks and nxt is not None and nxt.kind == Kind.PROSE and 1 < line.words <= HEADING_MAX_WORDS
                    and not line.text.endswith((":", ",")) and line.text[:1].isupper()
                    and not is_bare_credit(line.text)):
                blocks.append(Heading(line.text))
            continue
        if is_bio(line.text, author_names(byline)):
            continue
        new = blocks_of(story_units(line.text, title), len(line.text) > JAMMED_LINE_CHARS)
        blocks.extend(new)
        if new:
            last_line = line.index
    return _order_figures(blocks)


#: A credit line of its own ("Photo by Jane Roe/Agency") has at most this many words.
CREDIT_LINE_MAX_WORDS = 12
#: A paragraph over its own credit line is a caption when it is at most this long, in one or two
#: sentences (a longer paragraph over a bare credit is story beside a picture with no caption;
#: at 250, a gallery whose slides are story paragraphs with a credit each lost its text).
CAPTION_LINE_MAX_CHARS = 150


def _caption_sized(block: Block) -> bool:
    return isinstance(block, Paragraph) and len(block.text) <= CAPTION_LINE_MAX_CHARS and len(split_sentences(block.text)) <= 2


def _order_figures(blocks: list[Block]) -> list[Block]:
    # Figures are collected per line; keep them but drop empty ones and subheadings left dangling
    # at the end (a "Most read" heading with nothing after it).
    out = [b for b in blocks if not (isinstance(b, Figure) and not b.caption)]
    while out and isinstance(out[-1], Heading):
        out.pop()
    return out




def build_story(reading: Reading) -> Reading:
    """The story's blocks from its lines, the header's and the skipped lines left out."""
    lines = reading.page.lines[reading.start:reading.end]
    blocks = build_blocks(lines, reading.page.title, reading.byline, reading.used | reading.skip, reading.story)
    return replace(reading, blocks=tuple(blocks))
