"""Parsing and small DOM helpers shared by the HTML reader's stages.

Pages are parsed with lxml's HTML parser into plain ``lxml.etree`` elements (about ten times
faster than BeautifulSoup; plain elements also skip ``lxml.html``'s per-element Python class
lookup, which cost a tenth of the reader's time). libxml2's tree builder silently drops every
element nested 255 levels deep or more, so when the parsed tree reaches that depth the page is
parsed again through a SAX target, which has no such limit (the same path BeautifulSoup's lxml
builder takes). Every walk over the tree in this
package is iterative: nesting depth is unbounded and must never raise RecursionError.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlparse, urlsplit

import lxml.etree as etree

from ... import resources
from ...xmlchars import XML_UNSAFE, xml_safe

#: libxml2 keeps at most this many levels; a tree this deep was probably truncated.
LIBXML_DEPTH_LIMIT = 254

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9à-ÿ]+")

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that start a new block of text; anything else is inline and joins its neighbours.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr",
    "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "picture", "summary", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
})


def clean_text(text: str | None) -> str:
    """Any run of Unicode whitespace (NBSP, narrow NBSP, newlines) becomes one space."""
    if not text:
        return ""
    # str.split() splits on every Unicode space (NBSP, narrow NBSP, ideographic space)
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


#: An element's text, its descendants' texts and tails in document order, joined in libxml2: the
#: same string as ``"".join(el.itertext())`` (comments are dropped at parse), built without a
#: Python string per text node.
_STRING = etree.XPath("string(.)")


def text_of(el) -> str:
    """The whitespace-normalised text of an element and its descendants."""
    try:
        return clean_text(_STRING(el))
    except (etree.XPathError, ValueError, TypeError):
        try:
            return clean_text("".join(el.itertext()))
        except (ValueError, TypeError):
            return ""


def short_text(el, limit: int) -> str | None:
    """``text_of(el)`` when it is at most ``limit`` characters, else None.

    Stops reading early, so asking every wrapper on a page "are you a short line?" costs
    about the short lines only.
    """
    pieces: list[str] = []
    raw = 0
    check_at = limit
    try:
        for piece in el.itertext():
            pieces.append(piece)
            raw += len(piece)
            if raw > check_at:  # raw length overstates: only whitespace-normalised text counts
                if len(clean_text("".join(pieces))) > limit:
                    return None
                check_at = raw * 2
    except (ValueError, TypeError):
        return ""
    text = clean_text("".join(pieces))
    return text if len(text) <= limit else None


def text_pieces(el, skip=frozenset()) -> list[str]:
    """Text and tail strings under ``el`` in document order, leaving out the subtrees in ``skip``.

    Iterative, so 100,000-deep nesting cannot overflow the stack.
    """
    parts: list[str] = []
    stack = [(el, False)]
    while stack:
        node, tail_only = stack.pop()
        if tail_only:
            if node.tail:
                parts.append(node.tail)
            continue
        if node is not el:
            stack.append((node, True))
        if node in skip or not isinstance(node.tag, str):
            continue
        if node.text:
            parts.append(node.text)
        stack.extend((child, False) for child in reversed(node))
    return parts


def link_text_length(el, lengths: dict | None = None) -> int:
    """Characters of ``el``'s text that sit inside links (for link density).

    ``lengths`` remembers each link's length: nested wrappers ranked together share links.
    """
    if lengths is None:
        return sum(len(text_of(a)) for a in el.iter("a"))
    total = 0
    for a in el.iter("a"):
        n = lengths.get(a)
        if n is None:
            n = lengths[a] = len(text_of(a))
        total += n
    return total


def link_density(el, text: str | None = None, lengths: dict | None = None) -> float:
    """Share of ``el``'s text inside links (0..1); ``lengths`` as in link_text_length."""
    size = text_length(el) if text is None else len(text)
    if not size:
        return 0.0
    return min(1.0, link_text_length(el, lengths) / size)


#: Whitespace-collapsed text length, computed in libxml2 (three times faster than text_of on
#: a page-sized wrapper). It folds only ASCII whitespace: a run of no-break spaces counts
#: longer than text_of's, which is noise next to a link-density ratio.
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")


def text_length(el) -> int:
    """About ``len(text_of(el))``, without building the text."""
    try:
        return int(_TEXT_LENGTH(el))
    except (etree.XPathError, ValueError, TypeError):
        return len(text_of(el))


