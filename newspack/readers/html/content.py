"""Main-content detection: clean the page by structure, then find the story's container.

Steps, in order (each a function below):

1. ``strip_junk`` (clean): drop elements that never hold story text (script, style,
   embeds, ...), hidden elements and sign-up boxes.
2. ``find_candidate``: a readability-style scorer. Every paragraph-like element scores by its
   length and commas; the score flows to its parent (full), grandparent (half) and further
   ancestors (less). The best container, discounted by its link density, wins.
3. ``strip_furniture``: drop share bars, related lists, newsletters, ads, cookie notices and
   comments by id/class word lists (``data/html/remove_tokens.txt``), sparing the ancestors
   of the first candidate so a wrapper with an unlucky class name never takes the story along.
4. Score again on the cleaned tree and ``gather`` the winner plus siblings that score close.
5. ``clean_conditionally``: inside the container, drop link-heavy boxes (teaser lists,
   "more on this" cards) that structure alone cannot name.

Class names are only a hint: pages with machine-generated classes still work from steps 1,
2, 4 and 5.
"""
from __future__ import annotations

from .clean import STORY_MARK, drop, kept_parts, mark_story_parts, strip_junk
from .paragraphs import make_paragraphs
from ..tuning import active, enabled
from .dom import (BLOCK_TAGS, ancestors, link_density, named_as_furniture, short_text, text_length, text_of,
                  token_list)

#: Removed unless they hold the story's candidate (some sites wrap everything in a form or header).
CHROME_TAGS = ("nav", "footer", "aside", "form", "header", "menu")
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar", "alert", "status", "tablist"})
PARAGRAPH_TAGS = ("p", "pre", "td", "blockquote", "li", "h2", "h3")

#: Paragraph-like elements shorter than this don't vote (menus, labels, dates).
MIN_PARAGRAPH_CHARS = 25
#: Score per 100 characters of a paragraph, capped: long paragraphs count, but can't drown out many.
CHARS_PER_POINT = 100
MAX_LENGTH_POINTS = 3
#: How many ancestor levels receive a paragraph's score; more levels favour outer wrappers.
SCORE_LEVELS = 5
#: Only this many best raw scores are ranked after the link-density discount.
MAX_RANKED_CANDIDATES = 30
#: Readability's promotion: this many top candidates are compared...
TOP_CANDIDATES = 5
#: ...those within this share of the best count as alternatives...
ALTERNATIVE_SHARE = 0.75
#: ...and an ancestor holding this many of them is the real container (paragraphs wrapped one by one).
MIN_ALTERNATIVES = 3
#: Widening: at most this many levels above the winner are considered (how much more prose an
#: ancestor must hold, and how much of it prose, is tuning: ``Tuning.min_widen_growth``...).
MAX_WIDEN_LEVELS = 6
#: A winner's own share of prose is measured when at least this share of its text is in paragraphs.
MIN_MEASURED_PROSE_SHARE = 0.2
# Siblings join the story when they score ``Tuning.sibling_share`` of the winner's score.
#: A sibling paragraph with no score joins when it is this long and has few links.
SIBLING_PARAGRAPH_CHARS = 80
SIBLING_MAX_LINK_DENSITY = 0.25
#: A sibling dressed like the winner (same tag and class) joins at a lower score when it holds
#: this many characters of prose: a story's other section, not a tag box or a disclaimer.
DRESSED_SIBLING_MIN_PROSE = 500
#: Boxes inside the story with more link text than this share are teaser lists or menus.
MAX_BOX_LINK_DENSITY = 0.5
#: ...unless they are long prose with a few links: then this much text keeps them.
LONG_BOX_CHARS = 600
#: Furniture shorter than this can't be the story, so its protection isn't even checked.
MIN_PROTECTED_CHARS = 500
#: A sibling holding an image joins the story only if its text is caption-sized.
MAX_FIGURE_TEXT_CHARS = 500
#: A token-matched element holding more than this share of the page's paragraph score is
#: the story under an unlucky class name, and is kept.
PROTECT_SCORE_SHARE = 0.5

