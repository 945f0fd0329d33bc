#!/usr/bin/env python3
"""Out-of-fold choice of an HTML reader threshold (default ``html.MIN_STORY_CHARS``).

    .venv/bin/python tools/cv_fallback.py [--name MIN_STORY_CHARS] [--folds 5] [--values 0 250 500 1000 2000]

``--name`` is a constant of ``newspack/readers/html/reader.py`` (``MIN_STORY_CHARS`` decides when a
reading is weak enough for the fallback chain, ``MAX_STANDFIRST_CHARS`` how long a dek above
the story may be), or ``content.NAME`` for one of the content choice's (the widening and
sibling thresholds). It is chosen on
the wide-html dev pages (one site each, so a split by page is a split by site): for every fold
the value with the best chunk F1 on the other folds is picked and scored on the fold, and the
pooled out-of-fold F1 and empty count are printed beside each value's in-sample figures.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
from pathlib import Path

from newspack.sources.encoding import decode
from newspack.readers.html import reader as html_reader
from newspack.readers.html import content
from newspack.writers.extract import article_to_dict as to_dict

ROOT = Path(__file__).resolve().parents[1]
WIDE = ROOT.parent / "shared" / "eval" / "wide"


def _score_module():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _owner(name: str):
    """The module holding the constant ``name`` ("NAME" of html/reader.py or "content.NAME") and its bare name."""
    module, _, const = name.rpartition(".")
    return {"": html_reader, "reader": html_reader, "content": content}[module], const


def page_counts(name: str, values: list) -> dict:
    """(found, missed, leaked) per page for each threshold value."""
    owner, const = _owner(name)
    score = _score_module()
    items = json.loads((WIDE / "evaldata.json").read_text(encoding="utf-8"))
    out: dict[int, dict] = {v: {} for v in values}
    for pid in sorted(items):
        try:
            text = decode(gzip.decompress((WIDE / "pages" / f"{pid}.html.gz").read_bytes()))
        except Exception:  # an undecodable page scores nothing at every value  # noqa: BLE001
            text = None
        for v in values:
            setattr(owner, const, v)
            doc = to_dict(html_reader.read_html(text)) if text is not None else {}
            got = " ".join(score.book_text(doc).split())
            item = items[pid]
            found = sum(" ".join(w.split()) in got for w in item["with"])
            leaked = sum(" ".join(w.split()) in got for w in item["without"])
            out[v][pid] = (found, len(item["with"]) - found, leaked)
    return out


def f1(rows) -> tuple[float, int]:
    tp = sum(r[0] for r in rows); fn = sum(r[1] for r in rows); fp = sum(r[2] for r in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), sum(1 for row in rows if row[0] == 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="MIN_STORY_CHARS", help="the constant to choose: NAME of readers/html/reader.py or content.NAME")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--values", type=float, nargs="+", default=[0, 250, 500, 1000, 2000])
    args = ap.parse_args()
    try:
        owner, const = _owner(args.name)
    except KeyError:
        ap.error(f"{args.name}: only constants of readers/html/reader.py and readers/html/content.py")
    kind = type(getattr(owner, const, None))
    if kind not in (int, float):
        ap.error(f"{args.name} is no number constant of {owner.__name__}")
    args.values = [kind(v) for v in args.values]
    counts = page_counts(args.name, args.values)
    pids = sorted(next(iter(counts.values())))
    random.Random(0).shuffle(pids)
    folds = [pids[i::args.folds] for i in range(args.folds)]
    print(f"| {args.name} | in-sample F1 | empty |")
    print("| --- | --- | --- |")
    for v in args.values:
        f, e = f1(counts[v].values())
        print(f"| {v} | {f:.3f} | {e} |")
    oof, picks = [], []
    for k, held in enumerate(folds):
        train = [p for j, fold in enumerate(folds) if j != k for p in fold]
        best = max(args.values, key=lambda v: f1([counts[v][p] for p in train])[0])
        picks.append(best)
        oof += [counts[best][p] for p in held]
    f, e = f1(oof)
    print(f"\nout-of-fold ({args.folds} folds by site): F1 {f:.3f}, empty {e}; values picked per fold: {picks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
