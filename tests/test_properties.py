"""Property tests (hypothesis): any bytes into each reader, any model into each writer.

Bounded so the suite stays fast; ``fuzz/`` runs the same properties for hours.
The properties: a reader either gives an Article or raises a ``NewspackError`` (never another
exception); a writer gives a book for any model, and no text in the model ever becomes markup.
"""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newspack.errors import NewspackError
from newspack.model import Article, Edition, Figure, Heading, ListBlock, Paragraph, Quote
from newspack.pipeline import ReadOptions, read_raw, render
from newspack.sources import RawInput
from newspack.writers import WriterOptions
from tests.test_hostile import assert_inert_epub, assert_inert_markup, assert_inert_pdf

pytestmark = pytest.mark.slow

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Fragments that make random bytes look like the pages readers meet, hostile ones included.
MARKUP = [
    b"<html>", b"<head>", b"<body>", b"<article>", b"<p>", b"</p>", b"<div class=share>", b"</div>", b"<h1>", b"</h1>",
    b"<figure><img src=a.jpg alt=x><figcaption>Photo: A</figcaption></figure>", b"<script>alert(1)</script>",
    b"<meta charset=utf-8>", b"<meta charset=latin-1>", b"<base href=javascript:x>", b"<embed src=x>", b"<source>",
    b"<time datetime=2024-99-99>", b'<script type="application/ld+json">{"@type":"NewsArticle","headline":',
    b"<div>" * 300, b"\x00", b"\xff\xfe", b"\xc3", b"&#0;", b"&#xD800;", b"<!--", b"<![CDATA[", b"<?xml?>",
    b"Read more: ", b"By Jane Roe", b"The council voted on Tuesday to keep the hall open. ", b"\n\n", b"\r\n",
    "Élections à Genève. ".encode(), "Straße über".encode("latin-1"), b"<ul><li>one<li>two</ul>", b"<table><tr><td>",
]
page_bytes = st.one_of(
    st.binary(max_size=2048),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.binary(max_size=40)), max_size=40).map(b"".join),
)


@FAST
@given(data=page_bytes, fmt=st.sampled_from([None, "html", "text"]), encoding=st.sampled_from([None, "latin-1", "utf-8"]))
def test_any_bytes_give_an_article_or_a_newspack_error(data, fmt, encoding):
    raw = RawInput(source="fuzz", data=data)
    try:
        article = read_raw(raw, ReadOptions(input_format=fmt, encoding=encoding, url="https://news.example.org/a"))
    except NewspackError:
        return
    assert article.blocks


HOSTILE_TEXT = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]>", "&amp;", "\x00", "\ud800",
                "\u202e", "javascript:alert(1)", "<!--", "</p><iframe src=//127.0.0.1>", "\x0b\x0c", "\ufffe",
                "{{ 7*7 }}", "{% raw %}", "\"'><svg onload=alert(1)>"]
text = st.one_of(st.text(max_size=80), st.sampled_from(HOSTILE_TEXT),
                 st.lists(st.sampled_from(HOSTILE_TEXT + ["word", " ", "Café"]), max_size=6).map("".join))
maybe_text = st.one_of(st.none(), text)
urls = st.sampled_from([None, "https://news.example.org/a", "javascript:alert(1)", "file:///etc/passwd",
                        "http://127.0.0.1:1/x", "data:text/html,<script>alert(1)</script>", "//evil", "", "\x00"])
srcs = st.sampled_from([None, "", "/etc/passwd", "file:///etc/passwd", "http://127.0.0.1:1/a.jpg",
                        "data:image/svg+xml,<svg onload=alert(1)>", "javascript:alert(1)", "../../etc/passwd",
                        "data:image/png;base64,AAAA"])
blocks = st.one_of(
    st.builds(Paragraph, text),
    st.builds(Heading, text, st.integers(min_value=-3, max_value=9)),
    st.builds(Quote, text, maybe_text),
    st.builds(ListBlock, st.lists(text, max_size=4).map(tuple), st.booleans()),
    st.builds(Figure, src=srcs, alt=text, caption=text, credit=maybe_text),
)
articles = st.builds(
    Article, title=maybe_text, blocks=st.lists(blocks, max_size=8).map(tuple), byline=maybe_text,
    date=st.one_of(st.none(), st.sampled_from(["2024-07-14", "2024-02-30", "not a date", "9999-12-31T25:00", ""])),
    site_name=maybe_text, language=st.sampled_from([None, "", "en", "fr", "xx-invalid", "<b>"]), url=urls,
    description=maybe_text, source=st.sampled_from(["", "page.html"]),
)
OPTIONS = WriterOptions(draw_cover=False)


def _render(article: Article, fmt: str) -> bytes | None:
    try:
        return render(Edition.single(article), fmt, OPTIONS)
    except NewspackError:
        return None


@FAST
@given(article=articles)
def test_any_model_gives_inert_html(article):
    data = _render(article, "html")
    if data is not None:
        page = data.decode("utf-8")
        assert_inert_markup(page, "book.html")
        assert "<script>alert" not in page  # text stays text: escaped, never markup


@SLOW
@given(article=articles)
def test_any_model_gives_a_valid_inert_epub(article):
    data = _render(article, "epub")
    if data is not None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.namelist()[0] == "mimetype"
        assert_inert_epub(data)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles)
def test_any_model_gives_a_pdf(article):
    data = _render(article, "pdf")
    if data is not None:
        assert data.startswith(b"%PDF")
        assert_inert_pdf(data)
