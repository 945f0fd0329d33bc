"""The HTML reader's fallback chain: a weak reading is never the last word while the page has a story."""
from __future__ import annotations

import subprocess
import sys

import pytest

from newspack.errors import UsageError
from newspack.model import Heading, ListBlock, Paragraph
from newspack.readers.html import reader as html_reader
from newspack.readers.html.second_opinion import _blocks

PROSE = ("The council met on Tuesday evening to discuss the budget, and members argued for hours "
         "about the cost of repairs, the state of the roads, and the future of the library.")
STORY = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(5))
PAGE = f"<html><body><nav><a href='/'>Home</a></nav><main><h1>Budget</h1>{STORY}</main></body></html>"


def texts(article):
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("disabled", ["", "second_opinion", "relaxed_fallback"])
def test_weak_scored_reading_falls_back_to_the_story(monkeypatch, disabled):
    from newspack.readers import switches

    monkeypatch.setenv(switches.ENV, disabled)
    switches.disabled.cache_clear()
    monkeypatch.setattr(html_reader, "read_scored", lambda root, page, h1: [])
    try:
        art = html_reader.read_html(PAGE)
    finally:
        switches.disabled.cache_clear()
    assert len(texts(art)) == 5 and texts(art)[0].startswith("Paragraph 0.")


def test_every_fallback_off_leaves_the_weak_reading(monkeypatch):
    from newspack.readers import switches

    monkeypatch.setenv(switches.ENV, "second_opinion,relaxed_fallback")
    switches.disabled.cache_clear()
    monkeypatch.setattr(html_reader, "read_scored", lambda root, page, h1: [])
    try:
        assert html_reader.read_html(PAGE).blocks == ()
    finally:
        switches.disabled.cache_clear()


def test_unknown_rule_name_is_refused(monkeypatch):
    from newspack.readers import switches

    monkeypatch.setenv(switches.ENV, "no_such_rule")
    switches.disabled.cache_clear()
    try:
        with pytest.raises(UsageError, match="no_such_rule"):
            switches.enabled("repeats")
    finally:
        switches.disabled.cache_clear()


def test_second_opinion_xml_becomes_blocks():
    xml = ("<doc><main><head rend='h3'>Roads</head><p>One  paragraph.</p>"
           "<list rend='ul'><item>a</item><item>b</item></list></main></doc>")
    assert _blocks(xml) == [Heading("Roads", level=3), Paragraph("One paragraph."), ListBlock(items=("a", "b"), ordered=False)]


@pytest.mark.slow
def test_help_does_not_import_the_second_opinion():
    code = ("import sys\nsys.argv = ['newspack', '--help']\nfrom newspack.cli.commands import main\ntry:\n    main()\n"
            "except SystemExit:\n    pass\nprint('trafilatura' in sys.modules, 'newspack.readers.html.reader' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False False")
