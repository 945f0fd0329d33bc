#!/usr/bin/env python3
"""trafilatura through newspack's extract contract, so one scoring run compares the two.

    .venv/bin/python tools/trafilatura_extract.py FILE...
    python3 ../shared/eval/score.py --cmd ".venv/bin/python tools/trafilatura_extract.py" --suite news-fundus

Prints one JSON object a line per input, as ``newspack extract --format jsonl`` does (see
../shared/eval/README.md, "The contract"): title, byline (trafilatura's ``author``), date,
site name, language, URL and the story's blocks from trafilatura's XML (<p>, <head>, <list>,
<quote>). trafilatura runs as the figures in the notes were measured: ``favor_precision``,
metadata on, no images (it gives no captions or credits). Pages are decoded the way newspack
decodes them, so both read the same text. A page that cannot be read gives an ``error`` line
and the exit code is 3, like newspack's.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import lxml.etree as etree
import trafilatura

from newspack.sources.encoding import decode

BLOCK_TAGS = {"p": "paragraph", "head": "heading", "quote": "quote"}


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _blocks(main) -> list[dict]:
    out = []
    for el in main:
        if el.tag == "list":
            items = [_text(i) for i in el.iter("item") if _text(i)]
            if items:
                out.append({"type": "list", "ordered": el.get("rend") == "ol", "items": items})
        elif el.tag == "table":
            rows = [[_text(c) for c in row.iter("cell")] for row in el.iter("row")]
            out.append({"type": "paragraph", "text": "\n".join(" ".join(r) for r in rows)})
        elif _text(el):
            block = {"type": BLOCK_TAGS.get(el.tag, "paragraph"), "text": _text(el)}
            if el.tag == "head":
                level = (el.get("rend") or "h2").lstrip("h")
                block["level"] = int(level) if level.isdigit() else 2
            out.append(block)
    return out


def extract(path: str) -> dict:
    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    xml = trafilatura.extract(decode(data), output_format="xml", with_metadata=True, favor_precision=True)
    if not xml:
        return {"source": path, "title": None, "byline": None, "date": None, "blocks": []}
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    return {
        "source": path,
        "title": root.get("title"),
        "byline": root.get("author"),
        "date": root.get("date"),
        "site_name": root.get("sitename"),
        "language": root.get("language"),
        "url": root.get("source"),
        "blocks": _blocks(main if main is not None else root),
    }


def main(paths: list[str]) -> int:
    failed = False
    for path in paths:
        try:
            doc = extract(path)
        except (OSError, ValueError, etree.XMLSyntaxError) as err:
            failed = True
            doc = {"source": path, "error": f"{path}: {err}"}
        print(json.dumps(doc, ensure_ascii=False), flush=True)
    return 3 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
