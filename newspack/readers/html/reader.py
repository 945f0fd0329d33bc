"""The HTML reader: a web page -> :class:`newspack.model.Article`.

Named steps, in order (``read_html``):

1. ``parse_html``         lxml's HTML parser, re-parsed without libxml2's depth limit when needed.
2. ``extract_metadata``   JSON-LD -> OpenGraph/meta -> <title> -> DOM (metadata, byline).
3. ``base_url``           <base href>, else the canonical/og:url, else the given ``url``.
4. site rules             ``remove`` selectors dropped; ``keep`` selectors, when they match,
                          stand in for the scoring (newspack.rules).
5. ``read_scored``        structural cleaning, loose text made paragraphs, readability-style
                          scoring kept inside the page's explicit story (content); figures
                          with caption and credit (figures); blocks in reading order, minus
                          labels, pitches and notices (blocks); the standfirst and the lead
                          figure above the story.
6. the fallback chain     while the story is weak (``is_weak``: under ``Tuning.min_story_chars``),
                          each of ``FALLBACKS`` reads the page again and replaces the reading when
                          it holds ``Tuning.fallback_gain`` times more story text: the story the page's
                          JSON-LD gives (``articleBody``), trafilatura's text as a second opinion
                          (second_opinion), then relaxed cleaning (no furniture words).
                          Figures stay those of the scored reading.

Every rule can be switched off by name (``switches``), which ``tools/ablate.py`` uses to
measure what each one is worth; the thresholds and the switches come in one ``Tuning`` value
(``tuning``), in effect for the length of the read.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..language import detect_language
from ...model import Article, Block, Figure, ListBlock, Paragraph
from ...rules import SiteRule, SiteRules
from .blocks import filter_blocks, walk_blocks
from .clean import remove_selected
from .content import extract_content
from .second_opinion import second_opinion
from ..tuning import DEFAULT, Tuning, enabled, in_effect
from .dom import ancestors, is_http, link_density, parse_html, resolve_url, text_of, token_list
from .figures import find_figures, is_caption_text
from .metadata import Metadata, extract_metadata, first_h1
from .notices import is_notice
from .paragraphs import text_paragraphs

# How long a standfirst may be, how weak a story is, are tuning: ``Tuning.min_standfirst_chars``...


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


def _standfirst(region, title: str | None, byline: str | None, tuning: Tuning) -> str | None:
    from .. import phrases

    captions, credits = token_list("caption_tokens.txt"), token_list("credit_tokens.txt")
    for el in region:
        if not isinstance(el.tag, str) or el.tag not in ("p", "h2", "div", "span"):
            continue
        if el.tag in ("div", "span") and any(isinstance(c.tag, str) for c in el):
            continue
        text = text_of(el)
        if not (tuning.min_standfirst_chars <= len(text) <= tuning.max_standfirst_chars):
            continue
        if text == title or (byline and byline in text) or phrases.is_boilerplate(text):
            continue
        if link_density(el, text) > 0.3 or el.find(".//time") is not None or is_notice(text, el):
            continue
        if any(a.tag in ("figure", "figcaption") or captions.matches(a) or credits.matches(a) for a in (el, *ancestors(el))):
            continue  # a caption or credit above the story (of a lead image loaded by script)
        return text
    return None


def story_strength(blocks) -> int:
    """Characters of story text in ``blocks`` (figures left out)."""
    total = 0
    for b in blocks:
        if isinstance(b, ListBlock):
            total += sum(len(i) for i in b.items)
        elif not isinstance(b, Figure):
            total += len(b.text)
    return total


def is_weak(blocks, tuning: Tuning = DEFAULT) -> bool:
    """Too little story text to trust: the fallback chain reads the page again."""
    return story_strength(blocks) < tuning.min_story_chars


@dataclass(frozen=True)
class _Page:
    """What every reading of one page shares: its markup, metadata and where links resolve."""
    markup: str
    meta: Metadata
    base: str | None
    rule: SiteRule | None
    url: str | None
    tuning: Tuning


def _blocks_of(root, parts, page: _Page, h1) -> list[Block]:
    """Figures, blocks in reading order, filtered, with the standfirst and lead figures."""
    meta, base = page.meta, page.base
    region = _lead_region(root, parts, h1 if h1 is not None and h1.getparent() is not None else None)
    lead_figures = _lead_figures(region, base) if enabled("lead_figures") else []
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
    body = filter_blocks(blocks, title=meta.title, byline=meta.byline, headline=h1, base=base)

    standfirst = _standfirst(region, meta.title, meta.byline, page.tuning) if enabled("standfirst") else None
    if standfirst and not any(isinstance(b, Paragraph) and b.text == standfirst for b in body):
        body = [Paragraph(standfirst)] + body
    seen_src = {b.src for b in body if isinstance(b, Figure)}
    return [f for f in lead_figures if f.src not in seen_src] + body


def _lead_figures(region, base) -> list[Figure]:
    lead: list[Figure] = []
    seen: set = set()
    in_region = set(region)
    for el in region:
        if el.getparent() in in_region or el.tag not in ("figure", "picture", "div", "section", "p", "span", "a", "img"):
            continue
        holder = el if el.tag != "img" else el.getparent()
        if holder is None or holder.find(".//img") is None and holder.tag != "img":
            continue
        figs, _ = find_figures(holder, base)
        for fig in figs.values():
            if fig.src and fig.src not in seen:
                seen.add(fig.src)
                lead.append(fig)
    return lead


def read_scored(root, page: _Page, h1) -> list[Block]:
    """Step 1: structural cleaning, scoring and the block filters (content, blocks)."""
    rule = page.rule
    parts = extract_content(root, page.meta.story_selectors, keep=rule.keep if rule else ())
    return _blocks_of(root, parts, page, h1)


def read_relaxed(page: _Page, current: list[Block]) -> list[Block]:
    """Fallback 3: the page read again without the furniture words and chrome tags, which
    sometimes name the story's own wrapper ("content-sidebar", a <header> around everything)."""
    root = parse_html(page.markup)
    h1, _ = first_h1(root)  # the metadata is the first reading's; only the headline element is new
    parts = extract_content(root, page.meta.story_selectors, relaxed=True)
    return _blocks_of(root, parts, page, h1)


