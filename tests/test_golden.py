"""Golden tests: whole articles through the reader, checked against what a reader wants.

Inputs are ``samples/`` (each with a sidecar ``<name>.expected.json``) and the shared
evaluation cases (``../shared/eval/cases/<id>/``), when present beside the repository.
Checked: the title, byline and date (where expected), no boilerplate string anywhere in the
output, every caption found as a figure with its credit apart, the language, and the body:
every expected paragraph in order, and no more than a few words besides.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newspack.pipeline import ReadOptions, load
from newspack.writers.extract import article_to_dict

from tests.conftest import SAMPLES, SHARED_CASES

#: Token F1 at which a figure's caption counts as the expected caption (the scorer's own value).
CAPTION_MATCH_F1 = 0.8


def _golden_inputs():
    for expected in sorted(SAMPLES.glob("*.expected.json")):
        name = expected.name[: -len(".expected.json")]
        inp = next((p for p in SAMPLES.glob(name + ".*") if p.suffix in (".html", ".htm", ".txt")), None)
        if inp:
            yield pytest.param(inp, expected, id=f"sample-{name}")
    if SHARED_CASES.is_dir():
        for case in sorted(p for p in SHARED_CASES.iterdir() if (p / "expected.json").is_file()):
            inp = next((case / n for n in ("input.html", "input.txt") if (case / n).is_file()), None)
            if inp:
                yield pytest.param(inp, case / "expected.json", id=f"case-{case.name}")


def _tokens(text):
    return [t.lower() for t in re.findall(r"\w+", text or "")]


def _token_f1(a, b):
    ca, cb = Counter(_tokens(a)), Counter(_tokens(b))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(cb.values()), common / sum(ca.values())
    return 2 * p * r / (p + r)


def _all_text(doc):
    bits = [doc.get("title") or "", doc.get("byline") or ""]
    for block in doc["blocks"]:
        bits += [block.get("text") or "", *(block.get("items") or []), block.get("caption") or "",
                 block.get("credit") or "", block.get("attribution") or ""]
    return " ".join(" ".join(bits).split())


@pytest.fixture(scope="module")
def extracted():
    cache = {}

    def get(path):
        if path not in cache:
            cache[path] = article_to_dict(load(str(path), ReadOptions()).article)
        return cache[path]

    return get


@pytest.mark.parametrize("inp,expected_path", list(_golden_inputs()))
def test_golden(inp, expected_path, extracted):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = extracted(inp)
    problems = []
    if " ".join((doc["title"] or "").split()) != " ".join(expected["title"].split()):
        problems.append(f"title {doc['title']!r} != {expected['title']!r}")
    if expected.get("language") and (doc["language"] or "")[:2] != expected["language"][:2]:
        problems.append(f"language {doc['language']!r} != {expected['language']!r}")
    for field in ("byline", "date"):
        want = expected.get(field)
        got = doc.get(field) or ""
        if want and (got[:10] != want if field == "date" else " ".join(got.split()) != " ".join(want.split())):
            problems.append(f"{field} {got!r} != {want!r}")
    text = _all_text(doc)
    leaks = [s for s in expected.get("must_not_contain") or [] if " ".join(s.split()) in text]
    if leaks:
        problems.append(f"boilerplate leaked: {leaks}")
    figures = [b for b in doc["blocks"] if b["type"] == "figure"]
    for cap in expected.get("captions") or []:
        best = max(figures, key=lambda f: _token_f1(cap["text"], f["caption"]), default=None)
        if best is None or _token_f1(cap["text"], best["caption"]) < CAPTION_MATCH_F1:
            problems.append(f"caption not found: {cap['text'][:60]!r}")
        elif cap.get("credit") and _token_f1(cap["credit"], best["credit"] or "") < CAPTION_MATCH_F1:
            problems.append(f"credit {best['credit']!r} != {cap['credit']!r}")
    body = [b for b in doc["blocks"] if b["type"] != "figure"]
    if not body:
        problems.append("no body")
    problems += _body_problems(expected.get("paragraphs") or [], body)
    assert not problems, "\n".join(problems)


def _block_texts(body) -> list[str]:
    out = []
    for b in body:
        if b.get("items"):
            out += [" ".join(str(i).split()) for i in b["items"]]
        elif b.get("text"):
            out.append(" ".join(b["text"].split()))
        if b.get("attribution"):
            out.append(" ".join(b["attribution"].split()))
    return out


def _body_problems(expected: list[str], body) -> list[str]:
    """Every expected paragraph is in the body, in order, and nothing else is.

    A paragraph counts when the body has it whole, inside one block (a quote and its
    attribution printed as one block) or spread over consecutive ones (list items).
    """
    # blocks joined by a space: a paragraph the page cut in two (a caption inside it) is still found
    text = " ".join(_block_texts(body))
    problems, pos = [], 0
    for para in (" ".join(p.split()) for p in expected):
        at = text.find(para, pos)
        if at < 0:
            problems.append(f"paragraph missing or out of order: {para[:70]!r}")
        else:
            pos = at + len(para)
    want = Counter(_tokens(" ".join(expected)))
    extra = Counter(_tokens(text)) - want
    if sum(extra.values()) > max(3, 0.02 * sum(want.values())):
        problems.append(f"{sum(extra.values())} words not in the expected body, e.g. {list(extra)[:8]}")
    return problems
