"""Figures left stranded by the page layout, and the edition with them moved down the text.

A portrait picture floats beside the text at half the column; with no text after it (another
figure follows) nothing fills the other half, and the next figure, too wide to sit beside it,
waits below it or on the next page. :func:`place_portraits` puts each such portrait next to
text before the first layout: after the figures that follow it, or before the paragraph
that precedes it.

A figure never splits from its caption, so one that does not fit at the foot of a page moves
to the next and everything after it follows: the page it left keeps its blank space.
CSS cannot shrink a picture to the space left, and WeasyPrint has no page floats, so the PDF
writer lays the book out, finds each figure that opened a page after its own text ended
early, moves it past the paragraph that follows it in the model, and lays out again. The text
then fills the page and the figure heads the next one, as a page float would.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Edition, Figure, ListBlock, Paragraph, Quote, Section

#: Blank space, as a share of the page's text area, left above a figure that moved to the
#: next page before it is worth another layout: under a fifth it reads as a normal page end.
STRANDED_GAP = 0.2

#: Layouts tried at most: each costs as much as the first; by then the pages are fine.
MAX_REFLOWS = 3

#: Blocks a figure may be moved past: story text, never a subheading (it would leave its
#: section) nor another figure.
_TEXT_BLOCKS = (Paragraph, Quote, ListBlock)

_FLOW_TAGS = frozenset({"p", "ul", "ol", "blockquote", "figure", "h2", "h3", "h4", "h5", "h6"})


def place_portraits(edition: Edition, portrait: Callable[[Figure], bool], shown: Callable[[Figure], bool]) -> Edition:
    """``edition`` with every portrait figure that another figure follows moved next to text:
    past the run of landscape figures after it when text comes next, else before the text
    block just above it (when the article ends in figures)."""
    sections = []
    for section in edition.sections:
        articles = tuple(article.with_blocks(_portraits_by_text(list(article.blocks), portrait, shown))
                         for article in section.articles)
        sections.append(Section(section.title, articles))
    return replace(edition, sections=tuple(sections))


def _portraits_by_text(blocks: list, portrait, shown) -> tuple:
    def landscape(block) -> bool:
        return isinstance(block, Figure) and shown(block) and not portrait(block)

    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Figure) and shown(block) and portrait(block) and index + 1 < len(blocks) \
                and landscape(blocks[index + 1]):
            end = index + 1
            while end < len(blocks) and landscape(blocks[end]):
                end += 1
            if end < len(blocks) and not isinstance(blocks[end], Figure):
                blocks[index:end] = [*blocks[index + 1:end], block]  # after the run, before the text
                index = end
                continue
            if index > 0 and isinstance(blocks[index - 1], _TEXT_BLOCKS):
                blocks[index - 1], blocks[index] = block, blocks[index - 1]  # before the text above
        index += 1
    return tuple(blocks)


def stranded_figures(document) -> list[int]:
    """The positions, among the document's ``<figure>`` elements, of those that open a page
    although their own text ended a good part of the page above (a WeasyPrint Document)."""
    if not document.pages or not document.pages[0]._page_box.children:
        return []
    root = document.pages[0]._page_box.children[0].element  # <html>
    if root is None:
        return []
    order = {id(element): n for n, element in enumerate(root.iter("figure"))}
    before = {id(later): earlier for parent in root.iter() for earlier, later in zip(list(parent), list(parent)[1:])}
    found = []
    for previous, page in zip(document.pages, document.pages[1:]):
        box = page._page_box
        top, height = box.content_box_y(), box.height
        blocks = list(_flow_boxes(previous._page_box))
        if not blocks:
            continue
        last = max(blocks, key=lambda b: b.position_y + b.margin_height())
        gap = top + height - (last.position_y + last.margin_height())
        if gap < STRANDED_GAP * height:
            continue
        for figure in _flow_boxes(box):
            if figure.element_tag != "figure" or figure.position_y > top + 1:
                continue
            # Only a figure pushed off its own text: the box that ends the page before is the
            # element just before it (a new article's page break is meant).
            if before.get(id(figure.element)) is last.element and id(figure.element) in order:
                found.append(order[id(figure.element)])
    return found


def _flow_boxes(page_box):
    for box in page_box.descendants():
        if type(box).__name__ == "BlockBox" and getattr(box, "element_tag", None) in _FLOW_TAGS \
                and box.element is not None:
            yield box


def defer_figures(edition: Edition, positions: Sequence[int], shown: Callable[[Figure], bool]) -> Edition:
    """``edition`` with the figures at ``positions`` (counted over the figures ``shown`` in
    the book) moved past the text block that follows each."""
    wanted = set(positions)
    count = 0
    sections = []
    for section in edition.sections:
        articles = []
        for article in section.articles:
            blocks = list(article.blocks)
            index = 0
            while index < len(blocks):
                block = blocks[index]
                if isinstance(block, Figure) and shown(block):
                    if count in wanted and index + 1 < len(blocks) and isinstance(blocks[index + 1], _TEXT_BLOCKS):
                        blocks[index], blocks[index + 1] = blocks[index + 1], block
                        index += 1
                    count += 1
                index += 1
            articles.append(article.with_blocks(tuple(blocks)))
        sections.append(Section(section.title, tuple(articles)))
    return replace(edition, sections=tuple(sections))



