"""Which lines of a scraped page are story: a small logistic model over line features.

The rules in ``lines`` give every line a kind (prose, short, boilerplate, title, meta,
barrier) and pick the best prose run. Pages break that picture: a story may be a table or a
product list of short lines, an index page's teasers read as prose, a story in a language with
no stop-word list reads as "short". This module scores each line from features that carry across
sites and languages (length, punctuation, stop words of the known languages and of the page
itself, capitals, digits, the rule kind, position against the title and the prose run, and the
same for the neighbouring lines), then picks the story lines with a two-state Viterbi pass:
switching between story and chrome costs ``Tuning.switch_cost``, so a story stays a contiguous run
unless the evidence for a gap is strong.

The weights are data (``data/textmodel/lines.json``), trained by ``tools/train_text_model.py``
on the development pages only; the feature names are stored with them and checked at load.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from ...words import WORD
from .. import lexicon
from ... import resources
from ..tuning import DEFAULT, Tuning
from .lines import CHROME_KINDS, Kind, Line
from .notices import has_notice_word, is_notice

#: Lines of at least this many words vote for the page's own frequent words (its stop words).
PAGE_WORDS_MIN_LINE_WORDS = 8
#: How many of the page's most widespread words count as its stop words.
PAGE_WORDS_TOP = 40
#: A word must occur in at least this many long lines to be one of the page's stop words.
PAGE_WORDS_MIN_LINES = 3

#: Words this long or longer carry the topic (shorter ones are mostly function words).
CONTENT_WORD_MIN_CHARS = 4
#: Lines on each side whose prose words count as the line's neighbourhood.
WINDOW = 3

_BULLET = re.compile(r"^[\s»›•*·\-–—>]+")
#: A line's shape, one symbol per token class: digits, Capitalised, lower-case words, punctuation.
_SHAPE_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
#: Shape symbols compared between neighbouring lines: table rows and tour dates share their
#: opening ("May 3 – Town, Venue"); fewer matches menus of two words, more misses ragged rows.
ROW_SHAPE_SYMBOLS = 4

#: Feature names, in the order of the weights file.
BASE = (
    "log_words", "words_ge_10", "words_ge_25", "stop_ratio", "page_word_ratio", "terminal", "comma",
    "caps_ratio", "digit_ratio", "bullet", "ends_colon", "is_question", "words_le_3",
) + tuple("kind_" + k for k in Kind)
PAGE = ("row_like", "row_clean", "title_overlap", "topic_overlap", "end_label", "after_end_label", "in_run", "before_run", "after_run", "clean_to_run", "window_prose", "after_title", "title_distance", "rel_position",
        "after_barrier", "repeated", "notice", "notice_word", "notice_near")
CONTEXT = ("log_words", "terminal", "kind_prose", "kind_short", "kind_boilerplate", "page_word_ratio")
OFFSETS = (-2, -1, 1, 2)
FEATURES = ("bias",) + BASE + PAGE + tuple(f"{name}@{off:+d}" for off in OFFSETS for name in CONTEXT)


def page_words(texts: list[str]) -> frozenset[str]:
    """The page's own stop words: the words spread over most of its long lines (any language)."""
    spread: Counter[str] = Counter()
    for text in texts:
        tokens = [t.casefold() for t in WORD.findall(text)]
        if len(tokens) >= PAGE_WORDS_MIN_LINE_WORDS:
            # once per line, in the order the page prints them: words tied at the cut are taken
            # by first use, the same on every run (a set's order changes with the hash seed)
            spread.update(dict.fromkeys(tokens, 1))
    common = [w for w, n in spread.most_common(PAGE_WORDS_TOP) if n >= PAGE_WORDS_MIN_LINES]
    return frozenset(common)


