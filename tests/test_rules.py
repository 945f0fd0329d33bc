"""Site rules: the TOML format, domain matching, the loader, and the HTML reader applying them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli
from newspack.errors import UsageError
from newspack.model import Paragraph
from newspack.readers.html.reader import read_html
from newspack.rules import SiteRule, SiteRules, load_rules, parse_rules, rules_names

RULES = """
["example.org"]
keep = ["div.story"]
remove = [".promo"]

["news.example.org"]
remove = ["p.kicker"]
"""

PROSE = "The council met on Tuesday evening to discuss the budget, and members argued for hours about the roads."
AGAIN = ("On Wednesday the mayor signed it, saying the library would open again by spring and the "
         "pool by the summer holidays.")
LURE = ("box, with commas, commas, commas, commas, commas, commas, commas, and more commas, is long "
        "enough to win a scorer that counts commas and length, length, length.")


def page(canonical: str = "https://www.example.org/a") -> str:
    story = f"<p>{PROSE}</p><p class='promo'>Buy the paper today and get a tote bag for your shopping trips.</p><p>{AGAIN}</p>"
    other = "".join(f"<p>Neighbour {word} {LURE}</p>" for word in ("one", "two", "three", "four"))
    return (f"<html><head><title>Budget</title><link rel='canonical' href='{canonical}'></head><body>"
            f"<div class='story'><h1>Budget</h1>{story}</div><div class='box'>{other}</div></body></html>")


def texts(article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


def test_parse_and_match_most_specific_domain():
    rules = parse_rules(RULES)
    assert rules.for_url("https://example.org/x").keep == ("div.story",)
    assert rules.for_url("https://www.example.org/x").domain == "example.org"
    assert rules.for_url("https://news.example.org/x").remove == ("p.kicker",)
    assert rules.for_url("https://notexample.org/x") is None
    assert rules.for_url(None) is None and rules.for_url("file:///tmp/a.html") is None


def test_merge_adds_selectors_of_the_same_domain():
    merged = parse_rules(RULES).merged(SiteRules((SiteRule("example.org", remove=(".ad",)),)))
    assert merged.for_url("https://example.org/").remove == (".promo", ".ad")


@pytest.mark.parametrize("bad", [
    '["example.org"]\nkeepp = ["p"]',          # unknown key
    '["example.org"]\nkeep = "div[["',         # bad selector
    '["example.org"]\nkeep = [1]',             # not a selector
    '"example.org" = 3',                       # not a table
    '["example.org"\nkeep = []',               # not TOML
])
def test_bad_rules_are_usage_errors(bad):
    with pytest.raises(UsageError):
        parse_rules(bad)


def test_load_by_path_and_by_name_user_folder_first(tmp_path, monkeypatch):
    path = tmp_path / "mine.toml"
    path.write_text(RULES, encoding="utf-8")
    assert load_rules([str(path)]).for_url("https://example.org/").keep == ("div.story",)
    assert "examples" in rules_names()
    assert load_rules(["examples"]).for_url("https://en.wikipedia.org/wiki/X") is not None
    user = tmp_path / "config"
    (user / "data" / "rules").mkdir(parents=True)
    (user / "data" / "rules" / "examples.toml").write_text('["example.net"]\nkeep = ["main"]\n', encoding="utf-8")
    monkeypatch.setenv("NEWSPACK_DATA_DIR", str(user))
    replaced = load_rules(["examples"])
    assert replaced.for_url("https://example.net/") is not None
    assert replaced.for_url("https://en.wikipedia.org/wiki/X") is None
    with pytest.raises(UsageError):
        load_rules(["no-such-rules"])


def test_reader_keeps_and_removes_by_rule():
    plain = read_html(page())
    assert any(LURE in t for t in texts(plain))  # without rules the comma-heavy box wins
    ruled = read_html(page(), rules=parse_rules(RULES))
    assert texts(ruled) == [PROSE, AGAIN]


def test_reader_ignores_rules_of_other_sites_and_thin_keeps():
    other = read_html(page("https://example.com/a"), rules=parse_rules(RULES))
    assert any(LURE in t for t in texts(other))
    thin = parse_rules('["example.org"]\nkeep = ["h1"]')
    assert any(LURE in t for t in texts(read_html(page(), rules=thin)))  # a headline is too little


def test_cli_rules_option(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(page(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--rules", str(rules), str(html)])
    assert result.exit_code == 0, result.output
    blocks = [b["text"] for b in json.loads(result.output)["blocks"] if b["type"] == "paragraph"]
    assert blocks == [PROSE, AGAIN]
    bad = CliRunner().invoke(cli, ["extract", "--rules", str(tmp_path / "missing.toml"), str(html)])
    assert bad.exit_code == 2
