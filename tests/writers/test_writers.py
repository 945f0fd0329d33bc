"""Writers, checked by structure: epubcheck, OPF metadata, nav, PDF text/outline/fonts, fetcher."""
from __future__ import annotations

import base64
from dataclasses import replace
import io
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from newspack.errors import FetchError, OutputError, UsageError
from newspack.model import Article, Edition, Figure, Heading, ListBlock, Paragraph, Quote, Section
from newspack.writers import EXTENSIONS, WRITERS, WriterOptions
from newspack.writers.book import book_identifier
from newspack.writers.epub import write_epub
from newspack.writers.book import language_tag, safe_link
from newspack.writers.html import render_book, write_html
from newspack.images.embed import collect_images, load_image, normalise_image
from newspack.writers.templates import stylesheets

from tests.checks import epubcheck_messages, pdf_font_rows
from tests.conftest import ROOT

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
OPTIONS = WriterOptions(modified=datetime(2024, 6, 2, 12, 0, tzinfo=timezone.utc))


# --- inputs built by hand ------------------------------------------------------------------

def image_bytes(fmt: str = "PNG", size=(120, 80), mode="RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(buf, fmt)
    return buf.getvalue()


def data_uri(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


PNG_URI = data_uri(image_bytes())

FULL = Article(
    title="The harbour at dawn",
    byline="Ann Reporter",
    date="2024-06-01T07:30:00+01:00",
    site_name="The Daily Example",
    language="en",
    url="https://news.example.com/2024/06/harbour?ref=rss&x=1",
    source="https://news.example.com/2024/06/harbour?ref=rss&x=1",
    description="Boats, fog and the people who work there.",
    blocks=(
        Paragraph("Fishermen were at work long before the sun rose over the breakwater."),
        Paragraph("<script>alert(1)</script> <img src=x onerror=alert(2)> stays text\x0c."),
        Heading("The morning catch", 2),
        Paragraph("Crates of mackerel were stacked on the quay. " * 12),
        Quote("We have done this for forty years.", attribution="Joe Fisher"),
        ListBlock(("mackerel", "cod", "crab")),
        ListBlock(("arrive", "unload", "sell"), ordered=True),
        Figure(src=PNG_URI, alt="A red boat", caption="A boat in the harbour.", credit="Photo: Jo Lens"),
        Figure(src="https://cdn.example.com/remote.jpg", alt="", caption="Remote picture caption.",
               credit="Agency"),
        Heading("Deep level", 5),
        Paragraph("The end of the story. " * 40),
    ),
)

EMPTY = Article(title="An article with no body", source="empty.txt")

FRENCH = Article(
    title="L'été à Marseille : œuvres et ça",
    byline="Élodie Müller",
    date="2024-07-14",
    site_name="Le Quotidien",
    language="fr",
    url="https://journal.example.fr/ete",
    source="https://journal.example.fr/ete",
    blocks=(
        Paragraph("Les températures ont dépassé les normales saisonnières ; « c'est inédit », "
                  "explique une météorologue. " * 6),
        Heading("Une saison exceptionnelle", 2),
        Paragraph("Äußerst große Straßen, ñandú, perché, coração. " * 4),
    ),
)


@pytest.fixture(scope="module")
def edition() -> Edition:
    return Edition(title="Morning edition", sections=(Section("News", (FULL, EMPTY, FRENCH)),),
                   date="2024-06-02", publisher="newspack tests")


@pytest.fixture(scope="module")
def epub_bytes(edition) -> bytes:
    return write_epub(edition, OPTIONS)


@pytest.fixture(scope="module")
def pdf_bytes(edition) -> bytes:
    return WRITERS["pdf"](edition, OPTIONS)


# --- helpers -------------------------------------------------------------------------------

def opf(epub: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(epub)) as zf:
        container = ElementTree.fromstring(zf.read("META-INF/container.xml"))
        path = container.find(".//{*}rootfile").get("full-path")
        return ElementTree.fromstring(zf.read(path))


def epub_file(epub: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(epub)) as zf:
        return zf.read(f"EPUB/{name}").decode("utf-8")


# --- EPUB ----------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("case", ["full", "single_empty", "sectioned", "french_single"])
def test_epub_passes_epubcheck_with_no_errors_and_no_warnings(case, edition, epub_bytes, tmp_path):
    if case == "full":
        data = epub_bytes
    elif case == "single_empty":
        data = write_epub(Edition.single(EMPTY), OPTIONS)
    elif case == "sectioned":
        data = write_epub(Edition(title="Digest", sections=(
            Section("World", (FULL,)), Section("France", (FRENCH, EMPTY)))), OPTIONS)
    else:
        data = write_epub(Edition.single(FRENCH), WriterOptions())
    path = tmp_path / f"{case}.epub"
    path.write_bytes(data)
    code, lines = epubcheck_messages(path)
    errors = [line for line in lines if line.startswith(("ERROR", "FATAL"))]
    warnings = [line for line in lines if line.startswith("WARNING")]
    assert errors == [], errors
    assert warnings == [], warnings
    assert lines == [], lines
    assert code == 0


def test_epub_opf_metadata(epub_bytes):
    package = opf(epub_bytes)
    meta = package.find("opf:metadata", NS)
    assert meta.find("dc:language", NS).text == "en"
    assert meta.find("dc:title", NS).text == "Morning edition"
    assert [c.text for c in meta.findall("dc:creator", NS)] == ["Ann Reporter", "Élodie Müller"]
    assert meta.find("dc:date", NS).text == "2024-06-02"
    assert meta.find("dc:publisher", NS).text == "newspack tests"
    sources = [s.text for s in meta.findall("dc:source", NS)]
    assert FULL.url in sources and FRENCH.url in sources
    modified = meta.find("opf:meta[@property='dcterms:modified']", NS)
    assert modified.text == "2024-06-02T12:00:00Z"


@pytest.mark.slow
def test_epub_language_from_article_and_default(tmp_path):
    french = opf(write_epub(Edition.single(FRENCH), OPTIONS))
    assert french.find(".//dc:language", NS).text == "fr"
    unknown = opf(write_epub(Edition.single(EMPTY), OPTIONS))
    assert unknown.find(".//dc:language", NS).text == "en"
    chapter = epub_file(write_epub(Edition.single(FRENCH), OPTIONS), "article-001.xhtml")
    assert 'lang="fr"' in chapter and 'xml:lang="fr"' in chapter


@pytest.mark.slow
def test_epub_identifier_is_stable_across_builds(edition):
    first = opf(write_epub(edition, OPTIONS)).find(".//dc:identifier", NS).text
    second = opf(write_epub(edition, WriterOptions())).find(".//dc:identifier", NS).text
    assert first == second == book_identifier(edition)
    assert first.startswith("urn:uuid:")
    other = book_identifier(Edition.single(FRENCH))
    assert other != first
    assert book_identifier(Edition(title="x", sections=(), identifier="isbn:123")) == "isbn:123"


def test_epub_nav_and_ncx_list_every_article(epub_bytes):
    nav = ElementTree.fromstring(epub_file(epub_bytes, "nav.xhtml"))
    links = [(a.get("href"), "".join(a.itertext())) for a in nav.iter(f"{{{NS['xhtml']}}}a")]
    assert links == [
        ("article-001.xhtml", FULL.title),
        ("article-002.xhtml", EMPTY.title),
        ("article-003.xhtml", FRENCH.title),
    ]
    assert epub_file(epub_bytes, "toc.ncx").count("<navPoint") == 3


def test_epub_chapters_in_spine_and_empty_article_has_a_chapter(epub_bytes):
    package = opf(epub_bytes)
    spine = [item.get("idref") for item in package.find("opf:spine", NS)]
    assert spine == ["cover", "nav", "article-001", "article-002", "article-003"]
    empty = epub_file(epub_bytes, "article-002.xhtml")
    assert "<h1" in empty and EMPTY.title in empty


def test_epub_embeds_data_image_and_keeps_remote_figure_caption(epub_bytes):
    manifest = opf(epub_bytes).find("opf:manifest", NS)
    images = [i for i in manifest if i.get("media-type", "").startswith("image/")
              and i.get("properties") != "cover-image"]
    assert [i.get("media-type") for i in images] == ["image/png"]
    chapter = epub_file(epub_bytes, "article-001.xhtml")
    assert f'src="{images[0].get("href")}"' in chapter
    assert chapter.count("<img") == 1  # the http image is not fetched: caption, no <img>
    assert "Remote picture caption." in chapter
    assert '<span class="credit">Agency</span>' in chapter
    assert '<span class="credit">Photo: Jo Lens</span>' in chapter
    assert "cdn.example.com" not in chapter


def test_epub_single_article_opens_on_the_article():
    spine = opf(write_epub(Edition.single(FRENCH), OPTIONS)).find("opf:spine", NS)
    assert [i.get("idref") for i in spine] == ["cover", "article-001"]


@pytest.mark.slow
def test_epub_untitled_and_control_character_titles(tmp_path):
    odd = Article(title=" \x0b ", byline="\x00", blocks=(Paragraph("body"),))
    data = write_epub(Edition(title="\x0c", sections=(Section("\x1f", (odd, EMPTY)),
                                                      Section("Other", (FRENCH,)))), OPTIONS)
    assert opf(data).find(".//dc:title", NS).text == "Untitled"
    assert ">Untitled</h1>" in epub_file(data, "article-001.xhtml")
    path = tmp_path / "odd.epub"
    path.write_bytes(data)
    assert epubcheck_messages(path) == (0, [])


def test_epub_refuses_an_edition_without_articles():
    with pytest.raises(OutputError):
        write_epub(Edition(title="nothing", sections=()), OPTIONS)


# --- HTML ----------------------------------------------------------------------------------

def test_html_escapes_text_no_script_or_handlers(edition):
    html = write_html(edition, OPTIONS).decode("utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", html, re.IGNORECASE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x0c" not in html
    chapter = epub_file(write_epub(edition, OPTIONS), "article-001.xhtml")
    assert "<script" not in chapter.lower()
    assert "&lt;img src=x onerror=alert(2)&gt;" in chapter


def test_html_is_self_contained(edition):
    html = write_html(edition, OPTIONS).decode("utf-8")
    assert re.findall(r'<img src="([^"]+)"', html) and all(
        src.startswith("data:image/") for src in re.findall(r'<img src="([^"]+)"', html))
    assert '<link rel="stylesheet"' not in html and "<style>" in html
    assert "Content-Security-Policy" in html
    assert 'lang="fr"' in html  # the French article keeps its language inside the book


def test_html_links_only_http_sources():
    hostile = Article(title="t", url="javascript:alert(1)", blocks=(Paragraph("x"),))
    html = write_html(Edition.single(hostile), OPTIONS).decode("utf-8")
    assert "javascript:" not in html
    assert safe_link("https://a.example/é x") == "https://a.example/%C3%A9%20x"
    assert safe_link("file:///etc/passwd") is None
    assert safe_link("data:text/html,<b>") is None


def test_language_tag_normalised():
    assert language_tag("fr_FR") == "fr-FR"
    assert language_tag("pt") == "pt"
    assert language_tag('en" onload="x') == "en"
    assert language_tag(None) == "en"


@pytest.mark.slow
def test_writers_table_and_lazy_imports():
    assert set(WRITERS) == set(EXTENSIONS) == {"epub", "pdf", "html"}
    code = ("import sys, newspack.writers; "
            "print(sorted(m for m in ('ebooklib', 'weasyprint') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_user_style_folder_wins_and_style_may_be_a_path(edition, tmp_path, monkeypatch):
    user_styles = tmp_path / "config" / "styles"
    user_styles.mkdir(parents=True)
    (user_styles / "classic.css").write_text("/* user classic */ p { color: navy; }")
    (user_styles / "blocks.j2").write_text(
        (ROOT / "styles" / "blocks.j2").read_text().replace(
            '<div class="article-body">', '<div class="article-body user-template">'))
    monkeypatch.setenv("NEWSPACK_DATA_DIR", str(tmp_path / "config"))
    data = write_epub(edition, OPTIONS)
    assert "/* user classic */" in epub_file(data, "style/newspack.css")
    assert "user-template" in epub_file(data, "article-001.xhtml")
    own = tmp_path / "mine.css"
    own.write_text("/* mine */")
    assert stylesheets(WriterOptions(style=str(own)), paged=False)[1:] == ["/* mine */"]


def test_unknown_style_is_a_usage_error(edition, tmp_path):
    with pytest.raises(UsageError):
        write_html(edition, WriterOptions(style="no-such-style"))
    extra = tmp_path / "letter.css"
    extra.write_text("@page { size: letter; }", encoding="utf-8")
    assert stylesheets(WriterOptions(extra_css=(str(extra),)), paged=True)[-1] == extra.read_text()


# --- images --------------------------------------------------------------------------------

def test_images_only_from_allowed_roots(tmp_path):
    inside = tmp_path / "saved_files"
    inside.mkdir()
    (inside / "pic.png").write_bytes(image_bytes())
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(image_bytes())
    (inside / "link.png").symlink_to(outside)
    figures = (
        Figure(src=(inside / "pic.png").as_uri(), caption="inside"),
        Figure(src=outside.as_uri(), caption="outside"),
        Figure(src=(inside / "link.png").as_uri(), caption="symlink out"),
        Figure(src=(inside / ".." / "elsewhere.png").as_uri(), caption="dot-dot"),
        Figure(src="file://otherhost" + str(inside / "pic.png"), caption="remote host"),
        Figure(src="http://127.0.0.1/x.png", caption="http"),
    )
    article = Article(title="t", blocks=figures)
    images = collect_images(Edition.single(article, allowed_roots=(str(inside),)))
    assert [f.caption for f in images] == ["inside"]
    html = write_html(Edition.single(article, allowed_roots=(str(inside),)), OPTIONS).decode()
    for caption in ("inside", "outside", "symlink out", "dot-dot", "remote host", "http"):
        assert caption in html  # refused images keep their caption
    assert html.count("<img") == 1


def test_images_sniffed_and_converted():
    assert normalise_image(image_bytes("JPEG")).media_type == "image/jpeg"
    assert normalise_image(image_bytes("GIF")).media_type == "image/png"  # e-readers: no GIF
    webp = normalise_image(image_bytes("WEBP"))
    assert webp.media_type == "image/jpeg" and webp.data[:2] == b"\xff\xd8"
    alpha = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(alpha, "WEBP", lossless=True)
    assert normalise_image(alpha.getvalue()).media_type == "image/png"
    # A PNG declared as JPEG is stored as what it is.
    assert load_image(data_uri(image_bytes(), "image/jpeg"), ()).media_type == "image/png"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert load_image(data_uri(svg, "image/svg+xml"), ()) is None
    assert load_image("data:image/png;base64,not base64!!", ()) is None
    assert normalise_image(b"GIF89a truncated") is None
    assert normalise_image(image_bytes()[:40]) is None


# --- PDF -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_pdf_text_outline_and_metadata(pdf_bytes):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("The harbour at dawn", "Fishermen were at work", "A boat in the harbour.",
                     "Remote picture caption.", "Marseille", "Straßen", "<script>alert(1)</script>"):
        assert expected in text

    def titles(outline, depth=1):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item, depth + 1)
            else:
                yield depth, item.title

    outline = list(titles(reader.outline))
    assert (1, FULL.title) in outline
    assert (2, "The morning catch") in outline
    assert (2, "Deep level") in outline  # every subheading level sits under its article
    assert (1, EMPTY.title) in outline and (1, FRENCH.title) in outline
    assert (2, "Une saison exceptionnelle") in outline
    assert reader.metadata.title == "Morning edition"
    assert len(reader.pages) >= 4  # title page + one article a page at least


@pytest.mark.slow
def test_pdf_sectioned_bookmarks_nest_articles_under_sections():
    pypdf = pytest.importorskip("pypdf")
    digest = Edition(title="Digest", sections=(Section("World", (FULL,)),
                                               Section("France", (FRENCH, EMPTY))))
    outline = pypdf.PdfReader(io.BytesIO(WRITERS["pdf"](digest, OPTIONS))).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["World", "France"]
    nested = [item for item in outline if isinstance(item, list)]
    assert [entry.title for entry in nested[1] if not isinstance(entry, list)] == [
        FRENCH.title, EMPTY.title]


@pytest.mark.slow
def test_pdf_fonts_all_embedded(pdf_bytes, tmp_path):
    path = tmp_path / "book.pdf"
    path.write_bytes(pdf_bytes)
    rows = pdf_font_rows(path)
    assert rows and all(embedded for _, embedded in rows), rows
    assert any("Libertine" in name or "DejaVu" in name for name, _ in rows), rows


@pytest.mark.slow
def test_pdf_figcaption_is_a_styled_subordinate_block(edition):
    weasyprint = pytest.importorskip("weasyprint")
    css = stylesheets(OPTIONS, paged=True)
    assert any(re.search(r"(^|\n)figcaption\s*\{", text) for text in css)
    html = render_book(edition, image_urls={})
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(string=text) for text in css])
    boxes = [box for page in document.pages for box in page._page_box.descendants()]
    caption = next(b for b in boxes if getattr(b, "element_tag", None) == "figcaption")
    paragraph = next(b for b in boxes if getattr(b, "element_tag", None) == "p"
                     and (b.element.text or "").startswith("Fishermen"))
    assert caption.style["display"] == ("block", "flow")
    assert caption.style["font_size"] < paragraph.style["font_size"]
    figure = next(b for b in boxes if getattr(b, "element_tag", None) == "figure")
    assert figure.style["break_inside"] == "avoid"
    assert paragraph.style["hyphens"] == "auto"