def _base(line: Line, own: frozenset[str]) -> dict[str, float]:
    text = line.text
    tokens = WORD.findall(text)
    f = {
        "log_words": math.log1p(line.words),
        "words_ge_10": float(line.words >= 10),
        "words_ge_25": float(line.words >= 25),
        "stop_ratio": line.stop_ratio,
        "page_word_ratio": sum(t.casefold() in own for t in tokens) / len(tokens) if tokens else 0.0,
        "terminal": float(line.terminal),
        "comma": float("," in text or "،" in text or "、" in text),
        "caps_ratio": sum(t[:1].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
        "digit_ratio": sum(c.isdigit() for c in text) / len(text) if text else 0.0,
        "bullet": float(bool(_BULLET.match(text))),
        "ends_colon": float(text.rstrip().endswith(":")),
        "is_question": float(text.rstrip().endswith("?")),
        "words_le_3": float(line.words <= 3),
    }
    for k in Kind:
        f["kind_" + k] = float(line.kind == k)
    return f


def features(lines: list[Line], run: tuple[int, int], repeated: set[int]) -> list[list[float]]:
    """The feature vector of every line (in :data:`FEATURES` order)."""
    own = page_words([l.text for l in lines])
    base = [_base(l, own) for l in lines]
    rows = []
    for i, page in enumerate(_page_features(lines, run, repeated)):
        row = [1.0] + [base[i][k] for k in BASE] + page
        for off in OFFSETS:
            j = i + off
            ctx = base[j] if 0 <= j < len(lines) else None
            row += [ctx[k] if ctx else 0.0 for k in CONTEXT]
        rows.append(row)
    return rows


def _clean_to_run(lines: list[Line], run: tuple[int, int], repeated: set[int]) -> list[bool]:
    """Lines that join the run without crossing chrome (only unlabelled lines between them):
    a story's tail of short lines (tour dates, a fact box) runs on until a share bar or label."""
    clean = [False] * len(lines)
    for rng in (range(run[0] - 1, -1, -1), range(run[1], len(lines))):
        for i in rng:
            if lines[i].kind in CHROME_KINDS or lines[i].index in repeated:
                break
            clean[i] = True
    return clean


def _after_section_end(ends: list[bool], start: int) -> list[bool]:
    """Lines after a "Related" or "Most read" heading that follows the story's first prose: the
    page has moved on to other stories."""
    after_end = [False] * len(ends)
    seen = False
    for i in range(len(ends)):
        after_end[i] = seen
        seen = seen or (ends[i] and i > start)
    return after_end


def _topic(lines: list[Line], line_words: list[set[str]], run: tuple[int, int]) -> Counter[str]:
    """The story's topic: words used in at least two prose lines of the rules' run. Teasers of
    other stories and menus share few of them; the story's own short lines share many."""
    topic: Counter[str] = Counter()
    for i in range(*run):
        if lines[i].kind == Kind.PROSE:
            topic.update(line_words[i])
    return topic


def _page_features(lines: list[Line], run: tuple[int, int], repeated: set[int]) -> list[list[float]]:
    """The :data:`PAGE` features of every line: where it sits against the run, the title, the
    barrier, and what its neighbours are."""
    start, end = run
    total = max(len(lines), 1)
    title_at = next((i for i, l in enumerate(lines) if l.kind == Kind.TITLE and i > 0), 0)
    barrier_at = next((i for i, l in enumerate(lines) if l.kind == Kind.BARRIER and i >= end > start), total)
    clean = _clean_to_run(lines, run, repeated)
    prose_words = [float(l.words) if l.kind == Kind.PROSE else 0.0 for l in lines]
    ends = [is_section_end(l.text) for l in lines]
    title_words = _content_words(next((l.text for l in lines if l.kind == Kind.TITLE), ""))
    line_words = [_content_words(l.text) for l in lines]
    topic = _topic(lines, line_words, run)
    after_end = _after_section_end(ends, start)
    rowish = row_like(lines)
    # A cookie banner or a log-in form is a block of such lines: one line about cookies may be
    # story, a line among many is not.
    noticed = [is_notice(l.text) for l in lines]
    worded = [n or has_notice_word(l.text) for n, l in zip(noticed, lines)]
    out = []
    for i, line in enumerate(lines):
        near = prose_words[max(0, i - WINDOW):i] + prose_words[i + 1:i + 1 + WINDOW]
        own_in_topic = start <= i < end and line.kind == Kind.PROSE
        words_i = line_words[i]
        page = {
            "row_like": float(rowish[i]),
            "row_clean": float(rowish[i] and clean[i]),
            "title_overlap": len(words_i & title_words) / len(words_i) if words_i and line.kind != Kind.TITLE else 0.0,
            "topic_overlap": (sum(topic[w] - own_in_topic >= 2 for w in words_i) / len(words_i)) if words_i else 0.0,
            "end_label": float(ends[i]),
            "after_end_label": float(after_end[i]),
            "in_run": float(start <= i < end),
            "before_run": math.log1p(start - i) if i < start else 0.0,
            "after_run": math.log1p(i - end + 1) if i >= end else 0.0,
            "clean_to_run": float(clean[i]),
            "window_prose": math.log1p(sum(near)),
            "after_title": float(i > title_at),
            "title_distance": math.log1p(abs(i - title_at)) if title_at else 0.0,
            "rel_position": i / total,
            "after_barrier": float(i >= barrier_at),
            "repeated": float(line.index in repeated),
            "notice": float(noticed[i]),
            "notice_word": float(worded[i]),
            "notice_near": math.log1p(sum(worded[max(0, i - WINDOW):i]) + sum(worded[i + 1:i + 1 + WINDOW])),
        }
        out.append([page[k] for k in PAGE])
    return out


def line_shape(text: str) -> str:
    """The opening of a line's shape ("May 3 – Harbour Hall" -> "A0–A"), repeats of a class merged."""
    out: list[str] = []
    for tok in _SHAPE_TOKEN.findall(text):
        sym = "0" if tok[0].isdigit() else ("A" if tok[0].isupper() else "a") if tok[0].isalpha() else tok
        if not out or out[-1] != sym:
            out.append(sym)
        if len(out) >= ROW_SHAPE_SYMBOLS:
            break
    return "".join(out)


def row_like(lines: list[Line]) -> list[bool]:
    """Lines shaped like a neighbour and holding a digit or separator: rows of a table or list."""
    shapes = [line_shape(l.text) for l in lines]
    out = []
    for i, shape in enumerate(shapes):
        structured = len(shape) >= ROW_SHAPE_SYMBOLS and any(not c.isalpha() for c in shape)
        near = (i > 0 and shapes[i - 1] == shape) or (i + 1 < len(shapes) and shapes[i + 1] == shape)
        out.append(structured and near)
    return out


def extend_rows(keep: list[bool], lines: list[Line], repeated: set[int], tuning: Tuning = DEFAULT) -> list[bool]:
    """``keep`` with the rows that run on from the story's last line up to the first unlike line.

    The line model scores one line at a time, and forty short rows after the prose each look
    like a menu; as a block that starts where the story stops, with no label between, they are
    the story's table.
    """
    kept = [i for i, k in enumerate(keep) if k]
    if not kept:
        return keep
    rowish = row_like(lines)
    j = kept[-1] + 1
    # The table's own heading ("Tour Dates") may already be the story's last line or the first after.
    if j < len(lines) and not rowish[j] and j + 1 < len(lines) and rowish[j + 1] and lines[j].kind == Kind.SHORT:
        j += 1
    end = j
    while end < len(lines) and rowish[end] and lines[end].kind not in CHROME_KINDS and lines[end].index not in repeated:
        end += 1
    if end - j < tuning.row_tail_min or not any(rowish[j:end]):
        return keep
    return keep[:kept[-1] + 1] + [True] * (end - kept[-1] - 1) + keep[end:]


def _join_across_box(keep: list[bool], odds: list[float], lines: list[Line], step: int, tuning: Tuning,
                     stops: tuple[str, ...], edge_stops: tuple[str, ...] = ()) -> list[bool]:
    """``keep`` with the long prose lines the model leans to, found from the story's edge in
    direction ``step`` (+1 down from its last line, -1 up from its first), each at most
    ``tuning.resume_max_gap`` lines from the last one joined; a line of a kind in ``stops`` ends
    the search, and an edge of a kind in ``edge_stops`` has nothing beyond it to join."""
    kept = [i for i, k in enumerate(keep) if k]
    if not kept:
        return keep
    out = list(keep)
    edge = kept[-1] if step > 0 else kept[0]
    if lines[edge].kind in edge_stops:
        return keep
    for j in range(edge + step, len(lines) if step > 0 else -1, step):
        if abs(j - edge) > tuning.resume_max_gap or lines[j].kind in stops:
            break
        if lines[j].kind == Kind.PROSE and lines[j].words >= tuning.resume_min_words and odds[j] > 0:
            out[j] = True
            edge = j
    return out


def resume_after_box(keep: list[bool], odds: list[float], lines: list[Line], tuning: Tuning = DEFAULT) -> list[bool]:
    """``keep`` with the long prose lines that resume the story after an inline box.

    Viterbi pays two switches to cross a box of link lines, and one paragraph after it rarely
    earns that back: a line that reads as prose, that the model calls story on its own, and that
    follows the story closely, is its next paragraph. A comments barrier ends the search.
    """
    return _join_across_box(keep, odds, lines, +1, tuning, (Kind.BARRIER,))


def lead_before_box(keep: list[bool], odds: list[float], lines: list[Line], tuning: Tuning = DEFAULT) -> list[bool]:
    """``keep`` with the long prose lines that open the story above an inline box (a video
    player, a gallery, a share bar between the lead and the rest): ``resume_after_box`` read
    upwards. A headline or a barrier ends the search: prose above the headline is teasers."""
    return _join_across_box(keep, odds, lines, -1, tuning, (Kind.BARRIER, Kind.TITLE), edge_stops=(Kind.TITLE,))


def drop_stray_segments(keep: list[bool], odds: list[float], lines: list[Line], tuning: Tuning = DEFAULT) -> list[bool]:
    """``keep`` without small kept segments far from the main one (the story is one block)."""
    segments: list[list[int]] = []
    for i, k in enumerate(keep):
        if not k:
            continue
        if segments and i - segments[-1][-1] <= tuning.segment_gap_lines:
            segments[-1].append(i)
        else:
            segments.append([i])
    if len(segments) < 2:
        return keep
    mass = [sum(max(odds[i], 0.0) * lines[i].words for i in seg) for seg in segments]
    best = max(mass)
    out = list(keep)
    for seg, m in zip(segments, mass):
        if m < tuning.segment_min_share * best:
            for i in seg:
                out[i] = False
    return out


def _content_words(text: str) -> set[str]:
    """The line's longer words (4+ letters), folded: what it is about, not how it is said."""
    return {t.casefold() for t in WORD.findall(text) if len(t) >= CONTENT_WORD_MIN_CHARS}


def _section_end() -> re.Pattern:
    # The lexicon's headings that open the after-story part of a page (comments,
    # related, most read): the HTML reader's pattern, so both readers stop at the same words.
    return lexicon.pattern(r"^%s$", "section-end", escape=False, longest_first=False)


def is_section_end(text: str) -> bool:
    """True when a line is a heading such as "Related stories" or "Most read" (no story after it)."""
    return len(text) <= 60 and bool(_section_end().match(text.strip(" :.»›>|-–—").strip()))


@lru_cache(maxsize=1)
def weights() -> tuple[float, ...] | None:
    """The trained weights, or None when the file is missing or was trained on other features."""
    try:
        # the user's copy replaces the packaged one; one that is not JSON is an error naming it
        data = resources.read_json("data", "textmodel/lines.json")
    except resources.MissingData:  # no model shipped: the rules alone decide
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    return tuple(float(w) for w in data["weights"])


def log_odds(rows: list[list[float]], w: tuple[float, ...]) -> list[float]:
    """The model's story log-odds for each feature row."""
    return [sum(a * b for a, b in zip(row, w)) for row in rows]


def story_lines(odds: list[float], switch_cost: float | None = None) -> list[bool]:
    """Which lines are story: the best two-state path, paying ``switch_cost`` per switch
    (a story is one run; a gap inside it needs strong evidence)."""
    switch_cost = DEFAULT.switch_cost if switch_cost is None else switch_cost
    if not odds:
        return []
    # score[s]: best total ending in state s (0 chrome, 1 story); story lines earn their log-odds.
    score = [0.0, odds[0] - switch_cost]
    back: list[tuple[int, int]] = []
    for x in odds[1:]:
        stay0, move0 = score[0], score[1] - switch_cost
        stay1, move1 = score[1], score[0] - switch_cost
        b0 = 0 if stay0 >= move0 else 1
        b1 = 1 if stay1 >= move1 else 0
        score = [max(stay0, move0), max(stay1, move1) + x]
        back.append((b0, b1))
    state = 0 if score[0] >= score[1] else 1
    path = [state]
    for b in reversed(back):
        state = b[state]
        path.append(state)
    return [s == 1 for s in reversed(path)]
