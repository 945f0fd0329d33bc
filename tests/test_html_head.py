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
