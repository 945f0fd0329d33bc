"""The daily edition: a config in, today's books out, ready for cron.

:func:`run_edition` does one run, in this order, so that a run stopped at any point (even by
SIGKILL) leaves the previous edition and the state as they were:

1. take the lock (:mod:`newspack.editions.lock`): two runs of one edition never overlap;
2. read the state (:mod:`newspack.editions.state`): stories delivered in earlier editions, feed caches;
3. fetch feeds with conditional requests (a 304 reuses the stored body), drop items that are
   too old or were delivered before, fetch the rest with retries and backoff, extract them
   in parallel (:mod:`newspack.editions.batch`), de-duplicate and cap each section;
4. make the books (:func:`newspack.pipeline.make_books`, the job every command shares):
   every format rendered in memory, then each written atomically (temp file + rename);
5. send it by e-mail when ``[deliver]`` says so;
6. only then record the delivered stories and feed caches in one transaction, and delete
   the editions beyond ``keep``.

Re-running a date rebuilds that date's edition: only stories of *earlier* dates are skipped.
"""
from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from ..errors import UsageError
from ..events import Notify, ignore
from ..model import Article, Edition
from ..output import slugify
from ..pipeline import ReadOptions, make_books
from ..readers.tuning import DEFAULT as DEFAULT_TUNING, Tuning
from ..sources.feeds import Feed, FeedEntry
from ..sources.net import Response
from .batch import Extracted, Failure, Input
from .config import EditionConfig
from .deliver import DeliverySettings, send_book
from ..sources.exports import LinkFilter
from .digest import DigestOptions, canonical_url, expand_inputs, make_digest, sort_time
from .fetcher import FetchPolicy, Validators, fetch_with_retries
from .lock import RunLock
from .state import CachedFeed, State, Story, default_state_path, set_aside, text_key, url_key

#: Items of a feed fetched per section beyond ``max_articles``, as spares for pages that fail
#: or turn out to be duplicates: more costs fetches, fewer leaves sections short.
SPARE_ITEMS = 5

#: Namespace of edition identifiers: the same edition name and date give the same book id,
#: so a reader treats a rebuilt edition as the same book.
EDITION_NAMESPACE = uuid.UUID("0b7c3d52-8f4e-4a57-9d1e-6c2b5a8e9f30")


@dataclass(frozen=True)
class RunOptions:
    date: str  # YYYY-MM-DD
    dry_run: bool = False
    state_path: Path | None = None  # overrides the config
    output: Path | None = None  # overrides the config
    jobs: int | None = None  # overrides the config
    now: datetime | None = None  # the clock, for max_age_hours (tests pass one)
    #: Keep the state file aside (renamed) and start a new one: the way out of a damaged state.
    fresh_state: bool = False
    tuning: Tuning = DEFAULT_TUNING  # the readers' thresholds and switched-off rules


@dataclass(frozen=True)
class Skipped:
    """A story left out of the edition, and why (listed under ``-v``)."""

    source: str
    title: str | None
    reason: str


@dataclass(frozen=True)
class EditionRun:
    """What a run did."""

    date: str
    edition: Edition | None
    files: tuple[Path, ...] = ()
    failures: tuple[Failure, ...] = ()
    duplicates: tuple[str, ...] = ()
    skipped_items: tuple[Skipped, ...] = ()  # stories left out: delivered before, or too old
    delivered_to: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # old edition files deleted (keep = N)
    #: Every feed and page failed: nothing could be read, which is not "nothing new".
    read_nothing: bool = False
    #: Where ``fresh_state`` moved the old state file.
    old_state: Path | None = None

    @property
    def skipped(self) -> int:
        return len(self.skipped_items)


def check_date(value: str) -> str:
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date wants YYYY-MM-DD, got {value!r}") from None


def state_path(config: EditionConfig, options: RunOptions) -> Path:
    return options.state_path or config.state or default_state_path(slugify(config.name, "edition"))


def edition_files(config: EditionConfig, options: RunOptions) -> dict[str, Path]:
    """format -> the path its book is written to."""
    folder = options.output or config.output
    from ..writers import EXTENSIONS

    name = slugify(config.name, "edition")
    return {fmt: folder / config.filename.format(name=name, date=options.date, ext=EXTENSIONS[fmt].lstrip("."))
            for fmt in config.formats}


def story_keys(article: Article) -> tuple[str, ...]:
    """Every key a story is recognised by in the state: canonical URL, text hash."""
    return tuple(k for k in (url_key(canonical_url(article.url)), text_key(article.body_text)) if k)