# --- the restricted URL fetcher ------------------------------------------------------------

def test_fetch_policy_refuses_everything_but_data_and_book_folder(tmp_path):
    from newspack.writers.pdf import check_resource_url

    root = tmp_path / "book"
    root.mkdir()
    (root / "img.png").write_bytes(image_bytes())
    assert check_resource_url((root / "img.png").as_uri(), root) == (root / "img.png").resolve()
    assert check_resource_url("data:image/png;base64,AAAA", root) is None
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "https://example.com/x.png",
                "ftp://example.com/x", (root / ".." / "x").as_uri(), "file://host/etc/passwd",
                "javascript:alert(1)", "img.png"):
        with pytest.raises(FetchError):
            check_resource_url(url, root)


def test_weasyprint_fetcher_refuses_local_files_and_network(tmp_path):
    pytest.importorskip("weasyprint")
    from newspack.writers.pdf import restricted_url_fetcher

    root = tmp_path / "book"
    root.mkdir()
    (root / "img.png").write_bytes(image_bytes())
    fetcher = restricted_url_fetcher(root)
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "http://127.0.0.1:8080/admin",
                (tmp_path / "other.png").as_uri()):
        with pytest.raises(FetchError):
            fetcher(url)
    assert fetcher((root / "img.png").as_uri()).read() == (root / "img.png").read_bytes()
    assert fetcher("data:text/plain;base64,aGk=").read() == b"hi"


