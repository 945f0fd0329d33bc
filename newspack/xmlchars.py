"""Characters no XML document can hold: the one definition readers and writers share.

C0 controls other than tab, newline and carriage return, lone surrogates (a page's JSON-LD can
spell "\\ud800") and the non-characters U+FFFE/U+FFFF. lxml refuses any string holding one, and
one in an XHTML file makes a whole EPUB chapter unreadable.
"""
from __future__ import annotations

import re

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (unchanged, and not copied, when clean)."""
    return XML_UNSAFE.sub("", text) if XML_UNSAFE.search(text) else text
