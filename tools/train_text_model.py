#!/usr/bin/env python3
"""Train the plain-text reader's line model (``newspack/data/textmodel/lines.json``).

    python3 tools/train_text_model.py [--eval ../shared/eval] [--cv 2] [--write]

Trains only on the development set (``aeb/text`` pages with their ground truth, and the ``cases``
with a text input); the held-out pages are other sites, so the features are generic (see
``newspack/readers/text_model.py``). A line's label is whether most of its 4-word shingles are in
the expected story. Logistic regression, fitted by Newton's method with an L2 penalty:
deterministic, no random state. Each page weighs the same in the fit (as in the benchmark's
per-page averages), a line by its share of the page's words.

``--cv K`` also reports K-fold cross-validation by page: train on K-1 folds, run the whole
reader on the held-out fold, score it with the benchmark's metric. Needs numpy (tools only; the
reader applies the weights in pure Python).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Packaged data only: a user's own phrase lists must not change what is trained.
os.environ["NEWSPACK_DATA_DIR"] = tempfile.mkdtemp(prefix="newspack-train-")

from newspack.readers import text as text_reader  # noqa: E402
from newspack.readers import text_model  # noqa: E402

#: L2 penalty on the weights (not the bias): higher generalises more, fits the dev pages less.
L2 = 1.0
#: A line is story when at least this share of its shingles is in the expected story.
LABEL_MIN_SHARE = 0.5
#: Lines weigh by their words to this power: 1 weighs by words, 0 counts lines.
WORD_POWER = 0.5
NEWTON_STEPS = 30

WORD = __import__("re").compile(r"\w+")


def shingles(tokens: list[str], n: int = 4) -> Counter:
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def line_labels(lines: list[str], story: str) -> list[int]:
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
        out.append(int(share >= LABEL_MIN_SHARE))
    return out


def load_pages(eval_dir: Path) -> list[tuple[str, str, str]]:
    """(id, input text, expected story text) for every development page with a text input."""
    pages = []
    gt = json.loads((eval_dir / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid in sorted(gt):
        f = eval_dir / "aeb" / "text" / f"{pid}.txt"
        if f.is_file():
            pages.append((pid, f.read_text(encoding="utf-8"), gt[pid]["articleBody"]))
    for d in sorted((eval_dir / "cases").iterdir()):
        f = d / "input.txt"
        if f.is_file():
            exp = json.loads((d / "expected.json").read_text(encoding="utf-8"))
            pages.append((d.name, f.read_text(encoding="utf-8"), "\n".join(exp.get("paragraphs") or [])))
    return pages


def page_matrix(text: str, story: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lines = text_reader.prepare_lines(text)
    _, infos, repeats, run = text_reader.analyse_lines(lines)
    x = np.array(text_model.features(infos, run, repeats), dtype=float).reshape(len(lines), len(text_model.FEATURES))
    y = np.array(line_labels(lines, story), dtype=float)
    words = np.array([max(len(WORD.findall(t)), 1) for t in lines], dtype=float) ** WORD_POWER
    return x, y, words / words.sum() if len(words) else words


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


def body_of(article) -> str:
    parts = []
    for b in article.blocks:
        if type(b).__name__ == "Figure":
            continue
        if getattr(b, "text", None):
            parts.append(b.text)
        elif getattr(b, "items", None):
            parts.extend(b.items)
    return "\n".join(parts)


def score_pages(pages, w: np.ndarray | None, pooled: list | None = None) -> tuple[float, float, float]:
    """The benchmark's P, R, F1 of the whole reader on ``pages`` with weights ``w``; each page's
    (precision or None, recall or None) is appended to ``pooled`` when given."""
    text_model.weights.cache_clear()
    saved = text_model.weights
    fixed = None if w is None else tuple(float(v) for v in w)
    text_model.weights = lambda: fixed  # type: ignore[assignment]
    precs, recs = [], []
    try:
        for _, text, story in pages:
            got = body_of(text_reader.read_text(text))
            ts, ps = shingles(WORD.findall(story)), shingles(WORD.findall(got))
            tp, fp, fn = sum((ts & ps).values()), sum((ps - ts).values()), sum((ts - ps).values())
            pr = (1.0 if fp == fn == 0 else tp / (tp + fp)) if tp + fp else None
            rc = (1.0 if fp == fn == 0 else tp / (tp + fn)) if tp + fn else None
            if pr is not None:
                precs.append(pr)
            if rc is not None:
                recs.append(rc)
            if pooled is not None:
                pooled.append((pr, rc))
    finally:
        text_model.weights = saved
    p, r = float(np.mean(precs)) if precs else 0.0, float(np.mean(recs)) if recs else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def fold_of(pid: str, k: int) -> int:
    return int(hashlib.sha1(pid.encode()).hexdigest(), 16) % k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--cv", type=int, default=0, help="also report K-fold cross-validation by page")
    ap.add_argument("--write", action="store_true", help="write the weights file")
    ap.add_argument("--out", type=Path, help="write the weights here instead (experiments)")
    ap.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE",
                    help="try another constant, e.g. text_model.SWITCH_COST=3 (experiments)")
    args = ap.parse_args()
    for item in args.set:
        name, value = item.split("=", 1)
        mod, _, const = name.rpartition(".")
        target = {"text_model": text_model, "text": text_reader}[mod] if mod else globals()
        if isinstance(target, dict):
            target[const] = type(target[const])(eval(value))
        else:
            setattr(target, const, type(getattr(target, const))(eval(value)))
    pages = load_pages(args.eval)
    mats = {pid: page_matrix(text, story) for pid, text, story in pages}
    aeb = [p for p in pages if len(p[0]) == 64]
    if args.cv:
        pooled: list = []
        for k in range(args.cv):
            train = [mats[pid] for pid, _, _ in pages if fold_of(pid, args.cv) != k]
            test = [p for p in aeb if fold_of(p[0], args.cv) == k]
            w = fit(train)
            rules = score_pages(test, None)
            p, r, f = score_pages(test, w, pooled)
            print(f"fold {k}: {len(test)} aeb pages held out  P={p:.3f} R={r:.3f} F1={f:.3f}"
                  + f"  (rules alone: P={rules[0]:.3f} R={rules[1]:.3f} F1={rules[2]:.3f})")
        precs = [pr for pr, _ in pooled if pr is not None]
        recs = [rc for _, rc in pooled if rc is not None]
        p, r = float(np.mean(precs)), float(np.mean(recs))
        print(f"cross-validated, all {len(pooled)} aeb pages held out once: P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}")
    w = fit(list(mats.values()))
    p, r, f = score_pages(aeb, w)
    print(f"all pages (train = test): P={p:.3f} R={r:.3f} F1={f:.3f}")
    if args.write or args.out:
        out = args.out or ROOT / "newspack" / "data" / "textmodel" / "lines.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"features": list(text_model.FEATURES), "weights": [round(float(v), 6) for v in w],
                "trained_on": "development pages: aeb-text and text cases", "l2": L2,
                "label_min_share": LABEL_MIN_SHARE, "word_power": WORD_POWER}
        out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
