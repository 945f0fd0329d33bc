#!/usr/bin/env python3
"""Train the plain-text reader's line model (``newspack/data/textmodel/lines.json``).

    python3 tools/train_text_model.py [--eval ../shared/eval] [--cv 5] [--write]

Trains on the development halves only, the held-out halves being other sites:

- ``aeb-text``: each page with the benchmark's article body; a line is story when most of its
  4-word shingles are in it.
- ``wide-text``: each page with its chunks; a line holding a "with" chunk is story, a line holding
  a "without" chunk is not, the other lines carry no label (they weigh nothing in the fit).
- ``rdb-text``: each page with the text of its ``expected.html``, labelled as aeb.
- the ``cases`` with a text input, labelled as aeb.

Logistic regression, fitted by Newton's method with an L2 penalty: deterministic, no random state.
Each page weighs the same in the fit (as in the suites' per-page averages), a line by its share of
the page's labelled words.

``--cv K`` reports site-grouped K-fold cross-validation: pages are grouped by site (aeb: the
domain of the page's URL; wide: one site per page; rdb and cases: one per folder), each group
falls in one fold; for each fold the model is trained on the other folds and the whole reader is
run on the held-out fold and scored with that suite's own metric (``score.py``). The figures
printed are out of fold: every page scored once, by a model that never saw its site.

Needs numpy (tools only; the reader applies the weights in pure Python).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Packaged data only: a user's own phrase lists must not change what is trained.
os.environ["NEWSPACK_DATA_DIR"] = tempfile.mkdtemp(prefix="newspack-train-")

from newspack.sources.encoding import decode  # noqa: E402
from newspack.readers import read_document  # noqa: E402
from newspack.readers.text.prepare import prepare_lines  # noqa: E402
from newspack.readers.tuning import DEFAULT, THRESHOLDS, Tuning  # noqa: E402
from newspack.readers.text import line_model, reading  # noqa: E402
from newspack.writers.extract import article_to_dict  # noqa: E402

#: L2 penalty on the weights (not the bias): higher generalises more, fits the dev pages less.
L2 = 1.0
#: A line is story when at least this share of its shingles is in the expected story.
LABEL_MIN_SHARE = 0.5
#: Lines weigh by their words to this power: 1 weighs by words, 0 counts lines.
WORD_POWER = 0.5
#: Weight of each suite's pages in the fit (a page of any suite weighs the same by default).
SUITE_WEIGHT = {"aeb-text": 1.0, "wide-text": 1.0, "rdb-text": 1.0, "cases": 1.0}
NEWTON_STEPS = 30

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    """One development page: its suite, site group, input text and what it is scored against."""

    suite: str
    pid: str
    group: str
    text: str
    story: str | None = None  # the expected story text (aeb, rdb, cases)
    chunks: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # wide: ("with", "without")


def load_score(eval_dir: Path):
    """The evaluation's own ``score.py`` (its metrics and expected-article parser)."""
    spec = importlib.util.spec_from_file_location("newspack_eval_score", eval_dir / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def _read(path: Path) -> str:
    return decode(path.read_bytes())


def load_pages(eval_dir: Path, score) -> list[Page]:
    """Every development page with a text input, from the four suites."""
    pages = []
    gt = json.loads((eval_dir / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid in sorted(gt):
        f = eval_dir / "aeb" / "text" / f"{pid}.txt"
        if f.is_file():
            pages.append(Page("aeb-text", pid, "aeb:" + _site(gt[pid].get("url") or pid), _read(f),
                              story=gt[pid]["articleBody"]))
    items = json.loads((eval_dir / "wide" / "evaldata.json").read_text(encoding="utf-8"))
    for pid in sorted(items):
        f = eval_dir / "wide" / "text" / f"{pid}.txt"
        if f.is_file():
            norm = lambda cs: tuple(" ".join(c.split()) for c in cs)  # noqa: E731
            pages.append(Page("wide-text", pid, "wide:" + pid, _read(f),
                              chunks=(norm(items[pid]["with"]), norm(items[pid]["without"]))))
    for d in sorted(p for p in (eval_dir / "rdb").iterdir() if (p / "source.txt").is_file()):
        exp = score._ExpectedArticle()
        exp.feed((d / "expected.html").read_text(encoding="utf-8"))
        pages.append(Page("rdb-text", d.name, "rdb:" + d.name, _read(d / "source.txt"), story="".join(exp.text)))
    for d in sorted((eval_dir / "cases").iterdir()):
        f = d / "input.txt"
        if f.is_file():
            exp = json.loads((d / "expected.json").read_text(encoding="utf-8"))
            pages.append(Page("cases", d.name, "cases:" + d.name, _read(f),
                              story="\n".join(exp.get("paragraphs") or [])))
    return pages


def shingles(tokens: list[str], n: int = 4) -> Counter:
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def story_labels(lines: list[str], story: str) -> list[float]:
    """1 for a line whose words are (mostly) in the expected story, else 0."""
    truth = WORD.findall(story)
    ts = shingles(truth)
    joined = " " + " ".join(truth).casefold() + " "
    out = []
    for text in lines:
        tokens = WORD.findall(text)
        if len(tokens) >= 4:
            sh = shingles(tokens)
            share = sum((sh & ts).values()) / sum(sh.values())
        else:
            share = float(bool(tokens) and (" " + " ".join(tokens).casefold() + " ") in joined)
        out.append(float(share >= LABEL_MIN_SHARE))
    return out


def chunk_labels(lines: list[str], chunks: tuple[tuple[str, ...], tuple[str, ...]]) -> list[float]:
    """1 for a line holding a "with" chunk, 0 for one holding a "without" chunk, NaN otherwise."""
    with_, without = chunks
    out = []
    for text in lines:
        if any(c in text for c in with_):
            out.append(1.0)
        elif any(c in text for c in without):
            out.append(0.0)
        else:
            out.append(float("nan"))
    return out


def page_matrix(page: Page) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and fit weights of one page's labelled lines (the weights sum to the
    page's suite weight)."""
    lines = prepare_lines(page.text)
    read = reading.analyse_lines(lines)
    infos, repeats, run = read.lines, read.repeats, read.run
    x = np.array(line_model.features(infos, run, repeats), dtype=float).reshape(len(lines), len(line_model.FEATURES))
    y = np.array(chunk_labels(lines, page.chunks) if page.chunks else story_labels(lines, page.story or ""), dtype=float)
    known = ~np.isnan(y)
    x, y = x[known], y[known]
    words = np.array([max(len(WORD.findall(t)), 1) for t, k in zip(lines, known) if k], dtype=float) ** WORD_POWER
    s = words / words.sum() * SUITE_WEIGHT[page.suite] if len(words) else words
    return x, y, s


def fit(mats: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> np.ndarray:
    x = np.vstack([m[0] for m in mats])
    y = np.concatenate([m[1] for m in mats])
    s = np.concatenate([m[2] for m in mats])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 1e-6
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (s * (p - y)) + penalty * w
        hess = (x * (s * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def read_with(pages: list[Page], w: np.ndarray | None, tuning: Tuning = DEFAULT) -> dict[str, dict]:
    """The reader's output (the extract contract's dict) for each page, with weights ``w`` (None:
    the rules alone) on top of ``tuning``."""
    if w is None:
        tuning = replace(tuning, disabled=tuning.disabled | {"line_model"})
    else:
        tuning = replace(tuning, line_weights=tuple(float(v) for v in w))
    out = {}
    for page in pages:
        article = read_document(page.text, tuning=tuning)  # as `newspack extract` reads it (format sniffed)
        out[page.suite + "/" + page.pid] = article_to_dict(article) if article.blocks else {}
    return out


def suite_figures(score, pages: list[Page], docs: dict[str, dict]) -> dict[str, str]:
    """Each suite's figures, with its own metric, over ``pages``."""
    out = {}
    for suite in ("aeb-text", "wide-text", "rdb-text", "cases"):
        mine = [p for p in pages if p.suite == suite]
        if not mine:
            continue
        if suite == "wide-text":
            tp = fp = fn = empty = 0
            for p in mine:
                text = " ".join(score.book_text(docs[suite + "/" + p.pid]).split())
                found = sum(c in text for c in p.chunks[0])
                tp += found
                fn += len(p.chunks[0]) - found
                fp += sum(c in text for c in p.chunks[1])
                empty += not found
            pr, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
            out[suite] = f"P={pr:.3f} R={rc:.3f} F1={2 * pr * rc / max(pr + rc, 1e-9):.3f} empty={empty}"
            continue
        body = score.body_text if suite in ("aeb-text", "cases") else score.book_text
        counts = [score.overlap(p.story, body(docs[suite + "/" + p.pid])) for p in mine]
        pr, rc, f1 = score.prf(counts)
        failed = sum(not docs[suite + "/" + p.pid] for p in mine)
        out[suite] = f"P={pr:.3f} R={rc:.3f} F1={f1:.3f} failed={failed}"
    return out


def fold_of(group: str, k: int) -> int:
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--cv", type=int, default=0, help="also report site-grouped K-fold cross-validation")
    ap.add_argument("--write", action="store_true", help="write the weights file")
    ap.add_argument("--out", type=Path, help="write the weights here instead (experiments)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="try another threshold of the readers' Tuning, e.g. switch_cost=3 (experiments)")
    args = ap.parse_args()
    tuning = DEFAULT
    for item in args.set:
        name, _, value = item.partition("=")
        if name not in THRESHOLDS:
            ap.error(f"--set {item}: {name!r} is no threshold; known: {', '.join(THRESHOLDS)}")
        tuning = replace(tuning, **{name: type(getattr(DEFAULT, name))(value)})
    score = load_score(args.eval)
    pages = load_pages(args.eval, score)
    mats = {p.suite + "/" + p.pid: page_matrix(p) for p in pages}
    print(f"{len(pages)} pages: " + ", ".join(f"{s} {sum(p.suite == s for p in pages)}"
                                              for s in SUITE_WEIGHT))
    if args.cv:
        docs: dict[str, dict] = {}
        for k in range(args.cv):
            test = [p for p in pages if fold_of(p.group, args.cv) == k]
            w = fit([mats[p.suite + "/" + p.pid] for p in pages if fold_of(p.group, args.cv) != k])
            docs.update(read_with(test, w, tuning))
        print(f"out of fold ({args.cv} site-grouped folds, every page scored once by a model that never saw its site):")
        for suite, line in suite_figures(score, pages, docs).items():
            print(f"  {suite:10s} {line}")
    w = fit(list(mats.values()))
    print("in sample (trained on every page it is scored on; not a measure of anything):")
    for suite, line in suite_figures(score, pages, read_with(pages, w, tuning)).items():
        print(f"  {suite:10s} {line}")
    if args.write or args.out:
        out = args.out or ROOT / "newspack" / "data" / "textmodel" / "lines.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"features": list(line_model.FEATURES), "weights": [round(float(v), 6) for v in w],
                "trained_on": "development halves: aeb-text, wide-text (chunk labels), rdb-text, text cases",
                "l2": L2, "label_min_share": LABEL_MIN_SHARE, "word_power": WORD_POWER,
                "suite_weight": SUITE_WEIGHT}
        out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
