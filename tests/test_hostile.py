"""Hostile input through the command line: every case ends in a clean book or one error line.

Each run is a subprocess under an address-space cap (``MEMORY_CAP``, set with
``resource.setrlimit``), so a case that needs more fails the test instead of the machine.
Large inputs are generated at test time by ``tests/hostile/generate.py``; the active-content
page makes every reference point at a counting server on 127.0.0.1, which must see no hit.
"""
from __future__ import annotations

import io
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest

from tests.hostile import BILLION_LAUGHS
from tests.hostile.generate import PARAGRAPH, generate, png_bytes
from tests.conftest import ROOT

NEWSPACK = [sys.executable, "-m", "newspack"]
#: Address space any one run may take. A book of the 50,000-paragraph page peaks near 300 MB
#: resident; the cap leaves room for WeasyPrint's fonts and the interpreter's mappings.
MEMORY_CAP = 2 * 1024**3

#: Markup that must never appear in anything newspack writes.
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "input", "button", "base", "frame",
               "frameset", "applet", "foreignobject", "textarea", "select", "noscript", "portal"}
_BAD_URL = re.compile(r"^\s*(javascript|vbscript|file|data:text/html|data:image/svg|data:application)", re.I)
_LOCAL_HOSTS = ("127.0.0.1", "169.254.169.254", "[::1]", "0.0.0.0", "2130706433", "0177.0.0.1", "localhost")


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(args, *, cwd=None, timeout=180, env=None):
    """Run newspack under the memory cap; return the CompletedProcess."""
    environment = {**os.environ, "NEWSPACK_CACHE_DIR": str(Path(cwd or ".") / ".cache"), **(env or {})}
    return subprocess.run(NEWSPACK + [str(a) for a in args], cwd=cwd, capture_output=True, timeout=timeout,
                          preexec_fn=_limit_memory, env=environment)


def assert_clean_outcome(proc, *, codes=(0, 1), batch=False):
    """Exit 0 with output, or a one-line error; never a traceback or an internal error.

    A ``batch`` (digest) lists one line per failed input, then its verdict.
    """
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in codes, err[-2000:]
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]
    if proc.returncode == 1 and not batch:
        errors = [line for line in err.splitlines() if line.startswith("newspack: error")]
        assert len(errors) == 1, err[-2000:]


def assert_inert_markup(text: str, name: str = "") -> None:
    """No active element, handler, script URL, base, refresh or remote CSS in (X)HTML ``text``."""
    root = lxml.html.document_fromstring(text.encode("utf-8")) if "<?xml" not in text[:100] else \
        etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname.lower()
        assert tag not in ACTIVE_TAGS, f"{name}: <{tag}>"
        if tag == "meta":
            assert (el.get("http-equiv") or "").lower() != "refresh", name
        if tag == "link":
            assert (el.get("rel") or "").lower() in ("stylesheet", ""), f"{name}: link rel={el.get('rel')}"
        for attr, value in el.attrib.items():
            local = etree.QName(attr).localname.lower()
            assert not local.startswith("on"), f"{name}: {local}= on <{tag}>"
            if local in ("href", "src", "action", "formaction", "data", "poster", "srcset", "background"):
                assert not _BAD_URL.match(value), f"{name}: {local}={value[:80]}"
                if tag != "a":
                    assert not any(h in value for h in _LOCAL_HOSTS), f"{name}: {local}={value[:80]}"
            if local == "style":
                assert_inert_css(value, name)
        if tag == "style":
            assert_inert_css(el.text or "", name)


def assert_inert_css(css: str, name: str = "") -> None:
    assert "@import" not in css.lower(), name
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css, re.I):
        assert url.startswith("data:font") or url.startswith("data:image/") and not url.startswith("data:image/svg") \
            or not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I), f"{name}: url({url[:80]})"