def test_pdf_embeds_no_outside_file_and_no_attachment(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from newspack.writers.pdf import html_to_pdf

    root = tmp_path / "book"
    root.mkdir()
    (root / "inside.png").write_bytes(image_bytes(size=(30, 30)))
    (root / "note.txt").write_text("inside the book folder", encoding="utf-8")
    outside = tmp_path / "secret.png"
    outside.write_bytes(image_bytes(size=(40, 40)))
    hostile = f"""<html><head>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
      </head><body>
      <p>text</p>
      <img src="{outside.as_uri()}">
      <img src="file:///etc/passwd">
      <img src="http://127.0.0.1:9/pixel.png">
      <a rel="attachment" href="file:///etc/passwd">passwd</a>
      <a rel="attachment" href="{outside.as_uri()}">secret</a>
      </body></html>"""
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(hostile, [], root)))
    assert reader.attachments == {}
    assert list(reader.pages[0].images) == []
    for annot in reader.pages[0].get("/Annots") or []:
        assert "/FS" not in annot.get_object()

    # Control: the same markup naming files inside the folder does embed them, so the
    # assertions above would catch a fetcher that let files through.
    friendly = """<html><head><link rel="attachment" href="note.txt"></head>
      <body><p>text</p><img src="inside.png"></body></html>"""
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(friendly, [], root)))
    assert list(reader.attachments) == ["note.txt"]
    assert len(list(reader.pages[0].images)) == 1


