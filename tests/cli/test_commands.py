"""The command line: one-line errors, exit codes, outputs written whole or not at all."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newspack.cli.commands import cli

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council approves new ferry timetable | The Harbour Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves new ferry timetable</h1>
<p class="byline">By Mara Quill</p>
<p>The harbour council voted on Tuesday to add three late-evening crossings to the island ferry
timetable from next spring, after a year of complaints from shift workers who said the last boat
left before their shifts ended.</p>
<p>The change will cost about 240,000 euros a year, paid for by a small rise in the price of
day-return tickets for visitors, the council's transport committee said in its report.</p>
<p>Residents with an island pass will not pay more, and the first crossing of the morning will
move fifteen minutes earlier to meet the first train to the city.</p>
</article><footer>© 2024 The Harbour Gazette</footer></body></html>"""


@pytest.fixture
def runner():
    return CliRunner()


def _one_line_error(result, *names):
    assert result.exit_code != 0
    err = result.stderr.strip()
    assert "Traceback" not in result.output + result.stderr
    assert len(err.splitlines()) == 1, err
    for name in names:
        assert name in err
    return err


def test_version_and_help_have_examples(runner):
    assert runner.invoke(cli, ["--version"]).exit_code == 0
    for command in ([], ["article"], ["extract"]):
        result = runner.invoke(cli, command + ["--help"])
        assert result.exit_code == 0 and "Example" in result.output


@pytest.mark.slow
def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "newspack", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "newspack" in out.stdout


@pytest.mark.parametrize("content,why", [
    (None, "no such file"),
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    (b"\x7fELF\x02\x01\x01" + bytes(200), "ELF"),
    ("Un caf\u00e9 ".encode() + b"\xff\xfe\xc3\x28 cass\xc3", "UTF-8"),
])
def test_bad_input_is_one_line_error_and_no_output(runner, tmp_path, content, why):
    src = tmp_path / "input.html"
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "story.epub"
    result = runner.invoke(cli, ["article", str(src), "-o", str(out)])
    err = _one_line_error(result, str(src))
    assert why in err
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == ([src] if content is not None else [])


def test_output_into_missing_folder(runner, tmp_path):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["article", str(src), "-o", str(tmp_path / "nope" / "story.epub")])
    _one_line_error(result, "nope")
    assert result.exit_code == 2
    assert not (tmp_path / "nope").exists()


@pytest.mark.slow
def test_article_default_name_is_slug_of_title(runner, tmp_path, monkeypatch):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["article", str(src)])
    assert result.exit_code == 0, result.output + result.stderr
    out = tmp_path / "council-approves-new-ferry-timetable.epub"
    assert out.is_file() and out.read_bytes()[:2] == b"PK"


