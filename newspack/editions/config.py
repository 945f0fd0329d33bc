"""The daily edition's TOML config: read, check every key and type, and say clearly what is wrong.

An example (``samples/edition.toml`` is a complete one)::

    name = "morning"                    # used in file names and for the state file
    title = "The Morning Paper"          # the book's title (default: name)
    language = "en"
    output = "~/editions"                # folder for the books (relative: to this file)
    filename = "{name}-{date}.{ext}"
    formats = ["epub", "pdf"]
    keep = 7                             # keep the last 7 editions; 0 keeps all

    [[sections]]
    name = "World"
    feeds = ["https://example.org/world.rss"]
    max_articles = 10
    max_age_hours = 36

    [deliver]                            # optional: e-mail the EPUB
    smtp_host = "smtp.example.org"
    from = "me@example.org"
    to = ["me@kindle.com"]
    username = "me@example.org"
    password_env = "NEWSPACK_SMTP_PASSWORD"

Relative paths are relative to the config file's folder; ``~`` is the home folder.
"""
from __future__ import annotations

import difflib
import os
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..book_options import BookOption, BookOptions, book_options
from ..sources.net import TIMEOUT_SECONDS
from ..writers import WRITERS
from .fetcher import BACKOFF_SECONDS, RETRIES

#: Formats an edition may be written in: the book formats (``newspack.writers.FORMATS``).
EDITION_FORMATS = tuple(WRITERS)

#: Placeholders the file name pattern may use.
FILENAME_FIELDS = frozenset({"name", "date", "ext"})

DEFAULT_FILENAME = "{name}-{date}.{ext}"


class ConfigError(UsageError):
    """The config file is missing, not TOML, or has a wrong key or value (exit code 2)."""


@dataclass(frozen=True)
class SectionConfig:
    name: str
    feeds: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()  # article URLs or paths (a feed URL here is sniffed)
    url_lists: tuple[str, ...] = ()  # files with one URL or path a line
    folders: tuple[str, ...] = ()  # folders of saved pages
    max_articles: int | None = None
    max_age_hours: float | None = None
    render: bool = False  # load its pages in headless Chromium (``--render``)
    unread: bool = False  # of a read-later export among its sources: only the unread links
    tags: tuple[str, ...] = ()  # of an export or bookmarks: only links with one of these tags


@dataclass(frozen=True)
class DeliverConfig:
    smtp_host: str
    sender: str
    to: tuple[str, ...]
    smtp_port: int = 587
    username: str | None = None
    password_env: str | None = None
    security: str = "starttls"
    subject: str = "{title}"
    format: str = "epub"


@dataclass(frozen=True)
class EditionConfig:
    name: str
    sections: tuple[SectionConfig, ...]
    path: Path  # the config file
    title: str | None = None
    language: str | None = None
    output: Path = Path(".")
    filename: str = DEFAULT_FILENAME
    formats: tuple[str, ...] = ("epub",)
    keep: int = 0
    state: Path | None = None
    jobs: int | None = None
    timeout: float = TIMEOUT_SECONDS
    retries: int = RETRIES
    backoff: float = BACKOFF_SECONDS
    allow_private: bool = False
    #: The book options, each as the ``article`` command's (keys: :data:`BOOK_KEYS`).
    book: BookOptions = BookOptions()
    deliver: DeliverConfig | None = None


_FORMAT_NAMES = ", ".join(repr(f) for f in EDITION_FORMATS)


def _bad_format(value: Any) -> str | None:
    """The first item of a formats list that names no format, said plainly."""
    bad = next((x for x in value if x not in EDITION_FORMATS), None) if isinstance(value, list) else None
    if bad is None:
        return None
    return f"{repr(bad) if isinstance(bad, str) else _show(bad)} is not a format; the formats are {_FORMAT_NAMES}"


# key -> (type check, description for the error message[, explain(value) -> what exactly is wrong])
_STR = (lambda v: isinstance(v, str) and v.strip() != "", "a non-empty string")
_BOOL = (lambda v: isinstance(v, bool), "true or false")
_POS_INT = (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0, "a whole number above 0")
_NONNEG_INT = (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number, 0 or more")
_POS_NUM = (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0, "a number above 0")
_NONNEG_NUM = (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0, "a number, 0 or more")
_STR_LIST = (lambda v: isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v),
             "a list of strings")
