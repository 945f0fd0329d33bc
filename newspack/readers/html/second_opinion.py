"""A second opinion on the story text from trafilatura, for pages where ours is weak.

trafilatura (Apache-2.0) is a well-kept extractor with its own fallback chain (its rules,
then readability-lxml and jusText). newspack asks it only when its own chain found little
story text (``html.is_weak``), so it costs nothing on the pages newspack reads well, and it is
imported only then: ``newspack --help`` and ordinary pages never load it. Only its text is
used; title, byline, date, figures, captions and credits stay newspack's own. When
trafilatura cannot be imported (a broken install), this step is skipped and a
:class:`~newspack.errors.NewspackWarning` says so, once a process.
"""
from __future__ import annotations

import warnings
from functools import lru_cache

import lxml.etree as etree

from ...model import Block, Heading, ListBlock, Paragraph, Quote
from ...errors import NewspackWarning
from .dom import clean_text


@lru_cache(maxsize=1)
def _trafilatura():
    try:
        import trafilatura
    except ImportError as exc:  # a dependency: only a broken install lacks it, and weak pages lose their fallback
        warnings.warn(NewspackWarning(
            f"trafilatura cannot be imported ({exc}): weak pages get no second opinion; "
            "reinstall newspack with pip to bring it back"), stacklevel=2)
        return None
    return trafilatura


def _blocks(xml: str) -> list[Block]:
    """trafilatura's XML (<p>, <head>, <list><item>, <quote>) as model blocks, in order."""
    try:
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return []
    main = root.find("main")
    out: list[Block] = []
    for el in (main if main is not None else root):
        text = clean_text("".join(el.itertext()))
        if el.tag == "p" and text:
            out.append(Paragraph(text))
        elif el.tag == "head" and text:
            level = (el.get("rend") or "h2").lstrip("h")
            out.append(Heading(text, level=max(2, min(6, int(level) if level.isdigit() else 2))))
        elif el.tag == "quote" and text:
            out.append(Quote(text=text, attribution=None))
        elif el.tag == "list":
            items = tuple(t for t in (clean_text("".join(i.itertext())) for i in el.iter("item")) if t)
            if items:
                out.append(ListBlock(items=items, ordered=(el.get("rend") or "").startswith("ol")))
    return out


def second_opinion(markup: str, url: str | None = None) -> list[Block]:
    """trafilatura's story blocks for ``markup`` (empty when it is not installed or finds none)."""
    trafilatura = _trafilatura()
    if trafilatura is None:
        return []
    try:
        xml = trafilatura.extract(markup, url=url, output_format="xml", favor_precision=True,
                                  include_comments=False, include_tables=True, include_images=False,
                                  with_metadata=False)
    except Exception:  # a second opinion that fails is no opinion; ours stands  # noqa: BLE001
        return []
    return _blocks(xml) if xml else []