# --- themes, page sizes, PDF variants -------------------------------------------------------

def _body_lines(article: Article, options: WriterOptions) -> list[str]:
    """The full lines (each paragraph's last line left out) of the story's paragraphs."""
    weasyprint = pytest.importorskip("weasyprint")
    html = render_book(Edition.single(article), image_urls={})
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(string=text) for text in stylesheets(options, paged=True)])
    lines: list[tuple[int, str]] = []

    def walk(box):
        for child in getattr(box, "children", []):
            if type(child).__name__ == "LineBox":
                element = getattr(box, "element", None)
                if element is not None and element.tag == "p" and not element.get("class"):
                    lines.append((id(box), "".join(getattr(b, "text", "") for b in child.descendants())))
            else:
                walk(child)

    for page in document.pages:
        walk(page._page_box)
    return [text for i, (owner, text) in enumerate(lines) if i + 1 < len(lines) and lines[i + 1][0] == owner]


@pytest.mark.slow
@pytest.mark.parametrize("style", ["classic", "modern"])
def test_pdf_measure_is_60_to_75_characters(style):
    from newspack.pipeline import load_article

    from tests.conftest import SAMPLES

    article = load_article(str(SAMPLES / "en-tidal-barrier.html"))
    for size in ("a4", "letter", "a5"):
        lines = _body_lines(article, WriterOptions(style=style, page_size=size))
        average = sum(map(len, lines)) / len(lines)
        assert len(lines) > 20 and 60 <= average <= 75, (style, size, average)


