"""Shipped data (phrase lists, stop words, styles, templates), read through one loader.

As pandoc's ``readDataFile``: the user's folder first (``$NEWSPACK_DATA_DIR`` or the platform
config folder, e.g. ``~/.config/newspack``), then the packaged copy. Styles live in the
top-level ``styles/`` folder of the source tree, installed as the ``newspack.styles`` package.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import NewspackError

_PACKAGES = {"data": "newspack.data", "styles": "newspack.styles"}


def user_dir() -> Path:
    """The user's newspack folder, where overrides and additions are looked for first."""
    env = os.environ.get("NEWSPACK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("newspack"))


def cache_dir() -> Path:
    """``$NEWSPACK_CACHE_DIR``, else the platform's cache folder (``~/.cache/newspack``)."""
    env = os.environ.get("NEWSPACK_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newspack"))


def _packaged(kind: str, name: str):
    return resources.files(_PACKAGES[kind]).joinpath(*name.split("/"))


def read_text(kind: str, name: str) -> str:
    """The text of data file ``name`` under ``kind`` ('data' or 'styles'): the user's copy wins."""
    user = user_dir() / kind / name
    if user.is_file():
        return user.read_text(encoding="utf-8")
    packaged = _packaged(kind, name)
    if not packaged.is_file():
        raise NewspackError(f"no such {kind} file: {name}")
    return packaged.read_text(encoding="utf-8")


class MissingData(NewspackError):
    """No copy of a data file, the user's or the packaged one."""


def read_json(kind: str, name: str):
    """A JSON data file, the user's copy instead of the packaged one (a document is replaced,
    never merged as the lines of a list are). A copy that is not JSON is an error naming it."""
    user = user_dir() / kind / name
    packaged = _packaged(kind, name)
    if user.is_file():
        text, origin = user.read_text(encoding="utf-8"), str(user)
    elif packaged.is_file():
        text, origin = packaged.read_text(encoding="utf-8"), f"the packaged {kind}/{name}"
    else:
        raise MissingData(f"no such {kind} file: {name}")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise NewspackError(f"not valid JSON ({exc}); fix or remove it", source=origin) from None


def read_all(kind: str, name: str) -> list[str]:
    """Packaged copy then the user's, both kept: for lists the user extends (phrase lists)."""
    texts = []
    packaged = _packaged(kind, name)
    if packaged.is_file():
        texts.append(packaged.read_text(encoding="utf-8"))
    user = user_dir() / kind / name
    if user.is_file():
        texts.append(user.read_text(encoding="utf-8"))
    return texts


def list_names(kind: str, folder: str) -> list[str]:
    """Names of the packaged files in ``folder`` (e.g. the languages that have phrase lists)."""
    base = _packaged(kind, folder)
    names = {p.name for p in base.iterdir() if p.is_file()} if base.is_dir() else set()
    user = user_dir() / kind / folder
    if user.is_dir():
        names |= {p.name for p in user.iterdir() if p.is_file()}
    return sorted(names)


@lru_cache(maxsize=None)
def read_lines(kind: str, name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of every copy of a list file (packaged, then user's)."""
    lines: list[str] = []
    for text in read_all(kind, name):
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return tuple(lines)
