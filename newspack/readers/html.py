"""The HTML reader: a web page -> :class:`newspack.model.Article`.

Named steps, in order:

1. ``parse_html``            lxml's HTML parser, re-parsed without libxml2's depth limit when needed.
2. ``extract_metadata``      JSON-LD -> OpenGraph/meta -> <title> -> DOM (html_metadata).
3. ``base_url``              <base href>, else the canonical/og:url, else the given ``url``.
4. site rules               ``remove`` selectors dropped; ``keep`` selectors, when they match,
                             stand in for the scoring (newspack.rules).
   ``extract_content``       structural cleaning + readability-style scoring (html_content).
5. ``find_figures``          images with caption/credit, inside the story and the lead image
                             above it (html_figures).
6. ``walk_blocks``/``filter_blocks``  blocks in reading order, minus teasers and labels.
7. standfirst                the dek between the headline and the body, when the container
                             left it out.
"""
from __future__ import annotations

from ..language import detect_language
from ..model import Article, Figure, Paragraph
from ..rules import SiteRules
from .html_blocks import filter_blocks, walk_blocks
from .html_clean import remove_selected
from .html_content import extract_content
from .html_dom import ancestors, is_http, link_density, parse_html, resolve_url, text_of, token_list
from .html_figures import find_figures
from .html_metadata import extract_metadata
from .html_notices import is_notice

#: A standfirst is at least this long (shorter lines above the body are kickers, dates, labels).
MIN_STANDFIRST_CHARS = 40
#: ...and at most this long (longer is the story's first paragraph or a summary box).
MAX_STANDFIRST_CHARS = 600


def base_url(root, declared: str | None, url: str | None) -> str | None:
    """Where relative links resolve: <base href>, else canonical/og:url, else the page URL."""
    fallback = declared or url
    base = root.find(".//base")
    if base is not None and base.get("href"):
        return resolve_url(base.get("href"), fallback) or fallback
    return fallback


def _lead_region(root, parts, h1):
    """Elements between the headline's header and the story container: lead figure, standfirst."""
    if not parts:
        return []
    first = parts[0]
    scope = None
    content_anc = set(ancestors(first)) | {first}
    start = h1
    if h1 is not None:
        for anc in ancestors(h1):
            if anc in content_anc:
                scope = anc
                break
    if scope is None:
        parent = first.getparent()
        scope = parent.getparent() if parent is not None and parent.getparent() is not None else parent
        start = None
    if scope is None:
        return []
    region = []
    started = start is None
    top_anc = set(ancestors(first))
    for el in scope.iter():
        if el is first:
            break
        if not started:
            # the lead image may sit above the headline, inside the same article scope
            if el.tag in ("figure", "picture") or el is start:
                region.append(el)
            if el is start:
                started = True
            continue
        if el in top_anc:
            continue
        region.append(el)
    return region


def _standfirst(region, title: str | None, byline: str | None) -> str | None:
    from .. import phrases

    captions, credits = token_list("caption_tokens.txt"), token_list("credit_tokens.txt")
    for el in region:
        if not isinstance(el.tag, str) or el.tag not in ("p", "h2", "div", "span"):
            continue
        if el.tag in ("div", "span") and any(isinstance(c.tag, str) for c in el):
            continue
        text = text_of(el)
        if not (MIN_STANDFIRST_CHARS <= len(text) <= MAX_STANDFIRST_CHARS):
            continue
        if text == title or (byline and byline in text) or phrases.is_boilerplate(text):
            continue
        if link_density(el, text) > 0.3 or el.find(".//time") is not None or is_notice(text, el):
            continue
        if any(a.tag in ("figure", "figcaption") or captions.matches(a) or credits.matches(a) for a in (el, *ancestors(el))):
            continue  # a caption or credit above the story (of a lead image loaded by script)
        return text
    return None


def read_html(markup: str, *, source: str = "", url: str | None = None, rules: SiteRules | None = None) -> Article:
    """Read a web page into an Article: metadata, story blocks and figures in reading order.

    ``rules`` are site rules (``newspack.rules``); the page's URL (``url``, else its canonical
    address) picks the one that applies.
    """
    root = parse_html(markup)
    meta, h1 = extract_metadata(root, url)
    base = base_url(root, meta.declared_url, url)
    rule = rules.for_url(url if is_http(url) else meta.url) if rules else None
    if rule and rule.remove:
        remove_selected(root, rule.remove)
    parts = extract_content(root, meta.story_selectors, keep=rule.keep if rule else ())

    region = _lead_region(root, parts, h1 if h1 is not None and h1.getparent() is not None else None)
    lead_figures: list[Figure] = []
    in_region = set(region)
    for el in region:
        if el.getparent() in in_region or el.tag not in ("figure", "picture", "div", "section", "p", "span", "a", "img"):
            continue
        holder = el if el.tag != "img" else el.getparent()
        if holder is None or holder.find(".//img") is None and holder.tag != "img":
            continue
        figs, _ = find_figures(holder, base)
        for fig in figs.values():
            if fig.src and fig.src not in {f.src for f in lead_figures}:
                lead_figures.append(fig)

    figures: dict = {}
    used: set = set()
    for part in parts:
        if part.tag == "figure":
            holder = part.getparent()
            figs, u = find_figures(holder, base)
            figs = {k: v for k, v in figs.items() if k is part}
        else:
            figs, u = find_figures(part, base)
        figures.update(figs)
        used |= u
    blocks = walk_blocks(parts, figures, used)
    body = filter_blocks(blocks, title=meta.title, byline=meta.byline, headline=h1)

    standfirst = _standfirst(region, meta.title, meta.byline)
    if standfirst and not any(isinstance(b, Paragraph) and b.text == standfirst for b in body):
        body = [Paragraph(standfirst)] + body
    seen_src = {b.src for b in body if isinstance(b, Figure)}
    body = [f for f in lead_figures if f.src not in seen_src] + body

    language = meta.language
    if not language:
        language = detect_language(" ".join(b.text for b in body if isinstance(b, Paragraph)))
    return Article(
        title=meta.title,
        blocks=tuple(body),
        byline=meta.byline,
        date=meta.date,
        site_name=meta.site_name,
        language=language,
        url=meta.url,
        description=meta.description,
        source=source,
    )
