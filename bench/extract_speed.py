#!/usr/bin/env python3
"""Extraction speed, newspack against trafilatura, side by side in one process.

    .venv/bin/python bench/extract_speed.py [--rounds N] [--pages GLOB] [--clock wall|cpu] [--quick]

``--quick``: one round over the samples in ``samples/``; the test suite runs it so a bench that
no longer works fails the build.

Both extractors get the same decoded page text (decoding is left out of the timing) and run
in-process: newspack's ``read_html`` and ``trafilatura.extract(favor_precision=True)``.
Rounds alternate between the two so that load from other processes falls on both alike;
each page's time is its fastest round (the least disturbed), and the table gives pages/s
(over the sum of those times), median and p95 ms per page. ``--clock cpu`` times this
process's CPU instead of the wall clock, steadier on a machine shared with other work.
trafilatura is installed with newspack (its second opinion on weak pages).
"""
from __future__ import annotations

import argparse
import gc
import glob
import gzip
import statistics
import time
from pathlib import Path

from newspack.sources.encoding import decode
from newspack.readers.html.reader import read_html

ROOT = Path(__file__).resolve().parents[1]
#: The shared evaluation set beside the checkout (../shared), or beside the folder of worktrees
#: (a worktree sits one level deeper: ../../shared).
DEFAULT_PAGES = str(next((base / "shared/eval/aeb/html" for base in (ROOT.parent, ROOT.parent.parent)
                          if (base / "shared/eval/aeb/html").is_dir()), ROOT.parent / "shared/eval/aeb/html")
                    / "*.html.gz")


def load_pages(pattern: str) -> list[str]:
    pages = []
    for name in sorted(glob.glob(pattern)):
        data = Path(name).read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        pages.append(decode(data))
    return pages


def extractors() -> dict:
    table = {"newspack": lambda text: read_html(text)}
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed: timing newspack alone")
    else:
        table[f"trafilatura {trafilatura.__version__}"] = lambda text: trafilatura.extract(text, favor_precision=True)
    return table


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def time_round(extract, pages: list[str], clock) -> list[float]:
    times = []
    gc.collect()
    for text in pages:
        t0 = clock()
        extract(text)
        times.append(clock() - t0)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per extractor (default 5)")
    parser.add_argument("--pages", default=DEFAULT_PAGES, help="glob of .html or .html.gz pages")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="wall time (default) or process CPU time")
    parser.add_argument("--quick", action="store_true", help="one round over samples/*.html (checks the bench works)")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.pages = 1, str(ROOT / "samples" / "*.html")
    pages = load_pages(args.pages)
    if not pages:
        raise SystemExit(f"no pages match {args.pages}")
    table = extractors()
    for extract in table.values():  # warm-up: imports, compiled patterns, word lists
        for text in pages[:5]:
            extract(text)
    best: dict[str, list[float]] = {name: [float("inf")] * len(pages) for name in table}
    for _ in range(args.rounds):
        for name, extract in table.items():
            times = time_round(extract, pages, CLOCKS[args.clock])
            best[name] = [min(a, b) for a, b in zip(best[name], times)]
    print(f"{len(pages)} pages, {args.rounds} rounds, fastest round per page, {args.clock} clock")
    print(f"{'extractor':<20} {'pages/s':>8} {'median ms':>10} {'p95 ms':>8}")
    for name, times in best.items():
        print(f"{name:<20} {len(times) / sum(times):>8.1f} {statistics.median(times) * 1000:>10.1f} "
              f"{percentile(times, 0.95) * 1000:>8.1f}")
    if len(best) == 2:
        ours, theirs = (sum(t) for t in best.values())
        print(f"newspack throughput / trafilatura's: {theirs / ours:.2f}")


if __name__ == "__main__":
    main()
