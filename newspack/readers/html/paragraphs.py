"""Paragraphs the markup does not mark: text in ``<div>``s and ``<br><br>``-separated runs.

Many pages (blog engines, rich-text editors, old CMSs) write the story as text directly in a
``<div>`` next to other blocks, or as one element with ``<br><br>`` between paragraphs.
Readability's ``_prepDocument`` turns such runs into ``<p>`` elements before scoring; this is
the same step. Run once over the tree after ``strip_junk``: every element is visited once and
every child moved at most once, so it is linear in the page.
"""
from __future__ import annotations

import html
import re

import lxml.etree as etree
import lxml.html

from .dom import BLOCK_TAGS

#: Elements whose loose text runs become paragraphs. Inline wrappers (span, font) are included
#: because pages wrap whole stories in them; a ``<p>`` holding ``<br><br>`` is split likewise.
CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "th", "body", "span", "font",
                            "center", "p", "dd"})
#: A loose run shorter than this, beside block children, is a label or a separator, left as is.
MIN_LOOSE_RUN_CHARS = 25


def _is_block(node) -> bool:
    return isinstance(node.tag, str) and node.tag in BLOCK_TAGS


def _is_break(node) -> bool:
    return isinstance(node.tag, str) and node.tag == "br"


def _paragraph_breaks(el) -> set:
    """The ``<br>`` children that start or continue a run of two or more (only space between)."""
    breaks: set = set()
    kids = list(el)
    for prev, node in zip(kids, kids[1:]):
        if _is_break(prev) and _is_break(node) and not (prev.tail or "").strip():
            breaks.add(prev)
            breaks.add(node)
    return breaks


def _needs_split(el, breaks: set) -> bool:
    if breaks:
        return True
    if not any(_is_block(c) for c in el):
        return False
    loose = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el if _is_block(c))
    return loose >= MIN_LOOSE_RUN_CHARS


def _split(el, breaks: set) -> None:
    """Rebuild ``el``'s children: block children stay, each run of inline content between them
    (or between paragraph breaks) becomes one ``<p>``."""
    out: list = []
    run = None

    def add_text(text: str | None) -> None:
        nonlocal run
        if not text:
            return
        if run is None:
            if not text.strip():
                return
            run = etree.Element("p")
            run.text = text
            out.append(run)
        elif len(run):
            run[-1].tail = (run[-1].tail or "") + text
        else:
            run.text = (run.text or "") + text

    lead, el.text = el.text, None
    add_text(lead)
    for child in list(el):
        tail, child.tail = child.tail, None
        if child in breaks:
            run = None
        elif _is_block(child):
            run = None
            out.append(child)
        elif run is None and _is_break(child):
            pass  # a line break at the start of a run adds nothing
        else:
            if run is None:
                run = etree.Element("p")
                out.append(run)
            run.append(child)
        add_text(tail)
    for node in out:
        el.append(node)  # moves each child (and the new paragraphs) into order
    if el.tag == "p":
        el.tag = "div"  # a paragraph split in several is their container now


def make_paragraphs(root) -> None:
    """Wrap loose text runs and ``<br><br>``-separated runs in ``<p>`` elements, in place."""
    todo = []
    for el in root.iter(*CONTAINER_TAGS):
        breaks = _paragraph_breaks(el)
        if _needs_split(el, breaks):
            todo.append((el, breaks))
    for el, breaks in todo:
        _split(el, breaks)


#: A structured story body with no line breaks is cut into paragraphs of about this many
#: sentences: one 8,000-character paragraph is no way to print a story.
SENTENCES_PER_PARAGRAPH = 4
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…»”\"])\s+(?=[A-ZÀ-ÞĀ-Ž\"«“„])")
_MARKUP = re.compile(r"<(p|br|div|h[1-6]|li)\b", re.IGNORECASE)


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of a story given as text (JSON-LD ``articleBody``): one per line, HTML markup
    read as markup, and a body without breaks cut every few sentences."""
    if _MARKUP.search(text):
        root = lxml.html.fragment_fromstring(text, create_parent="div")
        make_paragraphs(root)
        pieces = [" ".join(el.text_content().split()) for el in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")]
        lines = [p for p in pieces if p]
        if lines:
            return lines
        text = root.text_content()
    lines = [" ".join(line.split()) for line in _LINE_BREAKS.split(html.unescape(text).strip())]
    lines = [line for line in lines if line]
    if len(lines) > 1:
        return lines
    sentences = _SENTENCE_END.split(lines[0]) if lines else []
    return [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH]) for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
