"""What a long job tells whoever watches it: one :class:`Event` at a time, to a :data:`Notify`.

Library code (a batch, a book job) emits events and never prints; the command line turns
them into progress bars and log lines (``newspack.progress``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """Progress of a job: ``stage`` is fetch | extract | render; ``kind`` is
    queued | done | failed (``detail`` says why) | skipped | warning (``detail`` says what)."""

    stage: str
    kind: str
    source: str = ""
    detail: str | None = None
    count: int = 1


Notify = Callable[[Event], None]


def ignore(event: Event) -> None:
    """A :data:`Notify` for callers that watch nothing."""
