"""Reading many inputs at once: fetch with bounded concurrency, extract in parallel processes.

Two stages, each reporting every failure instead of stopping:

1. :func:`collect` turns inputs (files, URLs, feeds) into documents: bytes ready for a reader.
   Files are read and URLs fetched on a small thread pool; a feed becomes its items, whose
   own content is used when it carries the whole story and whose link is fetched otherwise.
2. :func:`extract` runs the readers over the documents in worker processes (parsing is
   CPU-bound Python, so threads would not help), then fills what a reader missed from what
   the feed said about the item (title, date, site, link).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace

from ..errors import NewspackError, describe
from ..events import Event, Notify, ignore
from ..sources.feeds import Feed, FeedEntry, entry_page, looks_like_feed, parse_feed
from .fetcher import FetchPolicy, fetch_with_retries
from ..model import Article, Figure
from ..sources.net import Response
from ..pipeline import Read, ReadOptions, read_input
from ..pools import process_pool, thread_pool
from ..sources import RawInput, is_url, open_pages

#: Fetches in flight at once. Enough to hide network latency on a few dozen pages, few enough
#: not to hammer one site (most digests read a handful of hosts).
FETCH_WORKERS = 6

#: Chunks of documents each extraction worker gets over a batch: more balance the load when
#: pages differ in size, fewer save round trips between processes. Reading a page takes
#: 10-30 ms; bench/digest.py measures the speed-up this gives.
CHUNKS_PER_WORKER = 4

#: Pages rendered in headless Chromium at once (``--render``): each browser takes a core and
#: a few hundred MB; two keep a small machine responsive while fetches go on beside them.
RENDER_WORKERS = 2

#: File suffixes read as feeds without sniffing.
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")


@dataclass(frozen=True)
class Input:
    """One thing the user named: a file path or URL, with its configured section, if any."""

    spec: str
    section: str | None = None
    kind: str = "auto"
    order: int = 0
    render: bool = False  # load the page in a headless browser (``--render``), not a plain fetch


@dataclass(frozen=True)
class Hints:
    """What a feed said about an item, used where the page itself is silent."""

    title: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Document:
    """Bytes ready for a reader, and where they belong in the book."""

    raw: RawInput
    section: str | None
    order: tuple[int, int]  # (input order, item order within a feed)
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Extracted:
    article: Article
    section: str | None
    order: tuple[int, int]
    local_root: str | None = None
    #: The folder of pictures stored out of a saved page (MHTML, WARC, SingleFile), if any.
    picture_root: str | None = None
    warnings: tuple[str, ...] = ()  # of reading it (a stray byte replaced), each naming the input
    #: The feed item's date, when the article came from a feed: a page may carry no date, or
    #: the date it was first written while the feed says when it was (re)published.
    feed_date: str | None = None


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str
    #: A feed's item failed, not an input the user named: the feed itself was read.
    item: bool = False


#: ``fetch(url, kind)`` -> Response; the edition swaps in one with conditional requests.
Fetch = Callable[[str, str], Response]
#: Picks the items of a feed worth reading (an edition drops old and delivered ones).
EntryFilter = Callable[[Input, Feed], Sequence[FeedEntry]]


def default_fetch(policy: FetchPolicy) -> Fetch:
    def fetch(url: str, kind: str) -> Response:
        return fetch_with_retries(url, policy)

    return fetch


def collect(
    inputs: Sequence[Input],
    fetch: Fetch,
    *,
    read_options: ReadOptions = ReadOptions(),
    entry_filter: EntryFilter | None = None,
    workers: int = FETCH_WORKERS,
    notify: Notify = ignore,
) -> tuple[list[Document], list[Failure]]:
    """Read or fetch every input; expand feeds into their items. Never raises for one input."""
    documents: list[Document] = []
    failures: list[Failure] = []

    def fail(source: str, reason: str, item: bool) -> None:
        failures.append(Failure(source, reason, item))
        notify(Event("fetch", "failed", source, reason))

    notify(Event("fetch", "queued", count=len(inputs)))
    browsers = threading.BoundedSemaphore(RENDER_WORKERS)
    with thread_pool(workers, "newspack-fetch") as pool:
        pending: dict[Future, tuple[str, Input, int, Hints | None]] = {
            pool.submit(_open, item, fetch, read_options, browsers): (item.spec, item, 0, None) for item in inputs
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                source, item, position, hints = pending.pop(future)
                try:
                    pages = future.result()
                except Exception as exc:  # one bad input must not sink the batch
                    fail(source, describe(exc).reason, hints is not None)
                    continue
                if len(pages) > 1:  # a WARC file: each page a document, each page it could not give a failure
                    _archive_documents(pages, item, documents, fail)
                    notify(Event("fetch", "done", source, f"archive: {len(pages)} pages"))
                    continue
                raw = pages[0]
                if hints is None and _is_feed(item, raw):
                    try:
                        feed = parse_feed(raw.data, raw.url, source=source)
                    except NewspackError as exc:
                        fail(source, exc.message, False)
                        continue
                    for warning in feed.warnings:
                        notify(Event("fetch", "warning", source, warning))
                    entries = list(entry_filter(item, feed) if entry_filter else feed.entries)
                    notify(Event("fetch", "done", source, f"feed: {len(entries)} items"))
                    notify(Event("fetch", "queued", count=len(entries)))
                    for number, entry in enumerate(entries, start=1):
                        # A feed names web pages: a file: or other link is never opened.
                        link = entry.link if entry.link and is_url(entry.link) else None
                        entry_hints = Hints(title=entry.title, date=entry.date, site_name=feed.title,
                                            url=link, author=entry.author)
                        if entry.full_text or not link:
                            label = link or f"{source}#item-{number}"
                            if not entry.content_html:
                                reason = f"feed item link is not http(s): {entry.link}" if entry.link else \
                                    "feed item has neither content nor link"
                                fail(label, reason, True)
                                continue
                            page = RawInput(source=label, data=entry_page(entry, feed),
                                            url=link, content_type="text/html; charset=utf-8")
                            documents.append(Document(page, item.section, (item.order, number), entry_hints))
                            notify(Event("fetch", "done", label, "full text in feed"))
                        else:
                            child = Input(link, item.section, "page", item.order, render=item.render)
                            future = pool.submit(_open, child, fetch, read_options, browsers)
                            pending[future] = (link, child, number, entry_hints)
                    continue
                documents.append(Document(raw, item.section, (item.order, position), hints or Hints()))
                notify(Event("fetch", "done", source))
    documents.sort(key=lambda d: d.order)
    return documents, failures


def _open(item: Input, fetch: Fetch, read_options: ReadOptions,
          browsers: threading.BoundedSemaphore | None = None) -> list[RawInput | NewspackError]:
    if not is_url(item.spec):
        return open_pages(item.spec, max_bytes=read_options.max_input_bytes)
    if item.render and item.kind == "page":
        return [_rendered(item.spec, read_options, browsers)]
    resp = fetch(item.spec, item.kind)
    raw = RawInput(source=item.spec, data=resp.data, url=resp.url, content_type=resp.content_type)
    if item.render and item.kind == "auto" and not looks_like_feed(raw.data, raw.content_type):
        # fetched first to tell a feed (read as it is) from a page (built by the browser)
        return [_rendered(resp.url, read_options, browsers, source=item.spec)]
    return [raw]


def _rendered(url: str, read_options: ReadOptions, browsers: threading.BoundedSemaphore | None,
              source: str | None = None) -> RawInput:
    from ..sources.inputs import rendered_input

    with browsers or threading.BoundedSemaphore(1):
        raw = rendered_input(url, allow_private=read_options.allow_private)
    return replace(raw, source=source or url)


def _archive_documents(pages: Sequence[RawInput | NewspackError], item: Input, documents: list[Document],
                       fail: Callable[[str, str, bool], None]) -> None:
    for number, page in enumerate(pages, start=1):
        if isinstance(page, RawInput):
            documents.append(Document(page, item.section, (item.order, number)))
        else:
            fail(page.source or item.spec, page.message, True)


def _is_feed(item: Input, raw: RawInput) -> bool:
    if item.kind != "auto":
        return item.kind == "feed"
    if not is_url(item.spec) and item.spec.lower().endswith(FEED_SUFFIXES):
        return True
    return looks_like_feed(raw.data, raw.content_type)


def default_jobs() -> int:
    """Worker processes when the user gives none: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract(
    documents: Sequence[Document],
    read_options: ReadOptions,
    *,
    jobs: int | None = None,
    notify: Notify = ignore,
) -> tuple[list[Extracted], list[Failure]]:
    """Read every document into an Article, in ``jobs`` processes; failures are returned."""
    jobs = jobs or default_jobs()
    notify(Event("extract", "queued", count=len(documents)))
    outcomes: list[tuple[Document, object]] = []
    if jobs <= 1 or len(documents) <= 1:
        for document in documents:
            outcome = _read_one(document.raw, read_options)
            outcomes.append((document, outcome))
            _notify_outcome(notify, document, outcome)
    else:
        workers = min(jobs, len(documents))
        chunk = max(1, len(documents) // (workers * CHUNKS_PER_WORKER))
        with process_pool(workers, _pool_context()) as pool:
            results = pool.map(_read_one, [d.raw for d in documents], [read_options] * len(documents),
                               chunksize=chunk)
            for document in documents:
                try:
                    outcome = next(results)
                except Exception as exc:  # a worker died (out of memory, killed): the rest of its chunk too
                    outcome = f"worker failed: {exc.__class__.__name__}: {exc}"
                outcomes.append((document, outcome))
                _notify_outcome(notify, document, outcome)
    extracted, failures = [], []
    for document, outcome in outcomes:
        if isinstance(outcome, Read):
            article = apply_hints(outcome.article, document.hints)
            if not document.raw.roots:
                article = without_local_images(article)
            extracted.append(Extracted(article, document.section, document.order, document.raw.local_root,
                                       document.raw.picture_root, outcome.warnings, feed_date=document.hints.date))
        else:
            failures.append(Failure(document.raw.source, str(outcome), item=document.order[1] > 0))
    return extracted, failures


def _notify_outcome(notify: Notify, document: Document, outcome: object) -> None:
    if isinstance(outcome, Read):
        for warning in outcome.warnings:
            notify(Event("extract", "warning", document.raw.source, warning))
        notify(Event("extract", "done", document.raw.source, outcome.article.title))
    else:
        notify(Event("extract", "failed", document.raw.source, str(outcome)))


def _read_one(raw: RawInput, read_options: ReadOptions) -> Read | str:
    """Worker body: the article read, or the reason it failed (a string pickles; exceptions may not)."""
    try:
        return read_input(raw, read_options)
    except Exception as exc:  # a reader bug on one page must not sink the batch
        return describe(exc).reason


def _pool_context():
    # fork starts a worker in milliseconds with the readers already imported; the fetch
    # threads have all finished by the time the pool starts. Elsewhere, the platform default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork") if "fork" in methods else None


def without_local_images(article: Article) -> Article:
    """``article`` with no figure pointing at a local file: a fetched page or a feed item must
    not embed files from this machine (a digest's local inputs open some folders to writers)."""
    if not any((f.src or "").lower().startswith("file:") for f in article.figures):
        return article
    return article.with_blocks(tuple(
        replace(b, src=None) if isinstance(b, Figure) and (b.src or "").lower().startswith("file:") else b
        for b in article.blocks))


def apply_hints(article: Article, hints: Hints) -> Article:
    """``article`` with the feed's facts filled in where the reader found nothing."""
    changes = {}
    if hints.title and not article.title:
        changes["title"] = hints.title
    if hints.date and not article.date:
        changes["date"] = hints.date
    if hints.site_name and not article.site_name:
        changes["site_name"] = hints.site_name
    if hints.author and not article.byline:
        changes["byline"] = hints.author
    if hints.url and not (article.url or "").startswith(("http://", "https://")):
        changes["url"] = hints.url
    return replace(article, **changes) if changes else article
