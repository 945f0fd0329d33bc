"""The last pass over a standalone HTML book: whatever the templates printed, nothing in it runs.

The book's markup comes from autoescaping templates over the model, so no input can become
an element. The templates, though, are files a user may replace (``styles/`` in their
folder), and ``--to html`` is opened in a browser, where a stray ``<script>``, ``onload=``
or ``javascript:`` link would run. This pass finds such content with CSS selectors
(beautifulsoup4 and its soupsieve: the selector vocabulary of the site rules, over a
tolerant tree) and removes it. Markup with none of it - every book of the shipped templates
- comes back unchanged, byte for byte, so books stay reproducible; the parse runs once per
book, never in the readers.
"""
from __future__ import annotations

import re

#: Elements that run code, load another document, or take input.
ACTIVE_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
                   "form", "input", "button", "select", "textarea", "noscript", "meta[http-equiv=refresh i]")

#: Attributes whose value is a URL a browser may follow or load.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "background", "xlink:href")

#: URL schemes that run code or smuggle a document in: never a link or source in a book.
ACTIVE_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text/html|data:image/svg|data:application)", re.IGNORECASE)

_HANDLER = re.compile(r"^on", re.IGNORECASE)


def inert_html(markup: str) -> str:
    """``markup`` without active elements, ``on*`` handlers or script URLs; unchanged when it
    has none."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    changed = False
    for element in soup.select(", ".join(ACTIVE_ELEMENTS)):
        element.decompose()
        changed = True
    for element in soup.find_all(True):
        for name in [n for n in element.attrs if _HANDLER.match(n)]:
            del element.attrs[name]
            changed = True
        for name in URL_ATTRIBUTES:
            value = element.attrs.get(name)
            if isinstance(value, str) and ACTIVE_URL.match(value):
                del element.attrs[name]
                changed = True
    return str(soup) if changed else markup
