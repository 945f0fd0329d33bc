"""The plain-text reader: a page scraped to text -> :class:`newspack.model.Article`.

Steps, in order (each a function below or in a ``text_*`` module):

1. ``prepare_lines``  repair mis-decoded UTF-8, clean control characters and spaces, split into
                      non-empty lines (``prepare``).
2. ``pick_title``     the first title-like line, its site suffix cut; once the story is found,
                      ``refine_title`` puts the headline above the story in place of a title that
                      is none or the site's name (``title``).
3. ``classify``       features and kind of every line (``lines``).
4. ``story_run``      the contiguous run of lines with the most prose over chrome; then the line
                      model (``line_model``, weights in ``data/textmodel/lines.json``) rescores
                      every line with that run as one feature and picks the story lines with a
                      two-state Viterbi pass (without the weights file, the rules alone decide);
                      rows of a table running on from the story's end join it (``extend_rows``);
                      small kept blocks far from the main one go (``drop_stray_segments``);
                      a long prose line just past the story's end that the model leans to is the
                      story resuming after an inline box (``resume_after_box``).
   ``drop_before_headline``  lines kept above the headline's repeat are teasers when a story
                      follows the headline; ``headline_block``: when the story found starts far
                      below the headline, the block under the headline (a table, a list) wins,
                      unless the story found holds twice its words in prose.
   ``headline_dek``   the prose line right under the headline is the dek when the story starts a
                      few lines below it (a share bar, a byline box between).
   ``dek_end``        a byline or date line among the story's first lines closes the header: the
                      dek printed above it stays story, the lines up to it are read for metadata.
   ``fall_back``      when the story found is weak: the longest prose run, then every prose line
                      (``fallback``); a text whose only prose was taken for its title is
                      read again without one; no prose line at all is an error.
5. ``read_meta``      byline and date from the header lines before the story (``meta``).
6. ``build_blocks``   per story line: cut captions out as figures (``captions``), split
                      sentences, drop glued chrome (labels, teasers, pitches, the title again),
                      regroup jammed lines into paragraphs (``sentences``).
7. language from the story text (``newspack.language``).
"""
from __future__ import annotations

import re

from .. import phrases
from ..language import detect_language
from .notes import attach_notes
from ...model import Article, Block, Figure, Heading, Paragraph
from . import line_model
from .captions import Caption, bare_credit, cut_captions, is_bare_credit, is_caption_cue
from .lines import (HEADLINE_STORY_MIN_WORDS, Line, classify, headline_block, headline_index, is_headline_copy,
                    knows_language, repeated_lines, same_as_title, story_run)
from .fallback import WEAK_STORY_WORDS, is_prose_line, longest_prose_run, prose_lines
from .notices import notice_block
from .prepare import prepare_lines
from .title import pick_title, refine_title
from ..names import author_names, has_byline_word, is_bio, looks_like_person
from ..dates import find_date, is_date_line
from .meta import is_author_box, parse_byline
from .sentences import group_paragraphs, split_sentences
from ..language import stopwords

#: Header lines looked at for a byline and date, counted back from the story's first line.
HEADER_LINES = 12
#: A line longer than this (chars) holds several paragraphs jammed together and is regrouped.
JAMMED_LINE_CHARS = 700
#: A short line inside the story with at most this many words, followed by prose, is a subheading.
HEADING_MAX_WORDS = 14

#: Lines at most between the story's start and a byline or date line for those lines to be a dek
#: (the summary under the headline) with the header under it; higher also reads a lead
#: paragraph's dateline as the header.
DEK_MAX_LINES = 3

#: The prose line right under the headline's repeat is the story's dek when the story starts at most
#: this many lines below the headline (a share bar, a byline box between) and no other prose lies
#: between; more also takes a caption or teaser above a story printed further down (aeb-text
#: loses from 12).
HEADLINE_DEK_MAX_LINES = 8

#: A later copy of the headline wins when the story text between the two copies is at most this
#: share of the text under the later one (a gallery printed between them); more lets a copy
#: printed near the end cut the story.
HEADLINE_LATER_COPY_SHARE = 0.25

