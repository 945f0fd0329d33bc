"""The story's form in the `extract` formats: inline runs and tables as JSON, Markdown (links,
emphasis, pipe tables, ``[^1]`` notes, fenced code: what ``pandoc -f markdown`` reads back) and
plain text (tables as aligned columns)."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..model import (Code, inline_text, Emph, Inline, LineBreak, Link, NoteRef, Notes, Strong, Subscript, Superscript,
                     Table, Text)
from .form import story_link

_INLINE_NAMES = {Emph: "emphasis", Strong: "strong", Superscript: "superscript", Subscript: "subscript"}


def inlines_to_json(runs: tuple[Inline, ...]) -> list:
    """Inlines as JSON: a string for plain words, an object for a mark."""
    out: list = []
    for node in runs:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Code):
            out.append({"type": "code", "text": node.text})
        elif isinstance(node, LineBreak):
            out.append({"type": "linebreak"})
        elif isinstance(node, NoteRef):
            out.append({"type": "noteref", "note": node.note, "label": node.label})
        elif isinstance(node, Link):
            out.append({"type": "link", "href": node.href, "content": inlines_to_json(node.children)})
        else:
            out.append({"type": _INLINE_NAMES[type(node)], "content": inlines_to_json(node.children)})
    return out


def table_to_json(table: Table) -> dict:
    def rows(group):
        return [[{"text": c.text, "header": c.header, "colspan": c.colspan, "rowspan": c.rowspan,
                  **({"inlines": inlines_to_json(c.inlines)} if any(not isinstance(r, Text) for r in c.inlines) else {})}
                 for c in row] for row in group]
    return {"type": "table", "text": table.text, "caption": " ".join(_words(table.caption).split()) or None,
            "head": rows(table.head), "rows": rows(table.body)}


def notes_to_json(block: Notes) -> dict:
    return {"type": "notes", "text": block.text,
            "notes": [{"id": n.id, "label": n.label, "text": n.text, "inlines": inlines_to_json(n.inlines)}
                      for n in block.notes]}


def _words(runs: tuple[Inline, ...]) -> str:
    return inline_text(runs)


# --- Markdown --------------------------------------------------------------------------------

_MD_MARKS = {Emph: ("*", "*"), Strong: ("**", "**"), Superscript: ("^", "^"), Subscript: ("~", "~")}


def note_key(label: str, note_id: str) -> str:
    """A footnote key pandoc accepts: the label's word characters, else the note's id."""
    key = "".join(ch for ch in label if ch.isalnum()) or "".join(ch for ch in note_id if ch.isalnum())
    return key or "note"


def inlines_to_markdown(runs: tuple[Inline, ...], escape: Callable[[str], str]) -> str:
    """Inlines as one line of Markdown; ``escape`` makes plain words literal."""
    out: list[str] = []
    for node in runs:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Code):
            text = " ".join(node.text.split())
            fence = "``" if "`" in text else "`"
            out.append(f"{fence} {text} {fence}" if fence == "``" else f"`{text}`")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
        elif isinstance(node, NoteRef):
            out.append(f"[^{note_key(node.label, node.note)}]")
        elif isinstance(node, Link):
            inner = inlines_to_markdown(node.children, escape)
            href = story_link(node.href)
            out.append(f"[{inner}](<{href}>)" if href and inner.strip() else inner)
        else:
            inner = inlines_to_markdown(node.children, escape).strip()
            if isinstance(node, (Superscript, Subscript)):
                inner = inner.replace(" ", "\\ ")
            opener, closer = _MD_MARKS[type(node)]
            out.append(f"{opener}{inner}{closer}" if inner else "")
    return _spaced("".join(out))


def _spaced(text: str) -> str:
    lines = text.split("\\\n")
    return "\\\n".join(" ".join(line.split()) for line in lines)


def table_to_markdown(table: Table, escape: Callable[[str], str]) -> str:
    """A pipe table (header row, then the body); spans print their cell once, then empty
    cells, so every row has the table's width. The caption follows as ``Table: ...``."""
    head = [_md_cells(r, escape) for r in table.head]
    body = [_md_cells(r, escape) for r in table.body]
    width = max((len(r) for r in head + body), default=0)
    header = head[0] if head else [""] * width
    rows = head[1:] + body
    lines = [_pipe(header, width), "|" + "|".join(["---"] * width) + "|"]
    lines += [_pipe(r, width) for r in rows]
    if table.caption:
        lines += ["", "Table: " + inlines_to_markdown(table.caption, escape)]
    return "\n".join(lines)


def _md_cells(row, escape) -> list[str]:
    cells: list[str] = []
    for c in row:
        cells.append(inlines_to_markdown(c.inlines, escape).replace("|", "\\|").replace("\\\n", " "))
        cells += [""] * (c.colspan - 1)
    return cells


def _pipe(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "| " + " | ".join(cells) + " |"


def code_to_markdown(text: str, language: str | None) -> str:
    """A fenced code block, the fence longer than any run of backticks inside."""
    longest = max((len(run) for run in text.split("\n") for run in _backtick_runs(run)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language or ''}\n{text}\n{fence}"


def _backtick_runs(line: str) -> list[str]:
    return [part for part in line.replace("`", "\0`\0").split("\0") if part] if "`" in line else []


def notes_to_markdown(block: Notes, escape: Callable[[str], str]) -> str:
    return "\n".join(f"[^{note_key(n.label, n.id)}]: {inlines_to_markdown(n.inlines, escape)}" for n in block.notes)


# --- Plain text ------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospace terminal: wide (CJK) characters take two,
    combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def table_to_text(table: Table) -> str:
    """The table as aligned columns, the header underlined; the caption above."""
    rows = [[c.text for c in row] for row in table.rows]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    sizes = [max(display_width(r[i]) for r in rows) for i in range(width)]
    lines = [" ".join(_cell_text(r[i], sizes[i]) for i in range(width)).rstrip() for r in rows]
    if table.head:
        lines.insert(len(table.head), " ".join("-" * s for s in sizes))
    if table.caption:
        lines.insert(0, " ".join(_words(table.caption).split()))
    return "\n".join(lines)


def _cell_text(text: str, size: int) -> str:
    return text + " " * (size - display_width(text))


def notes_to_text(block: Notes) -> str:
    return "\n".join(f"[{n.label}] {n.text}" for n in block.notes)
