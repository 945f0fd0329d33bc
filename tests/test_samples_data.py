"""Sanity checks on the sample pages in samples/ and their expected.json sidecars.

These tests do not run the extractor. They make sure the golden data is self-consistent, so a
golden test built on it means something: every sample has its expectations, every string that
must never appear in the output really is on the page, the expected captions and paragraphs
come from the page, and every image a page refers to ships with it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
INPUT_SUFFIXES = (".html", ".txt")
REQUIRED_KEYS = {"language", "title", "byline", "date", "site_name", "captions", "must_not_contain"}
MAX_SAMPLES_BYTES = 600 * 1024
MAX_IMAGE_BYTES = 60 * 1024


def inputs() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in INPUT_SUFFIXES)


def expected_path(sample: Path) -> Path:
    return sample.with_name(sample.stem + ".expected.json")


def load_expected(sample: Path) -> dict:
    return json.loads(expected_path(sample).read_text(encoding="utf-8"))


def norm(text: str) -> str:
    """Whitespace-normalise as the eval does: any run of Unicode whitespace is one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


class _Page(HTMLParser):
    """Collects a page's visible text and the image URLs it refers to."""

    INVISIBLE = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.images: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag in self.INVISIBLE:
            self._skip += 1
        if tag in ("img", "source"):
            for key in ("src", "data-src", "data-lazy-src", "data-original"):
                if a.get(key):
                    self.images.append(a[key])
            for key in ("srcset", "data-srcset"):
                for candidate in a.get(key, "").split(","):
                    if candidate.strip():
                        self.images.append(candidate.split()[0])
        elif tag == "meta" and a.get("property", a.get("name", "")) in ("og:image", "twitter:image"):
            self.images.append(a.get("content", ""))
        elif tag == "link" and a.get("as") == "image":
            self.images.append(a.get("href", ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.INVISIBLE:
            self._skip -= 1

    def handle_endtag(self, tag):
        if tag in self.INVISIBLE and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(sample: Path) -> tuple[str, list[str]]:
    raw = sample.read_text(encoding="utf-8")
    if sample.suffix == ".txt":
        return norm(raw), []
    page = _Page()
    page.feed(raw)
    page.close()
    return norm("".join(page.text)), page.images


def local_images(urls: list[str]) -> list[str]:
    return [u for u in urls if u and not re.match(r"^(data:|[a-z][a-z0-9+.-]*://|//)", u, re.I)]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


SAMPLE_IDS = [p.name for p in inputs()]


def test_there_are_samples_in_every_language():
    langs = {load_expected(p)["language"] for p in inputs() if expected_path(p).exists()}
    assert {"en", "fr", "de", "es"} <= langs


def test_every_expected_json_has_its_sample():
    stems = {p.stem for p in inputs()}
    for exp in SAMPLES.glob("*.expected.json"):
        assert exp.name[: -len(".expected.json")] in stems, f"{exp.name} has no sample input"


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_sample_has_well_formed_expected_json(name):
    sample = SAMPLES / name
    assert expected_path(sample).exists(), f"missing {expected_path(sample).name}"
    exp = load_expected(sample)
    assert REQUIRED_KEYS <= exp.keys()
    assert re.fullmatch(r"[a-z]{2}", exp["language"])
    assert exp["title"]
    if exp["date"] is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", exp["date"])
    for cap in exp["captions"]:
        assert cap["text"] and "credit" in cap
    assert exp["must_not_contain"], "a sample should list boilerplate that must not leak"
    if sample.suffix == ".html":
        assert exp["byline"] and exp["date"] and exp["site_name"]


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_must_not_contain_strings_occur_in_the_input(name):
    sample = SAMPLES / name
    text, _ = parse(sample)
    missing = [s for s in load_expected(sample)["must_not_contain"] if norm(s) not in text]
    assert not missing, f"not on the page, so the leak check is vacuous: {missing}"


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_must_not_contain_strings_are_absent_from_the_expected_output(name):
    exp = load_expected(SAMPLES / name)
    output = [exp["title"], exp["byline"] or "", *exp.get("paragraphs", [])]
    for cap in exp["captions"]:
        output += [cap["text"], cap["credit"] or ""]
    clashes = [s for s in exp["must_not_contain"] if any(s in o for o in output)]
    assert not clashes, f"a perfect extraction would 'leak' these: {clashes}"


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_expected_captions_come_from_the_input(name):
    sample = SAMPLES / name
    text, _ = parse(sample)
    vocabulary = set(words(text))
    for cap in load_expected(sample)["captions"]:
        for field in ("text", "credit"):
            absent = [w for w in words(cap[field] or "") if w not in vocabulary]
            assert not absent, f"caption {field} words not in the input: {absent}"
        if sample.suffix == ".html":
            assert norm(cap["text"]) in text


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_expected_title_byline_and_paragraphs_come_from_the_input(name):
    sample = SAMPLES / name
    text, _ = parse(sample)
    exp = load_expected(sample)
    assert norm(exp["title"]) in text
    vocabulary = set(words(text))
    assert all(w in vocabulary for w in words(exp["byline"] or ""))
    if sample.suffix == ".html":
        for para in exp.get("paragraphs", []):
            assert norm(para) in text, f"paragraph not on the page: {para[:60]}..."


@pytest.mark.parametrize("name", [n for n in SAMPLE_IDS if n.endswith(".html")])
def test_images_referenced_by_the_page_exist(name):
    sample = SAMPLES / name
    _, urls = parse(sample)
    refs = local_images(urls)
    assert refs, "an HTML sample should carry at least one local image"
    for ref in refs:
        path = (sample.parent / unquote(ref.split("?")[0].split("#")[0])).resolve()
        assert path.is_file(), f"{ref} does not exist"
        assert path.parent == (SAMPLES / "images").resolve(), f"{ref} is not in samples/images/"
    for cap in load_expected(sample)["captions"]:
        if cap.get("image"):
            assert cap["image"] in refs, f"expected caption image {cap['image']} is not on the page"


@pytest.mark.parametrize("name", [n for n in SAMPLE_IDS if n.endswith(".html")])
def test_html_samples_have_no_canonical_or_base(name):
    # Relative image paths must resolve against the local file, so no page may name a canonical
    # URL or a <base href> that would send them to a fictional domain.
    raw = (SAMPLES / name).read_text(encoding="utf-8").lower()
    assert 'rel="canonical"' not in raw and "<base " not in raw


def test_samples_stay_small():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < MAX_SAMPLES_BYTES, f"samples/ is {total // 1024} KB"
    for img in (SAMPLES / "images").iterdir():
        assert img.stat().st_size < MAX_IMAGE_BYTES, f"{img.name} is {img.stat().st_size // 1024} KB"
