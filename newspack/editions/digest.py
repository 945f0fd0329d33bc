"""Digests: many inputs -> one Edition (sections of articles), ready for any writer.

The steps, each a function usable on its own:

1. :func:`expand_inputs` - files, folders (their .html/.htm/.txt files), globs, URLs, list
   files (one input a line) and read-later exports or bookmarks (their URLs, filtered as the
   user asks) become a flat list of :class:`~newspack.editions.batch.Input`;
2. :func:`newspack.editions.batch.collect` and :func:`newspack.editions.batch.extract` - fetch, expand feeds,
   read every document into an Article, in parallel;
3. :func:`drop_duplicates` - the same story once: same canonical URL, or near-identical text;
4. :func:`build_edition` - sections (configured, else one per site), each ordered newest first.

:func:`make_digest` runs them all.
"""
from __future__ import annotations

import glob
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..words import WORD_CHARS
from ..errors import InputError, UsageError
from ..events import Notify, ignore
from ..model import Article, Edition, Section
from ..pipeline import ReadOptions
from ..sources import is_url
from ..sources.exports import LinkFilter, export_file_urls, file_export_kind
from .batch import FETCH_WORKERS, EntryFilter, Extracted, Failure, Fetch, Input, collect, default_fetch, extract
from .fetcher import FetchPolicy

#: Files a folder input contributes (not recursive: a saved page's ``_files`` folder holds
#: frames and scripts, not stories): pages, scrapes, saved pages and web archives.
FOLDER_SUFFIXES = (".html", ".htm", ".txt", ".mhtml", ".mht", ".warc", ".warc.gz")

#: Word n-gram length of the shingles compared for near-duplicates: long enough that shared
#: stock phrases do not match, short enough that an edited sentence breaks only a few.
SHINGLE_WORDS = 5

#: Share of shingles two stories must have in common (Jaccard) to be the same story. The
#: same wire story on two sites, with a changed intro or a dropped paragraph, scores ~0.85;
#: two different stories on the same event stay under 0.2.
NEAR_DUPLICATE_JACCARD = 0.7

#: Query parameters that track a click and never change the page.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign|ref|src)$",
                             re.IGNORECASE)

#: Section title for articles that name no site and came from no URL.
OTHER_SECTION = "Other"

_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class DigestOptions:
    """How a digest is made (black's ``Mode``: one value passed down, no globals)."""

    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, default today
    language: str | None = None
    jobs: int | None = None  # extraction processes; None: the cores available
    fetch_workers: int = FETCH_WORKERS
    read: ReadOptions = field(default_factory=ReadOptions)
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    #: Configured section order; sections not named here follow, in the order first seen.
    section_order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Digest:
    """The outcome: the edition (None when no input gave an article), and what went wrong."""

    edition: Edition | None
    failures: tuple[Failure, ...]
    duplicates: tuple[str, ...] = ()  # sources left out as the same story as another
    articles: tuple[Extracted, ...] = ()


def expand_inputs(
    specs: Sequence[str],
    *,
    list_files: Sequence[str] = (),
    sections: Sequence[tuple[str, str]] = (),
    stdin=None,
    links: LinkFilter = LinkFilter(),
    render: bool = False,
) -> tuple[list[Input], list[Failure]]:
    """Inputs as the user named them -> one Input per file or URL, in order.

    ``sections`` are ``(name, spec)`` pairs (``--section NAME=INPUT``): the spec is read like
    any other and its articles go to section ``name``. A list file holds one input a line
    (``#`` starts a comment); its relative paths are relative to the list file's folder. A
    file (or list file) that is a read-later export or bookmarks gives its URLs that ``links``
    keeps. ``render`` marks every input to be loaded in a browser (``--render``).
    """
    named: list[tuple[str, str | None]] = [(spec, None) for spec in specs]
    failures: list[Failure] = []
    for list_file in list_files:
        if list_file != "-" and file_export_kind(list_file) is not None:
            named.append((list_file, None))
            continue
        try:
            lines = _read_list(list_file, stdin)
        except InputError as exc:
            failures.append(Failure(list_file, exc.message))
            continue
        base = Path(list_file).parent if list_file != "-" else Path(".")
        for line in lines:
            named.append((line if is_url(line) or Path(line).is_absolute() else str(base / line), None))
    named.extend((spec, name) for name, spec in sections)

    inputs: list[Input] = []
    for spec, section in named:
        found = _expand_one(spec)
        if not found:
            failures.append(Failure(spec, "no file matches" if _GLOB_CHARS.search(spec) else "empty folder"))
        if found == [spec] and file_export_kind(spec) is not None:
            try:
                found = export_file_urls(spec, links)
            except InputError as exc:
                failures.append(Failure(spec, exc.message))
                continue
        for path in found:
            inputs.append(Input(path, section, "auto", len(inputs), render=render))
    return inputs, failures


