"""An element's words with their form: typed inline runs (model.Text, Emph, Link...).

The walk is iterative (lxml's ``iterwalk``), so a page nesting spans 100,000 deep cannot
overflow the stack. Marks deeper than ``MAX_MARK_DEPTH`` keep their words and lose the mark.
Links are resolved against the page's base; a script or data: link keeps its words only; a
link to an anchor on the page becomes a note reference when the anchor is a note's.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
import itertools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from ...model import (Code, inline_text, Emph, Inline, LineBreak, Link, NoteRef, Strong, Subscript,
                      Superscript, Text)
from .dom import resolve_url

#: Tags that mark words, and the inline each becomes. <i>/<b> are kept: pages use them for
#: emphasis as often as <em>/<strong>.
MARKS = {
    "em": Emph, "i": Emph, "strong": Strong, "b": Strong, "a": Link,
    "sup": Superscript, "sub": Subscript, "code": Code, "kbd": Code, "samp": Code, "tt": Code,
}
#: Marks nested deeper than this keep their words and lose the mark (bounds writers' work).
MAX_MARK_DEPTH = 6
#: Link schemes kept; anything else (javascript:, data:, file:) keeps only its words.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: Characters the plain view of a page drops (as dom.clean_text does).
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")


@dataclass(frozen=True)
class Context:
    """Where links resolve, and which in-page anchors are notes (id -> marker label)."""

    base: str | None = None
    notes: Mapping[str, str] = field(default_factory=dict)
    #: In-page anchors whose links are dropped with their words (a note's link back).
    drop: Collection[str] = ()


def has_marks(el) -> bool:
    """Whether ``el`` holds any mark or line break: the rest print as their plain text."""
    return any(d is not el for d in itertools.islice(el.iter(*MARKS, "br"), 2))


def inlines_of(el, ctx: Context, skip: Collection = ()) -> tuple[Inline, ...]:
    """The inlines of ``el``'s content (its own tag is not a mark), leaving out ``skip``."""
    frames: list[tuple[object, list]] = [(None, [])]  # (element that opened it, children)
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if event == "start":
            if not isinstance(tag, str):
                continue
            if node is not el and (node in skip or (tag == "a" and ctx.drop and _dropped(node, ctx))):
                walker.skip_subtree()  # its end event still comes, and adds its tail
                continue
            if tag in MARKS and node is not el and len(frames) <= MAX_MARK_DEPTH:
                frames.append((node, []))
            elif tag == "br":
                frames[-1][1].append(LineBreak())
            if node.text:
                _add_text(frames[-1][1], node.text)
            continue
        if frames[-1][0] is node:  # the frame this mark opened (frames nest as elements do)
            _, children = frames.pop()
            frames[-1][1].extend(_made(node, tuple(children), ctx))
        if node is not el and node.tail:
            _add_text(frames[-1][1], node.tail)
    return _unwrap_whole(tuple(frames[0][1]))


def _dropped(node, ctx: Context) -> bool:
    href = (node.get("href") or "").strip()
    return href.startswith("#") and href[1:] in ctx.drop


def _add_text(out: list, text: str | None) -> None:
    if text:
        # any whitespace run (NBSP, line separators) is one space, as in the plain view
        text = text.translate(_INVISIBLE)
        words = " ".join(text.split())
        text = (" " if text[:1].isspace() else "") + words + (" " if words and text[-1:].isspace() else "")
        if out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + text)
        elif text:
            out.append(Text(text))


def _made(node, children: tuple[Inline, ...], ctx: Context) -> tuple[Inline, ...]:
    """The inline ``node`` makes of its ``children``; its bare children when it marks nothing."""
    kind = MARKS[node.tag]
    if not any(not isinstance(c, Text) or c.text.strip() for c in children):
        return children
    if kind is Code:
        return (Code(_flat(children)),)
    if kind is Link:
        return _link(node, children, ctx)
    if kind is Superscript and len(children) == 1 and isinstance(children[0], NoteRef):
        return children  # <sup><a href="#fn1">1</a></sup>: the reference prints raised anyway
    return (kind(children),)


def _link(node, children: tuple[Inline, ...], ctx: Context) -> tuple[Inline, ...]:
    href = (node.get("href") or "").strip()
    if href.startswith("#"):
        label = _flat(children).strip().strip("[]()")
        if href[1:] in ctx.notes and label:
            return (NoteRef(href[1:], label),)
        return children  # an anchor of the page: its target is not in the book
    resolved = resolve_url(href, ctx.base)
    try:
        scheme = urlsplit(resolved).scheme.lower() if resolved else ""
    except ValueError:
        scheme = ""
    if scheme not in LINK_SCHEMES:
        return children
    return (Link(children, resolved),)


def _flat(children: tuple[Inline, ...]) -> str:
    """The words of ``children`` as they stand (spaces kept), for code and markers."""
    return inline_text(children, line_break="\n")


def _unwrap_whole(runs: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Emphasis or strong over a whole block is the page's styling, not a mark on words."""
    words = [r for r in runs if not (isinstance(r, Text) and not r.text.strip())]
    while len(words) == 1 and isinstance(words[0], (Emph, Strong)):
        runs = words[0].children
        words = [r for r in runs if not (isinstance(r, Text) and not r.text.strip())]
    return runs


def marked(runs: tuple[Inline, ...]) -> bool:
    """Whether ``runs`` carry any form beyond plain text."""
    return any(not isinstance(r, Text) for r in runs)