def test_themes_are_listed_and_default_is_an_alias():
    from newspack.writers.templates import theme_names

    assert {"classic", "modern"} <= set(theme_names())
    assert stylesheets(WriterOptions(style="default"), paged=False) == stylesheets(WriterOptions(), paged=False)
    assert stylesheets(WriterOptions(style="modern"), paged=False) != stylesheets(WriterOptions(), paged=False)


@pytest.mark.slow
@pytest.mark.parametrize("size, points", [("a4", (595, 842)), ("letter", (612, 792)), ("a5", (420, 595)),
                                          ("ereader", (255, 346))])
def test_pdf_page_sizes(size, points):
    pypdf = pytest.importorskip("pypdf")
    data = WRITERS["pdf"](Edition.single(FRENCH), WriterOptions(page_size=size, pdf_variant="none", draw_cover=False))
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points


@pytest.mark.slow
def test_pdf_variant_none_is_untagged_and_unknown_size_is_a_usage_error():
    pypdf = pytest.importorskip("pypdf")
    data = WRITERS["pdf"](Edition.single(FRENCH), WriterOptions(pdf_variant="none"))
    assert "/StructTreeRoot" not in pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    with pytest.raises(UsageError):
        WRITERS["pdf"](Edition.single(FRENCH), WriterOptions(page_size="b4"))


