"""Photo credits as captions print them, for both readers: their labels, rights notices, clean-up.

"Photo: Jane Roe/Agency", "(Foto: dpa)", "Crédit photo : X", "© X": the labels are the lexicon's
``credit-label`` and ``credit-by`` words, rights notices its ``rights`` word starts. Where the
credit is found differs by reader (a caption element's text, or a run of scraped prose); what a
credit label is, and what is left of a credit once its label is gone, is decided here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon


def label_alternation() -> str:
    """The credit labels as one regex alternation, longest first ("Photo credit" before "Photo")."""
    return lexicon.alternation("credit-label")


def by_alternation() -> str:
    """The words joining a label to the name ("Photo *by*", "Foto *von*")."""
    return lexicon.alternation("credit-by")


def _rights() -> re.Pattern:
    return lexicon.pattern(r"\b%s", "rights")


def is_rights(text: str) -> bool:
    """True when ``text`` holds a rights notice ("All rights reserved", "Alle Rechte vorbehalten")."""
    return bool(_rights().search(text))


@lru_cache(maxsize=1)
def _bracketed() -> re.Pattern:
    return re.compile(r"^[(\[]\s*(?:%s\s*:?\s*|©\s*)(.+?)\s*[)\]]$" % label_alternation(), re.IGNORECASE)


@lru_cache(maxsize=1)
def _leading_label() -> re.Pattern:
    # "Photo: X", and "Photo by X" with no colon
    return re.compile(r"^%s\s*(?::\s*|\s(?:%s)\s+)" % (label_alternation(), by_alternation()), re.IGNORECASE)


@lru_cache(maxsize=1)
def _rights_tail() -> re.Pattern:
    return re.compile(r"\s*/\s*" + COPYRIGHT_MARK + r".*$", re.IGNORECASE)


def without_rights_tail(credit: str) -> str:
    """'Jane Roe/Copyright 2024 The AP. All rights reserved' -> 'Jane Roe' (the agency's notice)."""
    return _rights_tail().sub("", credit).strip()


#: The mark that opens a copyright line or a credit: "©", "(c)", "Copyright".
COPYRIGHT_MARK = r"(?:©|\(c\)|copyright\b)"
_COPYRIGHT = re.compile("^" + COPYRIGHT_MARK + r"\s*:?\s*", re.IGNORECASE)


def strip_credit_label(text: str) -> str:
    """'Foto: Name / dpa' -> 'Name / dpa'; '© X' -> 'X'; '(Photo: X)' -> 'X'."""
    text = " ".join(text.split())
    m = _bracketed().match(text)
    if m:
        return " ".join(m.group(1).split())
    text = _leading_label().sub("", text)
    text = _COPYRIGHT.sub("", text)
    text = _leading_label().sub("", text)
    return " ".join(text.split()).strip(" |—–-:")


def clean_credit(credit: str) -> str | None:
    """A credit without the brackets and punctuation around it; None when nothing is left."""
    credit = credit.strip().strip("()[]").strip()
    credit = re.sub(r"^[|—–\-:©\s]+|[\s.,;:|]+$", "", credit)
    return credit or None
