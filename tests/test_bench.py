"""Every bench script runs in its quick mode, so a bench broken by a change fails the build
(bench/digest.py crashed for weeks once the PDF writer stopped calling what it wrapped).
The figures of a quick run mean nothing; only that every step ran and printed its line."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

#: The line each bench prints when its last step ran.
BENCHES = {
    "digest.py": "PDF render, 2 articles",
    "render.py": "image-heavy: raw images",
    "extract_speed.py": "pages/s",
    "scaling.py": "text nested",
}


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(BENCHES))
def test_every_bench_runs_in_its_quick_mode(script, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "NEWSPACK_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:] + proc.stdout[-2000:]
    assert BENCHES[script] in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr
