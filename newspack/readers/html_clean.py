"""Structural cleaning by tag and selector, before any scoring.

Scripts, styles, embeds and hidden elements go (``strip_junk``), with the sign-up boxes found
around e-mail fields; the page's own marks of story text (schema.org ``hasPart``) are set so
no word list drops them; site rules' CSS selectors (``newspack.rules``) are applied. Every
removal keeps the removed element's tail text in place (``drop``).
"""
from __future__ import annotations

import re

from .html_dom import ancestors, text_of

#: Always removed: never story text, whatever their class.
JUNK_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
             "canvas", "video", "audio", "button", "select", "input", "textarea", "label", "dialog",
             "link", "meta", "map", "head")
#: A sign-up box is the form plus at most this much pitch text; more means we reached the page.
MAX_SIGNUP_BOX_CHARS = 400

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _signup_boxes(root) -> list:
    """Newsletter/alert sign-up boxes: the small block around a form with an e-mail field.

    Found by structure, so it works when class names are hashes; the box's pitch text
    ("Get breaking news alerts") goes with the form.
    """
    boxes = []
    for field in root.iter("input"):
        if (field.get("type") or "").lower() != "email" and "mail" not in (field.get("name") or "").lower():
            continue
        box = field
        for anc in ancestors(field):
            if anc.tag in ("body", "html", "article", "main") or len(text_of(anc)) > MAX_SIGNUP_BOX_CHARS:
                break
            box = anc
        if box is not field:
            boxes.append(box)
    return boxes


#: Attribute set on elements the page itself declares to be story text (see mark_story_parts).
STORY_MARK = "data-newspack-story"


def mark_story_parts(root, selectors) -> None:
    """Mark the elements the page's structured data names as article parts, so no word list drops them.

    Publishers mark paywalled story text with schema.org ``hasPart``/``cssSelector``; its class
    names ("paywall") would otherwise read as a subscription banner.
    """
    from lxml.cssselect import CSSSelector, SelectorError

    for selector in selectors:
        try:
            matched = CSSSelector(selector)(root)
        except (SelectorError, ValueError, TypeError):
            continue
        for el in matched:
            el.set(STORY_MARK, "1")


def strip_junk(root) -> None:
    """Remove scripts, styles, embeds, comments and hidden elements (never story text)."""
    doomed = _signup_boxes(root)
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments and processing instructions
        elif el.tag in JUNK_TAGS:
            doomed.append(el)
        elif el.get("hidden") is not None or el.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(el.get("style") or ""):
            doomed.append(el)
    for el in doomed:
        drop(el)


def drop(el) -> None:
    """Remove ``el`` and its subtree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


#: Site rules' ``keep`` selectors are trusted only when what they match holds this much text:
#: less means the site changed its markup, and finding the story ourselves does better
#: (lower trusts stale rules on short stories; higher ignores rules on short stories).
MIN_KEEP_CHARS = 200


def select(root, selectors) -> list:
    """Elements matching any of the CSS ``selectors``, in document order; bad selectors match nothing."""
    from lxml.cssselect import CSSSelector, SelectorError

    found = set()
    for selector in selectors:
        try:
            found.update(CSSSelector(selector, translator="html")(root))
        except (SelectorError, ValueError, TypeError):
            continue
    return [el for el in root.iter() if el in found] if found else []


def remove_selected(root, selectors) -> None:
    """Drop the elements site rules name as never story text (``remove``)."""
    for el in select(root, selectors):
        drop(el)


def kept_parts(root, keep) -> list:
    """The outermost elements a site rule's ``keep`` selectors match, if they hold enough text."""
    matched = select(root, keep)
    chosen = set(matched)
    parts = [el for el in matched if not any(a in chosen for a in ancestors(el))]
    if sum(len(text_of(el)) for el in parts) < MIN_KEEP_CHARS:
        return []
    return parts