@pytest.mark.slow
def test_article_head_standfirst_date_in_language_and_reading_time(tmp_path):
    chapter = epub_file(write_epub(Edition.single(FRENCH), OPTIONS), "article-001.xhtml")
    assert '<time class="date" datetime="2024-07-14">14 juillet 2024</time>' in chapter
    assert "min de lecture" in chapter and ">journal.example.fr</a>" in chapter
    full = epub_file(write_epub(Edition.single(FULL), OPTIONS), "article-001.xhtml")
    assert '<p class="standfirst">Boats, fog and the people who work there.</p>' in full
    assert "1 June 2024" in full
    dek_in_body = Article(title="t", description="The opening paragraph.", language="de", date="2024-03-05",
                          blocks=(Paragraph("The opening paragraph."), Paragraph("More.")))
    chapter = epub_file(write_epub(Edition.single(dek_in_body), OPTIONS), "article-001.xhtml")
    assert "standfirst" not in chapter and "5. März 2024" in chapter


def test_french_no_break_spaces_only_in_french():
    from newspack.writers.html import typeset

    assert typeset("« c'est inédit », dit-elle : oui !", "fr") == "«\u00a0c'est inédit\u00a0», dit-elle\u00a0: oui\u00a0!"
    assert typeset("https://a.example/x : y", "fr-CA").startswith("https://a.example/x\u00a0:")
    assert typeset("ratio : 2", "en") == "ratio : 2"


