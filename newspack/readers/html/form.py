"""The story's form put back once the boilerplate rules have chosen its blocks.

The rules judge plain text (each block's ``text``, a table row by row, code with its spaces
folded), so what they see is the same with or without form. This step runs on the blocks they
kept, with the element each came from: inline marks and links for paragraphs, headings, quotes
and list items (only when the marks' words are the block's words), a data table's rows back
into one table, ``<pre>`` verbatim, nested lists, and the notes the story's markers point at.
"""
from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from ...model import (Block, CodeBlock, Figure, Heading, ListBlock, ListItem, Note, Notes, Paragraph,
                      Quote, Text, plain_text)
from .dom import text_of
from .inline import Context, has_marks, inlines_of, marked
from .notes import Refs, find_refs, note_id
from .tables import is_data_table, owner_table, read_table

#: Lists nested deeper than this inside an item print as the item's words.
MAX_LIST_DEPTH = 4
#: A class naming a code block's language: ``language-python``, ``lang-js``.
_LANGUAGE_CLASS = re.compile(r"\b(?:language|lang)-([A-Za-z0-9_+#.-]{1,30})\b")


def restore_form(kept: list[tuple[Block, object]], base: str | None) -> list[Block]:
    """The kept blocks with their form (see the module docstring)."""
    elements = [el for _, el in kept if el is not None]
    refs = find_refs(elements) if elements else Refs({}, frozenset())
    notes = {}
    for block, el in kept if refs.labels else ():  # most stories have no in-page link at all
        target = note_id(el, refs) if el is not None and isinstance(block, (Paragraph, ListBlock)) else None
        if target or (el is not None and isinstance(block, ListBlock) and _notes_list(el, refs)):
            notes[el] = target
    labels = {t: refs.labels[t] for t in _targets(notes, refs)}
    ctx = Context(base=base, notes=labels, drop=refs.marker_ids)
    out: list[Block] = []
    data_tables: dict = {}  # table -> whether it holds data; asked once per table, not per row
    tables_done: set = set()
    for block, el in kept:
        if el is None or isinstance(block, Figure):
            out.append(block)
        elif el in notes:
            _add_notes(out, _notes_of(el, notes[el], refs, ctx))
        elif el.tag == "tr":
            table = owner_table(el)
            if table is not None and table not in data_tables:
                data_tables[table] = is_data_table(table)
            if table is None or not data_tables[table]:
                out.append(block)
            elif table not in tables_done:
                tables_done.add(table)
                out.append(read_table(table, ctx) or block)
        else:
            out.append(_with_form(block, el, ctx))
    return out


def _targets(notes: dict, refs: Refs) -> list[str]:
    found = [t for t in notes.values() if t]
    for el in notes:
        found += [i for li in el if li.tag == "li" for i in [note_id(li, refs)] if i]
    return found


def _notes_list(el, refs: Refs) -> bool:
    """A list whose items are notes: at least one item is a marker's target."""
    return el.tag in ("ol", "ul") and any(li.tag == "li" and note_id(li, refs) for li in el)


#: What a note's link back leaves at its start once dropped: "(1) Text" -> "() Text".
_BACKLINK_RESIDUE = re.compile(r"^[\s()\[\].:,^*-]+(?=\w|$)")


def _note_runs(el, ctx: Context) -> tuple:
    """A note's words without its link back, nor the brackets that held the link."""
    runs = inlines_of(el, ctx)
    if runs and isinstance(runs[0], Text):
        first = _BACKLINK_RESIDUE.sub("", runs[0].text)
        runs = ((Text(first),) if first else ()) + runs[1:]
    return runs


def _notes_of(el, target: str | None, refs: Refs, ctx: Context) -> list[Note]:
    if target:  # a paragraph that is one note
        return [Note(target, refs.labels[target], _note_runs(el, ctx))]
    found = []
    for number, li in enumerate((li for li in el if li.tag == "li"), 1):
        ident = note_id(li, refs)
        runs = _note_runs(li, ctx)
        if plain_text(runs):
            found.append(Note(ident or f"note-{number}", refs.labels.get(ident, str(number)), runs))
    return found


def _add_notes(out: list[Block], found: list[Note]) -> None:
    """Notes printed one after another make one Notes block."""
    if out and isinstance(out[-1], Notes):
        out[-1] = Notes(out[-1].notes + tuple(found))
    elif found:
        out.append(Notes(tuple(found)))


def _same_words(runs, text: str) -> bool:
    """The marks' words are the block's words (spaces aside): a block the rules judged on other
    words (an edit link cut from a heading, a figure's text left out) keeps its plain text."""
    return "".join(plain_text(runs).split()) == "".join(text.split())


def _with_form(block: Block, el, ctx: Context) -> Block:
    if el.tag == "pre" and isinstance(block, Paragraph):
        return _code(el)
    if isinstance(block, ListBlock) and el.tag in ("ul", "ol"):
        entries = _entries(el, block.items, ctx, 1)
        return replace(block, entries=entries) if entries else block
    if isinstance(block, (Paragraph, Heading, Quote)) and has_marks(el):
        skip = set(el.iter("cite", "footer", "figcaption")) if isinstance(block, Quote) else ()
        runs = inlines_of(el, ctx, skip)
        if marked(runs) and _same_words(runs, block.text):
            return replace(block, inlines=runs)
    return block


def _code(el) -> CodeBlock:
    """``<pre>`` verbatim: line breaks and indents kept, blank edges trimmed."""
    parts = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start" and isinstance(node.tag, str):
            parts.append("\n" if node.tag == "br" else node.text or "")
        elif event == "end" and node is not el:
            parts.append(node.tail or "")
    text = "".join(parts).replace("\r\n", "\n").strip("\n").rstrip()
    found = _LANGUAGE_CLASS.search(" ".join(n.get("class") or "" for n in el.iter() if isinstance(n.tag, str)))
    return CodeBlock(text, found.group(1).lower() if found else None)


def _entries(el, items: tuple[str, ...], ctx: Context, depth: int) -> tuple[ListItem, ...]:
    """The list's items with their marks and nested lists; () when they do not line up with
    the plain items the rules kept (an item dropped as boilerplate)."""
    lis = [li for li in el if li.tag == "li" and text_of(li)]
    if depth > MAX_LIST_DEPTH or not any(has_marks(li) or li.find(".//li") is not None for li in lis):
        return ()
    kept = [li for li in lis if text_of(li) in set(items)]
    if len(kept) != len(items):
        return ()
    entries = []
    for li in kept:
        nested = [d for d in li.iter("ul", "ol") if d is not li and _outer_list(d, li)]
        runs = inlines_of(li, ctx, set(nested))
        blocks = []
        for sub in nested:
            sub_items = tuple(t for t in (text_of(x) for x in sub if x.tag == "li") if t)
            if sub_items:
                blocks.append(ListBlock(sub_items, sub.tag == "ol", _entries(sub, sub_items, ctx, depth + 1)))
        entries.append(ListItem(runs, tuple(blocks)))
    return tuple(entries)


def _outer_list(sub, li) -> bool:
    """``sub`` is a list directly in ``li``, not inside another nested list."""
    node = sub.getparent()
    while node is not None and node is not li:
        if node.tag in ("ul", "ol", "li"):
            return False
        node = node.getparent()
    return node is li
