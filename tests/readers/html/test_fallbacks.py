"""The HTML reader's fallback chain: a weak reading is never the last word while the page has a story."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from newspack.errors import UsageError
from newspack.model import Heading, ListBlock, Paragraph
from newspack.readers.html import reader as html_reader
from newspack.readers.html.second_opinion import _blocks
from newspack.readers.tuning import DEFAULT, Tuning, active, enabled, parse_disabled

PROSE = ("The council met on Tuesday evening to discuss the budget, and members argued for hours "
         "about the cost of repairs, the state of the roads, and the future of the library.")
STORY = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(5))
PAGE = f"<html><body><nav><a href='/'>Home</a></nav><main><h1>Budget</h1>{STORY}</main></body></html>"


def texts(article):
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("disabled", ["", "second_opinion", "relaxed_fallback"])
def test_weak_scored_reading_falls_back_to_the_story(monkeypatch, disabled):
    monkeypatch.setattr(html_reader, "read_scored", lambda root, page, h1: [])
    art = html_reader.read_html(PAGE, tuning=Tuning(disabled=parse_disabled(disabled)))
    assert len(texts(art)) == 5 and texts(art)[0].startswith("Paragraph 0.")


def test_every_fallback_off_leaves_the_weak_reading(monkeypatch):
    monkeypatch.setattr(html_reader, "read_scored", lambda root, page, h1: [])
    tuning = Tuning(disabled=frozenset({"second_opinion", "relaxed_fallback"}))
    assert html_reader.read_html(PAGE, tuning=tuning).blocks == ()


def test_unknown_rule_name_is_refused():
    with pytest.raises(UsageError, match="no_such_rule"):
        Tuning(disabled=frozenset({"no_such_rule"}))


def test_a_threshold_is_a_value_passed_in(monkeypatch):
    # Five paragraphs are a story under the shipped threshold, and weak under one above their
    # length: then the fallbacks read the page again.
    calls = []
    monkeypatch.setattr(html_reader, "FALLBACKS", (("structured_body", lambda page, cur: calls.append(1) or []),))
    html_reader.read_html(PAGE)
    assert calls == []
    html_reader.read_html(PAGE, tuning=replace(DEFAULT, min_story_chars=10_000))
    assert calls == [1]


def test_the_tuning_holds_for_one_read_only():
    # A rule switched off for one read is on again for the next, and outside any read.
    html_reader.read_html(PAGE, tuning=Tuning(disabled=frozenset({"widen"})))
    assert enabled("widen") and active() is DEFAULT


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