def test_malformed_figure_url_keeps_caption():
    article = Article(title="Bridge", language="en", blocks=(
        Paragraph("The old bridge will close for repairs next spring."),
        Figure(src="http://[oops/bridge.jpg", caption="The old bridge at dawn.", credit="Ann Lee")))
    html = WRITERS["html"](Edition.single(article), WriterOptions(draw_cover=False)).decode("utf-8")
    assert "The old bridge at dawn." in html and "[oops" not in html


def _portrait_edition(folder: Path, paragraphs_before: int = 12) -> Edition:
    picture = Image.linear_gradient("L").resize((600, 900)).convert("RGB")
    path = folder / "portrait.jpg"
    picture.save(path, "JPEG", quality=80)
    text = "The harbour council voted on Tuesday to add three late-evening crossings to the timetable. " * 6
    blocks = ([Paragraph(f"{i}: {text}") for i in range(paragraphs_before)]
              + [Figure(src=path.as_uri(), alt="A tall picture", caption="A tall portrait picture.")]
              + [Paragraph(f"after {i}: {text}") for i in range(6)])
    article = Article(title="Tall figure", date="2025-03-20", language="en", blocks=tuple(blocks))
    return Edition.single(article, allowed_roots=(str(folder),))


@pytest.mark.slow
def test_a_portrait_figure_floats_and_leaves_no_half_page_blank(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    edition = _portrait_edition(tmp_path)
    html = write_html(edition, OPTIONS).decode("utf-8")
    assert '<figure class="figure portrait">' in html
    def page_texts(book: Edition) -> list[str]:
        pdf = WRITERS["pdf"](book, WriterOptions(draw_cover=False, modified=OPTIONS.modified))
        return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]

    pages = page_texts(edition)
    figure_page = next(i for i, text in enumerate(pages) if "A tall portrait picture." in text)
    assert figure_page >= 2  # the figure did not fit where it stands in the text
    article = edition.articles[0]
    full_page = len(page_texts(replace(edition, sections=(Section("", (article.with_blocks(
        tuple(b for b in article.blocks if not isinstance(b, Figure))),)),)))[1])
    # The page the figure did not fit on is filled with text, not left a quarter blank (the
    # text that follows the figure moved up to fill it), and the text is all there.
    assert len(pages[figure_page - 1]) >= 0.9 * full_page
    assert all(f"after {i}:" in "".join(pages) for i in range(6))


def test_landscape_figures_keep_the_column(tmp_path):
    picture = tmp_path / "wide.jpg"
    Image.new("RGB", (900, 500), (90, 120, 150)).save(picture, "JPEG")
    article = Article(title="Wide", blocks=(Paragraph("Text."), Figure(src=picture.as_uri(), caption="Wide")))
    html = write_html(Edition.single(article, allowed_roots=(str(tmp_path),)), OPTIONS).decode("utf-8")
    assert '<figure class="figure">' in html and "portrait" not in html


