"""Extract every evaluation input once and write the jsonl, sorted by source: two snapshots taken
before and after a refactor must be byte-identical (``cmp``), which no suite figure can prove.

    python tools/extract_snapshot.py out.jsonl [--shared ../shared] [--cmd ".venv/bin/newspack extract --format jsonl"]

Gzipped pages are unpacked once into a fixed folder (``--work``), so a page's ``source`` is the
same path in every snapshot.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shlex
import subprocess
import sys
from pathlib import Path

CHUNK = 200  # inputs per extractor process: start-up paid rarely, argv kept short


def inputs(shared: Path, work: Path) -> list[Path]:
    """Every evaluation input, HTML and text, gzipped ones unpacked under ``work``."""
    ev = shared / "eval"
    found: list[Path] = []
    for pattern in ("aeb/text/*.txt", "cases/*/input.*", "wide/text/*.txt", "rdb/*/source.html",
                    "rdb/*/source.txt", "news/*/*/source.txt"):
        found += sorted(ev.glob(pattern))
    for packed in sorted(ev.glob("aeb/html/*.html.gz")) + sorted(ev.glob("wide/pages/*.html.gz")) \
            + sorted(ev.glob("news/*/*/source.html.gz")):
        plain = work / packed.relative_to(ev).with_suffix("")
        if not plain.exists():
            plain.parent.mkdir(parents=True, exist_ok=True)
            plain.write_bytes(gzip.decompress(packed.read_bytes()))
        found.append(plain)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--work", default="/tmp/newspack-eval-inputs")
    ap.add_argument("--cmd", default=".venv/bin/newspack extract --format jsonl")
    args = ap.parse_args()
    files = inputs(Path(args.shared), Path(args.work))
    lines: list[str] = []
    for i in range(0, len(files), CHUNK):
        chunk = [str(f) for f in files[i:i + CHUNK]]
        proc = subprocess.run(shlex.split(args.cmd) + chunk, capture_output=True, text=True)
        lines += [line for line in proc.stdout.splitlines() if line.strip()]
    lines.sort(key=lambda line: json.loads(line)["source"])
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} records from {len(files)} inputs -> {args.out}", file=sys.stderr)
    return 0 if len(lines) == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
