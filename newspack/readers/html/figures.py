"""Figures: the story's images with caption and photo credit kept apart.

A figure is a ``<figure>`` with an image, or an ``<img>`` whose small wrapper (or the short
element right after it) carries a caption. The image URL prefers lazy-loading attributes
over a placeholder ``src`` and the largest ``srcset`` candidate. Thumbnails inside links to
other pages, logos, avatars and tiny images are not figures.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ...model import Figure
from ..tuning import enabled
from .dom import ancestors, clean_text, resolve_url, text_of, text_pieces, token_list, tokens_of
from ..credits import label_alternation, strip_credit_label, without_rights_tail

#: Images declared smaller than this (px, either side) are icons, avatars or spacers.
MIN_IMAGE_SIDE = 100
#: A linked image declared at least this wide (px) is the story's picture linked to its own
#: page ("click to enlarge", a photo page), not a teaser card's thumbnail, which are smaller.
MIN_LINKED_STORY_IMAGE_WIDTH = 300
#: A teaser card pairs its thumbnail with a linked headline: at least this much link text in
#: the card besides the image's own link. A picture linked to its photo page has none.
MIN_CARD_LINK_CHARS = 15
#: A wrapper with more text than this is a paragraph holding an image, not a caption box.
MAX_CAPTION_CHARS = 500
#: How many ancestors an image climbs to find its caption box; deeper means page layout.
MAX_BOX_CLIMB = 3
#: A credit printed apart from the caption is a name or two and an agency; longer is caption text.
MAX_CREDIT_CHARS = 80
#: A line that is only a credit ("Photo: Name, Agency") is at most this long.
MAX_CREDIT_LINE_CHARS = 120

_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full-src", "data-hi-res-src", "data-orig-file")
_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
_PLACEHOLDER = re.compile(r"^data:|placeholder|blank\.|spacer|pixel\.|transparent|lazy|loading|1x1|grey\.gif|gray\.gif", re.IGNORECASE)
_NOT_STORY_IMAGE = re.compile(r"logo|avatar|icon|sprite|badge|gravatar|/authors?/|/staff/|emoji|button|tracking|pixel", re.IGNORECASE)
_IMAGE_LINK = re.compile(r"\.(jpe?g|png|gif|webp|avif)(\?|$)", re.IGNORECASE)
_NOT_FIGURE_TOKENS = frozenset({"avatar", "author", "logo", "icon", "profile", "thumb", "thumbnail"})


def _srcset_candidates(value: str):
    """(url, descriptor) pairs of a srcset, parsed as the HTML standard does: a URL runs to the
    next space (a trailing comma ends it), its descriptors to the next comma. So "a.jpg 1x,b.jpg 2x"
    has two candidates, and a comma inside a URL ("w_100,h_80") stays in it."""
    pos, n = 0, len(value)
    while pos < n:
        while pos < n and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < n and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = value.find(",", pos)
            end = n if end < 0 else end
            descriptor, pos = value[pos:end].strip(), end + 1
        if url:
            yield url, descriptor


def _srcset_best(value: str | None) -> tuple[str | None, float]:
    """The largest candidate of a srcset and its width (0 when there are no w/x descriptors)."""
    best, best_size = None, -1.0
    for url, descriptor in _srcset_candidates(value or ""):
        m = re.match(r"([\d.]+)([wx])$", descriptor.split()[0]) if descriptor else None
        try:
            weight = float(m.group(1)) * (1 if m.group(2) == "w" else 1000) if m else 0.0
        except ValueError:
            weight = 0.0
        if weight > best_size:
            best, best_size = url, weight
    return best, max(best_size, 0.0)


def image_url(img, base: str | None) -> str | None:
    """The story image's own URL: largest srcset, else lazy attribute, else a real src."""
    candidates: list[tuple[float, str]] = []
    picture = img.getparent() if img.getparent() is not None and img.getparent().tag == "picture" else None
    sources = list(picture.iter("source")) if picture is not None else []
    for el in [img] + sources:
        for attr in _SRCSET_ATTRS:
            url, size = _srcset_best(el.get(attr))
            if url and not url.startswith("data:") and size:
                candidates.append((size, url))
    if candidates:
        return resolve_url(max(candidates)[1], base)
    for attr in _LAZY_ATTRS:
        if img.get(attr) and not img.get(attr).startswith("data:"):
            return resolve_url(img.get(attr), base)
    for source in sources:
        for attr in _SRCSET_ATTRS:
            url, _ = _srcset_best(source.get(attr))
            if url and not url.startswith("data:"):
                return resolve_url(url, base)
    for attr in _SRCSET_ATTRS:
        url, _ = _srcset_best(img.get(attr))
        if url and not url.startswith("data:"):
            return resolve_url(url, base)
    src = img.get("src")
    if src and not _PLACEHOLDER.search(src):
        return resolve_url(src, base)
    return resolve_url(src, base) if src and not src.startswith("data:") else None


