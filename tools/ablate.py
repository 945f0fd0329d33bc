#!/usr/bin/env python3
"""Ablation: what each named reader rule is worth on the evaluation suites.

    .venv/bin/python tools/ablate.py [--suite aeb-html --suite wide-html ...] [--rule NAME ...]

Runs ``../shared/eval/score.py`` once with every rule on, then once per rule with that rule
switched off (``NEWSPACK_DISABLE``, see ``newspack/readers/switches.py``), and prints a
Markdown table of the change in each suite's headline figure when the rule is off: a negative
number means the rule pays (the suite is worse without it). A rule that pays nowhere, or only
on one suite's single page, should go.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "eval" / "score.py"
DEFAULT_SUITES = ["aeb-html", "wide-html", "rdb", "cases"]
#: The figures shown per suite: (key, label).
FIGURES = {
    "aeb-html": [("f1", "F1")],
    "wide-html": [("f1", "F1"), ("empty", "empty")],
    "rdb": [("f1", "F1"), ("figures", "fig"), ("byline", "byline")],
    "cases": [("f1", "F1"), ("leaks", "leaks")],
    "aeb-text": [("f1", "F1")], "wide-text": [("f1", "F1"), ("empty", "empty")], "rdb-text": [("f1", "F1")],
}


def run(suites: list[str], disabled: str) -> dict:
    sys.path.insert(0, str(ROOT))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    # ``python -m newspack`` from this checkout (PYTHONPATH), so a copy of the tree at one commit
    # can be measured while the working tree changes
    cmd = [sys.executable, str(SCORE), "--cmd", f"{sys.executable} -m newspack extract --format jsonl", "--json", str(out)]
    for s in suites:
        cmd += ["--suite", s]
    env = dict(os.environ, NEWSPACK_DISABLE=disabled, PYTHONPATH=str(ROOT))
    subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(out.read_text())
    out.unlink()
    return figures


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from newspack.readers.switches import RULES

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", action="append", help=f"suites (default: {' '.join(DEFAULT_SUITES)})")
    ap.add_argument("--rule", action="append", help="rules to switch off one at a time (default: all)")
    args = ap.parse_args()
    suites = args.suite or DEFAULT_SUITES
    rules = args.rule or list(RULES)
    base = run(suites, "")
    cols = [(s, k, label) for s in suites for k, label in FIGURES[s]]
    print("| rule off | " + " | ".join(f"{s} {label}" for s, _, label in cols) + " |")
    print("| --- |" + " --- |" * len(cols))
    print("| (all on) | " + " | ".join(_fmt(base[s].get(k)) for s, k, _ in cols) + " |", flush=True)
    for rule in rules:
        got = run(suites, rule)
        cells = []
        for s, k, _ in cols:
            a, b = base[s].get(k), got[s].get(k)
            cells.append("n/a" if a is None or b is None else _delta(b - a, k))
        print(f"| {rule} | " + " | ".join(cells) + " |", flush=True)
    return 0


def _fmt(v) -> str:
    return "n/a" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def _delta(d, key) -> str:
    if isinstance(d, int) or key in ("empty", "leaks"):
        return f"{int(d):+d}" if d else "0"
    return f"{d:+.3f}" if abs(d) >= 0.0005 else "0"


if __name__ == "__main__":
    raise SystemExit(main())