#: Prose kept above the headline's repeat is dropped as teasers only when it is at most this
#: share of the prose under the repeat, or a byline or date follows the repeat (within
#: :data:`HEADLINE_META_LINES`); more prose above means the copy is printed under the story (a
#: footer teaser of the same piece). Lower keeps teasers above a short story, higher cuts stories.
HEADLINE_ABOVE_MAX_SHARE = 3.0
#: Lines under the headline's repeat where its byline or date may be.
HEADLINE_META_LINES = 2

#: The block under the headline (``headline_block``) replaces the story found unless that story
#: has this many times the block's words in prose; then only the block's prose joins it. Lower
#: keeps a sidebar of prose over a calendar under the headline, higher drops a story for the
#: header lines above it (measured flat from 2 to 3 on the suites, worse at 1.5 and at 8).
HEADLINE_BLOCK_STORY_RATIO = 2.0

#: Short lines the line model calls story (list items, table rows, a fact box) stay as paragraphs;
#: off drops every short line that is not a subheading, as the rules alone do.
KEEP_SHORT = True
#: Rows (tour dates, a results table) running on from the story's end join it (see
#: ``line_model.extend_rows``); off leaves them to the line model, which drops most of them.
EXTEND_ROWS = True
#: Lines matching a boilerplate phrase stay out even when the model calls them story: the phrase
#: lists are precise, and a leaked "Buy Now" costs more than a lost line.
KEEP_BOILERPLATE = False

#: A jammed line is the story printed again when this share of its 4-word shingles is already in the
#: story above it (paragraphs printed twice stay: a story reads as printed).
REPEAT_SHARE = 0.8

#: An all-capitals sentence of at most this many words is a button or a teaser headline, not
#: story; higher also drops all-capitals story sentences (rare), lower lets pitches in.
SHOUT_MAX_WORDS = 16
_WORDS = re.compile(r"\S+")
_BREAK = None  # marks where removed chrome stood between two sentences


def analyse_lines(lines: list[str], title: str | None = "") -> tuple[str | None, list[Line], set[int], tuple[int, int]]:
    """Title, classified lines, repeated line indexes and the rules' story run of a page's lines
    (``title`` "" means pick it)."""
    title = pick_title(lines) if title == "" else title
    known = knows_language(lines)
    repeats = repeated_lines(lines)
    infos = [classify(i, t, title, known, i in repeats) for i, t in enumerate(lines)]
    return title, infos, repeats, story_run(infos)


