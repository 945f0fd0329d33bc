"""Accessibility: Ace by DAISY on real books, and the metadata it relies on."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.model import Edition, Section
from newspack.writers import WriterOptions
from newspack.writers.epub import write_epub

from tests.checks import ace_violations, epubcheck_messages
from tests.conftest import SAMPLES
from tests.writers.test_writers import EMPTY, FRENCH, FULL, opf

OPTIONS = WriterOptions(modified=datetime(2024, 6, 2, 12, 0, tzinfo=timezone.utc))


@pytest.mark.slow
def test_ace_passes_on_a_digest_with_every_kind_of_block(tmp_path):
    digest = Edition(title="Digest", sections=(Section("World", (FULL,)), Section("France", (FRENCH, EMPTY))),
                     date="2024-06-02", publisher="newspack tests")
    path = tmp_path / "digest.epub"
    path.write_bytes(write_epub(digest, OPTIONS))
    assert epubcheck_messages(path) == (0, [])
    assert ace_violations(path, tmp_path) == []


@pytest.mark.slow
def test_ace_passes_on_a_sample_with_pictures(tmp_path):
    path = tmp_path / "sample.epub"
    result = CliRunner().invoke(cli, ["-q", "article", str(SAMPLES / "fr-halle-saint-geraud.html"), "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert ace_violations(path, tmp_path) == []


def test_accessibility_metadata_and_package_language():
    package = opf(write_epub(Edition.single(FRENCH), OPTIONS))
    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    metas = {}
    for meta in package.iter("{http://www.idpf.org/2007/opf}meta"):
        if (prop := meta.get("property", "")).startswith("schema:"):
            metas.setdefault(prop, []).append(meta.text)
    assert set(metas["schema:accessMode"]) == {"textual", "visual"}
    assert "textual" in metas["schema:accessModeSufficient"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(metas["schema:accessibilityFeature"])
    assert metas["schema:accessibilityHazard"] == ["none"]
    assert metas["schema:accessibilitySummary"][0]


def test_every_xhtml_declares_utf8_and_alt_text_is_kept():
    data = write_epub(Edition.single(FULL), OPTIONS)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                head = book.read(name)[:60].decode("ascii", "replace").lower().replace("'", '"')
                assert head.startswith('<?xml version="1.0" encoding="utf-8"?>'), (name, head)
        chapter = book.read("EPUB/article-001.xhtml").decode()
        cover = book.read("EPUB/cover.xhtml").decode()
    assert 'alt="A red boat"' in chapter
    assert f'alt="{FULL.title}"' in cover and 'role="doc-cover"' in cover


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["pdf/ua-1"])
def test_tagged_pdf_by_default(variant):
    pypdf = pytest.importorskip("pypdf")
    from newspack.writers import WRITERS

    assert WriterOptions().pdf_variant == variant
    reader = pypdf.PdfReader(io.BytesIO(WRITERS["pdf"](Edition.single(FRENCH), OPTIONS)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "fr"