_STR_OR_LIST = (lambda v: _STR[0](v) or (_STR_LIST[0](v) and len(v) > 0), "a string or a list of strings")
_FORMATS = (lambda v: isinstance(v, list) and v and all(x in EDITION_FORMATS for x in v),
            f"a non-empty list of {_FORMAT_NAMES}", _bad_format)
_SECURITY = (lambda v: v in ("starttls", "ssl", "none"), "'starttls', 'ssl' or 'none'")
_ONE_FORMAT = (lambda v: v in EDITION_FORMATS, f"one of {_FORMAT_NAMES}")



def _book_check(option: BookOption) -> tuple:
    """The config check of one book option, from its one definition (``newspack.book_options``)."""
    if option.kind in ("on", "off"):
        return _BOOL
    if option.kind == "paths":
        return _STR_LIST
    if option.kind == "choice":
        return (lambda v: v in option.choices, "one of " + ", ".join(option.choices))
    if option.kind == "int":
        low, high = option.low, option.high
        said = f"a whole number from {low} to {high}" if high is not None else f"a whole number, {low} or more"
        return (lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v and (high is None or v <= high),
                said)
    return _STR


#: The book options a config may set: the ``article`` command's options, by the names of
#: :class:`~newspack.pipeline.BookOptions` (``--no-cover`` is ``draw_cover = false``).
BOOK_KEYS: dict[str, tuple] = {name: _book_check(option) for name, option in book_options()}

TOP_KEYS: dict[str, tuple] = {
    "name": _STR, "title": _STR, "language": _STR, "output": _STR, "filename": _STR, "formats": _FORMATS,
    "keep": _NONNEG_INT, "state": _STR, "jobs": _POS_INT,
    "timeout": _POS_NUM, "retries": _NONNEG_INT, "backoff": _NONNEG_NUM, "allow_private": _BOOL,
    **BOOK_KEYS,
    "sections": (lambda v: isinstance(v, list) and v and all(isinstance(x, dict) for x in v),
                 "one or more [[sections]] tables"),
    "deliver": (lambda v: isinstance(v, dict), "a [deliver] table"),
}
SECTION_KEYS: dict[str, tuple] = {
    "name": _STR, "feeds": _STR_LIST, "urls": _STR_LIST, "url_lists": _STR_LIST, "folders": _STR_LIST,
    "max_articles": _POS_INT, "max_age_hours": _POS_NUM, "render": _BOOL, "unread": _BOOL, "tags": _STR_LIST,
}
DELIVER_KEYS: dict[str, tuple] = {
    "smtp_host": _STR, "smtp_port": _POS_INT, "from": _STR, "to": _STR_OR_LIST, "username": _STR,
    "password_env": _STR, "security": _SECURITY, "subject": _STR, "format": _ONE_FORMAT,
}


def load_config(path: str | os.PathLike) -> EditionConfig:
    """Read and check the config at ``path``; raise ConfigError naming the file, key and problem."""
    import tomllib

    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such config file", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config: {exc}", source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=str(path)) from None
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path) -> EditionConfig:
    """Check the parsed TOML ``raw`` (read from ``path``) and build the config."""
    source = str(path)
    _check_table(raw, TOP_KEYS, "", source)
    for key in ("name", "sections"):
        if key not in raw:
            raise ConfigError(f"missing required key {key!r}", source=source)
    base = path.parent
    sections = []
    for number, table in enumerate(raw["sections"], start=1):
        where = f"sections[{number}]."
        _check_table(table, SECTION_KEYS, where, source)
        if "name" not in table:
            raise ConfigError(f"missing required key '{where}name'", source=source)
        if not any(table.get(k) for k in ("feeds", "urls", "url_lists", "folders")):
            raise ConfigError(f"section {table['name']!r} has no sources: give feeds, urls, url_lists or folders",
                              source=source)
        sections.append(SectionConfig(
            name=table["name"].strip(),
            feeds=tuple(_source(s, base) for s in table.get("feeds", ())),
            urls=tuple(_source(s, base) for s in table.get("urls", ())),
            url_lists=tuple(str(_path(s, base)) for s in table.get("url_lists", ())),
            folders=tuple(str(_path(s, base)) for s in table.get("folders", ())),
            max_articles=table.get("max_articles"),
            max_age_hours=table.get("max_age_hours"),
            render=table.get("render", False),
            unread=table.get("unread", False),
            tags=tuple(table.get("tags", ())),
        ))
    names = [s.name for s in sections]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"two sections are named {duplicates[0]!r}", source=source)
    filename = raw.get("filename", DEFAULT_FILENAME)
    _check_filename(filename, len(raw.get("formats", ["epub"])), source)
    return EditionConfig(
        name=raw["name"].strip(),
        sections=tuple(sections),
        path=path,
        title=raw.get("title"),
        language=raw.get("language"),
        output=_path(raw.get("output", "."), base),
        filename=filename,
        formats=tuple(dict.fromkeys(raw.get("formats", ["epub"]))),
        keep=raw.get("keep", 0),
        state=_path(raw["state"], base) if "state" in raw else None,
        jobs=raw.get("jobs"),
        timeout=float(raw.get("timeout", TIMEOUT_SECONDS)),
        retries=raw.get("retries", RETRIES),
        backoff=float(raw.get("backoff", BACKOFF_SECONDS)),
        allow_private=raw.get("allow_private", False),
        book=_book_options(raw, base),
        deliver=_deliver(raw["deliver"], source) if "deliver" in raw else None,
    )


