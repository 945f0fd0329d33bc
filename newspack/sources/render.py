"""``--render``: a page built by scripts, loaded in the system's headless Chromium.

Some sites send an empty shell and write the story with JavaScript; a fetch finds no text.
Chromium loads such a page and prints the DOM its scripts built (``--dump-dom``), which the
HTML reader then reads like any page. Never by default, and always:

- under the address policy, for the page and everything it loads: every request goes
  through a proxy of ours (:mod:`.render_proxy`), loopback included;
- under one total deadline: at its end the browser's whole process group is killed;
- with a fresh profile in a temporary folder, deleted after (no cookies or cache kept), which
  is also its home, so a download can land nowhere else;
- with WebRTC kept to the proxy, QUIC and background networking off (they would bypass it).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from html import unescape

from ..errors import FetchError, NewspackError
from .net import TIMEOUT_SECONDS
from .render_proxy import AddressPolicy, PolicyProxy

#: Where Debian and Ubuntu install Chromium, then the names it goes by on PATH.
BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")

#: Seconds of virtual time the page's scripts may run before the DOM is taken: enough for a
#: page that fetches its story and writes it, short enough that an endless ticker stops.
#: Virtual time runs ahead when the page is idle, so this costs little wall time.
VIRTUAL_TIME_MS = 8000

#: Largest DOM read back from the browser (bytes), as for any input.
MAX_DOM_BYTES = 32 * 1024 * 1024

_FLAGS = ("--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-quic",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
          "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
          "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
          "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
          "--webrtc-ip-handling-policy=disable_non_proxied_udp", "--proxy-bypass-list=<-loopback>")


_REFUSED_MARK = re.compile(rb'<meta name="newspack-refused" content="([^"]*)"')


class BrowserMissing(NewspackError):
    """No Chromium to render with."""


@dataclass(frozen=True)
class Rendered:
    """The DOM a page's scripts built, and what the proxy refused to load for it."""

    html: bytes
    refused: tuple[tuple[str, str], ...] = ()


def find_browser() -> str:
    """The Chromium executable; BrowserMissing (one line saying how to get it) when there is none."""
    for name in (os.environ.get("NEWSPACK_CHROMIUM"), *BROWSERS):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise BrowserMissing("--render needs Chromium, which is not installed: apt-get install chromium "
                         "(or set NEWSPACK_CHROMIUM to its path)")


def render_page(url: str, *, policy: AddressPolicy = AddressPolicy(), timeout: float = TIMEOUT_SECONDS) -> Rendered:
    """Load ``url`` in headless Chromium under ``policy`` and return the DOM it built."""
    browser = find_browser()
    policy.check(url)  # the page itself: refused at once, with the policy's own words
    deadline = time.monotonic() + timeout
    profile = tempfile.mkdtemp(prefix="newspack-render-")
    try:
        with PolicyProxy(policy, timeout) as proxy:
            html = _run(_command(browser, url, proxy.address, profile), profile, deadline, url, timeout)
            refused = tuple(proxy.log.refused)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    mark = _REFUSED_MARK.search(html)
    if mark:  # the page itself (after a redirect) was refused: its DOM is the proxy's answer
        raise FetchError(unescape(mark.group(1).decode("utf-8", "replace")), source=url)
    return Rendered(html, refused)


def _command(browser: str, url: str, proxy: str, profile: str) -> list[str]:
    # Chromium's sandbox cannot start as root; elsewhere it stays on.
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [browser, *_FLAGS, *sandbox, f"--user-data-dir={profile}", f"--proxy-server={proxy}",
            f"--virtual-time-budget={VIRTUAL_TIME_MS}", "--dump-dom", url]


def _run(command: list[str], profile: str, deadline: float, url: str, timeout: float) -> bytes:
    env = {**os.environ, "HOME": profile, "XDG_CONFIG_HOME": profile, "XDG_CACHE_HOME": profile,
           "XDG_DOWNLOAD_DIR": profile}
    with tempfile.TemporaryFile(dir=profile) as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                   env=env, start_new_session=True)  # its own group: killed whole
        try:
            code = process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            raise FetchError(f"timed out: the browser had not built the page within {timeout:g} s",
                             source=url) from None
        finally:
            _kill_group(process)
        size = out.tell()
        if size > MAX_DOM_BYTES:
            raise FetchError(f"rendered page too large ({size} bytes, limit {MAX_DOM_BYTES})", source=url)
        out.seek(0)
        html = out.read()
    if code != 0 or not html.strip():
        raise FetchError(f"the browser could not load the page (exit code {code})", source=url)
    return html


def _kill_group(process: subprocess.Popen) -> None:
    """End the browser and every process it started (renderers, GPU and network services)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
