#!/usr/bin/env python3
"""Start-up cost of ``newspack article``: what it imports, and how long it takes, before it
opens its input.

    .venv/bin/python bench/startup.py PAGE.html [--to epub]

Runs the command in this process under an audit hook that notes the moment the input file is
first opened, and prints the modules imported by then (newspack's own, and the third-party
packages) with the time since start. What is imported before the first byte is read is paid by
every run, even one that fails on its input; the rest is paid only by the runs that need it.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="an HTML or text file")
    parser.add_argument("--to", default="epub", help="the output format (default epub)")
    args = parser.parse_args()
    page = os.path.abspath(args.page)
    start = time.perf_counter()
    before = set(sys.modules)
    seen: dict[str, object] = {}

    def hook(event: str, hook_args: tuple) -> None:
        if event == "open" and "at" not in seen and hook_args and hook_args[0] == page:
            seen["at"] = (time.perf_counter() - start, set(sys.modules) - before)

    sys.addaudithook(hook)
    from newspack.cli.commands import main as newspack_main

    with tempfile.TemporaryDirectory() as tmp:
        sys.argv = ["newspack", "article", page, "--to", args.to, "-o", os.path.join(tmp, "out." + args.to)]
        try:
            newspack_main()
        except SystemExit:
            pass
    total = time.perf_counter() - start
    if "at" not in seen:
        print(f"the input {page} was never opened")
        return 1
    at, modules = seen["at"]
    ours = sorted(m for m in modules if m.startswith("newspack"))
    third = sorted({m.split(".")[0] for m in modules if not m.startswith("newspack")}
                   - set(sys.stdlib_module_names) - {m for m in modules if m.startswith("_")})
    print(f"before the input is opened: {len(modules)} modules, {at * 1000:.0f} ms (whole run {total * 1000:.0f} ms)")
    print(f"newspack ({len(ours)}): {' '.join(ours)}")
    print(f"third-party ({len(third)}): {' '.join(third)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
