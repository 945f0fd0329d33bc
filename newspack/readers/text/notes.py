"""Notes in scraped text: bracketed markers in the story ("...the audit.[1]") and the notes a
scrape prints after it ("1. The figures are provisional." or "[1] The figures...").

Only the unambiguous shape is read: every note numbered 1..n in order at the story's end, and
every number marked in brackets in the story above. The blocks' plain text stays as the rules
judged it; the markers gain a note reference, the note lines become the article's notes.
"""
from __future__ import annotations

import re

from ...model import Block, ListBlock, Note, NoteRef, Notes, Paragraph, Text

#: A note line: its number ("1." "1)" "[1]"), then its words.
_NOTE_LINE = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+(\S.*)$")
#: A marker in the story: a number in brackets glued to the word or punctuation before it.
_MARKER = re.compile(r"(?<=\S)\[(\d{1,3})\]")


def _note_lines(blocks: list[Block]) -> tuple[int, list[tuple[str, str]]]:
    """Where the trailing notes start and their (number, words), numbered 1..n."""
    found: list[tuple[str, str]] = []
    start = len(blocks)
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        texts = block.items if isinstance(block, ListBlock) else (block.text,) if isinstance(block, Paragraph) else ()
        matches = [_NOTE_LINE.match(t) for t in texts]
        if not texts or not all(matches):
            break
        found = [(m.group(1) or m.group(2), m.group(3)) for m in matches] + found
        start = index
    numbers = [int(n) for n, _ in found]
    return (start, found) if numbers and numbers == list(range(1, len(numbers) + 1)) else (len(blocks), [])


def _with_refs(block: Paragraph, known: set[str]) -> Paragraph:
    runs: list = []
    at = 0
    for match in _MARKER.finditer(block.text):
        if match.group(1) in known:
            runs += [Text(block.text[at:match.start()]), NoteRef(f"note-{match.group(1)}", match.group(1))]
            at = match.end()
    if not runs:
        return block
    return Paragraph(block.text, tuple(runs) + ((Text(block.text[at:]),) if at < len(block.text) else ()))


def attach_notes(blocks: list[Block]) -> list[Block]:
    """``blocks`` with trailing numbered notes as a Notes block when the story marks each one."""
    start, found = _note_lines(blocks)
    if not found:
        return blocks
    story = blocks[:start]
    marked = {m.group(1) for b in story if isinstance(b, Paragraph) for m in _MARKER.finditer(b.text)}
    if not {n for n, _ in found} <= marked:
        return blocks
    known = {n for n, _ in found}
    story = [_with_refs(b, known) if isinstance(b, Paragraph) else b for b in story]
    return story + [Notes(tuple(Note(f"note-{n}", n, (Text(words),)) for n, words in found))]
