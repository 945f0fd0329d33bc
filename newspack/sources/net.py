"""Fetching over HTTP(S) under newspack's address policy.

Every fetch (an article URL now; images and feeds later) goes through :func:`fetch`, which
refuses anything but http(s), and refuses hosts that resolve to loopback, private, link-local,
multicast, reserved or unspecified addresses unless the user passed ``--allow-private``. The
check runs after DNS resolution (so ``2130706433``, ``127.1`` or a name pointing at 127.0.0.1
are caught) and again on every redirect, which we follow by hand for that reason. Once
connected, the address actually reached is checked too: a name that resolves to a public
address for the check and to a private one for the connection (DNS rebinding) is refused
before a byte of the body is read. Through a proxy, the proxy is what we reach, so only the
check before connecting applies.

Every fetch has one deadline for all of it (DNS lookups, connect, headers, body, redirects): a
server that drips a byte at a time never trips a timeout between bytes, so at the deadline a
watchdog shuts the fetch's sockets down (see :class:`Deadline`). A DNS lookup cannot be cut
short that way (``getaddrinfo`` blocks in C), so the fetch runs in a thread of its own and the
caller stops waiting for it at the deadline. A body cut off by the deadline fails the fetch:
part of a page is never handed on as the page.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import FetchError

#: Seconds a whole fetch may take (connect, headers, body, redirects): a page on a slow line
#: still arrives, a server dripping bytes or stalling cannot hold a run for longer.
TIMEOUT_SECONDS = 20.0
#: Largest body accepted (bytes); a news page is well under 5 MB, this stops runaway downloads.
MAX_BYTES = 32 * 1024 * 1024
#: Seconds past the deadline the caller waits for the fetch thread to notice the watchdog and
#: unwind before giving up on it (a DNS lookup it cannot interrupt): short, so a stuck lookup
#: costs at most this much beyond the deadline; long enough for a thread wake-up on a busy machine.
DEADLINE_GRACE_SECONDS = 0.5
#: Redirects followed before giving up; real sites use two or three.
MAX_REDIRECTS = 8
USER_AGENT = f"newspack/{__version__} (+https://pypi.org/project/newspack/)"
#: What a page fetch asks for; image downloads pass their own ``accept``.
ACCEPT_PAGE = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"


#: HTTP statuses worth retrying later (rate limited, server trouble); others are final.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Response:
    url: str
    data: bytes
    content_type: str | None
    #: 200, or 304 (empty ``data``) when a conditional request found nothing new.
    status: int = 200
    #: Response headers, names in lower case (``etag``, ``last-modified``...).
    headers: Mapping[str, str] = field(default_factory=dict)


class TransientFetchError(FetchError):
    """A failure worth retrying later: timeout, connection error, HTTP 429 or 5xx."""


def _is_public(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) and its host resolves only to allowed addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refusing {parts.scheme or 'schemeless'} URL: only http and https are fetched", source=url)
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host", source=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host}: {exc}", source=url) from None
    for info in infos:
        ip = info[4][0]
        if not _is_public(ip):
            raise FetchError(
                f"refusing to fetch from {host} ({ip}): private or local address (use --allow-private)", source=url
            )


def check_peer(url: str, peer: object, *, allow_private: bool = False) -> None:
    """Raise FetchError when the connection for ``url`` reached a forbidden address.

    ``peer`` is the socket's remote address (``(ip, port, ...)``) or None when unknown.
    """
    if allow_private or not isinstance(peer, tuple) or not peer:
        return
    ip = str(peer[0])
    try:
        public = _is_public(ip)
    except ValueError:
        return  # not an IP socket (a Unix socket through a transport override)
    if not public:
        raise FetchError(f"refusing to read from {ip}: the host resolved to a private or local address "
                         "when connecting (use --allow-private)", source=url)


def _through_proxy(url: str) -> bool:
    import urllib.request

    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    return bool(proxies.get(parts.scheme) or proxies.get("all")) and not urllib.request.proxy_bypass(parts.hostname or "")


class Deadline:
    """The end of one fetch: a watchdog shuts its sockets down when it passes.

    httpx's timeouts bound each read, not the whole: a server sending a byte every few
    seconds keeps a fetch alive for as long as it likes. httpcore's ``trace`` extension hands
    us every socket it connects; at the deadline the watchdog thread shuts them down, which
    ends the blocked read at once (closing from another thread would not).
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        """Seconds left, for httpx's own timeouts (never 0, which httpx reads as "no wait")."""
        return max(self.end - time.monotonic(), 0.001)

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def trace(self, event: str, info: dict) -> None:
        """httpcore's trace hook: watch every socket the fetch connects."""
        if event != "connection.connect_tcp.complete":
            return
        sock = info["return_value"].get_extra_info("socket")
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed: the fetch ended on its own
        pass


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS,
          headers: Mapping[str, str] | None = None) -> Response:
    """GET ``url`` under the address policy, following redirects by hand; raise FetchError.

    ``timeout`` bounds the whole fetch, DNS lookups and redirects included. ``headers`` are
    added to (or replace) the defaults, e.g. ``If-None-Match`` for a conditional request, whose
    304 answer comes back as ``Response(status=304, data=b"")``. Failures worth retrying raise
    :class:`TransientFetchError`.
    """
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT_PAGE, **(headers or {})}
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["response"] = _fetch(url, allow_private, max_bytes, headers, deadline)
        except BaseException as exc:  # handed to the caller's thread, raised there
            outcome["error"] = exc

    with Deadline(timeout) as deadline:
        worker = threading.Thread(target=work, name="newspack-fetch", daemon=True)
        worker.start()
        worker.join(deadline.remaining() + DEADLINE_GRACE_SECONDS)
    if worker.is_alive():  # stuck where no socket can be shut: a DNS lookup
        raise _timed_out(url, timeout)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["response"]


