"""The one site-suffix rule: where a page title ends in the site's name ("Headline | Site").

Both readers cut a site's name off a title, and both ask :func:`split_site_suffix`; they
differ only in the values of :class:`SuffixRule` they pass, each a calibrated reading:

- the HTML reader splits a ``<title>``, which it checks against the page's ``<h1>`` and
  ``og:site_name`` afterwards, so it tries each separator in turn and allows a longer tail
  (:data:`HTML_TITLE`);
- the text reader splits a scraped first line with nothing to check it against, so it looks
  at the last separator only, and wants a short tail without a digit and a headline of at
  least two words (:data:`TEXT_LINE`); it then asks that the tail be printed elsewhere on
  the page unless the separator is a bar.

Unifying the two values moves extraction: the HTML value on text lines cuts headline tails
("- 5 things to know"), the text value on ``<title>`` keeps longer site names
("| The Sydney Morning Herald").
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SuffixRule:
    """When the part of a title after a separator is a site's name."""

    #: What stands between headline and site name, tried in order: a literal separator is
    #: split at its last occurrence, a pattern at its last match.
    separators: tuple[str | re.Pattern, ...]
    #: A site name has at most this many words (longer: part of the headline).
    max_words: int
    #: The headline before it has at least this many words.
    min_head_words: int = 1
    #: The headline has at least as many words as the site name (a title is mostly headline).
    head_outweighs_tail: bool = False
    #: A tail with a digit ("Part 2", "2024") may be a site name.
    digits: bool = True


HTML_TITLE = SuffixRule(separators=(" | ", " - ", " — ", " – ", " :: ", " · ", " • ", " / "),
                        max_words=6, head_outweighs_tail=True)
TEXT_LINE = SuffixRule(separators=(re.compile(r"\s+(?:\||-|–|—|·|•|/|»|::)\s+"),),
                       max_words=4, min_head_words=2, digits=False)


def _split_last(title: str, separator: str | re.Pattern) -> tuple[str, str, str] | None:
    if isinstance(separator, str):
        head, sep, tail = title.rpartition(separator)
        return (head, sep, tail) if sep else None
    last = None
    for last in separator.finditer(title):
        pass
    return (title[:last.start()], last.group(), title[last.end():]) if last else None


def split_site_suffix(title: str, rule: SuffixRule) -> tuple[str, str, str] | None:
    """(headline, separator, site name) of ``title`` under ``rule``, both parts stripped, or
    None when no separator splits off a site name."""
    for separator in rule.separators:
        split = _split_last(title, separator)
        if split is None:
            continue
        head, sep, tail = split[0].strip(), split[1], split[2].strip()
        head_words, tail_words = len(head.split()), len(tail.split())
        if (head and head_words >= rule.min_head_words and tail_words <= rule.max_words
                and (rule.digits or not any(c.isdigit() for c in tail))
                and (not rule.head_outweighs_tail or head_words >= tail_words)):
            return head, sep, tail
    return None
