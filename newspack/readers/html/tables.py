"""Data tables kept whole: caption, header rows, body rows, cells with their spans and marks.

The block walk reads a table row by row (each row one paragraph, so the boilerplate rules judge
rows as before); once the story is chosen, the rows of a data table are put back into one
:class:`~newspack.model.Table`. A layout table (one column, a lone row, a form or a table
inside) stays as the rows it was read as.
"""
from __future__ import annotations

from ...model import Cell, Table, Text
from .dom import text_of
from .inline import Context, has_marks, inlines_of

#: A data table has at least this many columns in some row, and this many rows: fewer is
#: a layout box (a one-column table holding the story, one row of navigation links).
MIN_DATA_COLUMNS = 2
MIN_DATA_ROWS = 2
#: Spans past this are a page's error (colspan="1000"); writers would draw empty columns.
MAX_SPAN = 100
#: Elements a data table never holds; one of them means the table lays out a page or a form.
LAYOUT_TAGS = ("table", "form", "input", "select", "textarea", "iframe")


def owner_table(row):
    """The <table> a row belongs to, or None."""
    node = row.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def is_data_table(table) -> bool:
    """Rows and columns of data, not a layout box."""
    if any(d is not table for d in table.iter(*LAYOUT_TAGS)):
        return False
    rows = [r for r in table.iter("tr")]
    widths = [sum(1 for c in r if c.tag in ("td", "th")) for r in rows]
    return len(rows) >= MIN_DATA_ROWS and max(widths, default=0) >= MIN_DATA_COLUMNS


def _span(cell, name: str) -> int:
    try:
        return min(max(int((cell.get(name) or "1").strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def _cell(cell, ctx: Context) -> Cell:
    if has_marks(cell):
        runs = inlines_of(cell, ctx)
    else:
        text = text_of(cell)
        runs = (Text(text),) if text else ()
    return Cell(runs, colspan=_span(cell, "colspan"), rowspan=_span(cell, "rowspan"), header=cell.tag == "th")


def read_table(table, ctx: Context) -> Table | None:
    """The table as the model holds it; None when it has no cell with words."""
    head: list[tuple[Cell, ...]] = []
    body: list[tuple[Cell, ...]] = []
    for row in table.iter("tr"):
        cells = tuple(_cell(c, ctx) for c in row if c.tag in ("td", "th"))
        if not cells:
            continue
        in_head = row.getparent() is not None and row.getparent().tag == "thead"
        if in_head or (not body and all(c.header for c in cells)):
            head.append(cells)
        else:
            body.append(cells)
    if not any(c.text for row in head + body for c in row):
        return None
    caption = table.find("caption")
    runs = inlines_of(caption, ctx) if caption is not None and text_of(caption) else ()
    return Table(head=tuple(head), body=tuple(body), caption=runs)
