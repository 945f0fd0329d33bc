#!/usr/bin/env python3
"""Digest bench: 50 and 200 local article pages -> one EPUB and one PDF.

    .venv/bin/python bench/digest.py [--sizes 50,200] [--pages GLOB] [--skip-pdf-200] [--quick]

``--quick`` runs every step on two of the samples in ``samples/`` (seconds, no shared
evaluation set needed): the test suite runs it so a bench that no longer works fails the build.

The pages are the shared evaluation set's (``../shared/eval/aeb/html/*.html.gz``, 91 pages).
For more articles than pages, each extra copy has its words reordered inside every text
node and its canonical links removed, so it is a different story to the de-duplicator while
costing the extractor the same.

Figures, each from a fresh child process:

- ``newspack digest DIR --no-download -o X.epub`` and ``-o X.pdf``: wall time and peak RSS
  of the whole process tree (newspack and its extraction workers, sampled every 20 ms);
  remote images are not downloaded (the bench stays offline);
- PDF ratio: in one process, ``pipeline.render(edition, "pdf")`` against WeasyPrint alone on
  the very HTML and CSS the PDF writer lays out last (captured by wrapping
  ``writers.pdf.layout``; a figure moved below the next paragraph costs the writer a second
  layout, which the ratio counts), both after a warm-up; "same variant" renders with the PDF
  variant newspack uses (tagged PDF/UA by default), "plain" with WeasyPrint's defaults;
- extraction speed-up: ``batch.extract(..., jobs=2)`` against ``jobs=1`` on the same
  documents, best of three rounds each, in alternating order.

Targets (issues 6 and 21): 50 -> EPUB <= 3 s; PDF ratio <= 1.05; peak RSS <= 250 MB for 50; jobs 2 >=
1.7x jobs 1. The machine may be shared: figures are noisy, and the load average is printed.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The shared evaluation set beside the checkout (../shared), or beside the folder of worktrees
#: (a worktree sits one level deeper: ../../shared).
DEFAULT_PAGES = str(next((base / "shared/eval/aeb/html" for base in (ROOT.parent, ROOT.parent.parent)
                          if (base / "shared/eval/aeb/html").is_dir()), ROOT.parent / "shared/eval/aeb/html")
                    / "*.html.gz")
NEWSPACK = [sys.executable, "-m", "newspack"]

_TEXT_NODE = re.compile(r">([^<]{20,})<")
_CANONICAL = re.compile(r"<link[^>]+canonical[^>]*>|<meta[^>]+og:url[^>]*>", re.IGNORECASE)


def variant_of(html: str, copy: int) -> str:
    """The page's ``copy``-th variant: same markup and length, different word order."""
    if copy == 0:
        return html

    def shuffle(match: re.Match) -> str:
        words = match.group(1).split(" ")
        if copy % 2:
            words.reverse()
        else:
            words = [w for pair in zip(words[1::2], words[0::2]) for w in pair] + words[len(words) // 2 * 2:]
        return ">" + " ".join(words) + "<"

    return _CANONICAL.sub("", _TEXT_NODE.sub(shuffle, html))


def make_corpus(pages: list[Path], count: int, folder: Path) -> Path:
    target = folder / f"pages-{count}"
    target.mkdir()
    texts = [(gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()).decode("utf-8", "replace")
             for p in pages]
    for n in range(count):
        copy, index = divmod(n, len(texts))
        (target / f"{n:04d}.html").write_text(variant_of(texts[index], copy), encoding="utf-8")
    return target


def peak_tree_rss_mb(pid: int) -> float:
    """RSS (MB) of ``pid`` and all its descendants, right now."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(current, ()))
    return total / 1024


def timed_run(cmd: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak tree RSS MB, exit code, stderr) of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, peak_tree_rss_mb(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    return wall, peak, proc.returncode, proc.stderr.read()


CHILD_PDF_RATIO = r"""
import json, sys, time
from newspack.editions.digest import DigestOptions, expand_inputs, make_digest
from newspack.pipeline import render
import newspack.writers.pdf as pdfw
from weasyprint import CSS, HTML

inputs, _ = expand_inputs([sys.argv[1]])
edition = make_digest(inputs, DigestOptions(title="Bench", date="2025-01-01")).edition
captured = {}
real = pdfw.layout
def capture(html, css, root, **kw):  # the writer's last layout is the one it writes
    captured.update(html=html, css=list(css), kw=kw, layouts=captured.get("layouts", 0) + 1)
    return real(html, css, root, **kw)
pdfw.layout = capture
HTML(string="<p>warm-up</p>").write_pdf()
rounds = {"newspack": [], "raw same variant": [], "raw plain": []}
def newspack_render():
    captured["layouts"] = 0
    t = time.perf_counter(); render(edition, "pdf"); rounds["newspack"].append(time.perf_counter() - t)

def raw_render(name, options):
    # the book's images are data: URIs, so WeasyPrint's own fetcher loads the same bytes
    t = time.perf_counter()
    HTML(string=captured["html"]).write_pdf(stylesheets=[CSS(string=c) for c in captured["css"]], **options)
    rounds[name].append(time.perf_counter() - t)

newspack_render()  # also captures what WeasyPrint is handed
variant = captured["kw"].get("variant")
same = {"pdf_variant": variant} if variant and variant != "none" else {}
for round_ in range(int(sys.argv[2])):
    # Alternate the order so that load from other processes falls on all three alike.
    steps = [lambda: raw_render("raw same variant", same), lambda: raw_render("raw plain", {}), newspack_render]
    for step in (steps if round_ % 2 else steps[::-1]):
        step()
print(json.dumps({"articles": len(edition.articles), "variant": variant, "layouts": captured["layouts"],
                  **{k: min(v) for k, v in rounds.items()}}))
"""

CHILD_JOBS = r"""
import json, sys, time
from newspack.editions.batch import collect, default_fetch, extract
from newspack.editions.digest import expand_inputs
from newspack.editions.fetcher import FetchPolicy
from newspack.pipeline import ReadOptions

inputs, _ = expand_inputs([sys.argv[1]])
documents, _ = collect(inputs, default_fetch(FetchPolicy()))
best = {}
for round_ in range(3):
    for jobs in ((1, 2) if round_ % 2 else (2, 1)):
        t = time.perf_counter(); done, failed = extract(documents, ReadOptions(), jobs=jobs)
        best[jobs] = min(best.get(jobs, 1e9), time.perf_counter() - t)
print(json.dumps({"documents": len(documents), "extracted": len(done), "jobs1": best[1], "jobs2": best[2]}))
"""


def child_json(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,200", help="article counts (default: 50,200)")
    parser.add_argument("--pages", default=DEFAULT_PAGES, help="glob of .html.gz pages")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the PDF ratio (best kept)")
    parser.add_argument("--skip-pdf-200", action="store_true", help="no PDF for sizes above 50")
    parser.add_argument("--quick", action="store_true",
                        help="every step on 2 of samples/*.html, one round (checks the bench works)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.pages, args.rounds = "2", str(ROOT / "samples" / "*.html"), 1
    pages = sorted(Path(p) for p in glob.glob(args.pages))
    if not pages:
        sys.exit(f"no pages match {args.pages}")
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"pages: {len(pages)} from {args.pages}; cores: {os.cpu_count()}; "
          f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="newspack-bench-") as tmp:
        folder = Path(tmp)
        print(f"{'articles':>8} {'format':>6} {'wall s':>8} {'peak MB':>8}  notes")
        for size in sizes:
            corpus = make_corpus(pages, size, folder)
            for fmt in ("epub", "pdf"):
                if fmt == "pdf" and size > 50 and args.skip_pdf_200:
                    continue
                out = folder / f"digest-{size}.{fmt}"
                wall, peak, code, err = timed_run(NEWSPACK + ["-q", "digest", str(corpus), "--no-download", "-o", str(out)])
                note = "" if code == 0 else f"exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''}"
                target = " (target <= 3 s)" if size == 50 and fmt == "epub" else ""
                print(f"{size:>8} {fmt:>6} {wall:>8.2f} {peak:>8.0f}  {note}{target}", flush=True)
            if size == sizes[0]:
                ratio = child_json(CHILD_PDF_RATIO, str(corpus), str(args.rounds))
                print(f"PDF render, {ratio['articles']} articles (variant {ratio['variant']}, "
                      f"{ratio['layouts']} layout{'s' if ratio['layouts'] != 1 else ''}): newspack "
                      f"{ratio['newspack']:.2f} s; WeasyPrint alone, same variant {ratio['raw same variant']:.2f} s "
                      f"-> ratio {ratio['newspack'] / ratio['raw same variant']:.2f}; plain "
                      f"{ratio['raw plain']:.2f} s -> ratio {ratio['newspack'] / ratio['raw plain']:.2f} "
                      "(target <= 1.05)", flush=True)
            jobs = child_json(CHILD_JOBS, str(corpus))
            print(f"extraction of {jobs['documents']} pages ({jobs['extracted']} articles): jobs 1 "
                  f"{jobs['jobs1']:.2f} s, jobs 2 {jobs['jobs2']:.2f} s -> speed-up "
                  f"{jobs['jobs1'] / jobs['jobs2']:.2f}x (target >= 1.7x)", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