def _fetch(url: str, allow_private: bool, max_bytes: int, headers: Mapping[str, str], deadline: Deadline) -> Response:
    import httpx

    try:
        with httpx.Client(follow_redirects=False, headers=headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(url, allow_private=allow_private)
                with client.stream("GET", url, timeout=httpx.Timeout(deadline.remaining()),
                                   extensions={"trace": deadline.trace}) as resp:
                    if not allow_private and not _through_proxy(url):
                        stream = resp.extensions.get("network_stream")
                        check_peer(url, stream.get_extra_info("server_addr") if stream is not None else None)
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    return _response(url, resp, max_bytes, deadline)
    except httpx.TimeoutException:
        raise _timed_out(url, deadline.seconds) from None
    except httpx.TransportError as exc:
        if deadline.passed():  # the watchdog cut the connection
            raise _timed_out(url, deadline.seconds) from None
        raise TransientFetchError(f"cannot fetch: {exc.__class__.__name__}: {exc}", source=url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc.__class__.__name__}: {exc}", source=url) from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)


def _timed_out(url: str, timeout: float) -> TransientFetchError:
    return TransientFetchError(f"timed out: no whole answer within {timeout:g} s", source=url)


def _response(url: str, resp, max_bytes: int, deadline: Deadline) -> Response:
    """The final answer of a fetch: its status checked, its body read under the size limit."""
    lowered = {k.lower(): v for k, v in resp.headers.items()}
    if resp.status_code == 304:
        return Response(url=str(resp.url), data=b"", content_type=None, status=304, headers=lowered)
    if resp.status_code >= 400:
        error = TransientFetchError if resp.status_code in TRANSIENT_STATUSES else FetchError
        raise error(f"HTTP {resp.status_code} {resp.reason_phrase}", source=url)
    declared = int(resp.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise FetchError(f"response too large ({declared} bytes, limit {max_bytes})", source=url)
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response too large (over {max_bytes} bytes)", source=url)
        if deadline.passed():
            raise _timed_out(url, deadline.seconds)
        chunks.append(chunk)
    if deadline.passed():
        # The watchdog's shutdown reads as the end of a body sent without a length: what came
        # before it is part of the page, never the page.
        raise _timed_out(url, deadline.seconds)
    return Response(url=str(resp.url), data=b"".join(chunks), content_type=resp.headers.get("content-type"),
                    status=resp.status_code, headers=lowered)
