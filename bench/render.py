#!/usr/bin/env python3
"""Book-making speed and size: wall time and peak memory of the ``newspack`` command.

    .venv/bin/python bench/render.py [--rounds N] [--quick]

``--quick``: one round, no pandoc, two small pictures in the image-heavy article; the test
suite runs it so a bench that no longer works fails the build (its figures mean nothing).

Measures, each as a fresh process (what a user waits for, start-up included):

- ``newspack --help``                                  target <= 0.15 s
- ``newspack article SAMPLE.html -o x.epub``          target <= 0.25 s (a warm cache: the
  pictures and cover processed by an earlier run; the first, cold run is printed too)
- ``pandoc SAMPLE.html -o x.epub`` on the same page, when pandoc is installed: the yardstick,
  also in turns with newspack's (``--epub-only`` measures that pair alone)   target <= 2x
- ``newspack article SAMPLE.html -o x.pdf`` with the default tagged PDF (pdf/ua-1) and with
  ``--pdf-variant none``: the cost of tagging, allowed up to +20 %
- an image-heavy article (eight 12-megapixel camera JPEGs, drawn here, deterministic) made
  into an EPUB: the book's size against the raw images'     target <= 1/3

Each time is printed as the median and the fastest of N rounds; peak RSS is the largest
resident size the process reached (``getrusage`` of the child). Targets are judged on the median.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSPACK = str(Path(sys.executable).parent / "newspack")
SAMPLE = ROOT / "samples" / "en-tidal-barrier.html"

#: The image-heavy article: how many pictures, and their size (a 12 Mpx phone or camera JPEG).
HEAVY_PICTURES = 8
HEAVY_SIZE = (4000, 3000)


def run_measured(args: list[str]) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one run of ``args`` in a child process."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter(); code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime, code)")
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True).stdout
    seconds, rss_kb, cpu, code = out.split()
    if code != "0":
        raise SystemExit(f"failed ({code}): {' '.join(args)}")
    return float(seconds), int(rss_kb) // 1024, float(cpu)


def timed(rounds: int, args: list[str]) -> tuple[float, float, int, float]:
    """(median s, best s, peak MB, median CPU s) of ``rounds`` runs of ``args``. CPU time is
    printed beside wall time: on a shared machine it moves less with the other load."""
    import statistics

    runs = [run_measured(args) for _ in range(rounds)]
    return (statistics.median(r[0] for r in runs), min(r[0] for r in runs), max(r[1] for r in runs),
            statistics.median(r[2] for r in runs))


def heavy_article(folder: Path, pictures: int = HEAVY_PICTURES, size: tuple[int, int] = HEAVY_SIZE) -> tuple[Path, int]:
    """A saved page with ``pictures`` large JPEGs beside it; (page, raw image bytes)."""
    from PIL import Image

    images = folder / "images"
    images.mkdir()
    raw = 0
    figures = []
    for i in range(pictures):
        grain = Image.effect_noise((size[0] // 4, size[1] // 4), 50 + i).resize(size)
        gradient = Image.linear_gradient("L").resize(size)
        picture = Image.merge("RGB", (gradient, grain, gradient.transpose(Image.Transpose.ROTATE_180)))
        path = images / f"photo-{i}.jpg"
        picture.save(path, "JPEG", quality=92)
        raw += path.stat().st_size
        figures.append(f'<figure><img src="images/photo-{i}.jpg" alt="Picture {i}">'
                       f"<figcaption>Picture {i} of the harbour. Photo: Bench</figcaption></figure>")
    paragraphs = "".join(f"<p>Paragraph {i} of a story told mostly in pictures, long enough to read as text.</p>"
                         for i in range(12))
    page = folder / "heavy.html"
    page.write_text(f"<!DOCTYPE html><html lang='en'><head><title>Pictures</title></head><body><article>"
                    f"<h1>The harbour in pictures</h1>{paragraphs}{''.join(figures)}</article></body></html>",
                    encoding="utf-8")
    return page, raw


def paired_epub(rounds: int, newspack: list[str], pandoc: list[str]) -> None:
    """newspack's EPUB against pandoc's on the same page, the runs taken in turns: on a shared
    machine both sides then meet the same load, and the ratio of each pair moves less than
    either time."""
    import statistics

    pairs = [(run_measured(newspack), run_measured(pandoc)) for _ in range(rounds)]
    for what, field in (("wall", 0), ("cpu", 2)):
        ours = statistics.median(n[field] for n, _ in pairs)
        theirs = statistics.median(p[field] for _, p in pairs)
        ratio = statistics.median(n[field] / p[field] for n, p in pairs)
        print(f"{'EPUB newspack / pandoc (' + what + ', paired)':36} {ours:8.3f} {theirs:8.3f}  "
              f"{ratio:5.2f}x  <= 2x {'ok' if ratio <= 2 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one round of everything, small (checks the bench works)")
    parser.add_argument("--epub-only", action="store_true",
                        help="only HTML -> EPUB against pandoc, in turns (newspack, pandoc, newspack...)")
    args = parser.parse_args()
    if args.quick:
        args.rounds = 1
    os.environ.setdefault("NEWSPACK_CACHE_DIR", tempfile.mkdtemp(prefix="newspack-bench-cache-"))
    # What an installed newspack runs: bytecode compiled once (pip does it), not every run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "newspack")], check=True,
                   stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="newspack-bench-") as tmp:
        folder = Path(tmp)
        epub = [NEWSPACK, "-q", "article", str(SAMPLE), "-o", str(folder / "a.epub")]
        cold = run_measured(epub)[0]  # fills the cache the runs below read
        rows = [
            ("newspack --help", [NEWSPACK, "--help"], 0.15),
            ("HTML -> EPUB", epub, 0.25),
            ("HTML -> PDF (pdf/ua-1, default)", [NEWSPACK, "-q", "article", str(SAMPLE), "-o", str(folder / "a.pdf")], None),
            ("HTML -> PDF (--pdf-variant none)", [NEWSPACK, "-q", "article", str(SAMPLE), "--pdf-variant", "none",
                                                  "-o", str(folder / "b.pdf")], None),
        ]
        pandoc = None if args.quick else shutil.which("pandoc")
        if pandoc:
            paired_epub(args.rounds, epub, [pandoc, str(SAMPLE), "-o", str(folder / "p.epub")])
        if args.epub_only:
            return
        if pandoc:
            rows.insert(2, ("pandoc HTML -> EPUB (same page)", [pandoc, str(SAMPLE), "-o", str(folder / "p.epub")], None))
        print(f"{'what':36} {'median s':>8} {'best s':>8} {'cpu s':>8} {'peak MB':>8}  target")
        print(f"{'HTML -> EPUB, cold cache (1 run)':36} {cold:8.3f}")
        times = {}
        for name, command, target in rows:
            median, best, rss, cpu = timed(args.rounds, command)
            times[name] = median
            verdict = "" if target is None else f"<= {target:.2f} s {'ok' if median <= target else 'MISSED'}"
            print(f"{name:36} {median:8.3f} {best:8.3f} {cpu:8.3f} {rss:8d}  {verdict}")
        if pandoc:
            print(f"{'newspack EPUB / pandoc EPUB':36} {times['HTML -> EPUB'] / times['pandoc HTML -> EPUB (same page)']:7.1f}x")
        # The tagging cost from runs taken in turns (tagged, plain, tagged...): a machine whose
        # load drifts during the rows above moves both sides alike.
        tagged_cmd = next(c for n, c, _ in rows if n == "HTML -> PDF (pdf/ua-1, default)")
        plain_cmd = next(c for n, c, _ in rows if n == "HTML -> PDF (--pdf-variant none)")
        pairs = [(run_measured(tagged_cmd), run_measured(plain_cmd)) for _ in range(args.rounds)]
        for what, field in (("wall", 0), ("cpu", 2)):
            ratios = sorted(t[field] / p[field] for t, p in pairs)
            extra = (ratios[len(ratios) // 2] - 1) * 100
            print(f"{'pdf/ua-1 tagging cost (' + what + ', paired)':36} {extra:+7.1f}%                             "
                  f"<= +20% {'ok' if extra <= 20 else 'MISSED'}")

        page, raw = heavy_article(folder, 2, (1200, 900)) if args.quick else heavy_article(folder)
        book = folder / "heavy.epub"
        seconds, _, rss, _ = timed(1, [NEWSPACK, "-q", "article", str(page), "-o", str(book)])
        ratio = book.stat().st_size / raw
        print(f"{'image-heavy HTML -> EPUB':36} {seconds:8.3f} {rss:8d}")
        print(f"image-heavy: raw images {raw / 1e6:.1f} MB -> EPUB {book.stat().st_size / 1e6:.2f} MB "
              f"({ratio:.1%} of raw)  target <= 33% {'ok' if ratio <= 1 / 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
