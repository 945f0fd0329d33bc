"""Readers: decoded input text -> :class:`newspack.model.Article`.

The table maps the format names users type (``--input-format``) to reader functions; adding
a format touches one module and one entry here.
"""
from __future__ import annotations

import re
from typing import Callable

from ..model import Article
from .tuning import DEFAULT, Tuning

#: How far into the input we look for markup when sniffing: a page's first tags are near the top.
SNIFF_CHARS = 4096
_MARKUP = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<article[\s>]|<p[\s>]|<div[\s>]",
    re.IGNORECASE,
)


def _read_html(text: str, *, source: str, url: str | None, rules=None, tuning: Tuning = DEFAULT) -> Article:
    from .html.reader import read_html

    return read_html(text, source=source, url=url, rules=rules, tuning=tuning)


def _read_text(text: str, *, source: str, url: str | None, rules=None, tuning: Tuning = DEFAULT) -> Article:
    from .text.reader import read_text

    # site rules are CSS selectors: plain text has no elements for them to match
    return read_text(text, source=source, url=url, tuning=tuning)


READERS: dict[str, Callable[..., Article]] = {"html": _read_html, "text": _read_text}


#: Tags only a whole page has: a scraped text that quotes markup (a code sample, an ad's snippet
#: left in) holds ``<div>`` or ``<p>`` but seldom these.
_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]", re.IGNORECASE)


def detect_format(text: str, hint: str | None = None) -> str:
    """'html' when the input opens with markup, or its start holds markup and a page's own tags;
    else 'text' (a text quoting a few tags is still text). With ``hint`` 'text' (a file named
    *.txt), only a file that opens with markup is HTML: a scrape may quote a whole page in a code
    sample."""
    head = text[:SNIFF_CHARS]
    opens = head.lstrip().startswith("<")
    if opens and _MARKUP.search(head):
        return "html"
    if hint == "text":
        return "text"
    return "html" if len(_MARKUP.findall(head)) >= 2 and (opens or _DOCUMENT.search(head)) else "text"


def read_document(text: str, *, source: str = "", input_format: str | None = None, url: str | None = None,
                  rules=None, format_hint: str | None = None, tuning: Tuning = DEFAULT) -> Article:
    """Read one decoded input into an Article; ``input_format`` None means sniff it (``format_hint``:
    what the input's name says, see :func:`detect_format`).

    ``rules`` are site rules (:class:`newspack.rules.SiteRules`) for the HTML reader; ``tuning``
    the readers' thresholds and switched-off rules (:class:`newspack.readers.tuning.Tuning`).
    """
    fmt = input_format or detect_format(text, format_hint)
    return READERS[fmt](text, source=source, url=url, rules=rules, tuning=tuning)
