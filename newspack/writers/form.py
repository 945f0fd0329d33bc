"""The story's form as template values: inline runs, tables, code, nested lists, notes.

Every value here is data for the autoescaping templates (``styles/blocks.j2``); no markup is
made in Python. Links keep only http, https and mailto; a note reference points at the note
by an id unique in the book (the article's anchor, then the note's position).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from ..model import (Code, Emph, Inline, LineBreak, Link, ListBlock, NoteRef, Notes, Strong, Subscript,
                     Superscript, Table, Text)

#: The word each inline goes by in the templates.
INLINE_KINDS = {Emph: "em", Strong: "strong", Superscript: "sup", Subscript: "sub", Link: "link"}
#: Schemes a link in the story may keep; any other prints as its words.
STORY_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: Characters left as they are when a link is percent-encoded (RFC 3986 reserved + unreserved).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def story_link(href: str) -> str | None:
    """``href`` percent-encoded when it is an absolute http(s) or mailto link, else None."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in STORY_LINK_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return quote(href.strip(), safe=_URL_SAFE)


@dataclass
class NoteLinks:
    """An article's notes as the book links them: its anchor, each note's position (from 1),
    and the notes whose first marker has been printed (only that one gets the id a note's
    link back points at: ids are unique)."""

    prefix: str
    ids: dict[str, int]
    seen: set = field(default_factory=set)

    def anchor(self, note_id: str) -> str:
        return f"{self.prefix}-note-{self.ids.get(note_id, 0)}"


def runs_view(inlines: tuple[Inline, ...], links: NoteLinks) -> list[dict]:
    """Inlines as nested template values; whitespace runs become one space."""
    out: list[dict] = []
    for node in inlines:
        if isinstance(node, Text):
            text = " ".join(node.text.split())
            text = (" " if node.text[:1].isspace() else "") + text + (" " if text and node.text[-1:].isspace() else "")
            if text:
                out.append({"kind": "text", "text": text})
        elif isinstance(node, Code):
            out.append({"kind": "code", "text": node.text})
        elif isinstance(node, LineBreak):
            out.append({"kind": "br"})
        elif isinstance(node, NoteRef):
            if node.note in links.ids:
                anchor = links.anchor(node.note)
                first = node.note not in links.seen
                links.seen.add(node.note)
                out.append({"kind": "noteref", "label": node.label, "href": "#" + anchor,
                            "id": anchor + "-ref" if first else None})
            else:
                out.append({"kind": "sup", "children": [{"kind": "text", "text": node.label}]})
        else:
            children = runs_view(node.children, links)
            href = story_link(node.href) if isinstance(node, Link) else None
            if isinstance(node, Link) and not href:
                out.extend(children)
            else:
                out.append({"kind": INLINE_KINDS[type(node)], "children": children, "href": href})
    return out


def note_ids(blocks) -> dict[str, int]:
    """Each note's position in the article (from 1): the book-wide anchors use it."""
    ids: dict[str, int] = {}
    for block in blocks:
        if isinstance(block, Notes):
            for note in block.notes:
                ids.setdefault(note.id, len(ids) + 1)
    return ids


def table_view(table: Table, links: NoteLinks) -> dict:
    def rows(group):
        return [[{"runs": runs_view(c.inlines, links), "header": c.header,
                  "colspan": c.colspan, "rowspan": c.rowspan} for c in row] for row in group]
    width = max((sum(c.colspan for c in row) for row in table.rows), default=0)
    return {"kind": "table", "caption": runs_view(table.caption, links),
            "head": rows(table.head), "body": rows(table.body), "wide": width > WIDE_TABLE_COLUMNS}


#: A table with more columns than this is set in a smaller type so that it fits the page.
WIDE_TABLE_COLUMNS = 6


def list_view(block: ListBlock, links: NoteLinks, typeset) -> dict:
    """A list with its nesting: each entry's runs, then its nested lists."""
    if not block.entries:
        return {"kind": "list", "ordered": block.ordered,
                "entries": [{"runs": [{"kind": "text", "text": typeset(i)}], "lists": []}
                            for i in block.items if i.strip()]}
    entries = []
    for item in block.entries:
        lists = [list_view(b, links, typeset) for b in item.blocks if isinstance(b, ListBlock)]
        entries.append({"runs": runs_view(item.inlines, links), "lists": lists})
    return {"kind": "list", "ordered": block.ordered, "entries": entries}


def notes_view(block: Notes, links: NoteLinks) -> dict:
    """The notes, each with the way back to its first marker (when one was printed)."""
    return {"kind": "notes", "notes": [
        {"id": links.anchor(n.id), "back": "#" + links.anchor(n.id) + "-ref" if n.id in links.seen else None,
         "label": n.label, "runs": runs_view(n.inlines, links)} for n in block.notes]}