def _side(value: str | None) -> int | None:
    m = re.match(r"\s*(\d+)", value or "")
    return int(m.group(1)) if m else None


def is_story_image(img) -> bool:
    """False for logos, avatars, icons, tracking pixels and thumbnails that link elsewhere."""
    sides = [s for s in (_side(img.get("width")), _side(img.get("height"))) if s is not None]
    if sides and min(sides) < MIN_IMAGE_SIDE:
        return False
    attrs = " ".join(img.get(a) or "" for a in ("src", "data-src", "class", "alt", "srcset"))
    if _NOT_STORY_IMAGE.search(attrs):
        return False
    wide = (_side(img.get("width")) or 0) >= MIN_LINKED_STORY_IMAGE_WIDTH
    for parent in ancestors(img):
        if parent.tag == "a":
            href = parent.get("href") or ""
            if href and not _IMAGE_LINK.search(href) and not wide and _in_teaser_card(parent):
                return False  # a teaser card's thumbnail
        if tokens_of(parent) & _NOT_FIGURE_TOKENS:
            return False
        if parent.tag in ("figure", "article", "main", "body"):
            break
    return True


def _in_teaser_card(link) -> bool:
    """Whether the link around an image sits in a card with a linked headline beside it."""
    card = link.getparent()
    while card is not None and card.tag in ("span", "a", "picture", "strong", "em", "b", "i", "font"):
        card = card.getparent()
    if card is None:
        return True
    if text_of(link) or card.tag in ("li", "article"):
        return True  # the link names a page ("Read: ..."), or the image heads a list item or card
    others = sum(len(text_of(a)) for a in card.iter("a") if a is not link)
    return others >= MIN_CARD_LINK_CHARS


# ---------------------------------------------------------------- caption and credit

@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern, ...]:
    label = label_alternation()
    return (
        # "(Photo: Name)", "(foto Ansa)", "[Crédit : X]" at the end
        re.compile(r"\s*[(\[]\s*(?:%s\s*:?\s*|©\s*)([^()\[\]]+?)\s*[)\]]\s*\.?$" % label, re.IGNORECASE),
        # "... room. Photo: Name/Outlet", "Picture: Name", "© Name" (the last such label)
        re.compile(r"^(.*)(?:(?<=[.!?»”\"')])|^)\s*(?:%s\s*:\s*|©\s*)(.+?)\s*\.?$" % label, re.IGNORECASE | re.DOTALL),
        # "... square miles. (Getty Images)": a bracketed run of capitalised words at the end
        # ("Name/AGENCY": a slash may join two names without spaces)
        re.compile(r"(?<=[.!?»”\"'])\s*[(\[]((?:[A-ZÀ-Ý][\w&.'’/-]*|/|&|de|del|di|von|van|da|do)(?:\s+(?:[A-ZÀ-Ý][\w&.'’/-]*|/|&|de|del|di|von|van|da|do)){0,5})[)\]]\s*$"),
    )


def is_caption_text(text: str) -> bool:
    """A stray caption in running text: ends with '(AP Photo/Name)' or is a 'Photo: Name' line."""
    bracket, label, _ = _credit_patterns()
    if bracket.search(text):
        return True
    m = label.search(text)
    return bool(m) and not m.group(1).strip() and len(text) <= MAX_CREDIT_LINE_CHARS


@lru_cache(maxsize=1)
def _glued_label() -> re.Pattern:
    """'Clenched fist in the wind Foto: Agency/Name': a capitalised label with its colon after a
    caption with no end punctuation; the rest, short, capitalised and no sentence, is the credit."""
    return re.compile(r"^(.*?\S)\s+(?=(?-i:[A-ZÀ-Þ]))(?i:%s)\s*:\s*((?=(?-i:[A-ZÀ-Þ0-9©]))[^.!?]{1,%d})$"
                      % (label_alternation(), MAX_CREDIT_CHARS))