#: Distinct class/id strings remembered with their tokens: pages reuse a few hundred.
NAME_CACHE_SIZE = 8192
_NO_TOKENS: frozenset[str] = frozenset()


def _raw_names(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


@lru_cache(maxsize=NAME_CACHE_SIZE)
def tokens_in(raw: str) -> frozenset[str]:
    """Whole tokens of a raw "class id" string (split on separators and camelCase)."""
    return frozenset(t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if t)


def tokens_of(el) -> frozenset[str]:
    """Whole tokens of class and id (split on separators and camelCase)."""
    if el.get("class") is None and el.get("id") is None:
        return _NO_TOKENS
    return tokens_in(_raw_names(el))


@dataclass(frozen=True)
class TokenList:
    """A word list for class/id matching: substrings anywhere, or whole tokens."""

    substrings: tuple[str, ...]
    tokens: frozenset[str]
    pattern: re.Pattern | None = None  # the substrings as one alternation: one scan per element

    def matches(self, el) -> bool:
        if not el.get("class") and not el.get("id"):
            return False
        return self.matches_names(_raw_names(el))

    def matches_names(self, raw: str) -> bool:
        """The test on a raw ``"class id"`` string."""
        if self.tokens and self.tokens & tokens_in(raw):
            return True
        return bool(self.pattern and self.pattern.search(raw.lower()))


def named_as_furniture(el) -> bool:
    """True when an element's class/id names page furniture (share bar, related list, ...).

    ``article`` and ``main`` are never furniture by name: CMSs put tag and category classes
    ("tag-sport", "category-news") on the story element itself.
    """
    if el.tag in ("article", "main") or (not el.get("class") and not el.get("id")):
        return False
    return _furniture_names(_raw_names(el))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _furniture_names(raw: str) -> bool:
    return token_list("remove_tokens.txt").matches_names(raw) and not token_list("keep_tokens.txt").matches_names(raw)


@lru_cache(maxsize=None)
def token_list(name: str) -> TokenList:
    """Load ``data/html/<name>``, a list of class/id words of page markup (not of a language:
    those are the lexicon's): ``[substring]`` and ``[token]`` sections (default token)."""
    section = "token"
    subs: list[str] = []
    toks: set[str] = set()
    for line in resources.read_lines("data", f"html/{name}"):
        if line in ("[substring]", "[token]"):
            section = line[1:-1]
        elif section == "substring":
            subs.append(line.lower())
        else:
            toks.add(line.lower())
    pattern = re.compile("|".join(re.escape(x) for x in subs)) if subs else None
    return TokenList(tuple(subs), frozenset(toks), pattern)


#: Any element at libxml2's depth limit (one XPath step per level, evaluated in C).
_AT_DEPTH_LIMIT = etree.XPath("boolean(/*" + "/*" * LIBXML_DEPTH_LIMIT + ")")


#: Nesting kept when a page is deeper than libxml2's limit. Deeper wrappers are unwrapped (their
#: text and inline content kept in place), so every later walk costs at most this many steps per
#: element: 100,000-deep nesting took 53 s when kept whole. Real pages stay under 60 levels.
MAX_NESTING = 200
#: Below ``MAX_NESTING``, content elements (p, a, img, li...) still keep this many levels of
#: their own structure; deeper, they are unwrapped too.
MAX_NESTING_EXTRA = 16
#: Containers unwrapped first beyond ``MAX_NESTING``: they carry no meaning of their own.
WRAPPER_TAGS = frozenset({
    "div", "span", "section", "article", "main", "font", "center", "header", "footer", "aside",
    "nav", "form", "fieldset", "details", "dialog", "b", "i", "u", "s", "small", "big", "blink",
    "marquee", "label", "bdi", "bdo", "ins", "del", "mark", "abbr", "cite", "dfn", "kbd", "samp",
    "var", "sub", "sup", "tt", "strike", "nobr", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
})
#: Void elements are kept as leaves at any depth: they have no subtree to flatten.
_VOID_TAGS = frozenset({"img", "br", "hr", "source", "meta", "link", "input", "wbr"})


class _DeepTarget:
    """SAX target building an lxml tree without libxml2's depth limit; drops comments.

    Nesting beyond ``MAX_NESTING`` is flattened: the start and end tags of deeper wrappers are
    left out and their text joins the nearest kept element, separated by a line break when the
    wrapper was a block, so words never run together.
    """

    def __init__(self) -> None:
        self._builder = etree.TreeBuilder()
        self._kept: list[bool] = []  # one entry per open tag: was it built?
        self._depth = 0  # built elements open

    def _keeps(self, tag: str) -> bool:
        if self._depth < MAX_NESTING:
            return True
        return tag not in WRAPPER_TAGS and self._depth < MAX_NESTING + MAX_NESTING_EXTRA

    def start(self, tag, attrib):
        if tag in _VOID_TAGS and self._depth >= MAX_NESTING:
            self._builder.start(tag, dict(attrib))
            self._builder.end(tag)
            self._kept.append(False)
            return
        keep = self._keeps(tag)
        self._kept.append(keep)
        if keep:
            self._depth += 1
            self._builder.start(tag, dict(attrib))
        elif tag in BLOCK_TAGS:
            self._builder.data("\n")

    def end(self, tag):
        keep = self._kept.pop() if self._kept else True
        if keep:
            self._depth -= 1
            self._builder.end(tag)
        elif tag in BLOCK_TAGS:
            self._builder.data("\n")

    def data(self, data):
        self._builder.data(data)

    def comment(self, text):
        pass

    def pi(self, target, data=None):
        pass

    def doctype(self, *args):
        pass

    def close(self):
        return self._builder.close()


_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _xml_safe_reference(match: re.Match) -> str:
    """A character reference libxml2 would decode to a character XML cannot hold: dropped."""
    hex_digits, decimal = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(decimal)
    if code in (0x0B, 0x0C):
        return " "
    return "" if code > 0x10FFFF or XML_UNSAFE.match(chr(code)) else match.group(0)


def parse_html(markup: str):
    """Parse ``markup`` into an lxml document root (``<html>``); never raises on bad markup."""
    # libxml2 keeps C0 controls in text, written raw or as references ("&#1;"), and lxml then
    # refuses to set any string holding one
    markup = xml_safe(_XML_DECL.sub("", markup or "").replace("\x0b", " ").replace("\x0c", " "))
    if "&#" in markup:
        markup = _NUMERIC_REF.sub(_xml_safe_reference, markup)
    root = None
    if markup.strip():
        try:
            root = etree.fromstring(markup, etree.HTMLParser(remove_comments=True, remove_pis=True))
        except (etree.LxmlError, ValueError):
            root = None
    if root is None or root.tag != "html":
        root = etree.fromstring("<html><body></body></html>", etree.HTMLParser())
    if _AT_DEPTH_LIMIT(root):
        try:
            parser = etree.HTMLParser(target=_DeepTarget(), recover=True)
            parser.feed(markup)
            deep = parser.close()
            if deep is not None and deep.tag == "html":
                root = deep
        except (etree.LxmlError, ValueError, TypeError):
            pass
    _close_html5_voids(root)
    for br in root.iter("br"):
        # a line break separates words: "Jeff Foust<br>Monday" is two lines, not "FoustMonday"
        br.tail = "\n" + br.tail if br.tail else "\n"
    return root


#: HTML5 void elements libxml2's HTML 4 parser does not know: it leaves them open, so
#: ``<embed src=x><p>story</p>`` puts the story inside the embed, which the cleaner then drops.
HTML5_VOID_TAGS = ("embed", "source", "track", "wbr", "keygen")


def _close_html5_voids(root) -> None:
    """Move what libxml2 nested inside an HTML5 void element back after it, in place."""
    for el in reversed(list(root.iter(*HTML5_VOID_TAGS))):
        parent = el.getparent()
        if parent is None or (len(el) == 0 and not el.text):
            continue
        children = list(el)
        tail, el.tail, el.text = el.tail, el.text, None
        at = parent.index(el)
        for offset, child in enumerate(children, 1):
            parent.insert(at + offset, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + (tail or "") or None


def ancestors(el):
    """``el``'s ancestors, nearest first."""
    node = el.getparent()
    while node is not None:
        yield node
        node = node.getparent()


def is_http(url: str | None) -> bool:
    return bool(url) and urlparse(url).scheme in ("http", "https")


def resolve_url(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; None for empty or script links."""
    href = clean_text(href)
    if not href or href.lower().startswith(("javascript:", "about:", "#")):
        return None
    if href.startswith("data:"):
        return href
    try:
        resolved = urljoin(base, href) if base else href
        urlsplit(resolved)  # "http://[bad" raises here: such a link names nothing
    except ValueError:
        return None
    return resolved
