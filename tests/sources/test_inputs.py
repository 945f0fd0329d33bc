import io

import pytest

from newspack.errors import FetchError, InputError
from newspack.sources.net import check_url, fetch
from newspack.sources import open_source


def test_file_source_knows_its_folder(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>hi</p>")
    raw = open_source(str(page))
    assert raw.data == b"<p>hi</p>"
    assert raw.url == page.resolve().as_uri()
    assert raw.local_root == str(tmp_path.resolve())


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        open_source(str(tmp_path / "nope.html"))


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputError, match="folder"):
        open_source(str(tmp_path))


def test_too_large_file(tmp_path):
    page = tmp_path / "big.html"
    page.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="too large"):
        open_source(str(page), max_bytes=1000)


def test_stdin():
    raw = open_source("-", stdin=io.BytesIO(b"Hello"))
    assert raw.data == b"Hello" and raw.url is None


def test_other_schemes_refused():
    with pytest.raises(InputError):
        open_source("ftp://example.org/x")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost/", "http://[::1]/", "http://0.0.0.0/", "http://169.254.169.254/latest",
    "http://10.0.0.1/", "http://192.168.1.1/", "http://2130706433/", "http://0177.0.0.1/", "file:///etc/passwd",
])
def test_address_policy_refuses_local_and_private(url):
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.slow
def test_fetch_from_local_server_needs_allow_private(http_server):
    http_server.routes["/a"] = (200, {"Content-Type": "text/html; charset=utf-8"}, b"<p>story</p>")
    with pytest.raises(FetchError, match="private or local"):
        fetch(http_server.base + "/a")
    assert http_server.hits == []  # refused before any request was sent
    resp = fetch(http_server.base + "/a", allow_private=True)
    assert resp.data == b"<p>story</p>" and "utf-8" in resp.content_type


@pytest.mark.slow
def test_fetch_404_and_size_cap(http_server):
    with pytest.raises(FetchError, match="404"):
        fetch(http_server.base + "/missing", allow_private=True)
    http_server.routes["/big"] = (200, {}, b"x" * 5000)
    with pytest.raises(FetchError, match="too large"):
        fetch(http_server.base + "/big", allow_private=True, max_bytes=1000)


@pytest.mark.slow
def test_redirect_to_forbidden_scheme_is_refused(http_server):
    http_server.routes["/r"] = (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(FetchError, match="refusing"):
        fetch(http_server.base + "/r", allow_private=True)


@pytest.mark.slow
def test_redirect_is_followed(http_server):
    http_server.routes["/r"] = (301, {"Location": "/final"}, b"")
    http_server.routes["/final"] = (200, {}, b"done")
    resp = fetch(http_server.base + "/r", allow_private=True)
    assert resp.data == b"done" and resp.url.endswith("/final")


def test_dead_port_is_a_fetch_error():
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", allow_private=True, timeout=2)
