"""Structural cleaning by tag and selector, before any scoring.

Scripts, styles, embeds and hidden elements go (``strip_junk``), with the sign-up boxes found
around e-mail fields; the page's own marks of story text (schema.org ``hasPart``) are set so
no word list drops them; site rules' CSS selectors (``newspack.rules``) are applied. Every
removal keeps the removed element's tail text in place (``drop``).
"""
from __future__ import annotations

import re

from .dom import ancestors, text_of
from ..tuning import enabled

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
    if not selectors:
        return  # most pages mark nothing: cssselect stays unimported
    from lxml.cssselect import CSSSelector, SelectorError

    for selector in selectors:
        try:
            matched = CSSSelector(selector)(root)
        except (SelectorError, ValueError, TypeError):
            continue
        for el in matched:
            el.set(STORY_MARK, "1")


#: A page whose text outside <noscript> is shorter than this, while its <noscript> text is
#: longer, serves its story only to readers without scripts: the <noscript> is the page.
MIN_SCRIPTED_PAGE_CHARS = 500


def _unwrap(el) -> None:
    """Replace ``el`` by its children and text, in place (linked-list moves: no index lookups,
    so unwrapping every one of many siblings stays linear)."""
    parent = el.getparent()
    if parent is None:
        return
    children = list(el)
    if el.text:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.text
        else:
            parent.text = (parent.text or "") + el.text
    if children and el.tail:
        children[-1].tail = (children[-1].tail or "") + el.tail
        el.tail = None
    for child in reversed(children):
        el.addnext(child)
    drop(el)  # keeps a tail left when it had no children


#: A neighbour of a <noscript> holding more elements than this is layout, not an image's wrapper.
MAX_PLACEHOLDER_WRAPPER_CHILDREN = 3


def _placeholder_beside(ns):
    """The lazy-loading placeholder <img> right before or after a <noscript>, if any (only the
    two neighbours are looked at, so a page of many <noscript>s stays linear)."""
    for sib in (ns.getprevious(), ns.getnext()):
        if sib is None or not isinstance(sib.tag, str) or sib.tag == "noscript":
            continue
        if sib.tag == "img":
            return sib
        if sib.tag in ("picture", "span", "div", "a") and len(sib) <= MAX_PLACEHOLDER_WRAPPER_CHILDREN:
            img = sib.find(".//img")
            if img is not None and sib.find(".//noscript") is None:
                return img
    return None


def use_noscript(root) -> None:
    """What <noscript> holds for readers without scripts, where it is the real thing.

    A lazy-loading page puts the real <img> in a <noscript> beside a placeholder: the
    placeholder takes the real image's address. A page that writes its whole story only
    there (the rest filled in by script) has its <noscript>s opened. Other <noscript>s are
    left for ``strip_junk`` (tracking pixels, "please enable JavaScript").
    """
    if not enabled("noscript"):
        return
    for ns in list(root.iter("noscript")):
        real = ns.find(".//img")
        if real is None or ns.getparent() is None:
            continue
        placeholder = _placeholder_beside(ns)
        if placeholder is not None:
            for attr in ("src", "srcset", "width", "height", "alt"):
                if real.get(attr):
                    placeholder.set(attr, real.get(attr))
            for attr in ("data-src", "data-srcset", "data-lazy-src"):
                placeholder.attrib.pop(attr, None)
        else:
            _unwrap(ns)
    inside = sum(len(text_of(ns)) for ns in root.iter("noscript"))
    if inside > MIN_SCRIPTED_PAGE_CHARS:
        body = root.find(".//body")
        outside = len(text_of(body if body is not None else root)) - inside
        if outside < MIN_SCRIPTED_PAGE_CHARS:
            for ns in list(root.iter("noscript")):
                _unwrap(ns)


def strip_junk(root) -> None:
    """Remove scripts, styles, embeds, comments and hidden elements (never story text)."""
    use_noscript(root)
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
    if not selectors:
        return []
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
