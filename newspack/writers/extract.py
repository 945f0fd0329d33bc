"""Article -> the `extract` command's formats: json/jsonl (the contract in shared/eval/README.md),
plain text and Markdown. Pure functions of the model; the CLI decides where they go."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import BLOCK_TYPES, Article, Block, Figure, Heading, ListBlock, Quote
from .locale import display_date


def block_to_dict(block: Block) -> dict:
    kind = BLOCK_TYPES[type(block)]
    if isinstance(block, Figure):
        return {"type": kind, "src": block.src, "alt": block.alt, "caption": block.caption, "credit": block.credit}
    if isinstance(block, ListBlock):
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


def to_json(obj, *, pretty: bool) -> str:
    if pretty:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


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


def _md_inline(text: str) -> str:
    """``text`` as one line of CommonMark that reads back as the same text."""
    text = " ".join(text.split())
    escaped = "".join("\\" + ch if ch in _MD_INLINE_SPECIAL else ch for ch in text)
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
            parts.append("\n".join(f"{i}. {t}" if block.ordered else f"- {t}" for i, t in enumerate(block.items, 1)))
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
            parts.append("#" * max(2, min(block.level, 6)) + " " + _md_inline(block.text))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(f"{i}. {_md_inline(t)}" if block.ordered else f"- {_md_inline(t)}"
                                   for i, t in enumerate(block.items, 1)))
        elif isinstance(block, Quote):
            parts.append("> " + _md_inline(block.text)
                         + (f"\n>\n> — {_md_inline(block.attribution)}" if block.attribution else ""))
        elif block.text.strip():
            parts.append(_md_inline(block.text))
    return "\n\n".join(parts) + "\n"


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
