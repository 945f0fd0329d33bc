"""Shared fixtures: a local HTTP server (tests never touch the internet) and paths."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED_CASES = ROOT.parent / "shared" / "eval" / "cases"


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    hits: list = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = route
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """A server on 127.0.0.1; set ``server.routes[path] = (status, headers, body)``."""
    handler = type("Handler", (_Handler,), {"routes": {}, "hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.routes = handler.routes
    server.hits = handler.hits
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    """Each test its own cache folder: processed images and covers never leak between tests
    or into the user's cache (a test that sets NEWSPACK_CACHE_DIR itself still wins)."""
    monkeypatch.setenv("NEWSPACK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
