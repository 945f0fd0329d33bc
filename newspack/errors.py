"""One error hierarchy. Library code raises these; only the CLI maps them to exit codes."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    PARTIAL = 3
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