def _sectioned_digest() -> Edition:
    text = "The council voted on Tuesday to add three late-evening crossings to the timetable. " * 9

    def story(title, site):
        return Article(title=title, site_name=site, language="en", date="2025-03-20",
                       blocks=tuple(Paragraph(f"{n}: {text}") for n in range(8)))

    return Edition(title="Morning Paper", date="2025-03-20", language="en", sections=(
        Section("World", (story("Ferry returns early", "Wire One"), story("Tower clock mended", "Wire One"))),
        Section("Sport", (story("Rowing club wins", "Wire Two"),)),
    ))


@pytest.mark.slow
def test_running_heads_of_a_sectioned_book_name_the_section():
    pypdf = pytest.importorskip("pypdf")
    pdf = WRITERS["pdf"](_sectioned_digest(), WriterOptions(draw_cover=False, modified=OPTIONS.modified))
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    # WeasyPrint writes the margin boxes last: the running head, then the page number.
    heads = [text.rstrip().splitlines()[-2] for text in pages[2:]]
    assert "WORLD Ferry returns early" in heads and "WORLD Tower clock mended" in heads
    assert "SPORT Rowing club wins" in heads
    assert not any("WIRE" in head for head in heads)


def test_the_cover_of_a_digest_lists_its_sections_and_first_headlines():
    from newspack.writers.cover import CoverText, draw_cover
    from newspack.writers.cover import front_page

    digest = _sectioned_digest()
    assert front_page(digest) == (("World", ("Ferry returns early", "Tower clock mended")),
                                  ("Sport", ("Rowing club wins",)))
    assert front_page(Edition.single(digest.articles[0])) == ()
    plain = draw_cover(CoverText(title="Morning Paper", date="20 March 2025"))[0]
    front = draw_cover(CoverText(title="Morning Paper", date="20 March 2025", contents=front_page(digest)))[0]
    assert front != plain and draw_cover(CoverText(title="Morning Paper", date="20 March 2025",
                                                   contents=front_page(digest)))[0] == front


@pytest.mark.slow
def test_a_long_quote_breaks_across_pages_instead_of_leaving_one_half_blank():
    pypdf = pytest.importorskip("pypdf")
    words = "The packet nests lists within lists, five levels down, and the server unpacks them all. "
    article = Article(title="Quote", source="q.html", language="en", blocks=(
        Paragraph("Opening paragraph of the story, before the long quote. " * 12),
        Quote(text="QUOTESTART " + words * 40),
    ))
    reader = pypdf.PdfReader(io.BytesIO(WRITERS["pdf"](Edition.single(article), OPTIONS)))
    pages = [page.extract_text() for page in reader.pages]
    opening = next(i for i, text in enumerate(pages) if "Opening paragraph" in text)
    assert "QUOTESTART" in pages[opening]


def test_inert_html_removes_what_runs_and_leaves_clean_markup_as_it_is():
    from newspack.writers.inert import inert_html

    clean = '<!DOCTYPE html>\n<html lang="en"><head><style>p{}</style></head><body><p><a href="https://a.example/">a</a></p></body></html>\n'
    assert inert_html(clean) is clean
    hostile = ('<html><head><meta http-equiv="Refresh" content="0;url=x"><base href="https://evil/"></head>'
               '<body onload="x()"><script>alert(1)</script><iframe src="//evil"></iframe><form><input></form>'
               '<p onclick="x()">kept <a href="javascript:alert(1)">text</a> <img src="data:image/svg+xml,<svg>"></p>'
               '</body></html>')
    out = inert_html(hostile)
    assert "kept" in out and "text" in out
    for gone in ("<script", "<iframe", "<form", "<input", "<base", "<meta", "onload", "onclick", "javascript:", "data:image/svg"):
        assert gone not in out.lower(), gone


def test_html_output_goes_through_the_inert_pass(monkeypatch):
    from newspack.writers import html as html_writer

    seen = []
    monkeypatch.setattr(html_writer, "inert_html", lambda markup: seen.append(markup) or markup)
    data = write_html(Edition.single(FULL), OPTIONS)
    assert seen and data == seen[0].encode("utf-8")
