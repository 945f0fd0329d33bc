"""Article -> the `extract` command's formats: json/jsonl (the contract in shared/eval/README.md),
plain text and Markdown. Pure functions of the model; the CLI decides where they go."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import BLOCK_TYPES, Article, plain_text, Block, CodeBlock, Figure, Heading, ListBlock, Notes, Quote, Table
from .extract_form import (code_to_markdown, inlines_to_json, inlines_to_markdown, notes_to_json,
                           notes_to_markdown, notes_to_text, table_to_json, table_to_markdown, table_to_text)
from .locale import display_date


def block_to_dict(block: Block) -> dict:
    """The block as the contract gives it; a block with form adds it beside its plain ``text``."""
    out = _plain_dict(block)
    if getattr(block, "inlines", ()):
        out["inlines"] = inlines_to_json(block.inlines)
    return out


def _plain_dict(block: Block) -> dict:
    kind = BLOCK_TYPES[type(block)]
    if isinstance(block, Table):
        return table_to_json(block)
    if isinstance(block, Notes):
        return notes_to_json(block)
    if isinstance(block, CodeBlock):
        return {"type": kind, "text": block.text, "language": block.language}
    if isinstance(block, Figure):
        return {"type": kind, "src": block.src, "alt": block.alt, "caption": block.caption, "credit": block.credit}
    if isinstance(block, ListBlock):
        if block.entries:
            return {"type": kind, "ordered": block.ordered, "items": list(block.items),
                    "entries": [_entry_dict(e) for e in block.entries]}
        return {"type": kind, "ordered": block.ordered, "items": list(block.items)}
    if isinstance(block, Heading):
        return {"type": kind, "level": block.level, "text": block.text}
    if isinstance(block, Quote):
        if not block.attribution:
            return {"type": kind, "text": block.text}
        # "text" is the quote as printed, attribution line included (consumers that read only
        # "text" still get all the visible story text); "attribution" gives it apart.
        return {"type": kind, "text": f"{block.text}\n— {block.attribution}", "attribution": block.attribution}
    return {"type": kind, "text": block.text}


def _entry_dict(entry) -> dict:
    return {"inlines": inlines_to_json(entry.inlines), "blocks": [block_to_dict(b) for b in entry.blocks]}


def article_to_dict(article: Article) -> dict:
    return {
        "source": article.source,
        "title": article.title,
        "byline": article.byline,
        "date": article.date,
        "site_name": article.site_name,
        "language": article.language,
        "url": article.url,
        "description": article.description,
        "blocks": [block_to_dict(b) for b in article.blocks],
    }


def error_to_dict(source: str, message: str) -> dict:
    return {"source": source, "error": message}


#: Characters json.dumps leaves raw (it escapes only those below U+0020) that line readers
#: (Python's str.splitlines) take for a line end: a verbatim code block may hold them, and one
#: JSON line must stay one line.
_LINE_ENDS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def to_json(obj, *, pretty: bool) -> str:
    if pretty:
        return json.dumps(obj, ensure_ascii=False, indent=2).translate(_LINE_ENDS)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).translate(_LINE_ENDS)


def _figure_text(fig: Figure) -> str | None:
    """What stands for a figure in plain text: its caption and credit, else its alt text;
    None for a figure with neither (an empty "[Figure: ]" says nothing)."""
    words = " ".join(x for x in (fig.caption.strip(), f"({fig.credit.strip()})" if (fig.credit or "").strip() else "") if x)
    words = words or " ".join(fig.alt.split())
    return f"[Figure: {words}]" if words else None


def _figure_markdown(fig: Figure) -> str | None:
    """A figure as CommonMark: the image alone in its paragraph (pandoc reads it as a figure),
    the caption and credit in italics in the paragraph below."""
    note = " ".join(x for x in (" ".join(fig.caption.split()),
                                f"({' '.join(fig.credit.split())})" if (fig.credit or "").strip() else "") if x)
    parts = []
    if fig.src:
        parts.append(f"![{_md_inline(fig.alt or fig.caption)}]({_md_destination(fig.src)})")
    if note:
        parts.append(f"*{_md_inline(note)}*")
    return "\n\n".join(parts) or None


#: ASCII punctuation CommonMark gives a meaning to inside a line; a backslash makes each literal.
_MD_INLINE_SPECIAL = frozenset("\\`*_[]<>&!|~")

#: A line opening with one of these would start a heading, quote, list or rule ("2024. A
#: year" an ordered list): the mark gets a backslash.
_MD_BLOCK_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")


def _md_escape(text: str) -> str:
    """Words made literal in CommonMark, spaces as they are."""
    return "".join("\\" + ch if ch in _MD_INLINE_SPECIAL else ch for ch in text)


def _md_inline(text: str) -> str:
    """``text`` as one line of CommonMark that reads back as the same text."""
    return _md_line_start(_md_escape(" ".join(text.split())))


def _md_runs(block) -> str:
    """A block's words as Markdown: its marks when it has them, else its plain text."""
    if getattr(block, "inlines", ()):
        return _md_line_start(inlines_to_markdown(block.inlines, _md_escape))
    return _md_inline(block.text)


def _md_line_start(escaped: str) -> str:
    """A line that would open a heading, quote or list gets a backslash before its mark."""
    match = _MD_BLOCK_START.match(escaped)
    if not match:
        return escaped
    if match.group(1)[0].isdigit():
        return f"{match.group(1)}\\{escaped[match.end()]}{escaped[match.end() + 1:]}"
    return "\\" + escaped


