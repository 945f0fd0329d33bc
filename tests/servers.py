"""A test HTTP server on 127.0.0.1 for batches: pages, feeds, a page that never answers,
conditional requests (ETag) and a record of the headers each request carried."""
from __future__ import annotations

import threading
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
