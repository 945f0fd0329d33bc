#!/usr/bin/env python3
"""Out-of-fold choice of an HTML reader threshold (default ``min_story_chars``).

    .venv/bin/python tools/cv_fallback.py [--name min_story_chars] [--folds 5] [--values 0 250 500 1000 2000]

``--name`` is a threshold of the readers' tuning (``newspack/readers/tuning.py``):
``min_story_chars`` decides when a reading is weak enough for the fallback chain,
``max_standfirst_chars`` how long a dek above the story may be, ``sibling_share`` and the
``*widen*`` ones the content choice. Each value is a ``Tuning`` made with ``dataclasses.replace``
and passed to the reader: nothing is patched. It is chosen on
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
from dataclasses import replace
from pathlib import Path

from newspack.sources.encoding import decode
from newspack.readers.html import reader as html_reader
from newspack.readers.tuning import DEFAULT, THRESHOLDS, Tuning
from newspack.writers.extract import article_to_dict as to_dict

ROOT = Path(__file__).resolve().parents[1]
WIDE = ROOT.parent / "shared" / "eval" / "wide"


def _score_module():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def tuned(name: str, value) -> Tuning:
    """The shipped tuning with threshold ``name`` set to ``value`` (of the threshold's type)."""
    return replace(DEFAULT, **{name: type(getattr(DEFAULT, name))(value)})


def page_counts(name: str, values: list) -> dict:
    """(found, missed, leaked) per page for each threshold value."""
    tunings = {v: tuned(name, v) for v in values}
    score = _score_module()
    items = json.loads((WIDE / "evaldata.json").read_text(encoding="utf-8"))
    out: dict[int, dict] = {v: {} for v in values}
    for pid in sorted(items):
        try:
            text = decode(gzip.decompress((WIDE / "pages" / f"{pid}.html.gz").read_bytes()))
        except Exception:  # an undecodable page scores nothing at every value  # noqa: BLE001
            text = None
        for v in values:
            doc = to_dict(html_reader.read_html(text, tuning=tunings[v])) if text is not None else {}
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
    ap.add_argument("--name", default="min_story_chars", choices=THRESHOLDS, help="the threshold to choose (a field of Tuning)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--values", type=float, nargs="+", default=[0, 250, 500, 1000, 2000])
    args = ap.parse_args()
    args.values = [type(getattr(DEFAULT, args.name))(v) for v in args.values]
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
