"""How a batch shows its progress on stderr (used by the CLI only; library code just emits events).

Three modes: ``bars`` (a terminal: one rich progress bar per stage - fetch, extract,
render), ``plain`` (no terminal, e.g. cron: nothing while running, the CLI prints a short
summary at the end) and ``quiet`` (nothing at all but errors). ``verbose`` adds one line per
article in the first two modes. rich is imported only in ``bars`` mode.
"""
from __future__ import annotations

import sys
from typing import TextIO

from ..events import Event

STAGES = ("fetch", "extract", "render")
STAGE_LABELS = {"fetch": "Fetching", "extract": "Extracting", "render": "Writing"}


def choose_mode(quiet: bool, stream: TextIO | None = None) -> str:
    """``quiet`` when asked, ``bars`` on a terminal, ``plain`` otherwise."""
    if quiet:
        return "quiet"
    stream = stream or sys.stderr
    try:
        return "bars" if stream.isatty() else "plain"
    except (AttributeError, ValueError):
        return "plain"


class Progress:
    """A callable that takes :class:`~newspack.events.Event` values; a context manager."""

    def __init__(self, mode: str = "plain", *, verbose: bool = False, stream: TextIO | None = None):
        self.mode = mode
        self.verbose = verbose and mode != "quiet"
        self.stream = stream or sys.stderr  # looked up now: tests and callers may swap sys.stderr
        self.counts = {stage: {"queued": 0, "done": 0, "failed": 0} for stage in STAGES}
        self._bars = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> "Progress":
        if self.mode == "bars":
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bars, TextColumn, TimeElapsedColumn

            self._bars = Bars(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                              TimeElapsedColumn(), console=Console(file=self.stream), transient=True)
            self._bars.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._bars is not None:
            self._bars.stop()
            self._bars = None

    def __call__(self, event: Event) -> None:
        if event.kind == "warning":
            self.log(f"newspack: warning: {event.detail}")
            return
        counts = self.counts.setdefault(event.stage, {"queued": 0, "done": 0, "failed": 0})
        if event.kind == "queued":
            counts["queued"] += event.count
        elif event.kind in ("done", "failed", "skipped"):
            counts["failed" if event.kind == "failed" else "done"] += 1
        if self._bars is not None:
            self._update_bar(event.stage, counts)
        if self.verbose and event.kind in ("done", "failed", "skipped") and event.source:
            detail = f": {event.detail}" if event.detail else ""
            self.log(f"{event.stage} {event.kind} {event.source}{detail}")

    def _update_bar(self, stage: str, counts: dict[str, int]) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bars.add_task(STAGE_LABELS.get(stage, stage), total=None)
        self._bars.update(self._tasks[stage], total=max(counts["queued"], 1),
                          completed=counts["done"] + counts["failed"])

    def log(self, message: str) -> None:
        """One line on stderr, above the bars when they are shown (never in quiet mode)."""
        if self.mode == "quiet":
            return
        if self._bars is not None:
            self._bars.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)
