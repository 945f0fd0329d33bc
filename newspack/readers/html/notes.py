"""In-page footnotes and endnotes: markers (``<a href="#fn1">1</a>``) and the notes they point at.

A note is a list item or paragraph of the chosen story whose id (or the id of an anchor that
opens it, or of the box around it) a marker in the story links to. The notes are moved into
a :class:`~newspack.model.Notes` block where the page printed them; a marker becomes a
:class:`~newspack.model.NoteRef`; a note's link back to its marker ("↩") is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from .dom import text_of

#: A note's marker is short ("1", "[12]", "*", "iv"): longer link text to an anchor is a
#: table-of-contents link, not a note.
MAX_MARKER_CHARS = 6


@dataclass(frozen=True)
class Refs:
    """The story's in-page links: anchor id -> marker label, and the markers' own ids."""

    labels: dict
    marker_ids: frozenset


def find_refs(elements) -> Refs:
    """Every short in-page link under the story's elements, in document order: a link to a
    marker met before it is that marker's note linking back."""
    labels: dict[str, str] = {}
    marker_ids: set[str] = set()
    for el in elements:
        for a in el.iter("a"):
            href = (a.get("href") or "").strip()
            label = text_of(a).strip("[]() ")
            if not href.startswith("#") or len(href) < 2 or not label or len(label) > MAX_MARKER_CHARS:
                continue
            if href[1:] in marker_ids:
                continue  # a note's link back to a marker printed above: not a marker itself
            labels.setdefault(href[1:], label)
            parent = a.getparent()
            for node in (a, parent if parent is not None and parent.tag == "sup" else None):
                if node is not None and node.get("id"):
                    marker_ids.add(node.get("id"))
    return Refs(labels, frozenset(marker_ids))


def note_id(el, refs: Refs) -> str | None:
    """The anchor id by which a marker reaches ``el``: its own, its first anchor's, its box's."""
    candidates = [el.get("id")]
    first = next((d for d in el.iter() if d is not el and (d.get("id") or d.get("name"))), None)
    if first is not None:
        candidates += [first.get("id"), first.get("name")]
    parent = el.getparent()
    if parent is not None and parent.tag in ("div", "section", "aside") and len(parent) == 1:
        candidates.append(parent.get("id"))
    return next((c for c in candidates if c and c in refs.labels and c not in refs.marker_ids), None)
