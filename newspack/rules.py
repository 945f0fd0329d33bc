"""Site rules: per-domain CSS selectors that say where a site's story is, as data.

calibre's ``keep_only_tags`` / ``remove_tags`` vocabulary in a TOML file, one table per
domain::

    ["example.com"]                        # also www.example.com, news.example.com
    keep = ["article .story-body"]         # the story is (only) what these match
    remove = [".newsletter-box", "aside"]  # never story text, dropped first

``--rules NAME|FILE`` names a rules file: a path, or the name of one in the data folder
(``data/rules/NAME.toml``, the user's folder first, then the packaged copy; see
``resources``). Several files combine; for a domain named in more than one, the selectors add
up. The reader applies the rules of the most specific domain matching the page's URL (the
given ``--url``, else its canonical or og:url).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from . import resources
from .errors import NewspackError, UsageError

#: Table keys a site's rules may hold; anything else is a typo worth an error.
RULE_KEYS = frozenset({"keep", "remove"})


@dataclass(frozen=True)
class SiteRule:
    """The selectors for one domain: keep (where the story is) and remove (what is never story)."""

    domain: str
    keep: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteRules:
    """Rules for many domains; ``for_url`` picks the one a page falls under."""

    sites: tuple[SiteRule, ...] = ()

    def for_url(self, url: str | None) -> SiteRule | None:
        """The rule of the most specific domain that ``url``'s host is, or is under; else None."""
        host = (urlparse(url).hostname or "").lower().rstrip(".") if url else ""
        if not host:
            return None
        best = None
        for rule in self.sites:
            if host == rule.domain or host.endswith("." + rule.domain):
                if best is None or len(rule.domain) > len(best.domain):
                    best = rule
        return best

    def merged(self, other: "SiteRules") -> "SiteRules":
        """These rules and ``other``'s; a domain in both gets the selectors of both."""
        table: dict[str, SiteRule] = {r.domain: r for r in self.sites}
        for rule in other.sites:
            old = table.get(rule.domain)
            table[rule.domain] = rule if old is None else SiteRule(
                rule.domain, old.keep + rule.keep, old.remove + rule.remove)
        return SiteRules(tuple(table.values()))


def parse_rules(text: str, *, origin: str = "rules") -> SiteRules:
    """Read rules from TOML text; ``origin`` names the file in error messages."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{origin}: not valid TOML: {exc}") from None
    sites = []
    for domain, table in data.items():
        if not isinstance(table, dict):
            raise UsageError(f"{origin}: [{domain!r}] must be a table with keep/remove lists")
        unknown = set(table) - RULE_KEYS
        if unknown:
            raise UsageError(f"{origin}: [{domain!r}] has unknown keys {sorted(unknown)} (use keep, remove)")
        lists = {}
        for key in RULE_KEYS:
            value = table.get(key, [])
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise UsageError(f"{origin}: [{domain!r}] {key} must be a list of CSS selectors")
            lists[key] = tuple(v.strip() for v in value)
        _check_selectors(lists["keep"] + lists["remove"], origin)
        sites.append(SiteRule(domain.strip().lower().lstrip(".").removeprefix("www."), lists["keep"], lists["remove"]))
    return SiteRules(()).merged(SiteRules(tuple(sites)))


def _check_selectors(selectors: tuple[str, ...], origin: str) -> None:
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    for selector in selectors:
        try:
            CSSSelector(selector, translator="html")
        except (SelectorError, ValueError) as exc:
            raise UsageError(f"{origin}: bad CSS selector {selector!r}: {exc}") from None


def load_rules(specs: tuple[str, ...] | list[str]) -> SiteRules:
    """Rules from each spec: a file path, else a rules name in the data folder (user's first)."""
    rules = SiteRules()
    for spec in specs:
        path = Path(spec).expanduser()
        if path.is_file():
            text, origin = path.read_text(encoding="utf-8"), str(path)
        else:
            name = spec if spec.endswith(".toml") else f"{spec}.toml"
            try:
                text = resources.read_text("data", f"rules/{name}")
            except NewspackError:
                raise UsageError(f"--rules {spec}: no such file, nor a rules name (see {rules_names()})") from None
            origin = f"rules/{name}"
        rules = rules.merged(parse_rules(text, origin=origin))
    return rules


def rules_names() -> list[str]:
    """Names of the rules files in the data folders (packaged and the user's)."""
    return [n.removesuffix(".toml") for n in resources.list_names("data", "rules") if n.endswith(".toml")]
