"""Story blocks from the story's container: headings, paragraphs, quotes, lists, figures.

The walk is iterative (an explicit stack), in document order. A container with block-level
children is opened; an element holding only inline content becomes one block. Then the
block list is filtered by phrases and shape: teasers ("Read more: ..."), labels
("Advertisement"), the title repeated, the byline and date lines (line tests in
notices), and everything from a heading that opens comments or a
related list ("Comments (8)", "Most read").
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
import re

from .. import lexicon, phrases
from ..tuning import enabled
from .figures import is_caption_text
from .form import restore_form
from .byline import clean_byline
from ...model import Block, Figure, Heading, ListBlock, Paragraph, Quote
from .dom import BLOCK_TAGS, HEADING_TAGS, clean_text, link_density, link_text_length, text_of, text_pieces
from ..dates import is_relative_time
from .notices import is_notice
from ..names import author_names, is_bio

#: A paragraph whose text is mostly links is a teaser or a menu line, unless it is this long.
MAX_PARAGRAPH_LINK_DENSITY = 0.6
LONG_LINKED_PARAGRAPH_CHARS = 200
#: A heading that opens comments or a related list ends the story only below this much story
#: text; above it, it is a sidebar printed before the story, and only the heading is dropped.
MIN_STORY_BEFORE_END = 150
#: A repeated signature line under the story is at most this long.
MAX_SIGNATURE_CHARS = 200
#: A block matching a pitch pattern is dropped only when shorter than this: a long paragraph
#: that mentions "subscribe" is story text (more lets pitches glued to prose through).
MAX_PITCH_CHARS = 300


def _section_end() -> re.Pattern:
    return lexicon.pattern(r"^%s$", "section-end", escape=False, longest_first=False)


def _is_block(el) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS


def _holds_blocks(el) -> bool:
    """Whether any element below ``el`` is a block, however deep: an inline wrapper (a <span>
    around paragraphs and headings) must be opened, never read as one paragraph."""
    return any(d is not el for d in itertools.islice(el.iter(*BLOCK_TAGS), 2))


def _inline_runs(el, figures=frozenset()) -> list:
    """Split a mixed container into ('text', str) runs and ('node', child) children: blocks,
    figures, and inline wrappers holding either."""
    items: list = []
    run: list[str] = [el.text or ""]
    linked = [0]  # characters of the current run inside links

    def close_run():
        text = clean_text("".join(run))
        # a run that is nothing but a link ("Continue reading here") is navigation
        if text and linked[0] < len(text) * MAX_PARAGRAPH_LINK_DENSITY:
            items.append(("text", text))

    for child in el:
        if _is_block(child) or child in figures or (
                isinstance(child.tag, str) and any((_is_block(d) or d in figures) for d in child.iter() if d is not child)):
            close_run()
            items.append(("node", child))
            run, linked[0] = [child.tail or ""], 0
        else:
            inner = "".join(child.itertext()) if isinstance(child.tag, str) else ""
            run.append(inner)
            if isinstance(child.tag, str):
                linked[0] += len(clean_text(inner)) if child.tag == "a" else link_text_length(child)
            run.append(child.tail or "")
    close_run()
    return items


def _quote(el) -> Quote | None:
    cite = None
    for tag in ("cite", "footer", "figcaption"):
        found = el.find(f".//{tag}")
        if found is not None and text_of(found):
            cite = found
            break
    text = clean_text(" ".join(text_pieces(el, {cite})))
    if not text:
        return None
    attribution = clean_text(text_of(cite)).lstrip("—–- ") if cite is not None else None
    return Quote(text=text, attribution=attribution or None)


def _list(el) -> ListBlock | None:
    items = []
    for li in el:
        if isinstance(li.tag, str) and li.tag == "li":
            text = text_of(li)
            if text:
                items.append(text)
    if not items:
        return None
    return ListBlock(items=tuple(items), ordered=el.tag == "ol")


def _edit_mark() -> re.Pattern:
    """A wiki engine's edit link printed inside a heading: "History[edit]", "Geschichte[Bearbeiten]"."""
    return lexicon.pattern(r"\s*\[\s*%s\s*\]\s*$", "edit-mark")


def heading_text(el) -> str:
    """A heading's text without a wiki's edit link."""
    text = text_of(el)
    return _edit_mark().sub("", text) if enabled("edit_marks") else text


def walk_blocks(parts: list, figures: dict, used_captions: set) -> list[tuple[Block, object]]:
    """Blocks of the container elements, with the element each came from (for filtering)."""
    out: list[tuple[Block, object]] = []
    stack = [("node", p) for p in reversed(parts)]
    while stack:
        kind, item = stack.pop()
        if kind == "text":
            text = clean_text(item)
            if text:
                out.append((Paragraph(text), None))
            continue
        el = item
        if not isinstance(el.tag, str) or el in used_captions:
            continue
        if el in figures:
            out.append((figures[el], el))
            continue
        tag = el.tag
        if tag in HEADING_TAGS:
            text = heading_text(el)
            if text:
                out.append((Heading(text, level=max(2, int(tag[1]))), el))
            continue
        if tag == "blockquote":
            quote = _quote(el)
            if quote:
                out.append((quote, el))
            continue
        if tag in ("ul", "ol") and not any(f in figures for f in el.iter()):
            # lists of links are cleaned before we get here; a list of figures (a gallery) is opened
            block = _list(el)
            if block:
                out.append((block, el))
            continue
        if tag == "img":
            continue
        inner_figs = [f for f in el.iter() if f in figures and f is not el]
        if inner_figs and not _holds_blocks(el):
            # <p><img> text</p>: the image first, then the words
            for f in inner_figs:
                out.append((figures[f], f))
            text = clean_text("".join(text_pieces(el, set(inner_figs))))
            if text:
                out.append((Paragraph(text), el))
            continue
        if tag in ("table", "tbody", "thead", "tfoot"):
            rows = [r for r in el.iter("tr")]
            if rows:
                for r in rows:
                    text = clean_text(" ".join(text_of(c) for c in r if isinstance(c.tag, str)))
                    if text:
                        out.append((Paragraph(text), r))
                continue
        if _holds_blocks(el) or inner_figs:
            for kind2, obj in reversed(_inline_runs(el, figures)):
                stack.append((kind2, obj))
            continue
        text = text_of(el)
        if text:
            out.append((Paragraph(text), el))
    return out


