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
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from . import __version__
from .errors import FetchError

#: Seconds to connect and between bytes; a dead host fails fast, a slow page still arrives.
TIMEOUT_SECONDS = 20.0
#: Largest body accepted (bytes); a news page is well under 5 MB, this stops runaway downloads.
MAX_BYTES = 32 * 1024 * 1024
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


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS,
          headers: Mapping[str, str] | None = None) -> Response:
    """GET ``url`` under the address policy, following redirects by hand; raise FetchError.

    ``headers`` are added to (or replace) the defaults, e.g. ``If-None-Match`` for a
    conditional request, whose 304 answer comes back as ``Response(status=304, data=b"")``.
    Failures worth retrying raise :class:`TransientFetchError`.
    """
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT_PAGE,
               **(headers or {})}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(url, allow_private=allow_private)
                with client.stream("GET", url) as resp:
                    if not allow_private and not _through_proxy(url):
                        stream = resp.extensions.get("network_stream")
                        check_peer(url, stream.get_extra_info("server_addr") if stream is not None else None)
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    if resp.status_code == 304:
                        return Response(url=str(resp.url), data=b"", content_type=None, status=304,
                                        headers={k.lower(): v for k, v in resp.headers.items()})
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
                        chunks.append(chunk)
                    return Response(url=str(resp.url), data=b"".join(chunks), content_type=resp.headers.get("content-type"),
                                    status=resp.status_code,
                                    headers={k.lower(): v for k, v in resp.headers.items()})
    except httpx.TimeoutException:
        raise TransientFetchError(f"timed out after {timeout:g} s", source=url) from None
    except httpx.TransportError as exc:
        raise TransientFetchError(f"cannot fetch: {exc.__class__.__name__}: {exc}", source=url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc.__class__.__name__}: {exc}", source=url) from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)
