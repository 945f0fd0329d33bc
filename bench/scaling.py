#!/usr/bin/env python3
"""How `newspack extract` scales with the size of its input: time, peak memory, fitted exponent.

    .venv/bin/python bench/scaling.py [--sizes 1000,10000,100000] [--cases NAME,...] [--limit S] [--big N] [--quick]

Each case is a page generated at N paragraphs (1k, 10k, 100k by default), HTML and text:

- ``distinct``   N different paragraphs;
- ``identical``  one paragraph N times (the repeated-paragraph check's worst case);
- ``nested``     N paragraphs, each one ``<div>`` deeper than the last (text: ``>`` quoting,
                 up to 64 deep);
- ``longline``   N sentences on one line (HTML: in one ``<p>``).

Every run is a fresh ``newspack extract`` process; its wall time and peak resident memory
(``os.wait4``'s rusage of that child alone) are measured. The exponent is the least-squares
slope of log(time) over log(N) after subtracting the start-up time of a tiny page, so the
interpreter's fixed cost does not pass for linearity; 1.0 is linear, 2.0 quadratic. Only runs
that took at least twice the start-up are fitted (shorter ones are start-up noise). Memory's
exponent is fitted the same way over the peak minus the tiny page's peak. A run over
``--limit`` seconds is killed and shown as ``>limit``; the fit then uses the runs that ended.
``--big N`` adds one run of N distinct HTML and text paragraphs (the issue's 700,000).
``--quick`` runs two small sizes of two cases and judges no exponent (at that size it is
start-up noise); the test suite runs it so a bench that no longer works fails the build.
"""
from __future__ import annotations

import argparse
import itertools
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SENTENCE = "The council voted on Tuesday to keep the market hall open through the winter months."

#: Seconds a run may take before it is killed: long enough for a linear 100k case on a slow
#: machine (a few seconds), short enough that a quadratic one does not hold the bench for hours.
RUN_LIMIT_SECONDS = 120.0

#: Exponent above which a case is flagged: a little over 1 allows for n log n work and noise.
TARGET_EXPONENT = 1.15


# Generators yield the page in pieces: held whole, a big page would swell this process, and a
# child's peak memory counts what it inherited from this process before it exec'd newspack.

def _page(body) -> Iterator[str]:
    yield "<!doctype html><html lang=en><head><meta charset=utf-8><title>Scaling</title></head>"
    yield "<body><article><h1>Scaling</h1>"
    yield from body
    yield "</article></body></html>"


def html_distinct(n: int) -> Iterator[str]:
    return _page(f"<p>{i}. {SENTENCE}</p>\n" for i in range(n))


def html_identical(n: int) -> Iterator[str]:
    return _page(f"<p>{SENTENCE}</p>\n" for _ in range(n))


def html_nested(n: int) -> Iterator[str]:
    return _page(itertools.chain((f"<div><p>{i}. {SENTENCE}</p>\n" for i in range(n)), ("</div>" for _ in range(n))))


def html_longline(n: int) -> Iterator[str]:
    return _page(itertools.chain(["<p>"], (f"{i}. {SENTENCE} " for i in range(n)), ["</p>"]))


def text_distinct(n: int) -> Iterator[str]:
    return itertools.chain(["Scaling\n\n"], (f"{i}. {SENTENCE}\n\n" for i in range(n)))


def text_identical(n: int) -> Iterator[str]:
    return itertools.chain(["Scaling\n\n"], (f"{SENTENCE}\n\n" for _ in range(n)))


def text_nested(n: int) -> Iterator[str]:
    # Plain text has no elements to nest: e-mail quoting is its nearest form, one '>' more a
    # line up to 64 levels and again, so that the average line, not the page, stays the same size.
    return itertools.chain(["Scaling\n\n"], (f"{'>' * (i % 64)} {i}. {SENTENCE}\n" for i in range(n)))


def text_longline(n: int) -> Iterator[str]:
    return itertools.chain(["Scaling\n\n"], (f"{i}. {SENTENCE} " for i in range(n)), ["\n"])


