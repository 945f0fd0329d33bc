"""A test HTTP server on 127.0.0.1 for batches: pages, feeds, a page that never answers,
conditional requests (ETag), a record of the headers each request carried, and faults: a
route may be a callable ``route(handler)`` that answers as it likes (see ``drip``, ``stall``,
``reset``, ``truncated``, ``slow``, ``answers``)."""
from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: A route that never answers (until the server stops).
HANG = "hang"


class _BatchHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        server = self.server
        server.requests.append((self.path, dict(self.headers)))
        route = server.routes.get(self.path, server.routes.get(self.path.split("?", 1)[0]))
        if route == HANG:
            server.hanging.set()
            server.release.wait(timeout=60)
            return
        if callable(route):
            return route(self)
        if route is None:
            return self._send(404, {"Content-Type": "text/plain"}, b"not found")
        status, headers, body = route
        etag = headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:
            return self._send(304, {"ETag": etag}, b"")
        self._send(status, headers, body)

    def _send(self, status, headers, body):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (size limit)
                pass

    def log_message(self, *args):
        pass


class BatchServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _BatchHandler)
        self.routes: dict = {}
        self.requests: list = []
        self.hanging = threading.Event()
        self.release = threading.Event()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self) -> "BatchServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()

    def handle_error(self, request, client_address):
        # a client that gave up (deadline, size limit) resets the connection: not a server bug
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def page(title: str, paragraphs: list[str], *, canonical: str | None = None, date: str | None = None,
         site: str | None = None) -> bytes:
    """A small article page the HTML reader extracts."""
    head = [f"<title>{title}</title>"]
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{''.join(head)}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


def story(seed: str, sentences: int = 12) -> list[str]:
    """Paragraphs of distinct text (different seeds share no five-word run)."""
    words = [f"{seed}{i}" for i in range(sentences * 9)]
    sentences_ = [" ".join(words[i:i + 9]).capitalize() + "." for i in range(0, len(words), 9)]
    return [" ".join(sentences_[i:i + 3]) for i in range(0, len(sentences_), 3)]


def rss(title: str, items: list[dict]) -> bytes:
    """An RSS 2.0 feed; each item: title, link, date (RFC 822), and optional content (HTML)."""
    parts = []
    for item in items:
        content = item.get("content")
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        parts.append(f"<item><title>{item['title']}</title><link>{item['link']}</link>"
                     f"<guid>{item['link']}</guid><pubDate>{item['date']}</pubDate>"
                     f"<description>A short teaser.</description>{encoded}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>https://feeds.example/</link>{''.join(parts)}"
            "</channel></rss>").encode("utf-8")


# ---- faults: each returns a route ----------------------------------------------------------

def _head(status: int, length: int, content_type: str = "text/html; charset=utf-8") -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n"
            "Connection: close\r\n\r\n").encode("ascii")


def drip(body: bytes, *, chunk: int = 5, interval: float = 0.1, headers_too: bool = False):
    """Send the answer ``chunk`` bytes every ``interval`` seconds (50 B/s by default): every
    read gets a byte soon, so no timeout between bytes ever fires."""
    def route(handler):
        handler.server.hanging.set()
        data = _head(200, len(body)) + body
        start = 0 if headers_too else len(_head(200, len(body)))
        try:
            handler.wfile.write(data[:start])
            handler.wfile.flush()
            for pos in range(start, len(data), chunk):
                if handler.server.release.wait(interval):
                    return
                handler.wfile.write(data[pos:pos + chunk])
                handler.wfile.flush()
        except OSError:
            pass
        handler.close_connection = True
    return route


def stall(body_length: int = 1000):
    """Send the headers, then nothing until the server stops."""
    def route(handler):
        handler.server.hanging.set()
        handler.wfile.write(_head(200, body_length))
        handler.wfile.flush()
        handler.server.release.wait(timeout=60)
        handler.close_connection = True
    return route


def reset():
    """Close the connection with a TCP reset before answering."""
    def route(handler):
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True
    return route


def truncated(body: bytes, content_type: str = "text/html; charset=utf-8"):
    """Announce the whole body, send half of it, close."""
    def route(handler):
        handler.wfile.write(_head(200, len(body), content_type) + body[: len(body) // 2])
        handler.wfile.flush()
        handler.close_connection = True
    return route


def slow(answer: tuple, delay: float):
    """Answer ``(status, headers, body)`` after ``delay`` seconds."""
    def route(handler):
        time.sleep(delay)
        handler._send(*answer)
    return route


def answers(*routes):
    """Each request gets the next route (the last one repeats): ``answers((500, {}, b""), page)``."""
    queue = list(routes)
    lock = threading.Lock()

    def route(handler):
        with lock:
            current = queue.pop(0) if len(queue) > 1 else queue[0]
        if callable(current):
            return current(handler)
        handler._send(*current)
    return route