def assert_inert_epub(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            body = z.read(name)
            if name.endswith((".xhtml", ".html", ".htm", ".opf", ".ncx")):
                assert_inert_markup(body.decode("utf-8"), name)
            elif name.endswith(".css"):
                assert_inert_css(body.decode("utf-8"), name)
            elif name.endswith(".svg"):
                pytest.fail(f"an SVG file in the book: {name}")


def assert_inert_pdf(data: bytes) -> None:
    """No JavaScript, launch or open actions, embedded or attached files, non-web links."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(io.BytesIO(data))
    assert "/Names" not in reader.trailer["/Root"] or "/EmbeddedFiles" not in reader.trailer["/Root"]["/Names"]
    assert "/OpenAction" not in reader.trailer["/Root"] and "/AA" not in reader.trailer["/Root"]
    seen, stack = set(), [reader.trailer["/Root"]]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key in ("/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment", "/AA"):
                assert key not in obj, key
            if obj.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToR"):
                pytest.fail(f"PDF action {obj.get('/S')}")
            if obj.get("/Subtype") == "/FileAttachment":
                pytest.fail("file attachment annotation")
            if "/URI" in obj:
                uri = str(obj["/URI"])
                assert uri.startswith(("http://", "https://")) and not _BAD_URL.match(uri), uri
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


class _CountingHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.hits.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.server.pages.get(self.path, b"")
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def counting_server():
    def start(host="127.0.0.1"):
        server = ThreadingHTTPServer((host, 0), _CountingHandler)
        server.daemon_threads = True
        server.hits, server.pages, server.redirect_to = [], {}, ""
        server.base = f"http://{host}:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    servers: list = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("hostile"))


# ------------------------------------------------------------------ broken and huge input

SMALL_CASES = {
    "empty.html": b"",
    "spaces.html": b"   \n\t  \n",
    "nul-heavy.html": b"<html><body><p>" + b"\x00" * 400 + b"text</p></body></html>",
    "stray-nul.html": b"<html><body><h1>Stray</h1><p>" + (PARAGRAPH.encode() * 4) + b"\x00</p></body></html>",
    "bad-utf8.html": b"<html><head><meta charset=utf-8></head><body><p>caf\xe9 \xff\xfe \xed\xa0\x80 " + PARAGRAPH.encode() * 4 + b"</p></body></html>",
    "latin1-says-utf8.html": "<html><head><meta charset=utf-8></head><body><h1>Café</h1><p>Année ".encode("latin-1") + PARAGRAPH.encode() * 4 + b"</p></body></html>",
    "utf8-says-latin1.html": "<html><head><meta charset=iso-8859-1></head><body><h1>Café</h1><p>Année ".encode() + PARAGRAPH.encode() * 4 + b"</p></body></html>",
    "unknown-charset.html": b"<html><head><meta charset=x-no-such-charset></head><body><p>" + PARAGRAPH.encode() * 4 + b"</p></body></html>",
    "utf16-bom.html": "\ufeff<html><body><h1>UTF-16</h1><p>".encode("utf-16-le") + (PARAGRAPH * 4).encode("utf-16-le") + "</p></body></html>".encode("utf-16-le"),
    "truncated-tag.html": b"<html><body><h1>Cut</h1><p>" + PARAGRAPH.encode() * 4 + b"</p><div class=\"a",
    "only-markup.html": b"<html><head></head><body><div><span></span></div></body></html>",
    "xml-decl.html": b"<?xml version='1.0' encoding='bogus'?><!DOCTYPE html [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><html><body><h1>&x;</h1><p>" + PARAGRAPH.encode() * 4 + b"</p></body></html>",
    "png.html": png_bytes(),
    "binary-noise.txt": bytes(range(256)) * 64,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SMALL_CASES))
def test_broken_input_gives_a_book_or_one_error_line(tmp_path, name):
    (tmp_path / name).write_bytes(SMALL_CASES[name])
    proc = run(["article", name, "-o", "out.epub"], cwd=tmp_path)
    assert_clean_outcome(proc)
    if proc.returncode == 0:
        assert_inert_epub((tmp_path / "out.epub").read_bytes())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["archive.zip", "program.elf", "bomb.png", "truncated.jpg", "huge.html"])
def test_binary_and_oversized_input_is_refused_in_one_line(corpus, tmp_path, name):
    proc = run(["article", corpus[name], "-o", tmp_path / "out.epub"], cwd=tmp_path)
    assert_clean_outcome(proc, codes=(1,))
    assert not (tmp_path / "out.epub").exists()


@pytest.mark.slow
def test_huge_stdin_is_refused_in_one_line(corpus, tmp_path):
    with corpus["huge.html"].open("rb") as fh:
        proc = subprocess.run(NEWSPACK + ["extract", "-"], stdin=fh, capture_output=True, timeout=120,
                              preexec_fn=_limit_memory, cwd=tmp_path)
    assert_clean_outcome(proc, codes=(1,))
    assert b"too large" in proc.stderr + proc.stdout


@pytest.mark.slow
def test_deep_nesting_is_read_fast_and_keeps_the_text(corpus, tmp_path):
    """100,000 nested <div>s took 53 s before nesting past 200 levels was flattened."""
    start = time.monotonic()
    proc = run(["extract", corpus["deep.html"]], cwd=tmp_path)
    assert_clean_outcome(proc, codes=(0,))
    assert time.monotonic() - start < 20
    doc = json.loads(proc.stdout)
    assert "market hall" in " ".join(b.get("text", "") for b in doc["blocks"])


@pytest.mark.slow
def test_deep_nesting_makes_a_pdf(corpus, tmp_path):
    """WeasyPrint recurses once per nesting level: the HTML writer's output stays flat."""
    proc = run(["article", corpus["deep.html"], "-o", tmp_path / "deep.pdf"], cwd=tmp_path)
    assert_clean_outcome(proc, codes=(0,))
    assert_inert_pdf((tmp_path / "deep.pdf").read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize("name,codes", [("paragraphs.html", (0,)), ("longline.txt", (0,)), ("lines.txt", (0, 1))])
def test_big_pages_stay_under_the_memory_cap(corpus, tmp_path, name, codes):
    proc = run(["extract", "--format", "text", corpus[name]], cwd=tmp_path, timeout=300)
    assert_clean_outcome(proc, codes=codes)
    if name == "paragraphs.html":
        assert proc.stdout.count(b"market hall") == 50_000  # nothing lost


# ------------------------------------------------------------------ active content

def _active_page(port_base: str) -> str:
    page = (ROOT / "tests" / "hostile" / "active.html").read_text(encoding="utf-8")
    return page.replace("http://127.0.0.1:PORT", port_base).replace(":PORT", ":" + port_base.rsplit(":", 1)[1])


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "epub", "pdf"])
def test_active_content_never_reaches_the_output_nor_the_network(tmp_path, counting_server, fmt):
    server = counting_server()
    (tmp_path / "active.html").write_text(_active_page(server.base), encoding="utf-8")
    (tmp_path / "local.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                                        f'<image href="{server.base}/from-svg"/></svg>', encoding="utf-8")
    out = tmp_path / f"book.{fmt}"
    proc = run(["article", "active.html", "--url", "https://news.example.org/story", "-o", out], cwd=tmp_path)
    assert_clean_outcome(proc, codes=(0,))
    assert server.hits == []
    data = out.read_bytes()
    assert b"/etc/passwd" not in data and b"root:x:0:0" not in data
    if fmt == "html":
        assert_inert_markup(data.decode("utf-8"), out.name)
    elif fmt == "epub":
        assert_inert_epub(data)
    else:
        assert_inert_pdf(data)
        assert b"root:" not in data


@pytest.mark.slow
def test_extract_keeps_no_script_urls(tmp_path, counting_server):
    server = counting_server()
    (tmp_path / "active.html").write_text(_active_page(server.base), encoding="utf-8")
    proc = run(["extract", "active.html"], cwd=tmp_path)
    assert_clean_outcome(proc, codes=(0,))
    doc = json.loads(proc.stdout)
    for block in doc["blocks"]:
        assert not re.match(r"\s*(javascript|vbscript|data:text/html)", block.get("src") or "", re.I), block
    text = json.dumps(doc)
    assert "alert(" not in text and "<script" not in text
    assert server.hits == []


@pytest.mark.slow
def test_redirect_from_an_allowed_address_to_a_forbidden_one_is_not_followed(counting_server, monkeypatch):
    """127.0.0.1 stands in for a public host; the redirect's target, 127.0.0.2, stays private."""
    from newspack.sources import net
    from newspack.errors import FetchError

    public = net._is_public
    monkeypatch.setattr(net, "_is_public", lambda ip: ip == "127.0.0.1" or public(ip))
    allowed = counting_server("127.0.0.1")
    try:
        forbidden = counting_server("127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 is not routable here")
    allowed.redirect_to = forbidden.base + "/secret"
    with pytest.raises(FetchError, match="private or local"):
        net.fetch(allowed.base + "/redirect")
    assert allowed.hits == ["/redirect"] and forbidden.hits == []


@pytest.mark.slow
def test_hostname_resolving_to_loopback_is_refused(counting_server, monkeypatch):
    from newspack.sources import net
    from newspack.errors import FetchError

    server = counting_server()
    port = int(server.base.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "innocent.example.org":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(FetchError, match="private or local"):
        net.fetch(f"http://innocent.example.org:{port}/page")
    assert server.hits == []


# ------------------------------------------------------------------ hostile images

@pytest.mark.slow
def test_hostile_images_are_dropped_with_a_warning_and_the_story_kept(corpus, tmp_path, counting_server):
    server = counting_server()
    for name in ("bomb.png", "header30k.png", "truncated.jpg"):
        (tmp_path / name).write_bytes(corpus[name].read_bytes())
    (tmp_path / "external.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        f'<image xlink:href="{server.base}/svg-ref.png" width="10" height="10"/>'
        '<image href="file:///etc/passwd"/><script>alert(1)</script></svg>', encoding="utf-8")
    figures = "".join(f'<figure><img src="{n}" alt="{n}"><figcaption>Caption of {n}. Photo: Ann Lee</figcaption></figure>'
                      for n in ("bomb.png", "header30k.png", "truncated.jpg", "external.svg"))
    page = f"<html lang=en><head><title>Images</title></head><body><article><h1>Images</h1>" \
           f"<p>{PARAGRAPH * 3}</p>{figures}<p>{PARAGRAPH * 3}</p></article></body></html>"
    (tmp_path / "images.html").write_text(page, encoding="utf-8")
    for fmt in ("epub", "pdf"):
        proc = run(["article", "images.html", "-o", f"book.{fmt}"], cwd=tmp_path)
        assert_clean_outcome(proc, codes=(0,))
        data = (tmp_path / f"book.{fmt}").read_bytes()
        if fmt == "epub":
            assert_inert_epub(data)
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                text = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xhtml"))
            assert "Caption of bomb.png" in text  # the caption stays when the image goes
        else:
            assert_inert_pdf(data)
    assert server.hits == []


# ------------------------------------------------------------------ feeds and config


EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:PORT/xxe">]>
<rss version="2.0"><channel><title>&xxe;</title><item><title>&remote;</title><link>http://example.org/a</link>
<description>&xxe;</description></item></channel></rss>"""


def _full_item(title: str, date: str) -> str:
    body = ("<p>" + PARAGRAPH * 4 + "</p>") * 4
    return (f"<item><title>{title}</title><link>https://news.example.org/{title.replace(' ', '-')}</link>"
            f"<pubDate>{date}</pubDate><content:encoded><![CDATA[{body}]]></content:encoded></item>")


BAD_DATES_FEED = ("<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
                  "<channel><title>Dates</title>"
                  + _full_item("Never", "not a date at all")
                  + _full_item("Far future", "Fri, 31 Dec 9999 23:59:59 +9999")
                  + _full_item("Feb thirty", "Mon, 30 Feb 2024 25:61:61 GMT")
                  + _full_item("Year zero", "0000-00-00T00:00:00Z")
                  + "</channel></rss>").encode()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["laughs", "xxe", "dates"])
def test_hostile_feeds_through_digest(tmp_path, counting_server, name):
    server = counting_server()
    port = server.base.rsplit(":", 1)[1]
    data = {"laughs": BILLION_LAUGHS, "xxe": EXTERNAL_ENTITY.replace(b"PORT", port.encode()),
            "dates": BAD_DATES_FEED}[name]
    (tmp_path / "feed.xml").write_bytes(data)
    proc = run(["digest", "feed.xml", "-o", "book.epub"], cwd=tmp_path)
    assert_clean_outcome(proc, codes=(0, 1, 3), batch=True)
    err = proc.stderr.decode("utf-8", "replace")
    assert "lollollol" not in err and "root:x" not in err
    if (tmp_path / "book.epub").exists():
        data = (tmp_path / "book.epub").read_bytes()
        assert_inert_epub(data)
        assert b"lollollol" not in data and b"root:x" not in data
    assert server.hits == []


@pytest.mark.slow
@pytest.mark.parametrize("toml,fragment", [
    ('name = "x"\ntitle = 5\n[[sections]]\nname = "A"\nfolders = ["."]\n', "title"),
    ('name = "x"\ntitle = "T"\nkeep = "seven"\n[[sections]]\nname = "A"\nfolders = ["."]\n', "keep"),
    ('name = "x"\ntitle = "T"\nmystery = 1\n[[sections]]\nname = "A"\nfolders = ["."]\n', "mystery"),
    ('name = "x"\ntitle = "T"\n[[sections]]\nname = "A"\nmax_article = 3\nfolders = ["."]\n', "max_article"),
    ('name = "x"\ntitle = "T"\nsections = "all"\n', "sections"),
    ('name = "x"\ntitle = "T"\njobs = -4\n[[sections]]\nname = "A"\nfolders = ["."]\n', "jobs"),
    ('name = "x\ntitle = ', ""),
    ('\x00\xff', ""),
])
def test_wrong_edition_config_is_a_usage_error(tmp_path, toml, fragment):
    (tmp_path / "paper.toml").write_text(toml, encoding="utf-8", errors="surrogateescape") if "\x00" not in toml \
        else (tmp_path / "paper.toml").write_bytes(b"\x00\xff")
    proc = run(["edition", "paper.toml", "--dry-run"], cwd=tmp_path, env={"XDG_STATE_HOME": str(tmp_path / "state")})
    assert_clean_outcome(proc, codes=(1, 2))
    assert proc.returncode == 2, proc.stderr
    assert fragment in proc.stderr.decode()


# ------------------------------------------------------------------ faults and exit codes

def _slow_book_page(path: Path) -> None:
    body = "".join(f"<h2>Part {i}</h2><p>{i}. {PARAGRAPH * 6}</p>" for i in range(3000))
    path.write_text(f"<html lang=en><head><title>Slow</title></head><body><article><h1>Slow</h1>{body}</article></body></html>",
                    encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_leaves_no_partial_file(tmp_path, sig):
    _slow_book_page(tmp_path / "slow.html")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(NEWSPACK + ["article", "slow.html", "-o", str(out / "book.pdf")], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limit_memory)
    time.sleep(4)  # inside the PDF layout, which takes longer than this
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_exit_codes(tmp_path):
    story = "".join(f"<p>{i}. {PARAGRAPH * 2}</p>" for i in range(4))
    (tmp_path / "good.html").write_text(f"<html lang=en><body><article><h1>Good</h1>{story}</article></body></html>",
                                        encoding="utf-8")
    (tmp_path / "bad.html").write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    assert run(["extract", "good.html"], cwd=tmp_path).returncode == 0
    assert run(["extract", "bad.html"], cwd=tmp_path).returncode == 1
    assert run(["article", "good.html", "--no-such-option"], cwd=tmp_path).returncode == 2
    assert run(["article", "good.html", "-o", "missing/folder/x.epub"], cwd=tmp_path).returncode == 2
    partial = run(["digest", "good.html", "bad.html", "-o", "both.epub"], cwd=tmp_path)
    assert partial.returncode == 3 and (tmp_path / "both.epub").exists()
    assert run(["digest", "bad.html", "-o", "none.epub"], cwd=tmp_path).returncode == 1


# ------------------------------------------------------------------ findings, pinned

def test_an_open_embed_does_not_swallow_the_rest_of_the_story():
    """libxml2 leaves HTML5 voids open: the story after <embed> ended up inside it and was dropped."""
    from newspack.readers.html.reader import read_html

    paras = "".join(f"<p>{i}. {PARAGRAPH * 2}</p>" for i in range(2))
    art = read_html(f"<html><body><article><h1>T</h1>{paras}<embed src=x.swf>"
                    f"<p>After the embed, {PARAGRAPH}</p><p>Last, {PARAGRAPH}</p></article></body></html>")
    text = " ".join(b.text for b in art.blocks)
    assert "After the embed" in text and "Last," in text


@pytest.mark.slow
def test_lone_surrogates_and_controls_from_json_ld_still_make_books(tmp_path):
    """A JSON-LD headline spelling "\\ud800" made the EPUB and PDF writers fail on encoding."""
    paras = "".join(f"<p>{i}. {PARAGRAPH * 2}</p>" for i in range(2))
    page = ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Bad \\ud800 title",'
            f'"author":{{"name":"A \\udfff B"}}}}</script></head><body><article><h1>T</h1>{paras}\x01\x0b</article></body></html>')
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    for fmt in ("epub", "pdf", "html"):
        proc = run(["article", "page.html", "-o", f"book.{fmt}"], cwd=tmp_path)
        assert_clean_outcome(proc, codes=(0,))
