"""Fetching over HTTP(S) under newspack's address policy.

Every fetch (an article URL now; images and feeds later) goes through :func:`fetch`, which
refuses anything but http(s), and refuses hosts that resolve to loopback, private, link-local,
multicast, reserved or unspecified addresses unless the user passed ``--allow-private``. The
check runs after DNS resolution (so ``2130706433``, ``127.1`` or a name pointing at 127.0.0.1
are caught) and again on every redirect, which we follow by hand for that reason.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Response:
    url: str
    data: bytes
    content_type: str | None


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


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> Response:
    """GET ``url`` under the address policy, following redirects by hand; raise FetchError."""
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(url, allow_private=allow_private)
                with client.stream("GET", url) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}", source=url)
                    declared = int(resp.headers.get("content-length") or 0)
                    if declared > max_bytes:
                        raise FetchError(f"response too large ({declared} bytes, limit {max_bytes})", source=url)
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"response too large (over {max_bytes} bytes)", source=url)
                        chunks.append(chunk)
                    return Response(url=str(resp.url), data=b"".join(chunks), content_type=resp.headers.get("content-type"))
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s", source=url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc.__class__.__name__}: {exc}", source=url) from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)