def write_case(path: Path, pieces: Iterator[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(pieces)


CASES = {
    "html distinct": (html_distinct, "html"), "html identical": (html_identical, "html"),
    "html nested": (html_nested, "html"), "html longline": (html_longline, "html"),
    "text distinct": (text_distinct, "txt"), "text identical": (text_identical, "txt"),
    "text nested": (text_nested, "txt"), "text longline": (text_longline, "txt"),
}


def newspack_command() -> list[str]:
    local = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "python"
    return [str(local) if local.exists() else sys.executable, "-m", "newspack"]


def run_once(path: Path, limit: float) -> tuple[float | None, float, int]:
    """(seconds or None when killed at ``limit``, peak RSS in MB, exit code) of one extract."""
    start = time.perf_counter()
    proc = subprocess.Popen(newspack_command() + ["extract", "--format", "jsonl", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > limit:
            proc.send_signal(signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return None, usage.ru_maxrss / 1024, -9
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is in KiB on Linux


#: A run is fitted only when it took this many times the start-up of a tiny page.
FIT_OVER_STARTUP = 2.0


def slope(sizes: list[int], values: list[float]) -> float | None:
    """Least-squares slope of log(value) over log(size); None with fewer than two points."""
    points = [(math.log(n), math.log(v)) for n, v in zip(sizes, values) if v > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    var = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / var if var else None


def measure(name: str, sizes: list[int], folder: Path, limit: float, base: tuple[float, float]) -> dict:
    make, ext = CASES[name]
    rows = []
    for n in sizes:
        path = folder / f"{name.replace(' ', '-')}-{n}.{ext}"
        write_case(path, make(n))
        seconds, peak, code = run_once(path, limit)
        path.unlink()
        rows.append((n, seconds, peak, code))
        if seconds is None:
            break  # a bigger size would only take longer
    done = [(n, s, p) for n, s, p, _ in rows if s is not None]
    # Runs within noise of start-up say nothing about growth (a 1,000-paragraph page read in
    # less than the tiny page's start-up fitted as 1.5): fit over the runs that took at least
    # FIT_OVER_STARTUP times the start-up, or the two largest when fewer did.
    timed = [r for r in done if r[1] >= FIT_OVER_STARTUP * base[0]]
    timed = timed if len(timed) >= 2 else done[-2:]
    # a floor of 10 ms and 1 MB keeps a run as fast as start-up from fitting as infinitely fast
    time_exp = slope([n for n, _, _ in timed], [max(s - base[0], 0.01) for _, s, _ in timed])
    mem_exp = slope([n for n, _, _ in done], [max(p - base[1], 1.0) for _, _, p in done])
    return {"name": name, "rows": rows, "time_exp": time_exp, "mem_exp": mem_exp}


def _fmt_time(seconds: float | None, limit: float) -> str:
    return f">{limit:g} s" if seconds is None else f"{seconds:.2f} s"


def print_table(results: list[dict], sizes: list[int], limit: float, base: tuple[float, float]) -> None:
    print(f"start-up (tiny page): {base[0]:.2f} s, {base[1]:.0f} MB; exponents fitted over time and memory "
          f"above it; target exponent <= {TARGET_EXPONENT}")
    head = f"{'case':<16}" + "".join(f"{n:>22,}" for n in sizes) + f"{'time exp':>10}{'mem exp':>9}  exit"
    print(head)
    print("-" * len(head))
    for result in results:
        cells = []
        for n in sizes:
            row = next((r for r in result["rows"] if r[0] == n), None)
            cells.append("skipped" if row is None else f"{_fmt_time(row[1], limit)} {row[2]:5.0f} MB")
        codes = ",".join(str(r[3]) for r in result["rows"])
        flag = "" if result["time_exp"] is None or result["time_exp"] <= TARGET_EXPONENT else "  <- over target"
        exps = "".join(f"{'n/a' if e is None else f'{e:.2f}':>{w}}"
                       for e, w in ((result["time_exp"], 10), (result["mem_exp"], 9)))
        print(f"{result['name']:<16}" + "".join(f"{c:>22}" for c in cells) + exps + f"  {codes}{flag}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="paragraph counts, comma-separated")
    parser.add_argument("--cases", default=",".join(CASES), help="cases, comma-separated")
    parser.add_argument("--limit", type=float, default=RUN_LIMIT_SECONDS, help="seconds before a run is killed")
    parser.add_argument("--big", type=int, default=0, help="also time N distinct paragraphs (e.g. 700000)")
    parser.add_argument("--quick", action="store_true", help="two small sizes of two cases (checks the bench works)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.cases, args.big = "100,300", "html distinct,text nested", 0
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r}; cases: {', '.join(CASES)}")
    with tempfile.TemporaryDirectory(prefix="newspack-scaling-") as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.html"
        write_case(tiny, html_distinct(3))
        runs = [run_once(tiny, args.limit) for _ in range(3)]
        base = (min(r[0] for r in runs), min(r[1] for r in runs))
        results = [measure(name, sizes, folder, args.limit, base) for name in names]
        print_table(results, sizes, args.limit, base)
        for name in ("html distinct", "text distinct") if args.big else ():
            make, ext = CASES[name]
            path = folder / f"big.{ext}"
            write_case(path, make(args.big))
            size = path.stat().st_size
            seconds, peak, code = run_once(path, args.limit)
            print(f"{name} x {args.big:,} ({size / 2**20:.0f} MiB): {_fmt_time(seconds, args.limit)}, "
                  f"{peak:.0f} MB, exit {code}")
    over = [r["name"] for r in results if r["time_exp"] is not None and r["time_exp"] > TARGET_EXPONENT]
    failed = [r["name"] for r in results if any(code not in (0, -9) for _, _, _, code in r["rows"])]
    if failed:
        print(f"newspack failed on: {', '.join(failed)}")
    # quick: a run that fails is the bench (or newspack) broken; exponents of small sizes are noise
    return (1 if failed else 0) if args.quick else (1 if over else 0)


if __name__ == "__main__":
    sys.exit(main())
