"""Article metadata from an HTML page: title, byline, date, site name, language, URL.

Each field goes down one cascade, first hit wins:
JSON-LD (NewsArticle and kin, also inside ``@graph`` and lists) -> OpenGraph / ``<meta>`` ->
``<title>`` minus the site suffix -> the DOM (h1, byline patterns, ``<time datetime>``).
The byline prefers the DOM's printed form ("A und B", see ``byline``) over JSON-LD's list
of names, because the contract asks for names as printed; JSON-LD names are the fallback.
"""
from __future__ import annotations

import html

import json
import re
from dataclasses import dataclass

from .. import lexicon
from ..language import normalize_language
from .byline import clean_byline, dom_byline
from .headline import choose_title, first_h1, headlines, strip_site_suffix  # noqa: F401 (re-exported)
from .page_date import page_date
from ..dates import is_date_fragment
from ..names import join_names
from ..suffix import HTML_TITLE, split_site_suffix
from .dom import clean_text, is_http, text_of

ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenews", "blogposting", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "scholarlyarticle", "socialmediaposting", "liveblogposting", "report", "techarticle",
    "satiricalarticle", "posting",
})
#: Stop walking JSON-LD after this many nodes: a page's graph is small; a huge one is data.
MAX_JSONLD_NODES = 5000



@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    declared_url: str | None = None  # canonical or og:url, for resolving relative links
    #: CSS selectors the page marks as parts of the article (schema.org ``hasPart.cssSelector``,
    #: used by publishers to mark paywalled story text present in the HTML).
    story_selectors: tuple[str, ...] = ()
    #: The story as the page's JSON-LD gives it (schema.org ``articleBody``): pages rendered by
    #: script often print little of it in their markup.
    structured_body: str | None = None


# ---------------------------------------------------------------- JSON-LD

def _jsonld_objects(root) -> list[dict]:
    """Every dict in the page's JSON-LD blocks, flattened iteratively (graphs, lists, nesting)."""
    found: list[dict] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = (script.text or "").strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        stack = [data]
        seen = 0
        while stack and seen < MAX_JSONLD_NODES:
            item = stack.pop()
            seen += 1
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return found


def _story_selectors(ld: dict) -> tuple[str, ...]:
    parts = ld.get("hasPart") if ld else None
    parts = parts if isinstance(parts, list) else [parts]
    return tuple(str(p["cssSelector"]) for p in parts if isinstance(p, dict) and isinstance(p.get("cssSelector"), str))


def _structured_body(ld: dict) -> str | None:
    body = ld.get("articleBody") if ld else None
    if isinstance(body, list):
        body = "\n\n".join(b for b in body if isinstance(b, str))
    return body if isinstance(body, str) and body.strip() else None


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).lower().rsplit("/", 1)[-1] for v in values if v}


