"""tools/trafilatura_extract.py speaks the extract contract, so score.py can compare it with newspack."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "trafilatura_extract.py"
PAGE = """<html lang="en"><head><title>Bridge stays open | Harbour Herald</title>
<meta name="author" content="Ann Lee"><meta property="article:published_time" content="2024-05-02"></head>
<body><article><h1>Bridge stays open</h1>
<p>The council voted late on Tuesday to keep the old harbour bridge open to cyclists all year round.</p>
<p>Repairs to the deck will now be done at night, the city engineer said after the long meeting.</p>
<p>Residents had asked for a safer crossing for three years before the vote, the mayor told reporters.</p>
</article></body></html>"""


def test_each_input_gives_one_contract_line_and_a_bad_one_an_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    missing = tmp_path / "missing.html"
    run = subprocess.run([sys.executable, str(TOOL), str(page), str(missing)], capture_output=True, text=True, timeout=120)
    docs = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 3
    assert [d["source"] for d in docs] == [str(page), str(missing)]
    good, bad = docs
    assert good["date"] == "2024-05-02" and good["byline"] == "Ann Lee"
    assert any("harbour bridge" in b["text"] for b in good["blocks"] if b["type"] == "paragraph")
    assert "error" in bad and str(missing) in bad["error"]
