"""A link an export or a bookmarks file holds: what the filters of a digest look at."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    added: float | None = None  # when it was saved (a UTC timestamp), if the export says
    tags: tuple[str, ...] = ()  # its tags or labels, and the folders it sits in
    unread: bool | None = None  # None: the export does not say
