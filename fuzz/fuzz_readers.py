"""Long-run fuzz target: any bytes -> decode -> reader -> (sometimes) the HTML writer.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_readers.py -runs=100000 -max_len=4096 -dict=fuzz/html.dict fuzz/corpus

A crash is any exception other than ``NewspackError``, or active markup in the written HTML.
The first byte picks the input format (html, text, sniffed) and whether the article is written.
Without atheris, ``--hypothesis N`` runs the same property for N examples with hypothesis.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newspack.errors import NewspackError  # noqa: E402
from newspack.model import Edition  # noqa: E402
from newspack.pipeline import ReadOptions, read_raw  # noqa: E402
from newspack.sources import RawInput  # noqa: E402
from newspack.writers import WriterOptions, write_html  # noqa: E402

FORMATS = (None, "html", "text")
OPTIONS = WriterOptions(draw_cover=False)
_ACTIVE_TAGS = frozenset({"script", "iframe", "object", "embed", "form", "base", "frame", "applet", "input", "button"})
_SCRIPT_URL = ("javascript:", "vbscript:", "data:text/html", "file:")


def check_inert(html: bytes) -> None:
    """Raise AssertionError when the written HTML holds an active element, handler or script URL."""
    import lxml.html

    for el in lxml.html.document_fromstring(html).iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in _ACTIVE_TAGS:
            raise AssertionError(f"active element in output: <{el.tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                raise AssertionError(f"event handler in output: {name}")
            if name.lower() in ("href", "src", "action", "srcset") and value.strip().lower().startswith(_SCRIPT_URL):
                raise AssertionError(f"script URL in output: {name}={value[:60]}")


def one_input(data: bytes) -> None:
    if not data:
        return
    mode, data = data[0], data[1:]
    options = ReadOptions(input_format=FORMATS[mode % 3], url="https://news.example.org/story")
    try:
        article = read_raw(RawInput(source="fuzz", data=data), options)
    except NewspackError:
        return
    if mode & 0x80:
        check_inert(write_html(Edition.single(article), OPTIONS))


def main() -> None:
    if "--hypothesis" in sys.argv:
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        count = int(sys.argv[sys.argv.index("--hypothesis") + 1])
        given(st.binary(max_size=4096))(settings(max_examples=count, deadline=None, database=None,
                                                 suppress_health_check=list(HealthCheck))(one_input))()
        return
    import atheris

    atheris.instrument_all()  # coverage feedback from every module loaded (newspack, lxml glue, bs4)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
