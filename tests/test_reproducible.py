"""Reproducible builds: the same input and options give the same bytes, EPUB and PDF."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli

from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "en-tidal-barrier.html"
UNDATED = SAMPLES / "seed-fr-putin.txt"


def build(tmp_path, name, *args, env=None) -> bytes:
    out = tmp_path / name
    result = CliRunner(env=env).invoke(cli, ["-q", "article", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_same_input_same_bytes(tmp_path, fmt):
    first = build(tmp_path, f"a.{fmt}", str(SAMPLE))
    second = build(tmp_path, f"b.{fmt}", str(SAMPLE))
    assert sha(first) == sha(second)


@pytest.mark.slow
def test_source_date_epoch_fixes_undated_books(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1717243200"}  # 2024-06-01 12:00:00 UTC
    first = build(tmp_path, "a.epub", str(UNDATED), env=env)
    second = build(tmp_path, "b.epub", str(UNDATED), env=env)
    assert sha(first) == sha(second)
    with zipfile.ZipFile(io.BytesIO(first)) as book:
        assert {info.date_time for info in book.infolist()} == {(2024, 6, 1, 12, 0, 0)}
        opf = book.read("EPUB/content.opf").decode()
    assert '<meta property="dcterms:modified">2024-06-01T12:00:00Z</meta>' in opf


def test_modified_comes_from_the_article_date(tmp_path):
    with zipfile.ZipFile(io.BytesIO(build(tmp_path, "a.epub", str(SAMPLE)))) as book:
        opf = book.read("EPUB/content.opf").decode()
    day = json.loads((SAMPLES / f"{SAMPLE.stem}.expected.json").read_text(encoding="utf-8"))["date"]
    assert opf.split('property="dcterms:modified">', 1)[1].startswith(day)


@pytest.mark.slow
def test_zip_layout_mimetype_first_and_stored(tmp_path):
    with zipfile.ZipFile(io.BytesIO(build(tmp_path, "a.epub", str(SAMPLE)))) as book:
        infos = book.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[0].extra == b""  # readers find "mimetypeapplication/epub+zip" at byte 30
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos[1:])


def test_bad_source_date_epoch_is_a_usage_error(tmp_path):
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "yesterday"}).invoke(
        cli, ["article", str(SAMPLE), "-o", str(tmp_path / "x.epub")])
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr
