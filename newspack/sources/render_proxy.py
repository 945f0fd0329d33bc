"""The address policy for everything a browser loads: an HTTP proxy on 127.0.0.1, one per render.

Chromium is told to send every request through it, loopback included; the proxy checks each
one with :mod:`newspack.sources.net`'s policy (the URL's host after DNS, then the address
actually reached) and answers 403 to the rest. HTTPS goes through as a ``CONNECT`` tunnel to
a checked host and port; plain HTTP is forwarded with ``Connection: close``, so each request
is checked on its own connection. Everything that passes is counted against one byte budget.
"""
from __future__ import annotations

import html
import select
import socket
import socketserver
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import FetchError
from .net import check_peer, check_url

#: Longest request head accepted from the browser (bytes); real ones are 1-3 KB.
MAX_REQUEST_HEAD = 64 * 1024
#: Bytes a render may load through the proxy, all requests together: a news page with its
#: scripts and pictures is a few MB; past this, a page is a trap, not a story.
MAX_RENDER_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024
#: The answer to a refused request: a page with no text, its reason in a mark the render looks
#: for, so a refused page (a redirect to a private address) is an error, not an article.
REFUSED_PAGE = '<!DOCTYPE html><html><head><meta name="newspack-refused" content="{}"></head><body></body></html>'
_HOP_HEADERS = (b"proxy-connection", b"connection", b"keep-alive", b"proxy-authorization")


@dataclass(frozen=True)
class AddressPolicy:
    """The address policy of a render: newspack's own (no private or loopback address unless
    ``allow_private``). A caller may narrow or widen it by overriding the two checks."""

    allow_private: bool = False

    def check(self, url: str) -> None:
        check_url(url, allow_private=self.allow_private)

    def check_reached(self, url: str, peer: object) -> None:
        check_peer(url, peer, allow_private=self.allow_private)


@dataclass
class ProxyLog:
    """What a render's proxy refused under the policy (URL, reason), what it could not reach,
    and how many bytes it let through."""

    refused: list[tuple[str, str]] = field(default_factory=list)
    unreachable: list[tuple[str, str]] = field(default_factory=list)
    loaded_bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_bytes(self, count: int, limit: int) -> bool:
        """Count ``count`` bytes; False once the render's budget is spent."""
        with self.lock:
            self.loaded_bytes += count
            return self.loaded_bytes <= limit


class _Unreachable(FetchError):
    """A host that could not be reached (not a refusal of the policy)."""


class PolicyProxy(socketserver.ThreadingTCPServer):
    """A forwarding proxy that asks ``policy`` about every request; ``with`` runs it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, policy: AddressPolicy, timeout: float, max_bytes: int = MAX_RENDER_BYTES):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.policy, self.io_timeout, self.max_bytes = policy, timeout, max_bytes
        self.log = ProxyLog()
        self.address = f"http://127.0.0.1:{self.server_address[1]}"
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def __enter__(self) -> "PolicyProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request, client_address):
        pass  # a browser that hangs up mid-answer (killed at its deadline) is no error of ours


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: PolicyProxy = self.server
        client = self.request
        client.settimeout(server.io_timeout)
        head = _read_head(client)
        if head is None:
            return
        method, target, rest = _request_line(head)
        url = f"https://{target}/" if method == b"CONNECT" else target.decode("latin-1")
        try:
            upstream = self._connect(server, url)
        except FetchError as exc:
            # the browser's own calls home (update and time services) fail to connect, and
            # are no concern of the page's: only the policy's refusals are said
            with server.log.lock:
                (server.log.unreachable if isinstance(exc, _Unreachable) else server.log.refused).append(
                    (url, exc.message))
            body = REFUSED_PAGE.format(html.escape(exc.message, quote=True)).encode("utf-8", "replace")
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/html; charset=utf-8\r\n"
                           b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            return
        with upstream:
            if method == b"CONNECT":
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                first = rest
            else:
                first = _origin_form(method, url, head)
            upstream.sendall(first)
            _pipe(client, upstream, server)

    @staticmethod
    def _connect(server: PolicyProxy, url: str) -> socket.socket:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("only http and https are loaded", source=url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:  # a name that does not resolve: unreachable, not refused
            raise _Unreachable(f"cannot resolve host {parts.hostname}: {exc}", source=url) from None
        server.policy.check(url)
        try:
            sock = socket.create_connection((parts.hostname, port), timeout=server.io_timeout)
        except OSError as exc:
            raise _Unreachable(f"cannot connect: {exc}", source=url) from None
        try:
            server.policy.check_reached(url, sock.getpeername())  # DNS rebinding: the address reached
        except FetchError:
            sock.close()
            raise
        return sock


def _read_head(client: socket.socket) -> bytes | None:
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = client.recv(_CHUNK)
            if not chunk or len(data) > MAX_REQUEST_HEAD:
                return None
            data += chunk
    except OSError:
        return None
    return data


def _request_line(head: bytes) -> tuple[bytes, bytes, bytes]:
    """(method, target, bytes after the head) of a request."""
    line, _, _ = head.partition(b"\r\n")
    parts = line.split()
    method, target = (parts[0].upper(), parts[1]) if len(parts) >= 2 else (b"", b"")
    return method, target, head.partition(b"\r\n\r\n")[2]


def _origin_form(method: bytes, url: str, head: bytes) -> bytes:
    """The request as the origin server expects it: path only, no proxy headers, one request a connection."""
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    header_block, _, body = head.partition(b"\r\n\r\n")
    lines = header_block.split(b"\r\n")
    protocol = lines[0].split()[-1] if len(lines[0].split()) >= 3 else b"HTTP/1.1"
    kept = [h for h in lines[1:] if h.split(b":", 1)[0].strip().lower() not in _HOP_HEADERS]
    return b"\r\n".join([method + b" " + path.encode("latin-1") + b" " + protocol, *kept,
                         b"Connection: close", b"", body])


def _pipe(client: socket.socket, upstream: socket.socket, server: PolicyProxy) -> None:
    """Copy bytes both ways until one side closes, the byte budget is spent, or nothing moves."""
    sockets = [client, upstream]
    while True:
        readable, _, _ = select.select(sockets, [], [], server.io_timeout)
        if not readable:
            return
        for sock in readable:
            try:
                chunk = sock.recv(_CHUNK)
            except OSError:
                return
            if not chunk:
                return
            if sock is upstream and not server.log.add_bytes(len(chunk), server.max_bytes):
                return
            try:
                (upstream if sock is client else client).sendall(chunk)
            except OSError:
                return