def read_meta(lines: list[Line], language: str | None) -> tuple[str | None, str | None, set[int]]:
    """Byline, ISO date, and the indexes of the lines they came from."""
    byline = date = None
    used: set[int] = set()
    bare: tuple[str, int] | None = None
    seen_title = False
    for line in lines:
        seen_title = seen_title or line.kind == "title"
        if line.kind in ("title", "prose"):
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
        if bare is None and line.kind == "short" and seen_title and looks_like_person(line.text):
            bare = (line.text, line.index)  # a name alone is a byline only under the headline
    if byline is None and bare is not None:
        byline = bare[0]
        used.add(bare[1])
    return byline, date, used


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
        if line.index in skip or line.kind in ("title", "meta", "barrier"):
            continue
        credit = bare_credit(line.text) if line.words <= CREDIT_LINE_MAX_WORDS else None
        if credit and last_line == line.index - 1 and _caption_sized(blocks[-1]):
            blocks[-1] = Figure(caption=blocks[-1].text, credit=credit)  # a caption, its credit on the next line
            continue
        grams = _shingles(line.text)
        if len(line.text) > JAMMED_LINE_CHARS and grams and len(grams & seen) >= REPEAT_SHARE * len(grams):
            continue  # the whole story again, jammed in one line (a page's data dump), is read once
        seen |= grams
        if blocks and line.kind != "prose" and is_author_box(line.text):
            break  # the author's bio follows, then the rest of the page
        if line.kind == "boilerplate" and (line.index not in keep or not KEEP_BOILERPLATE):
            continue
        if line.kind == "short" and not (line.index in keep and KEEP_SHORT):
            nxt = lines[pos + 1] if pos + 1 < len(lines) else None
            if (blocks and nxt is not None and nxt.kind == "prose" and 1 < line.words <= HEADING_MAX_WORDS
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


def drop_before_headline(keep: list[bool], lines: list[Line], title: str | None) -> list[bool]:
    """``keep`` without the lines before the headline's repeat, when a story follows it: the
    article sits under its headline, and prose above it is teasers of other stories (or a gallery
    printed between two copies of the headline: the last copy with a story under it counts)."""
    h = headline_index(lines, title)
    if h is None:
        return keep

    def story_words(at: int) -> int:
        return sum(l.words for l, k in zip(lines[at:], keep[at:]) if k and l.kind == "prose")

    if story_words(h) < HEADLINE_STORY_MIN_WORDS:
        return keep
    # A later copy of the headline with most of the story under it is the one the story hangs from.
    later = [l.index for l in lines[h + 1:] if is_headline_copy(lines, l.index)
             and story_words(h) - story_words(l.index) <= HEADLINE_LATER_COPY_SHARE * story_words(l.index)]
    h = later[-1] if later else h
    if not any(keep[:h]):
        return keep
    # A copy printed under most of the story (a footer teaser, "more from this column") is not
    # where the story hangs from: unless a byline or date follows it, teasers above a headline
    # are shorter than the story under it.
    dated = any(l.kind == "meta" for l in lines[h + 1:h + 1 + HEADLINE_META_LINES])
    above = story_words(0) - story_words(h)
    if not dated and above > HEADLINE_ABOVE_MAX_SHARE * story_words(h):
        return keep
    return [False] * h + keep[h:]


def drop_trailing_headings(keep: list[bool], lines: list[Line]) -> list[bool]:
    """``keep`` without the headings that open the after-story part ("Related stories", "Most
    read") at the story's end: the list under them is not kept, so they head nothing."""
    out = list(keep)
    kept = [i for i, k in enumerate(out) if k]
    while kept and line_model.is_section_end(lines[kept[-1]].text):
        out[kept.pop()] = False
    return out


def dek_end(lines: list[Line], start: int, end: int) -> int:
    """Where the header under a dek ends: a byline or date line among the story's first lines
    closes it. The dek above it (the standfirst, the chapô) is story, as the reader sees it;
    only the lines from the dek to the byline are header, read by ``read_meta``."""
    metas = [i for i in range(start, min(end, start + DEK_MAX_LINES + 1)) if lines[i].kind == "meta"]
    if not metas or not any(l.kind == "prose" for l in lines[metas[-1] + 1:end]):
        return start
    return metas[-1] + 1


def headline_dek(lines: list[Line], start: int) -> int | None:
    """The dek printed right under the headline's repeat when the story starts a few lines below
    it (a share bar, the byline box between): the one prose line there, or None."""
    h = next((i for i in range(start - 1, max(-1, start - HEADLINE_DEK_MAX_LINES - 1), -1)
              if lines[i].kind == "title"), None)
    if h is None or h + 1 >= start or lines[h + 1].kind != "prose":
        return None
    return None if any(l.kind == "prose" for l in lines[h + 2:start]) else h + 1


def _story_words(blocks: list[Block]) -> int:
    return sum(len(getattr(b, "text", "").split()) for b in blocks if not isinstance(b, Figure))


def fall_back(blocks: list[Block], lines: list[Line], title: str | None, byline: str | None,
              used: set[int]) -> list[Block]:
    """``blocks``, or when they are weak the first fallback that reads more (``fallback``).
    A text with no prose line keeps no block, and the pipeline fails it with one line."""
    if _story_words(blocks) >= WEAK_STORY_WORDS:
        return blocks
    notices = frozenset(l.index for l, n in zip(lines, notice_block([l.text for l in lines])) if n)
    for skip, pick in ((notices, longest_prose_run), (notices, prose_lines), (frozenset(), prose_lines)):
        if skip is not notices and _story_words(blocks):
            break  # notice blocks only when nothing else reads as a story
        chosen = pick(lines, skip)
        keep = {l.index for l in chosen if is_prose_line(l)}
        other = build_blocks(chosen, title, byline, used, keep)
        if _story_words(other) > _story_words(blocks):
            blocks = other
        if _story_words(blocks) >= WEAK_STORY_WORDS:
            break
    return blocks


def _outweighs(lines: list[Line], kept: list[int], block: tuple[int, int]) -> bool:
    """Whether the model's story lines hold :data:`HEADLINE_BLOCK_STORY_RATIO` times the words of
    the block under the headline in prose: then the block is the story's header, not a table of
    short lines the model missed."""
    prose = sum(lines[i].words for i in kept if lines[i].kind == "prose")
    return prose >= HEADLINE_BLOCK_STORY_RATIO * sum(l.words for l in lines[block[0]:block[1]])


def _web_address(url: str | None) -> str | None:
    """The article's address is a web URL; a local file's file:// URI is not one."""
    return url if url and url.split(":", 1)[0].lower() in ("http", "https") else None


def read_text(text: str, *, source: str = "", url: str | None = None) -> Article:
    """Read a page scraped to plain text into an Article (title, byline, date, body, captions)."""
    lines = prepare_lines(text)
    if not lines:
        return Article(title=None, source=source, url=_web_address(url))
    article, infos, start = _read_lines(lines, "", source, url)
    better = refine_title(article.title, infos, start)
    if better != article.title:
        article = _read_lines(lines, better, source, url)[0]
    if not article.blocks and article.title is not None:
        # Never nothing: a text whose only prose was taken for its title (one paragraph, no
        # headline) is that paragraph; a text with no prose at all still has no block.
        untitled = _read_lines(lines, None, source, url)[0]
        if untitled.blocks:
            article = untitled
    return article


def _read_lines(lines: list[str], title: str | None, source: str, url: str | None) -> tuple[Article, list[Line], int]:
    """The article read from ``lines`` with ``title`` ("" to pick it), its lines and story start."""
    title, infos, repeats, (start, end) = analyse_lines(lines, title)
    model_skip: set[int] = set()
    model_keep: set[int] = set()
    w = line_model.weights()
    if w is not None:
        odds = line_model.log_odds(line_model.features(infos, (start, end), repeats), w)
        keep = line_model.story_lines(odds)
        if EXTEND_ROWS:
            keep = line_model.extend_rows(keep, infos, repeats)
        keep = line_model.drop_stray_segments(keep, odds, infos)
        keep = drop_before_headline(keep, infos, title)
        keep = line_model.resume_after_box(keep, odds, infos)
        keep = line_model.lead_before_box(keep, odds, infos)
        keep = drop_trailing_headings(keep, infos)
        # Title and byline lines never open the story: they are the header read_meta looks at.
        kept = [i for i, k in enumerate(keep) if k and infos[i].kind not in ("title", "meta")]
        # The story under the headline beats a block far below it (a sidebar the model or the
        # rules picked when the story is a table of short lines).
        block = headline_block(infos, (kept[0] if kept else start, end), title)
        if block is not None and kept and _outweighs(infos, kept, block):
            # The story found is the story; of the block under the headline only its prose is
            # (a dek or a lead printed above the share bar and the byline box).
            lead = [i for i in range(*block) if infos[i].kind == "prose"]
            keep = [k or i in lead for i, k in enumerate(keep)]
            kept = sorted(set(kept) | set(lead))
            block = None
        if block is not None:
            start, end = block
            model_keep = set(range(start, end))
        elif kept:
            start, end = kept[0], kept[-1] + 1
            model_skip = {i for i in range(start, end) if not keep[i]}
            model_keep = set(kept)
        else:
            # The rules' run stands; it too starts under the headline when a story follows it.
            in_run = drop_before_headline([start <= i < end for i in range(len(infos))], infos, title)
            start = next((i for i, k in enumerate(in_run) if k), start)
    header_end = dek_end(infos, start, end)
    dek = headline_dek(infos, start)
    if dek is not None:
        # The lines between the dek and the story (a share bar, the byline box) are header.
        model_skip = model_skip | set(range(dek + 1, start))
        header_end = max(header_end, start)
        start = dek
    rough_language = detect_language("\n".join(l.text for l in infos[start:end])[:20_000])
    header = infos[max(0, header_end - HEADER_LINES):header_end]
    byline, date, used = read_meta(header, rough_language)
    # Between the dek and the story only the dek's prose is story: "By", a name, "Advertisement" are header.
    used |= {i for i in range(start, header_end) if infos[i].kind != "prose"}
    blocks = build_blocks(infos[start:end], title, byline, used | model_skip, model_keep)
    blocks = attach_notes(fall_back(blocks, infos, title, byline, used))
    body = "\n".join(getattr(b, "text", "") for b in blocks if not isinstance(b, Figure))
    language = detect_language(body) or rough_language or detect_language("\n".join(lines)[:20_000])
    article = Article(title=title, blocks=tuple(blocks), byline=byline, date=date, language=language,
                      url=_web_address(url), source=source)
    return article, infos, start
