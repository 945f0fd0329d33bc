"""The story keeps its form (issue 19): the reader restores marks, links, tables, code, nested
lists and notes; every writer renders them; scripts and right-to-left books print."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from newspack.model import (Article, Cell, CodeBlock, Edition, Emph, Link, ListBlock, NoteRef, Notes, Paragraph,
                            Strong, Subscript, Table, Text, plain_text)
from newspack.pipeline import render
from newspack.readers.html.reader import read_html
from newspack.writers import scripts
from newspack.writers.extract import article_to_dict, to_markdown, to_text

from .checks import ace_violations, epubcheck_messages, pdf_font_rows

FORM = Path(__file__).parent / "form"
URL = "https://example.org/news/river-water"


def _article(name: str = "form.html") -> Article:
    return read_html((FORM / name).read_text(encoding="utf-8"), source=name, url=URL)


def _walk(runs):
    for run in runs:
        yield run
        yield from _walk(getattr(run, "children", ()))


def test_the_reader_keeps_marks_links_and_the_note_marker():
    first = _article().blocks[0]
    kinds = {type(r) for r in _walk(first.inlines)}
    assert {Link, Emph, Strong, Subscript, NoteRef} <= kinds
    link = next(r for r in _walk(first.inlines) if isinstance(r, Link))
    assert link.href == "https://example.org/data/ledger-2024.csv"
    # the plain view is what the boilerplate rules read, unchanged
    assert first.text.endswith("a caveat and a note.1") and "H2O" in first.text
    assert "".join(plain_text(first.inlines).split()) == "".join(first.text.split())


def test_the_reader_keeps_tables_whole_code_verbatim_nested_lists_and_notes():
    blocks = _article().blocks
    table = next(b for b in blocks if isinstance(b, Table))
    assert plain_text(table.caption) == "Cost of treated water per household"
    assert [c.text for c in table.head[0]] == ["Year", "Cost", "Change"]
    assert [[c.text for c in row] for row in table.body] == [["2023", "€412", "+3%"], ["2024", "€440", "+7%"]]
    code = next(b for b in blocks if isinstance(b, CodeBlock))
    assert code.text == "a = 1\nif a:\n    print(a)" and code.language == "python"
    nested = next(b for b in blocks if isinstance(b, ListBlock) and b.entries)
    item = nested.entries[1]
    assert plain_text(item.inlines) == "One bill a year"
    assert item.blocks[0].items == ("nested: paid in spring", "nested: paid in autumn")
    notes = next(b for b in blocks if isinstance(b, Notes))
    assert notes.notes[0].id == "fn1" and "provisional" in notes.notes[0].text
    assert "↩" not in notes.notes[0].text  # the way back is the writer's, not a word


def test_script_and_data_links_keep_only_their_words():
    page = ("<html><body><article><h1>T</h1><p>" + "Words of the story go on here. " * 8
            + '<a href="javascript:alert(1)">click</a> and <a href="data:text/html,x">data</a> and '
            + '<a href="/ok">fine</a>.</p></article></body></html>')
    para = read_html(page, url=URL).blocks[0]
    links = [r for r in _walk(para.inlines) if isinstance(r, Link)]
    assert [l.href for l in links] == ["https://example.org/ok"]
    assert "click" in para.text and "data" in para.text


def test_a_layout_table_stays_as_its_rows():
    page = ("<html><body><article><h1>T</h1><table><tr><td><p>" + "A long story paragraph. " * 10
            + "</p></td></tr><tr><td><p>" + "Another story paragraph here. " * 10
            + "</p></td></tr></table></article></body></html>")
    blocks = read_html(page, url=URL).blocks
    assert blocks and not any(isinstance(b, Table) for b in blocks)


def test_markdown_reads_back_in_pandoc_to_the_same_table_notes_and_code():
    if not shutil.which("pandoc"):
        pytest.fail("pandoc is not installed: make test installs it (Makefile TEST_DEPS)")
    md = to_markdown(_article())
    native = subprocess.run(["pandoc", "-f", "markdown", "-t", "json"], input=md, capture_output=True,
                            text=True, check=True).stdout
    doc = json.loads(native)
    kinds = [b["t"] for b in doc["blocks"]]
    assert kinds.count("Table") == 2 and "CodeBlock" in kinds
    code = next(b for b in doc["blocks"] if b["t"] == "CodeBlock")
    assert code["c"][1] == "a = 1\nif a:\n    print(a)" and code["c"][0][1] == ["python"]
    html = subprocess.run(["pandoc", "-f", "markdown", "-t", "html"], input=md, capture_output=True,
                          text=True, check=True).stdout
    html = " ".join(html.split())
    for cell in ("<th>Year</th>", "<td>€440</td>", "<caption>Cost of treated water per household</caption>",
                 "<sub>2</sub>", "<em>emphasis on openness</em>", "<strong>not optional</strong>",
                 'href="https://example.org/data/ledger-2024.csv"', 'role="doc-noteref"',
                 "provisional until the audit"):
        assert cell in html
    assert "<li>One bill a year <ul> <li>nested: paid in spring</li>" in html


def test_text_sets_a_table_in_aligned_columns():
    text = to_text(_article())
    lines = text.splitlines()
    year = next(i for i, line in enumerate(lines) if line.startswith("Year"))
    assert lines[year].index("Cost") == lines[year + 2].index("€412") == lines[year + 3].index("€440")
    assert set(lines[year + 1]) <= {"-", " "}
    assert "  - nested: paid in spring" in text and "[1] The figures for 2024" in text


def test_json_gives_the_structure_beside_the_plain_text():
    doc = article_to_dict(_article())
    table = next(b for b in doc["blocks"] if b["type"] == "table")
    assert table["text"].splitlines()[1] == "Year Cost Change" and table["caption"].startswith("Cost")
    assert table["rows"][0][1]["text"] == "€412"
    assert next(b for b in doc["blocks"] if b["type"] == "code")["text"].count("\n") == 2
    assert any(i.get("type") == "link" for i in doc["blocks"][0]["inlines"] if isinstance(i, dict))


@pytest.mark.slow
def test_epub_has_noterefs_footnotes_tables_and_passes_epubcheck(tmp_path):
    path = tmp_path / "form.epub"
    path.write_bytes(render(Edition.single(_article()), "epub"))
    code, lines = epubcheck_messages(path)
    assert code == 0 and not [line for line in lines if "ERROR" in line or "WARNING" in line], lines
    with zipfile.ZipFile(path) as book:
        chapter = book.read("EPUB/article-001.xhtml").decode()
    assert 'epub:type="noteref" role="doc-noteref" href="#article-001-note-1"' in chapter
    assert 'epub:type="footnote"' in chapter and 'href="#article-001-note-1-ref"' in chapter
    assert "<thead>" in chapter and "<caption>" in chapter and "if a:\n    print(a)" in chapter
    assert 'href="https://example.org/data/ledger-2024.csv"' in chapter


@pytest.mark.slow
def test_ace_finds_no_violation_in_the_form_page(tmp_path):
    path = tmp_path / "form.epub"
    path.write_bytes(render(Edition.single(_article()), "epub"))
    assert ace_violations(path, tmp_path) == []


@pytest.mark.parametrize("name", ["ar.html", "he.html"])
def test_a_right_to_left_book_turns_its_pages_right_to_left(name, tmp_path):
    article = _article(name)
    assert article.direction == "rtl"
    data = render(Edition.single(article), "epub")
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as book:
        opf = book.read("EPUB/content.opf").decode()
        chapter = book.read("EPUB/article-001.xhtml").decode()
    assert 'page-progression-direction="rtl"' in opf and 'dir="rtl"' in chapter
    html = render(Edition.single(article), "html").decode()
    assert '<html lang="' + article.language + '" dir="rtl">' in html


def test_a_mixed_book_sets_each_article_in_its_own_direction():
    ar, en = _article("ar.html"), _article("form.html")
    from newspack.model import Section
    edition = Edition(title="Mixed", sections=(Section("", (ar, en)),))
    html = render(edition, "html").decode()
    assert 'lang="ar" dir="rtl"' in html and 'lang="en" dir="ltr"' in html and '<html lang="ar" dir="ltr">' in html


@pytest.mark.parametrize("name,family", [("ja.html", "CJK"), ("zh.html", "CJK")])
def test_the_pdf_embeds_a_font_for_the_script(name, family, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(render(Edition.single(_article(name)), "pdf"))
    assert any(family in font for font, _ in pdf_font_rows(path))


def test_labels_come_in_the_articles_language():
    html = render(Edition.single(_article("ja.html")), "html").decode()
    assert "分で読めます" in html


def test_a_missing_font_is_named_once_per_script(monkeypatch):
    monkeypatch.setattr(scripts, "has_font_for", lambda sample: sample != "ب")
    edition = Edition.single(Article("t", (Paragraph("مرحبا بكم مرحبا 中文 and words"),)))
    warnings = scripts.font_warnings(edition)
    assert len(warnings) == 1 and "Arabic" in warnings[0]


def test_writers_never_print_an_unsafe_link():
    para = Paragraph.of((Text("see "), Link((Text("this"),), "javascript:alert(1)"), Text(" now")))
    table = Table(head=((Cell((Text("a"),), header=True), Cell((Text("b"),), header=True)),),
                  body=((Cell((Link((Text("x"),), "data:text/html,<script>"),)), Cell((Text("y"),))),))
    article = Article("t", (para, table))
    for fmt in ("html", "epub"):
        out = render(Edition.single(article), fmt)
        assert b"javascript:" not in out and b"data:text/html" not in out
    assert "javascript:" not in to_markdown(article)


def test_a_scrape_with_marked_notes_keeps_them_as_notes():
    from newspack.readers.text.reader import read_text
    article = read_text((FORM / "notes.txt").read_text(encoding="utf-8"))
    notes = article.notes
    assert [n.label for n in notes] == ["1", "2"] and notes[1].text == "Electricity was billed with the wages until 2022."
    refs = [r for b in article.blocks for r in getattr(b, "inlines", ()) if isinstance(r, NoteRef)]
    assert [r.note for r in refs] == [n.id for n in notes]
    assert article.blocks[0].text.endswith("not optional at all.")  # plain text as the rules saw it


def test_a_numbered_list_without_markers_stays_a_list():
    from newspack.readers.text.notes import attach_notes
    blocks = [Paragraph("A story with no marker in it at all."), ListBlock(("1. first step", "2. second step"))]
    assert attach_notes(blocks) == blocks


def test_a_line_separator_in_verbatim_code_keeps_the_json_on_one_line():
    from newspack.writers.extract import to_json
    article = Article("t", (CodeBlock("a = 1\u2028b = 2\x85c"),))
    line = to_json(article_to_dict(article), pretty=False)
    assert len(line.splitlines()) == 1 and json.loads(line)["blocks"][0]["text"] == "a = 1\u2028b = 2\x85c"


def test_a_note_opened_by_its_link_back_keeps_only_its_words():
    story = "Words of a long story that the reader keeps for the book and its readers. " * 4
    page = (f'<html><body><article><h1>T</h1><p>{story}<a href="#nb1" id="nh1">1</a></p><p>{story}</p>'
            '<p>(<a href="#nh1" id="nb1">1</a>) Hwang, At Dusk, 2017, 176 pages.</p></article></body></html>')
    article = read_html(page, url=URL)
    assert [n.text for n in article.notes] == ["Hwang, At Dusk, 2017, 176 pages."]
    assert any(isinstance(r, NoteRef) for r in article.blocks[0].inlines)
