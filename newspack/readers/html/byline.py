"""The printed byline of an HTML page, and the clean-up of byline text.

``dom_byline`` looks for rel=author, itemprop=author, class/id words (byline, author, autor,
...) and lines that open with a byline word ("By", "Par", "Von", ...; the lexicon's
``byline-prefix``). Lines are found from the page's text nodes (only those that open with
a byline word lead to their elements), so a page costs about its candidates, not its size.
"""
from __future__ import annotations

import re
from functools import lru_cache

import lxml.etree as etree

from .. import lexicon
from ..tuning import enabled
from .dom import (NAME_CACHE_SIZE, BLOCK_TAGS, ancestors, clean_text, named_as_furniture, short_text, text_length,
                  text_of, text_pieces, tokens_in)
from ..dates import month_date, weekday_date
from ..names import byline_prefix, follow_buttons

#: Longest byline we accept from the DOM; longer "bylines" are sentences or author bios.
MAX_BYLINE_CHARS = 120
_BYLINE_TOKENS = frozenset({"byline", "author", "authors", "autor", "auteur", "autore", "signature", "firma", "writer", "contributor"})
_BYLINE_LINE_TAGS = frozenset({"p", "span", "div", "em", "strong", "address", "small", "li"})
_BYLINE_NOISE_TOKENS = frozenset({"bio", "box", "avatar", "img", "image", "photo", "description", "about", "info", "desc"})
_NOT_BYLINE_TAGS = frozenset({"script", "style", "meta", "link", "title", "head", "html", "body"})


_TEXT_NODES = etree.XPath("//text()")
#: The words of ``_BYLINE_TOKENS`` as one pattern over raw class/id strings: a pre-filter, so the
#: token test (``_is_marked``) runs on a handful of elements, not on every one of the page.
_MARK_WORDS = re.compile("|".join(sorted(_BYLINE_TOKENS, key=len, reverse=True)), re.IGNORECASE)


