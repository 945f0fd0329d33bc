"""What an edition remembers between runs, in one SQLite file.

- ``delivered``: the stories each edition carried (by canonical URL and by text hash), so
  the next day's edition skips them. Stories of the same date are not skipped: re-running a
  date rebuilds the same edition.
- ``feeds``: each feed's last body and validators (ETag, Last-Modified), for conditional
  requests; a 304 answer reuses the stored body.
- ``editions``: the files each edition wrote, so ``keep = N`` deletes only our own files.

Everything a run learns is written in one transaction by :meth:`State.record`, called only
after the books are written: a run killed before that leaves the state as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import NewspackError

#: Seconds to wait for the database when another process (a dry run) reads it.
BUSY_TIMEOUT_SECONDS = 10.0

#: Characters of story text hashed for its text key: enough to tell stories apart, while a
#: correction at the end of a long story does not make it new.
TEXT_KEY_CHARS = 2000

SCHEMA = """
CREATE TABLE IF NOT EXISTS delivered (
    key TEXT NOT NULL,
    edition_date TEXT NOT NULL,
    title TEXT,
    url TEXT,
    PRIMARY KEY (key, edition_date)
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    body BLOB,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS editions (
    edition_date TEXT PRIMARY KEY,
    files TEXT NOT NULL,
    built_at TEXT NOT NULL
);
"""

_SPACE = re.compile(r"\s+")


#: What to do about a state file that cannot be trusted, said with every such error.
FRESH_STATE_HINT = ("run again with --fresh-state to keep this file aside (renamed, never deleted) and start a new "
                    "one; stories of earlier editions may then be delivered again")


class StateError(NewspackError):
    """The state file cannot be opened or is not ours."""


def set_aside(path: str | os.PathLike, now: datetime | None = None) -> Path | None:
    """Rename a state file out of the way (``NAME.sqlite.YYYYMMDDTHHMMSS.old``) so a new one can
    start; return the new name, or None when there was no file. Nothing is deleted."""
    path = Path(path)
    if not path.exists():
        return None
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    kept = path.with_name(f"{path.name}.{stamp}.old")
    try:
        os.replace(path, kept)
    except OSError as exc:
        raise StateError(f"cannot set the state file aside: {exc.strerror or exc}", source=str(path)) from None
    return kept


@dataclass(frozen=True)
class CachedFeed:
    url: str
    etag: str | None
    last_modified: str | None
    body: bytes


@dataclass(frozen=True)
class Story:
    """A delivered story: every key it may be recognised by, and what to show for it."""

    keys: tuple[str, ...]
    title: str | None = None
    url: str | None = None


def text_key(body_text: str) -> str | None:
    text = _SPACE.sub(" ", body_text).strip().casefold()[:TEXT_KEY_CHARS]
    return "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] if text else None


def url_key(canonical: str | None) -> str | None:
    return f"url:{canonical}" if canonical else None


def default_state_path(name: str) -> Path:
    """``<user state folder>/newspack/<name>.sqlite`` (platformdirs: ~/.local/state on Linux)."""
    from platformdirs import user_state_path

    return user_state_path("newspack") / f"{name}.sqlite"


class State:
    """The state database; use as a context manager."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        # SQLite reads an empty file as a new database: every story ever delivered would come
        # again without a word. A file that was there and is empty has lost what it knew.
        if self.path.is_file() and self.path.stat().st_size == 0:
            raise StateError(f"the state file is empty (emptied or cut short), so it no longer knows which "
                             f"stories were delivered; {FRESH_STATE_HINT}", source=str(self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"cannot open the state database: {exc}", source=str(self.path)) from None
        try:
            self._db.executescript(SCHEMA)
            damage = self._db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.OperationalError as exc:  # locked, read-only, no space: not the file's fault
            self._db.close()
            raise StateError(f"cannot open the state database: {exc}", source=str(self.path)) from None
        except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
            self._db.close()
            raise StateError(f"the state file is damaged ({exc}); {FRESH_STATE_HINT}", source=str(self.path)) from None
        if damage != "ok":
            self._db.close()
            raise StateError(f"the state file is damaged ({damage}); {FRESH_STATE_HINT}", source=str(self.path))

    def __enter__(self) -> "State":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def delivered_before(self, edition_date: str) -> frozenset[str]:
        """Keys of the stories carried by editions dated before ``edition_date``."""
        rows = self._db.execute("SELECT key FROM delivered WHERE edition_date < ?", (edition_date,))
        return frozenset(row[0] for row in rows)

    def delivered_on(self, edition_date: str) -> list[tuple[str, str | None]]:
        rows = self._db.execute("SELECT key, title FROM delivered WHERE edition_date = ? ORDER BY key",
                                (edition_date,))
        return list(rows)

    def cached_feed(self, url: str) -> CachedFeed | None:
        row = self._db.execute("SELECT url, etag, last_modified, body FROM feeds WHERE url = ?", (url,)).fetchone()
        return CachedFeed(*row) if row else None

    def editions(self) -> list[tuple[str, list[str]]]:
        """(date, files) of every recorded edition, newest first."""
        rows = self._db.execute("SELECT edition_date, files FROM editions ORDER BY edition_date DESC")
        return [(date, json.loads(files)) for date, files in rows]

    def record(
        self,
        edition_date: str,
        stories: Iterable[Story],
        *,
        feeds: Iterable[CachedFeed] = (),
        files: Sequence[str] = (),
    ) -> None:
        """Remember an edition, in one transaction: its stories replace any of the same date."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM delivered WHERE edition_date = ?", (edition_date,))
            self._db.executemany(
                "INSERT OR IGNORE INTO delivered (key, edition_date, title, url) VALUES (?, ?, ?, ?)",
                [(key, edition_date, story.title, story.url) for story in stories for key in story.keys])
            self._db.executemany(
                "INSERT OR REPLACE INTO feeds (url, etag, last_modified, body, fetched_at) VALUES (?, ?, ?, ?, ?)",
                [(f.url, f.etag, f.last_modified, f.body, now) for f in feeds])
            if files:
                self._db.execute("INSERT OR REPLACE INTO editions (edition_date, files, built_at) VALUES (?, ?, ?)",
                                 (edition_date, json.dumps(list(files)), now))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def forget_edition(self, edition_date: str) -> None:
        """Drop an edition's file list (after ``keep`` deleted its files); its stories stay delivered."""
        self._db.execute("DELETE FROM editions WHERE edition_date = ?", (edition_date,))
