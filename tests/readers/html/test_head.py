"""The head of a real news page: the date, title and byline a reader sees first (issue 20)."""
from __future__ import annotations

from newspack.readers.html.reader import read_html

BODY = """<p>The council voted late on Tuesday to keep the old harbour bridge open to cyclists all year.</p>
<p>Repairs to the deck will now be done at night, the city engineer said after the meeting.</p>"""


def _page(head: str = "", top: str = "", body: str = BODY) -> str:
    return f"<html lang='en'><head>{head}</head><body>{top}<article><h1>Bridge stays open</h1>{body}</article></body></html>"


def test_a_page_without_date_metadata_is_dated_from_its_canonical_url():
    page = _page('<link rel="canonical" href="https://news.example.org/2023/07/21/bridge-stays-open/">')
    assert read_html(page).date == "2023-07-21"


def test_a_date_printed_only_in_the_text_is_found():
    page = _page(top="<div class='meta'>Published July 21, 2023</div>")
    assert read_html(page).date == "2023-07-21"


def test_a_placeholder_date_is_no_date():
    page = _page('<meta property="article:published_time" content="0001-01-01T00:00:00Z">'
                 '<link rel="canonical" href="https://news.example.org/2022/03/04/bridge/">')
    assert read_html(page).date == "2022-03-04"


def test_explicit_metadata_wins_over_the_url_date():
    page = _page('<meta property="article:published_time" content="2023-07-22T09:00:00+02:00">'
                 '<link rel="canonical" href="https://news.example.org/2023/07/21/bridge/">')
    assert read_html(page).date.startswith("2023-07-22")


def _titled(head: str, headline: str) -> str:
    return (f"<html lang='en'><head>{head}</head><body><header><h1 class='logo'>Harbour Herald</h1></header>"
            f"<article><h1>{headline}</h1>{BODY}</article></body></html>")


def test_the_printed_headline_wins_over_a_reworded_seo_title():
    page = _page('<meta property="og:title" content="Council keeps harbour bridge open to cyclists">')
    assert read_html(page).title == "Bridge stays open"


def test_a_later_h1_printing_the_metadata_title_wins_over_a_logo_h1():
    page = _titled("<title>Bridge stays open for cyclists: what the council decided | Harbour Herald</title>",
                   "Bridge stays open for cyclists")
    assert read_html(page).title == "Bridge stays open for cyclists"


def test_a_section_kicker_printed_in_the_h1_is_not_the_title():
    page = _page('<meta property="og:title" content="Opinion | Why the bridge must stay open">').replace(
        "<h1>Bridge stays open</h1>", "<h1><span>Opinion</span> Why the bridge must stay open</h1>")
    assert read_html(page).title == "Why the bridge must stay open"


def test_a_site_name_title_gives_way_to_the_printed_headline():
    page = _page('<meta property="og:site_name" content="Harbour Herald"><title>Harbour Herald</title>')
    assert read_html(page).title == "Bridge stays open"


def _ld(authors: list[str]) -> str:
    import json

    data = {"@type": "NewsArticle", "headline": "Bridge stays open", "author": [{"@type": "Person", "name": a} for a in authors]}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_printed_byline_missing_co_authors_gives_way_to_the_json_ld_list():
    page = _page(_ld(["Ann Lee", "Tom Park", "Rosa Diaz"]), body="<p class='byline'>By Ann Lee</p>" + BODY)
    assert read_html(page).byline == "Ann Lee, Tom Park and Rosa Diaz"


def test_a_label_taken_for_the_byline_gives_way_to_the_json_ld_author():
    page = _page(_ld(["Ann Lee"]), body="<div class='author'>Fact checked by our editors</div>" + BODY)
    assert read_html(page).byline == "Ann Lee"


def test_a_json_ld_author_left_empty_by_its_template_is_no_author():
    page = _page(_ld([", Harbour Herald"]), body="<p class='byline'>By Ann Lee</p>" + BODY)
    assert read_html(page).byline == "Ann Lee"


def test_a_date_cut_where_the_byline_was_expected_gives_way_to_the_author_meta():
    page = _page('<meta name="author" content="Ann Lee">', body="<div class='byline'>August</div>" + BODY)
    assert read_html(page).byline == "Ann Lee"