def _paragraph_score(text: str) -> float:
    return 1 + text.count(",") + text.count("，") + min(len(text) / CHARS_PER_POINT, MAX_LENGTH_POINTS)


def _paragraph_points(el) -> float | None:
    """What one paragraph-like element votes, or None when it doesn't vote."""
    if el.tag == "div":
        # a div holding text directly (no block children) is a paragraph in disguise
        if any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
            return None
    text = text_of(el)
    if len(text) < MIN_PARAGRAPH_CHARS:
        return None
    if el.tag in ("li", "td") and link_density(el, text) > 0.5:
        return None
    return _paragraph_score(text) * (1 - link_density(el, text))


def score_elements(root, votes: dict | None = None, changed=frozenset()) -> dict:
    """Readability scores: each paragraph's points shared out to its ancestors.

    ``votes`` remembers each paragraph's points between calls; a paragraph in ``changed``
    (one that lost part of its subtree since) is measured again.
    """
    scores: dict = {}
    votes = {} if votes is None else votes
    keep = token_list("keep_tokens.txt")
    for el in root.iter(*PARAGRAPH_TAGS, "div"):
        if el in votes and el not in changed:
            points = votes[el]
        else:
            points = votes[el] = _paragraph_points(el)
        if points is None:
            continue
        level = 0
        for anc in ancestors(el):
            if level >= SCORE_LEVELS:
                break
            divider = 1 if level == 0 else (2 if level == 1 else level * 3)
            scores[anc] = scores.get(anc, 0.0) + points / divider
            level += 1
    for el in list(scores):
        if enabled("keep_tokens") and keep.matches(el):
            scores[el] *= 1.25
    return scores


#: Explicit story markup (schema.org ``articleBody``, the page's one ``<article>``) is trusted
#: when it holds at least this much text; less is a teaser card or an empty shell.
MIN_EXPLICIT_CHARS = 400


def _is_article_body(el) -> bool:
    return "articlebody" in (el.get("itemprop") or "").lower().split()


def explicit_story(root):
    """The element the page itself marks as the story: ``itemprop="articleBody"``, else its only
    outermost ``<article>`` with text. None when the page says nothing (or several things)."""
    bodies = [el for el in root.iter() if isinstance(el.tag, str) and _is_article_body(el)]
    bodies = [el for el in bodies if text_length(el) >= MIN_EXPLICIT_CHARS]
    if bodies:
        return max(bodies, key=text_length)
    articles = [el for el in root.iter("article") if text_length(el) >= MIN_EXPLICIT_CHARS]
    chosen = set(articles)
    outer = [el for el in articles if not any(a in chosen for a in ancestors(el))]
    return outer[0] if len(outer) == 1 else None


def within_explicit(best, explicit, scores: dict):
    """Keep the choice inside the page's explicit story: a sidebar, comment thread or teaser
    list that outscores the marked story is the wrong block, and so is an author box or share
    bar in the story's own <footer> or <aside>. The best-scoring element inside ``explicit``
    and outside its chrome (or ``explicit`` itself) replaces such a choice."""
    if explicit is None or best is explicit or not enabled("explicit_story"):
        return best
    if _is_article_body(explicit) and enabled("article_body"):
        return explicit  # the page's own word on where the story is: a gallery inside it is part of it
    if best in set(ancestors(explicit)):
        return best
    inside_best = explicit in set(ancestors(best))
    if inside_best and not _in_chrome(best, explicit):
        return best
    inside = [(sc, el) for el in explicit.iter() if (sc := scores.get(el)) and not _in_chrome(el, explicit)]
    if not inside:
        return best if inside_best else explicit
    return max(inside, key=lambda t: t[0])[1]


def _in_chrome(el, story) -> bool:
    """Whether ``el`` sits in chrome (footer, aside, nav...) or named furniture below ``story``."""
    if not enabled("explicit_chrome"):
        return False
    for anc in (el, *ancestors(el)):
        if anc is story:
            return False
        if anc.tag in CHROME_TAGS or named_as_furniture(anc):
            return True
    return False