def _string(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url") or value.get("@id")
    if value is None or isinstance(value, (dict, list)):
        return None
    # publishers write JSON-LD strings from their HTML templates: "review &#8211; shoots"
    return clean_text(html.unescape(str(value))) or None


def _names(value) -> list[str]:
    """Author names from a JSON-LD author value: string, object, or list of either."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = " ".join(str(n) for n in name)
        if isinstance(name, str) and clean_text(name) and not clean_text(name).startswith("http"):
            names.append(clean_text(html.unescape(name)))
    return names


def _article_jsonld(objects: list[dict]) -> dict:
    for obj in objects:
        if _types(obj) & ARTICLE_TYPES:
            return obj
    return {}


# ---------------------------------------------------------------- <meta>

def _meta_table(root) -> dict[str, str]:
    """First content of each meta name/property, keys lower-cased."""
    table: dict[str, str] = {}
    for meta in root.iter("meta"):
        keys = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").lower()
        content = clean_text(meta.get("content"))
        # RDFa allows several properties in one attribute ("dc:creator twitter:creator")
        for key in keys.split() if content else ():
            table.setdefault(key, content)
    return table


def _link(root, rel: str) -> str | None:
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split():
            href = clean_text(link.get("href"))
            if href:
                return href
    return None


# ---------------------------------------------------------------- entry point

#: Author meta tags, in the order trusted (Dublin Core, then the common names, then Parse.ly's).
AUTHOR_META = ("dc.creator", "dc:creator", "dcterm:creator", "dcterms.creator", "author", "article:author", "article:author_name",
               "parsely-author", "sailthru.author", "byl")


def _glued_after(printed: str, name: str) -> bool:
    """'Jane Roe posted in Blog 12 comments' after the name 'Jane Roe': page words, not more names
    ('Jane Roe and John Doe', 'Jane Roe, John Doe')."""
    if not printed.casefold().startswith(name.casefold() + " "):
        return False
    rest = printed[len(name):].strip()
    return not rest.startswith((",", "&")) and rest.split()[0].casefold() not in lexicon.word_set("name-joiner")


_HANDLE = re.compile(r"[\w-]+(?:\.[\w-]+)+|@\S+")


def _usable_names(names: list[str], site: str) -> list[str]:
    """JSON-LD author names a byline can print: not the site itself, not a handle
    ('jane.roe'), not a template's leftovers with the name missing (', USA TODAY')."""
    names = [" ".join(n.split()) for n in names]
    return [n for n in names if n and n[0].isalnum() and n.casefold() != site and not _HANDLE.fullmatch(n)]


def _prints_all(printed: str, names: list[str]) -> bool:
    folded = " ".join(printed.split()).casefold()
    return all(n.casefold() in folded for n in names)


def _choose_byline(printed: str | None, ld_names: list[str], meta: dict, site_name: str | None,
                   language: str | None) -> str | None:
    """The byline: the printed one when it reads as names, else JSON-LD authors, else author meta.

    A printed byline that is only a handle ("@jane") or the outlet's name gives way to the
    structured data; an author that is the site itself is no author. So does a printed line
    that misses one of the JSON-LD authors: it is the first of several names ("Jane Roe" of
    three authors), or no name at all (a label, a date, a caption's credit, a reviewer).
    """
    site = (site_name or "").casefold()
    if printed and is_date_fragment(printed):
        printed = None  # 'August', '3 de Mayo de': a date line cut where a byline was expected
    names = _usable_names(ld_names, site)
    structured = join_names(names, language) if names else None
    if not structured:
        for key in AUTHOR_META:
            value = meta.get(key)
            if value and not is_http(value) and value.casefold() != site:
                structured = clean_byline(value)
                if structured:
                    break
    if printed and names and not _prints_all(printed, names):
        return structured
    if printed and structured and _glued_after(printed, structured):
        return structured  # the printed line is the name with page words glued after it
    if printed and not printed.startswith("@") and printed.casefold() != site:
        return printed
    return structured or printed


def extract_metadata(root, url: str | None = None) -> tuple[Metadata, object]:
    """Read the metadata cascade; also returns the h1 element (to keep it out of the body)."""
    objects = _jsonld_objects(root)
    ld = _article_jsonld(objects)
    meta = _meta_table(root)

    site_name = meta.get("og:site_name") or meta.get("application-name") or meta.get("twitter:site:name")
    if not site_name:
        publisher = ld.get("publisher")
        site_name = _string(publisher)
    if not site_name:
        for obj in objects:
            if _types(obj) & {"website", "newsmediaorganization", "organization"} and _string(obj.get("name")):
                site_name = _string(obj.get("name"))
                break
    site_name = clean_text(site_name) or None

    title_el = root.find(".//title")
    doc_title = text_of(title_el) if title_el is not None else None
    title, h1 = choose_title(
        [_string(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title"), _string(ld.get("name")), doc_title],
        headlines(root), site_name,
    )
    if not site_name and doc_title and title and doc_title.startswith(title):
        tail = doc_title[len(title):].strip(" |-—–·•:")
        site_name = tail or None

    html = root if root.tag == "html" else root.find(".//html")
    language = normalize_language(html.get("lang") or html.get("xml:lang")) if html is not None else None
    language = language or normalize_language(meta.get("content-language") or meta.get("og:locale") or meta.get("language") or meta.get("dc.language") or _string(ld.get("inLanguage")))

    byline = _choose_byline(dom_byline(root, h1), _names(ld.get("author")) if ld else [], meta, site_name, language)

    date = page_date(root, _string(ld.get("datePublished")) or _string(ld.get("dateCreated")), meta, url)

    canonical = _link(root, "canonical")
    og_url = meta.get("og:url")
    declared = canonical if is_http(canonical) else (og_url if is_http(og_url) else None)
    if declared is None and url and canonical:
        from .dom import resolve_url

        declared = resolve_url(canonical, url)
    article_url = declared or (url if is_http(url) else None)
    description = meta.get("description") or meta.get("og:description") or _string(ld.get("description"))
    return (
        Metadata(title=title, byline=byline, date=date, site_name=site_name, language=language,
                 url=article_url, description=description, declared_url=declared,
                 story_selectors=_story_selectors(ld), structured_body=_structured_body(ld)),
        h1,
    )