def _md_destination(src: str) -> str:
    """A link destination CommonMark and pandoc read back whole: in <...> when it has spaces
    or parentheses."""
    if any(ch in src for ch in " ()<>\n"):
        return "<" + src.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"
    return src


def _head_lines(article: Article, markdown: bool) -> list[str]:
    date = display_date(article.date, article.language)
    meta = " · ".join(x for x in (article.byline, date, article.site_name) if x)
    lines = []
    if article.title:
        lines.append(f"# {_md_inline(article.title)}" if markdown else article.title)
    if meta:
        lines.append(f"*{_md_inline(meta)}*" if markdown else meta)
    if article.url:
        lines.append(f"<{article.url}>" if markdown and " " not in article.url else article.url)
    return lines


def to_text(article: Article) -> str:
    """Readable plain text: head (the date as the article's language writes it), then one
    block a paragraph; a figure with neither caption, credit nor alt text is left out."""
    parts = _head_lines(article, markdown=False)
    for block in article.blocks:
        if isinstance(block, Figure):
            line = _figure_text(block)
            if line:
                parts.append(line)
        elif isinstance(block, ListBlock):
            parts.append(_text_list(block, 0))
        elif isinstance(block, Table):
            parts.append(table_to_text(block))
        elif isinstance(block, Notes):
            parts.append(notes_to_text(block))
        elif isinstance(block, Quote):
            parts.append(f"“{block.text}”" + (f" — {block.attribution}" if block.attribution else ""))
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def to_markdown(article: Article) -> str:
    """CommonMark that pandoc reads back: '#' title, '##' subheadings, '>' quotes, lists,
    images as ``![alt](src)`` with their caption below."""
    parts = _head_lines(article, markdown=True)
    for block in article.blocks:
        if isinstance(block, Figure):
            figure = _figure_markdown(block)
            if figure:
                parts.append(figure)
        elif isinstance(block, Heading):
            parts.append("#" * max(2, min(block.level, 6)) + " " + _md_runs(block))
        elif isinstance(block, ListBlock):
            parts.append(_md_list(block, 0))
        elif isinstance(block, Table):
            parts.append(table_to_markdown(block, _md_escape))
        elif isinstance(block, CodeBlock):
            parts.append(code_to_markdown(block.text, block.language))
        elif isinstance(block, Notes):
            parts.append(notes_to_markdown(block, _md_escape))
        elif isinstance(block, Quote):
            parts.append("> " + _md_runs(block)
                         + (f"\n>\n> — {_md_inline(block.attribution)}" if block.attribution else ""))
        elif block.text.strip():
            parts.append(_md_runs(block))
    return "\n\n".join(parts) + "\n"


#: Spaces a nested list is indented by, per level (CommonMark: past the parent's marker).
LIST_INDENT = 4


def _md_list(block: ListBlock, depth: int) -> str:
    """A list with its nesting; items without form print their plain text."""
    pad = " " * (LIST_INDENT * depth)
    lines = []
    if not block.entries:
        return "\n".join(f"{pad}{i}. {_md_inline(t)}" if block.ordered else f"{pad}- {_md_inline(t)}"
                         for i, t in enumerate(block.items, 1))
    for i, entry in enumerate(block.entries, 1):
        mark = f"{i}." if block.ordered else "-"
        lines.append(f"{pad}{mark} {_md_line_start(inlines_to_markdown(entry.inlines, _md_escape))}")
        lines += [_md_list(b, depth + 1) for b in entry.blocks if isinstance(b, ListBlock)]
    return "\n".join(lines)


def _text_list(block: ListBlock, depth: int) -> str:
    pad = "  " * depth
    if not block.entries:
        return "\n".join(f"{pad}{i}. {t}" if block.ordered else f"{pad}- {t}" for i, t in enumerate(block.items, 1))
    lines = []
    for i, entry in enumerate(block.entries, 1):
        words = " ".join(plain_text(entry.inlines).split())
        lines.append(f"{pad}{i}. {words}" if block.ordered else f"{pad}- {words}")
        lines += [_text_list(b, depth + 1) for b in entry.blocks if isinstance(b, ListBlock)]
    return "\n".join(lines)


# ---- The `extract` formats: what each input's reading becomes, and what ends the output ----


@dataclass(frozen=True)
class Extractor:
    """How one ``extract`` format writes: ``each(doc, article, source, many)`` is the text of
    one input as it is read (None: nothing; ``article`` is None when the input failed and
    ``doc`` is its error); ``end(docs, many)``, when a format has one, the text after the last
    input, of every input's doc (a format without one streams and keeps nothing)."""

    each: Callable[[dict, Article | None, str, bool], str | None]
    end: Callable[[list[dict], bool], str] | None = None


def _readable(write: Callable[[Article], str]) -> Callable[[dict, Article | None, str, bool], str | None]:
    """Text or Markdown of each article read; several inputs each under a line naming it."""
    def each(doc: dict, article: Article | None, source: str, many: bool) -> str | None:
        if article is None:
            return None
        return f"{'=' * 8} {source}\n{write(article)}" if many else write(article)
    return each


EXTRACTORS: dict[str, Extractor] = {
    # one object (an array for several inputs), when all are read
    "json": Extractor(lambda doc, article, source, many: None,
                      lambda docs, many: to_json(docs if many else docs[0], pretty=True)),
    # one object a line, as each input is read: a stream a pipe can start on
    "jsonl": Extractor(lambda doc, article, source, many: to_json(doc, pretty=False)),
    "text": Extractor(_readable(to_text)),
    "markdown": Extractor(_readable(to_markdown)),
}