@pytest.mark.slow
@pytest.mark.parametrize("fmt,magic", [("epub", b"PK"), ("pdf", b"%PDF"), ("html", b"<")])
def test_article_to_stdout(runner, tmp_path, fmt, magic):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["article", str(src), "--to", fmt, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.lstrip()[: len(magic)] == magic


@pytest.mark.slow
def test_article_from_stdin_text(runner, tmp_path):
    text = ("Ferry fares to rise in spring\n\nThe harbour council voted on Tuesday to raise fares for visitors "
            "by ten percent from April, saying the money will pay for three new late crossings.\n")
    out = tmp_path / "x.epub"
    result = runner.invoke(cli, ["article", "-", "-o", str(out)], input=text.encode())
    assert result.exit_code == 0, result.stderr
    assert out.is_file()


def test_existing_output_survives_a_failed_run(runner, tmp_path):
    out = tmp_path / "story.epub"
    out.write_bytes(b"previous edition")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["article", str(empty), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"previous edition"


def test_extract_batch_reports_failures_and_keeps_going(runner, tmp_path):
    good = tmp_path / "good.html"
    good.write_text(PAGE, encoding="utf-8")
    missing = tmp_path / "missing.html"
    result = runner.invoke(cli, ["extract", "--format", "jsonl", str(good), str(missing)])
    assert result.exit_code == 3
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in docs] == [str(good), str(missing)]
    assert docs[0]["title"] == "Council approves new ferry timetable"
    assert docs[0]["language"] == "en"
    assert any(b["type"] == "paragraph" for b in docs[0]["blocks"])
    assert docs[1]["error"] == "no such file"
    assert "missing.html" in result.stderr


def test_extract_all_failed_exit_1(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize("fmt,marker", [("text", "Council approves"), ("markdown", "# Council approves")])
def test_extract_readable_formats(runner, tmp_path, fmt, marker):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", "--format", fmt, str(src)])
    assert result.exit_code == 0
    assert result.stdout.startswith(marker)
    assert "Home" not in result.stdout


@pytest.mark.slow
def test_url_input_from_local_server(runner, http_server, tmp_path):
    http_server.routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode())
    refused = runner.invoke(cli, ["extract", http_server.base + "/story"])
    _one_line_error(refused, "private or local")
    result = runner.invoke(cli, ["extract", "--allow-private", http_server.base + "/story"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Council approves new ferry timetable"


def test_write_atomic_leaves_no_partial_file(tmp_path, monkeypatch):
    from newspack import output
    from newspack.errors import OutputError

    target = tmp_path / "book.epub"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space"):
        output.write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["book.epub"]


def test_slugify():
    from newspack.output import slugify

    assert slugify("Poutine signale que les pourparlers à l’OTAN") == "poutine-signale-que-les-pourparlers-a-l-otan"
    assert slugify("") == "article" and slugify("!!!") == "article"
    assert len(slugify("word " * 100)) <= 80


def test_global_flags_work_after_the_subcommand(runner, tmp_path):
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    loud = runner.invoke(cli, ["article", str(page), "-o", str(tmp_path / "a.epub")])
    assert loud.exit_code == 0 and "wrote" in loud.stderr
    quiet = runner.invoke(cli, ["article", str(page), "-q", "-o", str(tmp_path / "b.epub")])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    extract = runner.invoke(cli, ["extract", "-q", str(page)])
    assert extract.exit_code == 0 and extract.stderr == ""
    traced = runner.invoke(cli, ["article", str(tmp_path / "missing.html"), "--traceback"])
    assert traced.exception is not None and "no such file" in str(traced.exception)


@pytest.mark.slow
@pytest.mark.parametrize("option", [["--style", "no-such-theme"], ["--css", "/no/such/file.css"]])
def test_a_bad_style_stops_before_anything_is_fetched(runner, tmp_path, option):
    from tests.servers import BatchServer, page

    server = BatchServer().start()
    try:
        server.routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                   page("Ferry timetable", ["A sentence of the story. " * 10]))
        for command in (["article", f"{server.base}/story"], ["digest", f"{server.base}/story"]):
            result = runner.invoke(cli, [*command, "--allow-private", *option, "-o", str(tmp_path / "x.epub")])
            _one_line_error(result, option[1])
            assert result.exit_code == 2
        assert server.paths() == []
    finally:
        server.stop()


def _error_classes(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _error_classes(sub)


def test_every_exit_code_is_in_the_one_error_map():
    # the lock's 75 once lived in editions/lock.py, outside ExitCode: a reader of errors.py missed it
    import newspack.editions.config  # noqa: F401  (ConfigError)
    import newspack.editions.lock  # noqa: F401  (LockedError)
    from newspack.errors import ExitCode, NewspackError

    classes = [NewspackError, *_error_classes(NewspackError)]
    assert {c.__name__ for c in classes} >= {"LockedError", "ConfigError", "UsageError"}
    for cls in classes:
        assert type(cls.exit_code) is ExitCode, cls.__name__


def test_book_options_are_defined_once_and_derived_everywhere(tmp_path):
    from dataclasses import fields

    from newspack.book_options import BookOptions, book_options
    from newspack.editions.config import BOOK_KEYS, ConfigError, parse_config
    from newspack.pipeline import writer_options
    from newspack.writers import WriterOptions

    defined = dict(book_options())
    assert set(defined) == {f.name for f in fields(BookOptions)} - {"allow_private"}
    assert set(BOOK_KEYS) == set(defined)
    writer_fields = {f.name for f in fields(WriterOptions)}
    assert {o.writer for o in defined.values() if o.writer} <= writer_fields
    for command in ("article", "digest"):
        shown = CliRunner().invoke(cli, [command, "--help"]).output
        assert all(option.flag in shown for option in defined.values()), command
    # a config key checked and converted by its kind: paths relative to the config, ranges kept
    table = {"name": "x", "sections": [{"name": "A", "feeds": ["f"]}], "css": ["extra.css"], "image_width": 640,
             "page_size": "letter", "draw_cover": False}
    config = parse_config(table, tmp_path / "edition.toml")
    assert config.book.css == (str(tmp_path / "extra.css"),) and config.book.page_size == "letter"
    with pytest.raises(ConfigError, match="image_width must be a whole number, 64 or more"):
        parse_config({**table, "image_width": 10}, tmp_path / "edition.toml")
    written = writer_options(BookOptions(image_width=640, page_size="letter", draw_cover=False, css=()))
    assert (written.image_width, written.page_size, written.draw_cover, written.extra_css) == (640, "letter", False, ())


def test_the_formats_are_one_table():
    from newspack.editions.config import EDITION_FORMATS
    from newspack.writers import EXTRACT_FORMATS, FORMATS, WRITERS
    from newspack.writers.extract import EXTRACTORS

    books = tuple(name for name, fmt in FORMATS.items() if fmt.book)
    assert EDITION_FORMATS == tuple(WRITERS) == books and set(EXTRACTORS) == set(EXTRACT_FORMATS)
    assert set(books) | set(EXTRACT_FORMATS) == set(FORMATS)
    runner = CliRunner()
    assert f"[{'|'.join(books)}]" in runner.invoke(cli, ["article", "--help"]).output
    assert f"[{'|'.join(EXTRACT_FORMATS)}]" in runner.invoke(cli, ["extract", "--help"]).output


@pytest.mark.slow
def test_a_one_article_book_imports_no_pools_sockets_or_selectors(tmp_path):
    # start-up counts (bench/render.py): a saved page made into an EPUB needs no process or
    # thread pool (multiprocessing, concurrent.futures), no network stack, no CSS selector engine
    page = tmp_path / "page.html"
    # a dated page: an undated one asks htmldate (issue 20), whose import brings urllib3 and socket
    page.write_text("<html><head><meta property='article:published_time' content='2025-03-14'></head><body>"
                    "<article><h1>Rates rise again</h1><p>" + "The bank raised its rates. " * 20
                    + "</p></article></body></html>", encoding="utf-8")
    code = ("import sys, runpy\n"
            f"sys.argv = ['newspack', '-q', 'article', {str(page)!r}, '-o', {str(tmp_path / 'a.epub')!r}]\n"
            "try:\n    runpy.run_module('newspack', run_name='__main__')\nexcept SystemExit as exc:\n"
            "    assert not exc.code, exc.code\n"
            "print(sorted(m for m in ('multiprocessing', 'concurrent.futures', 'socket', 'lxml.cssselect')"
            " if m in sys.modules))")
    env = {**os.environ, "NEWSPACK_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]" and (tmp_path / "a.epub").stat().st_size > 0


def test_newspack_disable_is_read_once_into_the_tuning(runner, tmp_path, monkeypatch):
    # NEWSPACK_DISABLE switches reader rules off for the command it starts; an unknown name is a
    # usage error in one line naming the variable, never a run that measures nothing.
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv("NEWSPACK_DISABLE", "no_such_rule")
    result = runner.invoke(cli, ["extract", str(page)])
    assert result.exit_code == 2
    _one_line_error(result, "NEWSPACK_DISABLE", "no_such_rule")
    monkeypatch.setenv("NEWSPACK_DISABLE", "widen, standfirst")
    assert runner.invoke(cli, ["extract", str(page)]).exit_code == 0