#: A slideshow's legends printed as a list: items that open with a counter ("3/50 ...").
_GALLERY_COUNTER = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}\b")
#: ...when at least this many items, and this share of them, carry one.
MIN_GALLERY_ITEMS = 3
GALLERY_ITEM_SHARE = 0.8


def _gallery_legends(items) -> bool:
    """A list of a carousel's legends ("1/50 ...", "2/50 ..."): its pictures are not in the story
    and its captions without them read as a list of unrelated headlines."""
    counted = sum(1 for i in items if _GALLERY_COUNTER.match(i))
    return counted >= MIN_GALLERY_ITEMS and counted >= GALLERY_ITEM_SHARE * len(items)


@dataclass(frozen=True)
class _Story:
    """What the line filters know of the story: its title, byline and authors."""
    title: str | None
    byline: str | None
    authors: tuple[str, ...]


def _is_label(block, el, text: str, story: _Story) -> bool:
    return phrases.fold(text) in phrases.phrase_list().labels


def _is_pitch(block, el, text: str, story: _Story) -> bool:
    return len(text) < MAX_PITCH_CHARS and phrases.matches_pattern(text)


def _is_notice_line(block, el, text: str, story: _Story) -> bool:
    return isinstance(block, Paragraph) and is_notice(text, el)


def _is_age_line(block, el, text: str, story: _Story) -> bool:
    return isinstance(block, (Paragraph, Heading)) and is_relative_time(text)


def _is_stray_caption(block, el, text: str, story: _Story) -> bool:
    return isinstance(block, Paragraph) and is_caption_text(text)


def _is_bio(block, el, text: str, story: _Story) -> bool:
    return isinstance(block, Paragraph) and bool(story.authors) and is_bio(text, story.authors)


def _is_signature(block, el, text: str, story: _Story) -> bool:
    """The byline repeated under the story."""
    return (isinstance(block, Paragraph) and bool(story.byline) and len(text) < MAX_SIGNATURE_CHARS
            and clean_byline(text) == story.byline)


def _is_link_list(block, el, text: str, story: _Story) -> bool:
    if el is None or isinstance(block, Quote):
        return False
    return link_density(el, text) > MAX_PARAGRAPH_LINK_DENSITY and len(text) < LONG_LINKED_PARAGRAPH_CHARS


#: The line filters, in order: a paragraph, heading or quote any of them names is not story.
#: Each is a rule of ``switches`` (its name switches it off).
LINE_FILTERS = (
    ("labels", _is_label),
    ("pitch_patterns", _is_pitch),
    ("notices", _is_notice_line),
    ("relative_times", _is_age_line),
    ("caption_text", _is_stray_caption),
    ("bios", _is_bio),
    ("signature", _is_signature),
    ("link_density", _is_link_list),
)


def filter_blocks(blocks: list[tuple[Block, object]], *, title: str | None, byline: str | None,
                  headline=None, base: str | None = None) -> list[Block]:
    """Drop boilerplate, teasers, repeated title/byline, and everything after a section end,
    then give the kept blocks their form (``form``: marks, links against ``base``, tables,
    code, nested lists, notes).

    Figures, section ends, the repeated title and lists are handled first; every other block
    meets ``LINE_FILTERS``. ``headline`` is the page's headline element: never a body block,
    even when the title metadata words it differently.
    """
    title_f = phrases.fold(title or "")
    story = _Story(title, byline, author_names(byline))
    filters = tuple(test for name, test in LINE_FILTERS if enabled(name))
    end = _section_end()
    kept: list[tuple[Block, object]] = []
    story_chars = 0  # paragraph text kept so far: a section end needs a story above it
    for block, el in blocks:
        if headline is not None and el is headline:
            continue
        if isinstance(block, Figure):
            if not (enabled("promo_figures") and block.caption and phrases.is_boilerplate(block.caption)):
                kept.append((block, el))  # an image captioned "Advertisement" or "Visit our shop!" is an ad
            continue
        text = block.text if not isinstance(block, ListBlock) else " ".join(block.items)
        folded = phrases.fold(text)
        if enabled("section_end") and isinstance(block, (Heading, Paragraph)) and end.match(folded) and len(text) < 80:
            if story_chars >= MIN_STORY_BEFORE_END:
                break
            continue  # end matter above the story (a sidebar printed first): skip the heading only
        if not folded:
            continue
        if enabled("title_repeat") and isinstance(block, Heading) and title_f and folded == title_f:
            continue  # the headline printed again as a heading in the body; a paragraph that says it is story
        if isinstance(block, ListBlock):
            if enabled("gallery_legends") and _gallery_legends(block.items):
                continue
            items = [i for i in block.items if not phrases.is_boilerplate(i)]
            if not items:
                continue
            if el is not None and link_density(el) > MAX_PARAGRAPH_LINK_DENSITY:
                continue
            kept.append((ListBlock(tuple(items), block.ordered), el))
            continue
        if any(test(block, el, text, story) for test in filters):
            continue
        kept.append((block, el))
        if isinstance(block, Paragraph):
            story_chars += len(text)
    return restore_form(kept, base)