def _read_list(list_file: str, stdin) -> list[str]:
    try:
        if list_file == "-":
            import sys

            text = (stdin or sys.stdin).read()
        else:
            text = Path(list_file).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such list file", source=list_file) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read list file: {exc}", source=list_file) from None
    lines = (line.split("#", 1)[0].strip() if not is_url(line.strip()) else line.strip()
             for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _expand_one(spec: str) -> list[str]:
    if is_url(spec) or spec == "-":
        return [spec]
    path = Path(spec)
    if path.is_dir():
        return sorted(str(p) for p in path.iterdir() if p.is_file() and p.name.lower().endswith(FOLDER_SUFFIXES))
    if path.exists() or not _GLOB_CHARS.search(spec):
        return [spec]  # a missing file is reported when it is opened
    return sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())


def canonical_url(url: str | None) -> str | None:
    """``url`` reduced to what identifies the story: no fragment, tracking or trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    path = parts.path.rstrip("/") or "/"
    # http and https name the same story: the key keeps no scheme.
    return urlunsplit(("", host, path, query, "")).lstrip("/")


def shingles(text: str) -> frozenset[int]:
    """Hashes of the text's overlapping word n-grams (lower case, punctuation ignored)."""
    words = WORD_CHARS.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(hash(tuple(words[i:i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1))


def drop_duplicates(items: Sequence[Extracted]) -> tuple[list[Extracted], list[str]]:
    """Keep each story once (first by canonical URL, then by near-identical text).

    Of two copies the longer text is kept, in the place of the first seen.
    """
    kept: list[Extracted] = []
    kept_shingles: list[frozenset[int]] = []
    by_url: dict[str, int] = {}
    dropped: list[str] = []
    for item in items:
        key = canonical_url(item.article.url)
        marks = shingles(item.article.body_text)
        twin = by_url.get(key) if key else None
        if twin is None:
            twin = _near_twin(marks, kept_shingles)
        if twin is None:
            if key:
                by_url[key] = len(kept)
            kept.append(item)
            kept_shingles.append(marks)
            continue
        if len(item.article.body_text) > len(kept[twin].article.body_text):
            dropped.append(kept[twin].article.source)
            kept[twin] = replace(item, section=kept[twin].section, order=kept[twin].order)
            kept_shingles[twin] = marks
        else:
            dropped.append(item.article.source)
        if key:
            by_url[key] = twin
    return kept, dropped


def _near_twin(marks: frozenset[int], others: Sequence[frozenset[int]]) -> int | None:
    if not marks:
        return None
    for index, other in enumerate(others):
        small, large = sorted((len(marks), len(other)))
        # Jaccard can reach the threshold only if the sizes are close: skip the set work.
        if not large or small / large < NEAR_DUPLICATE_JACCARD:
            continue
        common = len(marks & other)
        if common / (len(marks) + len(other) - common) >= NEAR_DUPLICATE_JACCARD:
            return index
    return None


#: A site name that is only an address ("https://www.newsnation.in", "www.example.org/"):
#: some pages and feeds put their URL where their name belongs.
_ADDRESS_NAME = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^\s/]+\.[a-z]{2,}(?::\d+)?)/?$", re.IGNORECASE)


def readable_site_name(name: str | None) -> str | None:
    """``name`` as a reader reads a site's name: an address becomes its host without scheme
    and ``www.``; None for a name that is only an address."""
    name = " ".join((name or "").split())
    return None if not name or _ADDRESS_NAME.match(name) else name


def host_name(name: str) -> str:
    """The host an address-like name gives (``https://www.newsnation.in`` -> ``newsnation.in``)."""
    match = _ADDRESS_NAME.match(name.strip())
    return match.group(1).lower() if match else name