def read_structured_body(page: _Page, current: list[Block]) -> list[Block]:
    """Fallback 1: the story the page's JSON-LD gives (``articleBody``), as paragraphs, through the
    same block filters: pages rendered by script carry it while their markup holds a teaser.
    What the page prints and the JSON-LD lacks (the teaser of a paywalled page) stays above it."""
    text = page.meta.structured_body
    if not text:
        return []
    blocks = [(Paragraph(t), None) for t in text_paragraphs(text)]
    meta = page.meta
    structured = filter_blocks(blocks, title=meta.title, byline=meta.byline)
    return _printed_lead(current, structured) + structured if structured else []


def read_second_opinion(page: _Page, current: list[Block]) -> list[Block]:
    """Fallback 2: trafilatura's text (second_opinion), through the same block filters;
    the figures are those of the scored reading, kept by the caller."""
    blocks = second_opinion(page.markup, page.url)
    meta = page.meta
    return filter_blocks([(b, None) for b in blocks], title=meta.title, byline=meta.byline)


#: The fallback chain, in order: each runs only while the result is still weak, reads the page
#: again (given the current reading), and its result replaces the current one when it holds
#: ``Tuning.fallback_gain`` times more story text.
FALLBACKS = (
    ("structured_body", read_structured_body),
    ("second_opinion", read_second_opinion),
    ("relaxed_fallback", read_relaxed),
)


#: A paragraph of the scored reading kept above a structured body is at least this long: a
#: teaser or standfirst, not a label.
MIN_PRINTED_LEAD_CHARS = 80


def _printed_lead(printed: list[Block], structured: list[Block]) -> list[Block]:
    """Paragraphs the page prints that its JSON-LD body lacks (a paywalled page prints a teaser
    and ships the full text): kept above it, so the book has what the page shows."""
    have = " ".join(" ".join(b.text.split()) for b in structured if isinstance(b, Paragraph))
    return [b for b in printed if isinstance(b, Paragraph) and len(b.text) >= MIN_PRINTED_LEAD_CHARS
            and not is_caption_text(b.text) and " ".join(b.text.split()) not in have]


def _with_figures(text_blocks: list[Block], figures: list[Figure]) -> list[Block]:
    """A text-only reading keeps the figures found before it (lead first)."""
    have = {b.src for b in text_blocks if isinstance(b, Figure)}
    return [f for f in figures if f.src not in have] + text_blocks


def read_html(markup: str, *, source: str = "", url: str | None = None, rules: SiteRules | None = None,
              tuning: Tuning = DEFAULT) -> Article:
    """Read a web page into an Article: metadata, story blocks and figures in reading order.

    ``rules`` are site rules (``newspack.rules``); the page's URL (``url``, else its canonical
    address) picks the one that applies. ``tuning`` holds the thresholds and switched-off rules.
    """
    with in_effect(tuning):
        return _read(markup, source, url, rules, tuning)


def _read(markup: str, source: str, url: str | None, rules: SiteRules | None, tuning: Tuning) -> Article:
    root = parse_html(markup)
    meta, h1 = extract_metadata(root, url)
    base = base_url(root, meta.declared_url, url)
    rule = rules.for_url(url if is_http(url) else meta.url) if rules else None
    if rule and rule.remove:
        remove_selected(root, rule.remove)
    page = _Page(markup=markup, meta=meta, base=base, rule=rule, url=url if is_http(url) else meta.url, tuning=tuning)
    body = read_scored(root, page, h1)
    figures = [b for b in body if isinstance(b, Figure)]
    for name, fallback in FALLBACKS:
        if not is_weak(body, tuning):
            break
        if not enabled(name) or (rule and rule.keep):
            continue
        alt = fallback(page, body)
        if story_strength(alt) > tuning.fallback_gain * story_strength(body):
            body = _with_figures(alt, figures)

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
