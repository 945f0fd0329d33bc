"""The scripts a book's text uses, and whether this machine has a font for each.

WeasyPrint (through Pango and fontconfig) picks, glyph by glyph, any installed font that has
the glyph; with none, the glyph prints as an empty box. The stylesheets name Debian's Noto
families first for each script (``make demo`` / ``make test`` install them); this module only
finds out, before the PDF is made, which script would print as boxes, to say so once.
"""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

from ..model import Edition

#: Scripts by a code point range, with a character that every font of the script has.
SCRIPTS = (
    ("Greek", 0x0370, 0x03FF, "α"),
    ("Cyrillic", 0x0400, 0x04FF, "ж"),
    ("Hebrew", 0x0590, 0x05FF, "א"),
    ("Arabic", 0x0600, 0x06FF, "ب"),
    ("Devanagari", 0x0900, 0x097F, "क"),
    ("Bengali", 0x0980, 0x09FF, "ক"),
    ("Tamil", 0x0B80, 0x0BFF, "க"),
    ("Thai", 0x0E00, 0x0E7F, "ก"),
    ("Georgian", 0x10A0, 0x10FF, "ა"),
    ("Hangul", 0xAC00, 0xD7AF, "한"),
    ("Japanese kana", 0x3040, 0x30FF, "あ"),
    ("CJK (Chinese/Japanese)", 0x4E00, 0x9FFF, "中"),
)
#: Seconds fontconfig may take to answer: past it the check is skipped, the book still made.
FC_TIMEOUT = 10


def scripts_in(text: str) -> list[str]:
    """The names of the non-Latin scripts ``text`` uses, in the order of ``SCRIPTS``."""
    points = {ord(ch) for ch in set(text) if ord(ch) >= 0x0370}
    return [name for name, low, high, _ in SCRIPTS if any(low <= p <= high for p in points)]


@lru_cache(maxsize=None)
def has_font_for(sample: str) -> bool:
    """Whether fontconfig knows a font holding ``sample``; True when it cannot be asked."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return True
    try:
        found = subprocess.run([fc_list, f":charset={ord(sample):x}", "family"], capture_output=True,
                               text=True, timeout=FC_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(found.stdout.strip())


def uncovered_scripts(edition: Edition) -> list[str]:
    """Scripts of the edition's text that no installed font covers (they would print as boxes)."""
    text = "".join(a.body_text + (a.title or "") for a in edition.articles)
    samples = {name: sample for name, _, _, sample in SCRIPTS}
    return [name for name in scripts_in(text) if not has_font_for(samples[name])]


def font_warnings(edition: Edition) -> list[str]:
    """One warning per script without a font, naming the script and the package that has one."""
    return [f"no font for {name} text is installed: it prints as empty boxes in the PDF "
            f"(install Debian's fonts-noto-core and fonts-noto-cjk)" for name in uncovered_scripts(edition)]
