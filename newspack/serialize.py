"""Article -> the `extract` command's formats: json/jsonl (the contract in shared/eval/README.md),
plain text and Markdown. Pure functions of the model; the CLI decides where they go."""
from __future__ import annotations

import json

from .model import BLOCK_TYPES, Article, Block, Figure, Heading, ListBlock, Quote


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


def _figure_line(fig: Figure, markdown: bool) -> str:
    credit = f" ({fig.credit})" if fig.credit else ""
    if markdown:
        image = f"![{_md_escape(fig.alt or fig.caption)}]({fig.src})\n\n" if fig.src else ""
        return f"{image}*{_md_escape(fig.caption)}{_md_escape(credit)}*" if (fig.caption or credit) else image.strip()
    return f"[Figure: {fig.caption}{credit}]"


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


def _head_lines(article: Article, markdown: bool) -> list[str]:
    meta = " · ".join(x for x in (article.byline, article.date, article.site_name) if x)
    lines = []
    if article.title:
        lines.append(f"# {_md_escape(article.title)}" if markdown else article.title)
    if meta:
        lines.append(f"*{_md_escape(meta)}*" if markdown else meta)
    if article.url:
        lines.append(f"<{article.url}>" if markdown else article.url)
    return lines


def to_text(article: Article) -> str:
    """Readable plain text: head, then one block a paragraph."""
    parts = _head_lines(article, markdown=False)
    for block in article.blocks:
        if isinstance(block, Figure):
            parts.append(_figure_line(block, markdown=False))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(f"{i}. {t}" if block.ordered else f"- {t}" for i, t in enumerate(block.items, 1)))
        elif isinstance(block, Quote):
            parts.append(f"“{block.text}”" + (f" — {block.attribution}" if block.attribution else ""))
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def to_markdown(article: Article) -> str:
    """CommonMark: '#' title, '##' subheadings, '>' quotes, lists, images with captions."""
    parts = _head_lines(article, markdown=True)
    for block in article.blocks:
        if isinstance(block, Figure):
            parts.append(_figure_line(block, markdown=True))
        elif isinstance(block, Heading):
            parts.append("#" * max(2, min(block.level, 6)) + " " + _md_escape(block.text))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(f"{i}. {_md_escape(t)}" if block.ordered else f"- {_md_escape(t)}" for i, t in enumerate(block.items, 1)))
        elif isinstance(block, Quote):
            parts.append("> " + _md_escape(block.text) + (f"\n>\n> — {_md_escape(block.attribution)}" if block.attribution else ""))
        else:
            parts.append(_md_escape(block.text))
    return "\n\n".join(parts) + "\n"