def _book_options(raw: dict[str, Any], base: Path) -> BookOptions:
    """The config's book options; paths (style file, css, cover) relative to the config."""
    options = {}
    for name, option in book_options():
        if name in raw:
            value = raw[name]
            options[name] = (str(_path(value, base)) if option.kind == "path"
                             else tuple(str(_path(v, base)) for v in value) if option.kind == "paths" else value)
    return BookOptions(allow_private=raw.get("allow_private", False), **options)


def _check_table(table: dict, schema: dict[str, tuple], where: str, source: str) -> None:
    for key, value in table.items():
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1)
            hint = f" (did you mean {where}{close[0]!r}?)" if close else f" (known: {', '.join(sorted(schema))})"
            if key == "password" and where == "deliver.":
                hint = " (never put the password in the file: name an environment variable with password_env)"
            raise ConfigError(f"unknown key {where}{key!r}{hint}", source=source)
        check, expected, *explain = schema[key]  # explain(value): what exactly is wrong, if it can say
        if not check(value):
            detail = explain[0](value) if explain else None
            message = f"{where}{key}: {detail}" if detail else f"{where}{key} must be {expected}, not {_show(value)}"
            raise ConfigError(message, source=source)


def _show(value: Any) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} ({text if len(text) <= 40 else text[:37] + '...'})"


def _check_filename(pattern: str, format_count: int, source: str) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"filename pattern {pattern!r} is malformed: {exc}", source=source) from None
    unknown = fields - FILENAME_FIELDS
    if unknown:
        raise ConfigError(f"filename pattern uses unknown field {{{sorted(unknown)[0]}}}; "
                          "use {name}, {date} and {ext}", source=source)
    if "date" not in fields:
        raise ConfigError("filename pattern must contain {date}: each edition needs its own file", source=source)
    if format_count > 1 and "ext" not in fields:
        raise ConfigError("filename pattern must contain {ext} when there are several formats", source=source)
    if "/" in pattern or "\\" in pattern:
        raise ConfigError("filename pattern must be a file name, not a path (set the folder with output)",
                          source=source)


def _deliver(table: dict, source: str) -> DeliverConfig:
    _check_table(table, DELIVER_KEYS, "deliver.", source)
    for key in ("smtp_host", "from", "to"):
        if key not in table:
            raise ConfigError(f"missing required key 'deliver.{key}'", source=source)
    to = table["to"]
    return DeliverConfig(
        smtp_host=table["smtp_host"],
        sender=table["from"],
        to=(to,) if isinstance(to, str) else tuple(to),
        smtp_port=table.get("smtp_port", 587),
        username=table.get("username"),
        password_env=table.get("password_env"),
        security=table.get("security", "starttls"),
        subject=table.get("subject", "{title}"),
        format=table.get("format", "epub"),
    )


def _path(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _source(value: str, base: Path) -> str:
    """A feed or URL source: URLs stay as they are; paths are made relative to the config."""
    if "://" in value and not value.lower().startswith("file://"):
        return value
    return str(_path(value, base))
