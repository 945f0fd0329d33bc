import json

from newspack.model import Article, Figure, Heading, ListBlock, Paragraph, Quote
from newspack.writers.extract import article_to_dict, to_json, to_markdown, to_text

ARTICLE = Article(
    title="Le pont rouvre",
    byline="Anne Morel",
    date="2024-05-02",
    site_name="Le Courrier",
    language="fr",
    source="page.html",
    blocks=(
        Paragraph("Le pont suspendu rouvre lundi."),
        Heading("Des travaux", level=3),
        Quote("C'est un soulagement", attribution="un habitant"),
        ListBlock(("un", "deux"), ordered=True),
        Figure(src="https://example.org/p.jpg", alt="Le pont", caption="Le pont au matin.", credit="J. Roux/AFP"),
    ),
)


def test_contract_fields_and_block_shapes():
    doc = json.loads(to_json(article_to_dict(ARTICLE), pretty=False))
    assert {"source", "title", "byline", "date", "site_name", "language", "url", "blocks"} <= set(doc)
    kinds = [b["type"] for b in doc["blocks"]]
    assert kinds == ["paragraph", "heading", "quote", "list", "figure"]
    assert doc["blocks"][1]["level"] == 3
    assert doc["blocks"][3] == {"type": "list", "ordered": True, "items": ["un", "deux"]}
    assert doc["blocks"][4]["credit"] == "J. Roux/AFP" and "AFP" not in doc["blocks"][4]["caption"]


def test_markdown_and_text():
    md = to_markdown(ARTICLE)
    assert md.startswith("# Le pont rouvre") and "### Des travaux" in md and "1. un" in md
    assert "![Le pont](https://example.org/p.jpg)" in md
    text = to_text(ARTICLE)
    assert "[Figure: Le pont au matin. (J. Roux/AFP)]" in text


BARE = Article(
    title="Pont [rouvert] *enfin*",
    date="2024-05-02T08:30:00+02:00",
    language="fr",
    blocks=(
        Paragraph("2024. Une année <rude> & longue_"),
        Paragraph("# pas un titre"),
        Figure(src="https://example.org/sans.jpg"),
        Figure(src=None),
        Figure(src="file:///tmp/a photo (1).jpg", alt="Le pont", caption="Le pont au matin.", credit="AFP"),
    ),
)


def test_text_and_markdown_print_the_date_as_the_language_writes_it():
    assert "2 mai 2024" in to_text(BARE) and "2024-05-02" not in to_text(BARE)
    assert "2 mai 2024" in to_markdown(BARE) and "2024-05-02" not in to_markdown(BARE)


def test_a_figure_without_caption_prints_no_empty_line():
    text = to_text(BARE)
    assert "[Figure: ]" not in text and text.count("[Figure:") == 1
    md = to_markdown(BARE)
    assert "![](https://example.org/sans.jpg)" in md and "**" not in md
    assert "![Le pont](<file:///tmp/a photo (1).jpg>)\n\n*Le pont au matin. (AFP)*" in md


def test_markdown_escapes_what_would_change_its_meaning():
    md = to_markdown(BARE)
    assert "# Pont \\[rouvert\\] \\*enfin\\*" in md
    assert "2024\\. Une année \\<rude\\> \\& longue\\_" in md
    assert "\n\\# pas un titre\n" in md


def test_pandoc_reads_the_markdown_back(tmp_path):
    import shutil
    import subprocess

    import pytest

    pandoc = shutil.which("pandoc")
    if not pandoc:
        pytest.skip("pandoc is not installed")
    out = subprocess.run([pandoc, "-f", "commonmark", "-t", "json"], input=to_markdown(BARE), text=True,
                         capture_output=True, check=True).stdout
    doc = json.loads(out)
    kinds = [block["t"] for block in doc["blocks"]]
    assert kinds[0] == "Header" and kinds.count("Header") == 1  # the escaped '#' stays a paragraph
    plain = subprocess.run([pandoc, "-f", "commonmark", "-t", "plain", "--wrap=none"], input=to_markdown(BARE),
                           text=True, capture_output=True, check=True).stdout
    assert "2024. Une année <rude> & longue_" in plain and "# pas un titre" in plain
    assert "Pont [rouvert] *enfin*" in plain
    images = [inline for block in doc["blocks"] if block["t"] == "Para"
              for inline in block["c"] if inline["t"] == "Image"]
    assert [image["c"][2][0] for image in images] == ["https://example.org/sans.jpg", "file:///tmp/a photo (1).jpg"]
