"""--render: pages built by scripts, loaded in headless Chromium under the address policy.

Every server here is on 127.0.0.1, which the policy refuses unless --allow-private. To tell
"the page" from "what the page loads", one test widens the policy to the page's own origin
(host and port) only: a script on another port is then a private address like any other.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.errors import FetchError
from newspack.sources.render_proxy import AddressPolicy

from .checks import CHROMIUM, epubcheck_messages
from .servers import HANG, BatchServer

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"--render tests need Chromium at {CHROMIUM}: apt-get install chromium")
    pytest.skip(f"--render tests need Chromium at {CHROMIUM}", allow_module_level=True)

STORY = "The council voted on Tuesday to rebuild the old harbour wall after the winter storms"
WRITER = ("var p=[];for(var i=0;i<8;i++){p.push('<p>" + STORY + ", as paragraph '+i+' of the story tells, "
          "and residents had asked for it for years.</p>');}"
          "document.getElementById('app').innerHTML='<article><h1>Harbour wall to be rebuilt</h1>'+p.join('')+"
          "'</article>';")
HTML = {"Content-Type": "text/html; charset=utf-8"}
JS = {"Content-Type": "application/javascript"}


def _shell(script: str) -> bytes:
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour News</title></head>'
            f'<body><div id="app"></div>{script}</body></html>').encode()


@pytest.fixture
def servers():
    page, other = BatchServer().start(), BatchServer().start()
    yield page, other
    page.stop()
    other.stop()


@pytest.mark.slow
def test_a_page_written_by_a_script_needs_render(servers, tmp_path):
    page, _ = servers
    page.routes["/story"] = (200, HTML, _shell(f"<script>{WRITER}</script>"))
    url = f"{page.base}/story"
    plain = CliRunner().invoke(cli, ["extract", url, "--allow-private"])
    assert plain.exit_code == 1 and "no article text found" in plain.stderr
    out = tmp_path / "rendered.epub"
    rendered = CliRunner().invoke(cli, ["article", url, "--render", "--allow-private", "--no-cover", "-o", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert epubcheck_messages(out) == (0, [])
    import zipfile

    with zipfile.ZipFile(out) as book:
        chapter = book.read("EPUB/article-001.xhtml").decode()
    assert STORY in chapter and "<script" not in chapter


@pytest.mark.slow
def test_render_refuses_a_private_page_unless_allowed(servers):
    page, _ = servers
    page.routes["/story"] = (200, HTML, _shell(f"<script>{WRITER}</script>"))
    result = CliRunner().invoke(cli, ["extract", f"{page.base}/story", "--render"])
    assert result.exit_code == 1
    assert "private or local address (use --allow-private)" in result.stderr
    assert page.requests == []  # refused before any browser started


@dataclass(frozen=True)
class PageOriginOnly(AddressPolicy):
    """The policy, widened to the test page's own origin: everything else is judged as usual."""

    page: str = ""

    def check(self, url: str) -> None:
        if urlsplit(url).netloc != urlsplit(self.page).netloc:
            super().check(url)

    def check_reached(self, url: str, peer: object) -> None:
        if urlsplit(url).netloc != urlsplit(self.page).netloc:
            super().check_reached(url, peer)


@pytest.mark.slow
def test_render_refuses_what_a_page_loads_from_a_private_address_unless_allowed(servers):
    from newspack.pipeline import ReadOptions, read_input
    from newspack.sources.inputs import RawInput
    from newspack.sources.render import render_page

    page, other = servers
    other.routes["/writer.js"] = (200, JS, WRITER.encode())
    page.routes["/story"] = (200, HTML, _shell(f'<script src="{other.base}/writer.js"></script>'))
    url = f"{page.base}/story"

    refused = render_page(url, policy=PageOriginOnly(allow_private=False, page=url))
    assert other.requests == []
    assert [target for target, _ in refused.refused] == [f"{other.base}/writer.js"]
    raw = RawInput(source=url, data=refused.html, url=url,
                   warnings=tuple(f"refused to load {t}: {r}" for t, r in refused.refused))
    with pytest.raises(Exception, match="no article text found .refused to load .*private or local address"):
        read_input(raw, ReadOptions())

    allowed = render_page(url, policy=PageOriginOnly(allow_private=True, page=url))
    assert [path for path, _ in other.requests] == ["/writer.js"] and allowed.refused == ()
    assert STORY.encode() in allowed.html


@pytest.mark.slow
def test_render_stops_at_its_deadline(servers):
    from newspack.sources.render import render_page

    page, other = servers
    other.routes["/never.js"] = HANG
    page.routes["/story"] = (200, HTML, _shell(f'<script src="{other.base}/never.js"></script>'))
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        render_page(f"{page.base}/story", policy=AddressPolicy(allow_private=True), timeout=4)
    assert time.monotonic() - start < 10


@pytest.mark.slow
def test_a_digest_renders_its_pages(servers, tmp_path):
    page, _ = servers
    page.routes["/story"] = (200, HTML, _shell(f"<script>{WRITER}</script>"))
    out = tmp_path / "digest.epub"
    result = CliRunner().invoke(cli, ["digest", f"{page.base}/story", "--render", "--allow-private", "--no-cover",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 article" in result.stderr
    assert epubcheck_messages(out) == (0, [])


def test_without_chromium_render_says_so_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr("newspack.sources.render.BROWSERS", ("no-such-browser-here",))
    monkeypatch.delenv("NEWSPACK_CHROMIUM", raising=False)
    result = CliRunner().invoke(cli, ["article", "https://news.example/story", "--render", "-o",
                                      str(tmp_path / "x.epub")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "newspack: error: --render needs Chromium, which is not installed: apt-get install chromium "
        "(or set NEWSPACK_CHROMIUM to its path)"]


@pytest.mark.slow
def test_render_refuses_a_page_that_redirects_to_a_private_address(servers):
    from newspack.sources.render import render_page

    page, other = servers
    other.routes["/inside"] = (200, HTML, _shell(f"<script>{WRITER}</script>"))
    page.routes["/story"] = (302, {"Location": f"{other.base}/inside"}, b"")
    url = f"{page.base}/story"
    with pytest.raises(FetchError, match="private or local address"):
        render_page(url, policy=PageOriginOnly(allow_private=False, page=url))
    assert other.requests == []