def find_candidate(root, scores: dict | None = None):
    """The element most likely to be the story's container (body when nothing scores).

    As in Readability: the best-scoring element, then promoted to the nearest ancestor that
    holds several near-best alternatives (a story whose paragraphs sit in one wrapper each),
    or to a parent that scores even higher.
    """
    scores = score_elements(root) if scores is None else scores
    body = root.find(".//body")
    # link density is costly on big wrappers: only the front-runners need it
    front = sorted(((el, sc) for el, sc in scores.items() if el.tag != "html"), key=lambda kv: kv[1], reverse=True)
    links: dict = {}
    adjusted = {el: sc * (1 - link_density(el, lengths=links)) for el, sc in front[:MAX_RANKED_CANDIDATES]}
    if not adjusted:
        return body if body is not None else root
    ranked = sorted(adjusted.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    alternatives = [el for el, sc in ranked[1:TOP_CANDIDATES] if sc >= ALTERNATIVE_SHARE * best_score]
    if len(alternatives) >= MIN_ALTERNATIVES:
        alt_ancestors = [set(ancestors(a)) for a in alternatives]
        for anc in ancestors(best):
            if anc.tag in ("body", "html"):
                break
            if sum(anc in s for s in alt_ancestors) >= MIN_ALTERNATIVES:
                best = anc
                break
    last = adjusted.get(best, best_score)
    threshold = last / 3
    for parent in ancestors(best):
        if parent.tag in ("body", "html"):
            break
        if parent not in adjusted:
            continue
        if adjusted[parent] < threshold:
            break
        if adjusted[parent] > last:
            best = parent
            break
        last = adjusted[parent]
    return best


def _total_score(root) -> float:
    texts = (text_of(p) for p in root.iter("p"))
    return sum(_paragraph_score(text) for text in texts if len(text) >= MIN_PARAGRAPH_CHARS)


#: A wrapper named as social furniture is kept when embedded posts (tweets, Instagram posts)
#: are at least this share of its text; less, and it is a share bar or a feed that quotes one.
MIN_EMBED_SHARE = 0.5


def _mostly_embedded_posts(el) -> bool:
    embeds = token_list("embed_tokens.txt")
    quoted = sum(len(text_of(b)) for b in el.iter("blockquote") if embeds.matches(b))
    return quoted > 0 and quoted >= MIN_EMBED_SHARE * len(text_of(el))


#: An element named as furniture inside the story holding a picture and at most this much
#: text (a caption), and no linked text, is the story's own picture in a widget wrapper.
MAX_PICTURE_WIDGET_CHARS = 300


def _story_picture(el) -> bool:
    from .figures import is_story_image

    img = el.find(".//img") if el.tag != "img" else el
    if img is None or not is_story_image(img):
        return False
    if any(text_of(a) for a in el.iter("a")):
        return False  # a teaser card: its picture comes with a linked headline
    return short_text(el, MAX_PICTURE_WIDGET_CHARS) is not None


def _picture_in_story(el, candidate) -> bool:
    """An image widget inside the story ("dnd-widget-wrapper type-image") is the story's picture."""
    if candidate is None or not enabled("story_pictures") or not _story_picture(el):
        return False
    return any(a is candidate for a in ancestors(el))


def strip_furniture(root, candidate, spare=frozenset()) -> list:
    """Remove chrome and id/class-named furniture, sparing the candidate's outer wrappers
    (and the elements in ``spare``); return the parents of what was removed."""
    # The candidate itself may be a comment list; its grandparent and above are page wrappers.
    protected = set(list(ancestors(candidate))[1:]) if candidate is not None else set()
    protected |= spare
    has_h1 = {a for h1 in root.iter("h1") for a in ancestors(h1)} | set(root.iter("h1"))
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el in protected or el.tag in ("html", "body") or el.get(STORY_MARK):
            continue
        role = (el.get("role") or "").lower()
        if (el.tag in CHROME_TAGS or role in CHROME_ROLES) and enabled("chrome_tags"):
            if el.tag == "header" and el in has_h1:
                continue
            if el.tag == "aside" and el.find(".//blockquote") is not None:
                continue
            doomed.append(el)
        elif enabled("furniture_tokens") and named_as_furniture(el) and not _mostly_embedded_posts(el):
            if not _picture_in_story(el, candidate):
                doomed.append(el)
    if not doomed:
        return []
    # only long furniture might be the story under an unlucky name
    long = {el for el in doomed if short_text(el, MIN_PROTECTED_CHARS) is None}
    total = (_total_score(root) or 1.0) if long else None
    parents = []
    for el in doomed:
        if el.getparent() is None:
            continue
        if el in long and el.tag not in ("nav", "footer") and _total_score(el) > PROTECT_SCORE_SHARE * total:
            continue
        parents.append(el.getparent())
        drop(el)
    return parents


def _sole_child_wrapper(el):
    """``el``'s parent when ``el`` is its only element child (a layout row around a column)."""
    parent = el.getparent()
    # never out of the explicit story (an <article>, an articleBody): what is beside it is not it
    if el.tag == "article" or el.get(STORY_MARK) or parent is None or parent.tag in ("body", "html", "article") \
            or parent.get(STORY_MARK):
        return None
    children = [c for c in parent if isinstance(c.tag, str)]
    return parent if children == [el] and not (parent.text or "").strip() else None


def gather(candidate, scores: dict) -> list:
    """The winner plus its siblings that belong to the same story, in document order.

    A winner alone in its wrapper (a column in a layout row) is looked at as that wrapper: the
    story's other parts are the rows beside it, split by ad rows. A sibling dressed like the
    winner (the same class) is another part of it and needs a lower score to join, as in
    Readability."""
    best = scores.get(candidate, 0.0)
    winner = candidate
    if enabled("gather_siblings"):
        while (up := _sole_child_wrapper(candidate)) is not None:
            candidate = up
    parent = candidate.getparent()
    if parent is None or candidate.tag == "body" or not enabled("gather_siblings"):
        return [candidate]
    best = max(best, scores.get(candidate, 0.0))
    sibling_share = active().sibling_share
    threshold = max(10.0, best * sibling_share)
    dress = (candidate.tag, candidate.get("class") or "")
    parts = []
    for sib in parent:
        if not isinstance(sib.tag, str):
            continue
        if sib is candidate:
            parts.append(sib)
            continue
        bonus = best * sibling_share if dress[1] and (sib.tag, sib.get("class") or "") == dress and \
            _prose_chars(sib) >= DRESSED_SIBLING_MIN_PROSE else 0.0
        if sib in scores and scores[sib] + bonus >= threshold and link_density(sib) < SIBLING_MAX_LINK_DENSITY:
            parts.append(sib)
        elif sib.tag == "p":
            text = text_of(sib)
            if len(text) >= SIBLING_PARAGRAPH_CHARS and link_density(sib, text) < SIBLING_MAX_LINK_DENSITY:
                parts.append(sib)
    if len(parts) > 1:
        # an image between two chosen parts belongs to the story (a lead photo under the dek)
        siblings = [s for s in parent if isinstance(s.tag, str)]
        lo, hi = siblings.index(parts[0]), siblings.index(parts[-1])
        chosen = set(parts)
        parts = [s for s in siblings[lo:hi + 1] if s in chosen or (
            (s.tag == "figure" or s.find(".//img") is not None) and len(text_of(s)) < MAX_FIGURE_TEXT_CHARS)]
    # the wrapper climbed to holds only the winner: the winner stands for it
    return [winner if p is candidate else p for p in parts]


def _prose_paragraphs(el):
    """(paragraph, its characters) for the prose paragraphs (long, few links) under ``el``."""
    for p in el.iter("p"):
        text = text_of(p)
        if len(text) >= MIN_PARAGRAPH_CHARS and link_density(p, text) <= SIBLING_MAX_LINK_DENSITY:
            yield p, len(text)


def _prose_chars(el) -> int:
    """Characters of prose paragraphs under ``el``."""
    return sum(n for _, n in _prose_paragraphs(el))


def _prose_mass(root) -> dict:
    """Characters of prose paragraphs under each element."""
    mass: dict = {}
    for p, n in _prose_paragraphs(root):
        for anc in ancestors(p):
            mass[anc] = mass.get(anc, 0) + n
    return mass


def widen(candidate, root):
    """Climb to an ancestor when the story is split over several wrappers (sections cut by
    images or ads): the ancestor must add prose and stay mostly prose."""
    if not enabled("widen"):
        return candidate
    mass = _prose_mass(root)
    best, base = candidate, mass.get(candidate, 0)
    if not base:
        return candidate
    # A story that is partly headings, quotes and lists has less of its text in paragraphs: an
    # ancestor must stay about as much prose as the winner is, not more. A winner with little
    # of its text in <p> (a story in bare <div>s) gives no measure: the fixed share holds.
    own = base / (len(text_of(candidate)) or 1)
    tuning = active()
    share = min(tuning.min_widen_prose_share, tuning.widen_share_kept * own) if own >= MIN_MEASURED_PROSE_SHARE \
        else tuning.min_widen_prose_share
    level = 0
    for anc in ancestors(candidate):
        level += 1
        if anc.tag in ("body", "html") or level > MAX_WIDEN_LEVELS:
            break
        grown = mass.get(anc, 0)
        if grown >= base * (1 + tuning.min_widen_growth):
            total = len(text_of(anc)) or 1
            if grown / total < share or link_density(anc) > SIBLING_MAX_LINK_DENSITY:
                break
            best, base = anc, grown
    return best


def clean_conditionally(container) -> None:
    """Drop link-heavy boxes and lists inside the story (teaser cards, topic lists, menus)."""
    if not enabled("clean_conditionally"):
        return
    doomed = []
    for el in container.iter("div", "section", "ul", "ol", "table", "dl"):
        if el is container:
            continue
        text = text_of(el)
        if not text:
            if el.find(".//img") is None:
                doomed.append(el)
            continue
        density = link_density(el, text)
        if density > MAX_BOX_LINK_DENSITY and not (len(text) > LONG_BOX_CHARS and density < 0.7):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            drop(el)


def extract_content(root, story_selectors=(), keep=(), relaxed: bool = False):
    """Clean ``root`` in place and return the story's container elements in order.

    ``keep`` holds a site rule's selectors: what they match is the story, and only the
    cleaning inside it runs. ``relaxed`` leaves out the furniture removal by names and tags
    (the first fallback, for pages where it took the story along).
    """
    strip_junk(root)
    if enabled("loose_paragraphs"):
        make_paragraphs(root)
    mark_story_parts(root, story_selectors)
    kept = kept_parts(root, keep) if keep else []
    if kept:
        strip_furniture(root, None, spare=set(kept) | {a for el in kept for a in ancestors(el)})
        parts = [el for el in kept if el.getparent() is not None]
        for part in parts:
            clean_conditionally(part)
        return parts
    votes: dict = {}
    explicit = explicit_story(root)
    scores = score_elements(root, votes)
    first = within_explicit(find_candidate(root, scores), explicit, scores)
    parents = [] if relaxed else strip_furniture(root, first)
    # only paragraphs that lost part of their subtree need measuring again
    changed = {a for el in parents if el.getparent() is not None or el is root for a in (el, *ancestors(el))}
    scores = score_elements(root, votes, changed)
    if explicit is not None and explicit.getparent() is None:
        explicit = None  # removed as furniture after all
    candidate = within_explicit(find_candidate(root, scores), explicit, scores)
    # A candidate that is one paragraph among many siblings: its parent is the story.
    if candidate.tag in PARAGRAPH_TAGS and candidate.getparent() is not None:
        candidate = candidate.getparent()
    candidate = widen(candidate, root)
    parts = gather(candidate, scores)
    for part in parts:
        clean_conditionally(part)
    return parts