def _mark_candidates(root):
    """Elements that might be marked as a byline, in document order."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        attrs = el.attrib
        if not attrs:
            continue
        cls, ident = attrs.get("class"), attrs.get("id")
        if (cls and _MARK_WORDS.search(cls)) or (ident and _MARK_WORDS.search(ident)) \
                or attrs.get("rel") == "author" or (attrs.get("itemprop") or "").lower() == "author":
            yield el


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern:
    """Where a date or an update/publication stamp starts after the names."""
    words = lexicon.alternation("updated") + "|" + lexicon.alternation("published")
    return re.compile(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|%s)\b" % words, re.IGNORECASE)


#: Social handles ("@jane_roe") printed beside the name are links to a profile, not the name.
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")


def clean_byline(text: str) -> str | None:
    """'By Jane Roe, Local Democracy Reporter' -> 'Jane Roe'; bracketed roles/places dropped,
    and so are a social handle, a following date ("Jane Roe February 2") and button words."""
    text = clean_text(text)
    if not text:
        return None
    prefix = byline_prefix()
    text = prefix.sub("", text, count=1)
    named = clean_text(_HANDLE.sub(" ", text))
    text = named or text  # a byline that is only a handle stays one (better than none)
    text = weekday_date().split(text, maxsplit=1)[0]
    text = month_date().split(text, maxsplit=1)[0]
    text = follow_buttons().sub("", " " + text).strip()
    text = re.sub(r"\s*\([^)]*\)", "", text)
    # Roles, outlets, places and datelines follow the names after a comma, a dash or a pipe.
    text = re.split(r"\s*(?:,|\||—|–| - |•|·|\n)\s*", text, maxsplit=1)[0]
    text = _dateline().split(text)[0]
    # names carry no digits: a number starts the date or reading time printed after them
    text = re.split(r"\s\d", text)[0]
    text = clean_text(text).strip(" :;.-")
    if not text or len(text) > MAX_BYLINE_CHARS or not re.search(r"[^\W\d_]", text):
        return None
    return text


def _first_words(el) -> str:
    """The first non-blank text piece under ``el``."""
    for piece in el.itertext():
        piece = clean_text(piece)
        if piece:
            return piece
    return ""


#: An element named as furniture that holds more text than this is a page-wide layout
#: wrapper with an unlucky name ("two-col-sidebar-right"), not a box around a byline.
MAX_FURNITURE_BOX_CHARS = 3000


def _in_furniture(el) -> bool:
    """True inside a caption, comment list, bio box or other page furniture."""
    for anc in ancestors(el):
        if anc.tag in ("figure", "figcaption", "footer", "aside", "nav"):
            return True
        if named_as_furniture(anc) and (not enabled("byline_layout_wrappers") or text_length(anc) <= MAX_FURNITURE_BOX_CHARS):
            return True
    return False


def _schema_author(el) -> bool:
    """A schema.org author (itemprop=author) of the page, not of a comment: trusted wherever the
    page prints it (an aside, a meta list named "caption")."""
    if (el.get("itemprop") or "").lower() != "author" or not enabled("schema_author"):
        return False
    return not any("comment" in (a.get("itemtype") or "").lower() or "comment" in tokens_in(f"{a.get('class') or ''} {a.get('id') or ''}")
                   for a in ancestors(el))


def _spaced_text(el, limit: int) -> str | None:
    """An element's text with its parts kept apart ("Jane Roe" + "Follow" is not "Jane RoeFollow"),
    or None when longer than ``limit``."""
    if short_text(el, limit) is None:
        return None
    return clean_text(" ".join(text_pieces(el))) or None


def _schema_name(el):
    """A schema.org author's ``itemprop="name"`` part when it has one (the rest of the box is
    its buttons and bio), else the element itself."""
    if (el.get("itemprop") or "").lower() == "author":
        for sub in el.iter():
            if sub is not el and (sub.get("itemprop") or "").lower() == "name" and text_of(sub):
                return sub
    return el


def _is_marked(el) -> bool:
    cls, ident = el.get("class"), el.get("id")
    if cls is not None or ident is not None:
        if _names_author(f"{cls or ''} {ident or ''}"):
            return True
    return el.get("rel") == "author" or (el.get("itemprop") or "").lower() == "author"


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _names_author(raw: str) -> bool:
    toks = tokens_in(raw)
    return bool(toks & _BYLINE_TOKENS) and not toks & _BYLINE_NOISE_TOKENS


def _prefixed_candidates(root, prefix: re.Pattern) -> set:
    """Line elements whose text opens with a byline word: from each text node that does, the
    elements it is the first words of."""
    found = set()
    for piece in _TEXT_NODES(root):
        if not prefix.match(piece.lstrip()):
            continue
        words = clean_text(piece)
        owner = piece.getparent()
        if owner is None:
            continue
        el = owner if piece.is_text else owner.getparent()
        while el is not None and _first_words(el) == words:
            if el.tag in _BYLINE_LINE_TAGS:
                found.add(el)
            el = el.getparent()
    return found


def dom_byline(root, title_el) -> str | None:
    """The printed byline: rel=author, itemprop=author, class byline/author, or 'By NAME' lines.

    Candidates inside captions (photo credits) or furniture (comment authors, bio boxes) are
    skipped; the first one after the headline wins, else the first on the page.
    """
    prefix = byline_prefix()
    order = {el: i for i, el in enumerate(root.iter())}
    h1_pos = order.get(title_el, -1)
    found: list[tuple[int, str, object]] = []
    named = set()
    for el in _mark_candidates(root):
        if not _is_marked(el) or el.tag in _NOT_BYLINE_TAGS:
            continue
        text = _spaced_text(_schema_name(el), MAX_BYLINE_CHARS * 2)
        if text and (not _in_furniture(el) or _schema_author(el)):
            if el.tag == "a" and el.getparent() is not None:
                # "By <a>Jane</a> and <a>John</a>": the printed line is the parent's.
                parent_text = text_of(el.getparent())
                if len(parent_text) <= MAX_BYLINE_CHARS and prefix.match(parent_text):
                    text = parent_text
            name = clean_byline(text)
            if name and name.lower() not in ("author", "by"):
                found.append((order[el], name, el))
                named.add(el)
    prefixed: list = []
    for el in sorted(_prefixed_candidates(root, prefix) - named, key=lambda e: order.get(e, -1)):
        text = short_text(el, MAX_BYLINE_CHARS * 2)
        if text and 4 < len(text) and prefix.match(text) and text[:1].isalpha():
            rest = prefix.sub("", text, count=1)
            if rest[:1].isupper() and not _in_furniture(el):
                prefixed.append(el)
    found.sort(key=lambda item: item[0])
    marked = [el for _, _, el in found]
    for el in prefixed:
        name = clean_byline(text_of(el))
        if name:
            found.append((order[el], name, el))
    # Nested matches: a marked-up byline ("<span class=byline>By <span class=author>A</span> and
    # ...") is read whole, while a plain line that merely starts with "By" ("<div>By <a>X</a>
    # <time>..</time></div>") gives way to the marked element inside it.
    elements = [el for _, _, el in found]
    lines = {el for el in marked if not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())}
    inner = []
    for pos, name, el in found:
        anc = set(ancestors(el))
        if el in marked and any(other in anc for other in marked if other in lines):
            continue  # part of a marked byline line that is read whole
        if el in marked and el not in lines and any(el in set(ancestors(o)) for o in marked if o is not el):
            continue  # a wrapper around the byline and more (place, date)
        if el not in marked and any(other is not el and el in set(ancestors(other)) for other in elements):
            continue
        inner.append((pos, name))
    if not inner:
        return None
    inner.sort()
    after = [name for pos, name in inner if pos > h1_pos >= 0]
    return after[0] if after else inner[0][1]