def site_key(article: Article) -> tuple[str, str | None]:
    """(grouping key, site name) of an article's site: its host, else its site name. The name
    is None when the page gives none but its address; :func:`build_edition` then names the
    section by another page's name, else by the host."""
    url = canonical_url(article.url)
    name = readable_site_name(article.site_name)
    if url:
        return url.split("/", 1)[0], name
    if article.site_name:
        return (name or host_name(article.site_name)).casefold(), name or host_name(article.site_name)
    return "", OTHER_SECTION


def sort_time(value: str | None) -> float | None:
    """An ISO date or datetime as a UTC timestamp (naive and date-only count as UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def build_edition(
    items: Sequence[Extracted],
    *,
    title: str,
    date: str,
    language: str | None = None,
    section_order: Sequence[str] = (),
) -> Edition:
    """Group ``items`` into sections (configured first, then by site) ordered newest first."""
    groups: dict[str, list[Extracted]] = {}
    titles: dict[str, Counter] = {}
    for item in sorted(items, key=lambda i: i.order):
        if item.section is not None:
            key, name = f"section:{item.section}", item.section
        else:
            site, name = site_key(item.article)
            key = f"site:{site}"
        groups.setdefault(key, []).append(item)
        counts = titles.setdefault(key, Counter())
        if name:
            counts[name] += 1
    order = {f"section:{name}": rank for rank, name in enumerate(section_order)}
    keys = sorted(groups, key=lambda k: (order.get(k, len(order)), list(groups).index(k)))
    sections = []
    for key in keys:
        members = sorted(groups[key], key=_newest_first)
        named = titles[key].most_common(1)
        sections.append(Section(title=named[0][0] if named else host_name(key.removeprefix("site:")),
                                articles=tuple(m.article for m in members)))
    languages = Counter(i.article.language for i in items if i.article.language)
    roots = tuple(dict.fromkeys(root for i in items for root in (i.local_root, i.picture_root) if root))
    return Edition(
        title=title,
        sections=tuple(sections),
        language=language or (languages.most_common(1)[0][0] if languages else None),
        date=date,
        allowed_roots=roots,
    )


def _newest_first(item: Extracted) -> tuple:
    moment = sort_time(item.article.date)
    return (moment is None, -(moment or 0.0), item.order)


def make_digest(
    inputs: Sequence[Input],
    options: DigestOptions = DigestOptions(),
    *,
    fetch: Fetch | None = None,
    entry_filter: EntryFilter | None = None,
    keep: Callable[[list[Extracted]], Sequence[Extracted]] | None = None,
    notify: Notify = ignore,
) -> Digest:
    """Fetch, extract, de-duplicate and group ``inputs`` into one Edition.

    ``keep(articles) -> articles`` may narrow the extracted articles before the book is
    built (an edition drops stories it delivered before and caps each section).
    """
    documents, failures = collect(inputs, fetch or default_fetch(options.policy), read_options=options.read,
                                  entry_filter=entry_filter, workers=options.fetch_workers, notify=notify)
    extracted, extract_failures = extract(documents, options.read, jobs=options.jobs, notify=notify)
    failures += extract_failures
    unique, duplicates = drop_duplicates(extracted)
    if keep is not None:
        unique = list(keep(unique))
    day = options.date or Date.today().isoformat()
    if not unique:
        return Digest(None, tuple(failures), tuple(duplicates))
    edition = build_edition(unique, title=options.title or f"Digest {day}", date=day,
                            language=options.language, section_order=options.section_order)
    return Digest(edition, tuple(failures), tuple(duplicates), tuple(unique))


def parse_section_option(value: str) -> tuple[str, str]:
    """``NAME=INPUT`` -> (name, input); raise InputError for anything else."""
    name, sep, spec = value.partition("=")
    if not sep or not name.strip() or not spec.strip():
        raise UsageError(f"--section wants NAME=INPUT, got {value!r}")
    return name.strip(), spec.strip()


def summary(edition: Edition | None, failures: Sequence[object], duplicates: Sequence[str]) -> str:
    """What a batch made, in a few words: '8 articles in 2 sections, 1 failed, ...'."""
    articles = len(edition.articles) if edition else 0
    sections = len(edition.sections) if edition else 0
    parts = [f"{articles} article{'s' * (articles != 1)} in {sections} section{'s' * (sections != 1)}"]
    if failures:
        parts.append(f"{len(failures)} failed")
    if duplicates:
        parts.append(f"{len(duplicates)} duplicate{'s' * (len(duplicates) != 1)} left out")
    return ", ".join(parts)