def run_edition(
    config: EditionConfig,
    options: RunOptions,
    *,
    notify: Notify = ignore,
) -> EditionRun:
    """One run of the edition for ``options.date``; see the module docstring for the steps."""
    if config.deliver and config.deliver.format not in config.formats:
        raise UsageError(f"deliver.format {config.deliver.format!r} is not among formats", source=str(config.path))
    files = edition_files(config, options)
    folder = next(iter(files.values())).parent
    if not folder.is_dir():
        _make_output_folder(folder, given=options.output is not None, dry_run=options.dry_run)
    db_path = state_path(config, options)
    if options.dry_run:
        return _run(config, options, files, db_path, notify)
    with RunLock(db_path.with_name(db_path.name + ".lock")):
        return _run(config, options, files, db_path, notify)


def _make_output_folder(folder: Path, *, given: bool, dry_run: bool) -> None:
    """Make a missing output folder one level deep, as ``mkdir`` does: a first run into a new
    folder works, while a mistyped path (``/no/such/dir``) is a usage error, never a new tree."""
    if not folder.parent.is_dir():
        where = "--output-dir" if given else "the config's output folder"
        raise UsageError(f"{where} does not exist, nor its parent {str(folder.parent)!r}", source=str(folder))
    if dry_run:
        return
    try:
        folder.mkdir()
    except OSError as exc:
        raise UsageError(f"cannot create the output folder: {exc.strerror or exc}", source=str(folder)) from None


def _run(config, options, files, db_path, notify) -> EditionRun:
    old_state = None
    if options.fresh_state and not options.dry_run:
        old_state = set_aside(db_path)
    if options.dry_run and (options.fresh_state or not db_path.exists()):
        delivered, cached = frozenset(), {}
        state = None
    else:
        state = State(db_path)
        delivered = state.delivered_before(options.date)
        cached = {url: state.cached_feed(url) for s in config.sections for url in s.feeds}
    try:
        return replace(_build(config, options, files, state, delivered, cached, notify), old_state=old_state)
    finally:
        if state is not None:
            state.close()


def _build(config, options, files, state, delivered, cached, notify) -> EditionRun:
    inputs, failures = _inputs(config)
    sections = {s.name: s for s in config.sections}
    reference = _reference_time(options)
    skipped: list[Skipped] = []
    skipped_lock = threading.Lock()

    def entry_filter(item: Input, feed: Feed) -> Sequence[FeedEntry]:
        section = sections[item.section]
        chosen = []
        for entry in feed.entries:
            why = _why_left_out(delivered, (url_key(canonical_url(entry.link)),), entry.date, section, reference)
            if why:
                with skipped_lock:
                    skipped.append(Skipped(entry.link or feed.title or item.spec, entry.title, why))
                continue
            chosen.append(entry)
        chosen.sort(key=lambda e: -(e.timestamp or 0.0))
        return chosen[: section.max_articles + SPARE_ITEMS] if section.max_articles else chosen

    def keep(items: list[Extracted]) -> list[Extracted]:
        by_section: dict[str, list[Extracted]] = {}
        for item in items:
            section = sections[item.section]
            why = _why_left_out(delivered, story_keys(item.article), _age_date(item), section, reference)
            if why:
                skipped.append(Skipped(item.article.url or item.article.source, item.article.title, why))
                continue
            by_section.setdefault(item.section, []).append(item)
        chosen = []
        for name, members in by_section.items():
            members.sort(key=lambda i: (-(sort_time(i.article.date) or 0.0), i.order))
            limit = sections[name].max_articles
            chosen.extend(members[:limit] if limit else members)
        return chosen

    policy = FetchPolicy(allow_private=config.allow_private, timeout=config.timeout,
                         retries=config.retries, backoff=config.backoff)
    fetch = _ConditionalFetch(policy, cached)
    title = config.title or config.name
    digest = make_digest(
        inputs,
        DigestOptions(title=f"{title} — {options.date}", date=options.date, language=config.language,
                      jobs=options.jobs or config.jobs, policy=policy,
                      read=ReadOptions(allow_private=config.allow_private, tuning=options.tuning),
                      section_order=tuple(sections)),
        fetch=fetch, entry_filter=entry_filter, keep=keep, notify=notify,
    )
    sources = len(inputs) + len(failures)  # the missing url_lists and folders are sources too
    failures = tuple(failures) + digest.failures
    run = EditionRun(options.date, digest.edition, failures=failures, duplicates=digest.duplicates,
                     skipped_items=tuple(skipped), read_nothing=_read_nothing(sources, failures))
    if digest.edition is None or options.dry_run:
        return run
    edition = replace(digest.edition, identifier=f"urn:uuid:{uuid.uuid5(EDITION_NAMESPACE, f'{config.name}/{options.date}')}")
    written = [book.path for book in make_books(edition, files, config.book, notify)]
    delivered_to: tuple[str, ...] = ()
    if config.deliver:
        settings = _delivery_settings(config)
        send_book(settings, files[config.deliver.format], edition.title)
        delivered_to = settings.recipients
    stories = [Story(story_keys(item.article), item.article.title, item.article.url) for item in digest.articles]
    state.record(options.date, stories, feeds=fetch.updates(), files=[str(p) for p in written])
    removed = _prune(state, config.keep, options.date)
    return replace(run, edition=edition, files=tuple(written), delivered_to=delivered_to, removed=tuple(removed))


