"""Batch fetching: retries with backoff and conditional requests, over :func:`newspack.sources.net.fetch`.

A digest or an edition fetches many pages from few hosts, unattended. Every fetch still goes
through the address policy of :mod:`newspack.sources.net`; this module adds what a batch needs on
top: a lower size limit per page, retries of transient failures (timeouts, connection errors,
429 and 5xx) with exponential backoff, and ``If-None-Match`` / ``If-Modified-Since`` for
feeds whose validators the caller remembers (the edition's state keeps them).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..errors import FetchError
from ..sources.net import TIMEOUT_SECONDS, Response, TransientFetchError, fetch

#: Largest page a batch accepts (bytes). News pages are under 5 MB; a bigger answer is a
#: mistake or a trap, and one such page must not stall or bloat the whole edition.
MAX_PAGE_BYTES = 8 * 1024 * 1024

#: Retries after a transient failure. Two cover a blip without making a dead host cost minutes.
RETRIES = 2

#: First backoff delay (seconds), doubled on every retry.
BACKOFF_SECONDS = 1.0


@dataclass(frozen=True)
class Validators:
    """What a server said about a resource last time, to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None

    def request_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> "Validators":
        return cls(etag=headers.get("etag"), last_modified=headers.get("last-modified"))


@dataclass(frozen=True)
class FetchPolicy:
    """How a batch fetches: the address policy switch, limits, timeouts and retries."""

    allow_private: bool = False
    max_bytes: int = MAX_PAGE_BYTES
    timeout: float = TIMEOUT_SECONDS
    retries: int = RETRIES
    backoff: float = BACKOFF_SECONDS


def fetch_with_retries(
    url: str,
    policy: FetchPolicy,
    *,
    validators: Validators | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Response:
    """GET ``url`` under ``policy``; retry transient failures; 304 when ``validators`` still hold."""
    headers = validators.request_headers() if validators else None
    delay = policy.backoff
    for attempt in range(policy.retries + 1):
        try:
            return fetch(url, allow_private=policy.allow_private, max_bytes=policy.max_bytes,
                         timeout=policy.timeout, headers=headers)
        except TransientFetchError:
            if attempt == policy.retries:
                raise
            sleep(delay)
            delay *= 2
    raise FetchError("unreachable", source=url)  # pragma: no cover
