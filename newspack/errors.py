"""One error hierarchy, and the one place an exception becomes the line a user reads.

Library code raises :class:`NewspackError` and has no error handling of its own; the command
line and the batches (which report one input's failure and go on) ask :func:`describe` what
to say and which exit code it means (httpie's ``raw_main``).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    PARTIAL = 3
    LOCKED = 75  # EX_TEMPFAIL of sysexits.h, "try again later": another run holds an edition's lock
    INTERRUPTED = 130


class NewspackError(Exception):
    """An expected failure, reported to the user as one line naming the input."""

    exit_code = ExitCode.FAILED

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(NewspackError):
    """The input cannot be read: missing, empty, binary, undecodable, too large."""


class FetchError(NewspackError):
    """A URL could not be fetched, or the address policy forbids it."""


class ExtractionError(NewspackError):
    """The input was read but holds no article."""


class OutputError(NewspackError):
    """The output cannot be written."""


class UsageError(NewspackError):
    exit_code = ExitCode.USAGE


class NewspackWarning(UserWarning):
    """What a user should hear once from code that cannot print (a reader whose helper is
    missing): raised with ``warnings.warn``, shown by the command line as a warning line."""


@dataclass(frozen=True)
class Problem:
    """What went wrong, said for a user. ``reason`` is one line without the input's name,
    ``source`` the input it is about (if the error names one); ``internal`` marks a bug (an
    exception no newspack code meant to raise), worth a ``--traceback`` report."""

    reason: str
    exit_code: ExitCode
    source: str | None = None
    internal: bool = False

    def line(self, known: str | None = None) -> str:
        """The reason after the input's name, unless the reader knows it already (``known``)."""
        return f"{self.source}: {self.reason}" if self.source and self.source != known else self.reason


def describe(exc: BaseException) -> Problem:
    """The one place an exception becomes what a user reads, and the exit code it means."""
    if isinstance(exc, KeyboardInterrupt):
        return Problem("interrupted", ExitCode.INTERRUPTED)
    if isinstance(exc, NewspackError):
        return Problem(exc.message, exc.exit_code, exc.source)
    return Problem(f"internal error: {exc.__class__.__name__}: {exc}", ExitCode.FAILED, internal=True)