def _read_nothing(sources: int, failures: Sequence[Failure]) -> bool:
    """Whether every source the config names failed. A feed's items failing (a link that
    answers 404 every day) leaves the feed read: then, with nothing else, nothing is new."""
    return sources > 0 and sum(1 for f in failures if not f.item) >= sources


def _inputs(config: EditionConfig) -> tuple[list[Input], list[Failure]]:
    inputs: list[Input] = []
    failures: list[Failure] = []
    for section in config.sections:
        for feed in section.feeds:
            inputs.append(Input(feed, section.name, "feed", len(inputs), render=section.render))
        found, missing = expand_inputs(list(section.urls) + list(section.folders), list_files=section.url_lists,
                                       links=LinkFilter(unread=section.unread, tags=section.tags))
        failures += missing
        for item in found:
            inputs.append(Input(item.spec, section.name, item.kind, len(inputs), render=section.render))
    return inputs, failures


def _reference_time(options: RunOptions) -> datetime:
    """The moment ages are measured from: now, or the end of the edition's day if earlier."""
    now = options.now or datetime.now(timezone.utc)
    end_of_day = datetime.combine(Date.fromisoformat(options.date) + timedelta(days=1), time(), tzinfo=timezone.utc)
    return min(now, end_of_day)


def _age_date(item: Extracted) -> str | None:
    """The date a story's age is judged by: the page's own, unless the feed item's is newer
    (a story republished or updated keeps its first date on the page) or the page has none."""
    page, feed = sort_time(item.article.date), sort_time(item.feed_date)
    if feed is not None and (page is None or feed > page):
        return item.feed_date
    return item.article.date


def _why_left_out(delivered, keys, date: str | None, section, reference: datetime) -> str | None:
    """Why a story stays out of the edition (delivered before, too old), or None to keep it."""
    if delivered.intersection(k for k in keys if k):
        return "delivered in an earlier edition"
    if not section.max_age_hours:
        return None
    moment = sort_time(date)
    if moment is not None and reference.timestamp() - moment > section.max_age_hours * 3600:
        hours = (reference.timestamp() - moment) / 3600
        return (f"too old: dated {date}, {hours:.0f} h before the edition, over the "
                f"{section.max_age_hours} h max_age_hours of section {section.name!r}")
    return None


class _ConditionalFetch:
    """Fetches feeds with the validators of the last run; a 304 reuses the stored body."""

    def __init__(self, policy: FetchPolicy, cached: dict[str, CachedFeed | None]):
        self.policy = policy
        self.cached = cached
        self._updates: dict[str, CachedFeed] = {}
        self._lock = threading.Lock()

    def __call__(self, url: str, kind: str) -> Response:
        cached = self.cached.get(url) if kind == "feed" else None
        validators = Validators(cached.etag, cached.last_modified) if cached else None
        resp = fetch_with_retries(url, self.policy, validators=validators)
        if resp.status == 304 and cached is not None:
            return replace(resp, data=cached.body, status=200)
        if kind == "feed":
            fresh = Validators.from_headers(resp.headers)
            if fresh.etag or fresh.last_modified:
                with self._lock:
                    self._updates[url] = CachedFeed(url, fresh.etag, fresh.last_modified, resp.data)
        return resp

    def updates(self) -> list[CachedFeed]:
        with self._lock:
            return list(self._updates.values())


def _delivery_settings(config: EditionConfig) -> DeliverySettings:
    deliver = config.deliver
    password = None
    if deliver.password_env:
        password = os.environ.get(deliver.password_env)
        if password is None:
            raise UsageError(f"deliver.password_env names {deliver.password_env}, which is not set",
                             source=str(config.path))
    return DeliverySettings(host=deliver.smtp_host, port=deliver.smtp_port, sender=deliver.sender,
                            recipients=deliver.to, username=deliver.username, password=password,
                            security=deliver.security, subject=deliver.subject)


def _prune(state: State, keep: int, current: str) -> list[str]:
    """Delete the files of editions beyond the newest ``keep``; return what was deleted."""
    if keep <= 0:
        return []
    removed = []
    for edition_date, paths in state.editions()[keep:]:
        if edition_date == current:
            continue
        for path in paths:
            try:
                os.unlink(path)
                removed.append(path)
            except FileNotFoundError:
                pass
            except OSError:
                continue
        state.forget_edition(edition_date)
    return removed