#: Separators that split a credit off only after a full sentence ("... decades. / AFP via Getty
#: Images", "... on Monday. - Jane Roe/Copyright 2024 The AP"): inside a sentence they join words.
_AFTER_SENTENCE_SEPARATORS = (" / ", " - ")
_SENTENCE_END = (".", "!", "?", "»", "”", '"', ")")


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split a credit off caption text by its marker: '(Photo: X)', ' | X', 'Photo: X', '© X'."""
    caption = clean_text(caption)
    if not caption:
        return "", None
    bracket, label, bare = _credit_patterns()
    m = bracket.search(caption)
    if m and m.start() > 0:
        return caption[: m.start()].rstrip(" ,;"), clean_text(m.group(1))
    m = label.search(caption)
    if m and m.group(1).strip():
        return m.group(1).rstrip(" ,;|—–-"), clean_text(m.group(2)).rstrip(".")
    m = bare.search(caption)
    if m and m.start() > 0:
        return caption[: m.start()].rstrip(), clean_text(m.group(1))
    m = _glued_label().search(caption)
    if m:
        return m.group(1).rstrip(" ,;|—–-"), clean_text(m.group(2))
    for sep in (" | ", " — ", " – ") + _AFTER_SENTENCE_SEPARATORS:
        if sep in caption:
            head, _, tail = caption.rpartition(sep)
            if sep in _AFTER_SENTENCE_SEPARATORS and not head.endswith(_SENTENCE_END):
                continue
            credit = strip_credit_label(without_rights_tail(tail))
            if head and credit and len(credit) <= MAX_CREDIT_CHARS and not credit.endswith((".", "!", "?")):
                return head.strip(), credit
    return caption, None


def _credit_element(box):
    credit_tokens = token_list("credit_tokens.txt")
    for el in box.iter():
        if not isinstance(el.tag, str) or el is box:
            continue
        if el.tag in ("small", "cite") or credit_tokens.matches(el):
            if text_of(el):
                return el
    return None


@lru_cache(maxsize=1)
def _caption_label() -> re.Pattern:
    """Interface words before a caption ("Image caption", "Vergrößern", "1/12"), any language."""
    alternatives = lexicon.alternation("caption-label")
    # a label ends in punctuation, or where the caption starts with a capital ("Image caption The
    # mayor"): "Caption of the week" is a caption
    end = r"(?:\s*[:.|–—-]\s*|\s+(?=(?-i:[A-ZÀ-ÞĀ-Ž0-9\"«“„(]))|\s*$)"
    return re.compile(r"^(?:(?:%s)%s|\d{1,3}\s*(?:/|of|von|de|di|sur)\s*\d{1,3}%s)+" % (alternatives, end, end), re.IGNORECASE)


def clean_caption(text: str) -> str:
    """A caption without the interface labels and gallery counters printed before it."""
    if not enabled("caption_labels"):
        return text
    return _caption_label().sub("", text).strip()


def _caption_parts(caption_el, exclude=None) -> tuple[str, str | None]:
    """Caption text and credit from a caption element (credit from its own element or markers)."""
    caption, credit = _raw_caption_parts(caption_el, exclude)
    return clean_caption(caption), credit


def _raw_caption_parts(caption_el, exclude=None) -> tuple[str, str | None]:
    if caption_el is None:
        return "", None
    credit_el = _credit_element(caption_el)
    if credit_el is not None:
        credit = strip_credit_label(text_of(credit_el))
        text = _text_without(caption_el, {credit_el} | (exclude or set()))
        caption, inner_credit = split_credit(text)
        # 'Photo by NAME' in its element and '/ AGENCY' left at the caption's end: both credit
        return caption, " ".join(filter(None, (credit, inner_credit))) or None
    text = _text_without(caption_el, exclude or set())
    caption, credit = split_credit(text)
    if credit is None:
        caption, credit = _trailing_credit_child(caption_el, caption)
    return caption, credit


def _trailing_credit_child(caption_el, caption: str) -> tuple[str, str | None]:
    """'<span>Sentence.</span><span>NAME (AGENCY)</span>': a last short child after a full
    sentence, with no end punctuation of its own, is the credit."""
    children = [c for c in caption_el if isinstance(c.tag, str) and text_of(c)]
    if len(children) < 2:
        return caption, None
    last = text_of(children[-1])
    head = clean_text(" ".join(text_of(c) for c in children[:-1]))
    if len(last) <= MAX_CREDIT_CHARS and not last.endswith((".", "!", "?", "»", "”", '"')) and head.endswith((".", "!", "?", "»", "”", '"', ")")):
        return head, strip_credit_label(last)
    return caption, None


def _text_without(el, skip: set) -> str:
    """Text of ``el`` leaving out the subtrees in ``skip``."""
    # separate block pieces so "caption" + "credit" spans with no space stay apart
    return clean_text(" ".join(text_pieces(el, skip)))


def _figure_caption_el(figure):
    cap = figure.find(".//figcaption")
    if cap is not None:
        return cap
    caption_tokens = token_list("caption_tokens.txt")
    for el in figure.iter():
        if isinstance(el.tag, str) and el is not figure and caption_tokens.matches(el):
            return el
    return None


def figure_from_box(box, img, base: str | None, caption_el=None) -> Figure:
    caption_el = caption_el if caption_el is not None else _figure_caption_el(box)
    if caption_el is None and box.tag != "img":
        # a wrapper holding the image and a short text: that text is the caption
        caption_el = box
    caption, credit = _caption_parts(caption_el, exclude={img}) if caption_el is not None else ("", None)
    return Figure(src=image_url(img, base), alt=clean_text(img.get("alt")), caption=caption, credit=credit or None)


def _looks_like_caption(el) -> bool:
    if el is None or not isinstance(el.tag, str):
        return False
    text = text_of(el)
    if not text or len(text) > MAX_CAPTION_CHARS or el.find(".//img") is not None:
        return False
    if el.tag in ("figcaption", "small") or token_list("caption_tokens.txt").matches(el):
        return True
    _, credit = split_credit(text)
    return credit is not None and bool(re.search(r"[(\[|—]|:", text))


def find_figures(content, base: str | None) -> tuple[dict, set]:
    """Map each figure box element in ``content`` to its Figure; also the caption elements used."""
    boxes: dict = {}
    used: set = set()
    claimed: set = set()
    for fig in content.iter("figure"):
        imgs = [i for i in fig.iter("img")]
        if fig.find(".//blockquote") is not None:
            continue
        if not imgs:
            # the image is loaded by script; its caption is still a caption, never body text
            cap = fig.find(".//figcaption")
            if cap is not None and text_of(cap) and len(text_of(fig)) == len(text_of(cap)):
                caption, credit = _caption_parts(cap)
                boxes[fig] = Figure(src=None, alt="", caption=caption, credit=credit or None)
            continue
        img = imgs[0]
        if not is_story_image(img) and not (img.getparent() is not None and img.getparent().tag == "a" and fig.find(".//figcaption") is not None):
            if any(a.tag == "a" for a in ancestors(img)) and fig.find(".//figcaption") is None:
                claimed.update(imgs)
                continue
            sides = [s for s in (_side(img.get("width")), _side(img.get("height"))) if s is not None]
            if sides and min(sides) < MIN_IMAGE_SIDE:
                claimed.update(imgs)
                continue
        boxes[fig] = figure_from_box(fig, img, base)
        claimed.update(imgs)
    for img in content.iter("img"):
        if img in claimed or not is_story_image(img):
            continue
        src = image_url(img, base)
        if not src:
            continue
        box = img
        climbed = 0
        while climbed < MAX_BOX_CLIMB:
            parent = box.getparent()
            if parent is None or parent is content or parent.tag in ("body", "article", "main"):
                break
            if parent.tag in ("picture", "source"):
                box = parent  # part of the image itself, not a level of layout
                continue
            climbed += 1
            if sum(1 for _ in parent.iter("img")) > 1 or len(text_of(parent)) > MAX_CAPTION_CHARS:
                break
            if parent.tag in ("p", "li", "td") and len(text_of(parent)) > 0 and not _looks_like_caption(parent):
                break
            box = parent
        caption_el = None
        if text_of(box):
            caption_el = box
        else:
            nxt = box.getnext()
            if _looks_like_caption(nxt):
                caption_el = nxt
                used.add(nxt)
        if box is not img and caption_el is box:
            fig = figure_from_box(box, img, base, caption_el=box)
        else:
            fig = figure_from_box(img, img, base, caption_el=caption_el)
        boxes[box] = fig
        claimed.add(img)
    _orphan_captions(content, boxes, used)
    return boxes, used


def _orphan_captions(content, boxes: dict, used: set) -> None:
    """Captions no figure took: a ``<figcaption>`` outside its ``<figure>``, or an element whose
    class names a caption ("caption", "legende", "cutline") with no image of its own. Still
    captions, never body text: each joins the figure just before it when that one has no
    caption, else stands as a figure without an image (one loaded by script, or a video)."""
    caption_tokens = token_list("caption_tokens.txt")
    taken = set(boxes) | used
    for el in content.iter():
        if not isinstance(el.tag, str) or el in taken:
            continue
        if el.tag != "figcaption" and not caption_tokens.matches(el):
            continue
        if el.find(".//img") is not None or len(el.findall(".//p")) > 1:
            continue  # holding paragraphs, it is a story part with an unlucky name
        if any(a in taken or (a.tag == "figure" and a.find(".//blockquote") is not None) for a in ancestors(el)):
            continue  # a pull quote's attribution is part of the quote
        text = text_of(el)
        if not text or len(text) > MAX_CAPTION_CHARS:
            continue
        caption, credit = _caption_parts(el)
        prev = el.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev in boxes and not boxes[prev].caption:
            old = boxes[prev]
            boxes[prev] = Figure(src=old.src, alt=old.alt, caption=caption, credit=credit or old.credit)
            used.add(el)
        else:
            boxes[el] = Figure(src=None, alt="", caption=caption, credit=credit or None)
        taken.add(el)
