"""The command line: each command parses its options, calls the library and prints.

With ``support.py`` (the shared options, stderr messages, and the mapping of whatever ends
a command to one line and an exit code), the only module that imports click, prints or exits.
"""
from __future__ import annotations

import signal
from dataclasses import replace
from pathlib import Path

import click

from .. import __version__
from .support import (Group, batch_options, book_options, complain, describe_read, env_tuning, exit_now,
                      format_list, global_flags, on_signal, output_options, reading_options, say, verbose_flag,
                      warnings_printer)
from ..errors import ExitCode, NewspackError, UsageError, describe
from ..model import Edition
from ..writers import EXTRACT_FORMATS

#: ``--render``, shared by every command that reads pages.
render_option = click.option(
    "--render", is_flag=True, default=False,
    help="Load URLs in headless Chromium and read the page its scripts build (for sites that "
         "write the story with JavaScript). Needs Chromium; same address policy and deadline.")


def _export_filter(unread, tags, since, until):
    from ..sources.exports import LinkFilter

    return LinkFilter(unread=unread, tags=tuple(tags), since=since.date() if since else None,
                      until=until.date() if until else None)


def export_options(func):
    """The filters of read-later exports and bookmarks given to ``digest``."""
    day = click.DateTime(formats=["%Y-%m-%d"])
    func = click.option("--until", type=day, default=None, metavar="YYYY-MM-DD",
                        help="Of an export: only links saved on or before this day.")(func)
    func = click.option("--since", type=day, default=None, metavar="YYYY-MM-DD",
                        help="Of an export: only links saved on or after this day.")(func)
    func = click.option("--tag", "tags", metavar="TAG", multiple=True,
                        help="Of an export: only links with this tag or in this folder. Repeatable (any).")(func)
    return click.option("--unread", is_flag=True, default=False,
                        help="Of an export (Pocket, Instapaper, Omnivore, wallabag): only unread links.")(func)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="newspack")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error (for bug reports).")
def cli(quiet: bool, traceback: bool) -> None:
    """Turn news articles (HTML pages or scraped text) into clean EPUB and PDF books.

    \b
    Examples:
      newspack article page.html -o story.epub
      newspack article https://example.org/news/story --to pdf
      newspack extract page.html --format markdown
    """


@cli.command()
@click.argument("input_spec", metavar="INPUT")
@output_options
@book_options
@reading_options()
@verbose_flag
@render_option
@global_flags()
@click.pass_context
def article(ctx, input_spec, output, to_format, read, allow_private, book, verbose, render):
    """Make a book of one article.

    INPUT is a file path, '-' for stdin, or an http(s) URL; HTML or plain text, a saved page
    (MHTML, SingleFile) or a web archive (WARC: the page --url names).

    \b
    Examples:
      newspack article page.html -o story.epub
      newspack article scraped.txt --to pdf -o story.pdf
      curl -s https://example.org/story | newspack article - --url https://example.org/story -o story.epub
      newspack article crawl.warc.gz --url https://example.org/story
      newspack article https://example.org/app-story --render
    """
    from ..output import output_format, slugify
    from ..pipeline import load, make_books, writer_options

    fmt = output_format(output, to_format)
    writer_options(book)  # a wrong --style, --css or --cover stops the run before anything is fetched
    loaded = load(input_spec, replace(read, render=render))
    for warning in loaded.warnings:
        say(ctx, f"newspack: warning: {warning}")
    if verbose:
        say(ctx, describe_read(input_spec, loaded.article))
    roots = loaded.raw.roots
    target = output or f"{slugify(loaded.article.title)}.{fmt}"
    written = make_books(Edition.single(loaded.article, allowed_roots=roots), {fmt: target}, book, warnings_printer(ctx))
    if target != "-":
        say(ctx, f"newspack: wrote {target} ({written[0].size / 1024:.0f} KB)")
    return ExitCode.OK


@cli.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("-f", "--format", "out_format", type=click.Choice(EXTRACT_FORMATS), default="json", show_default=True,
              help=format_list(EXTRACT_FORMATS) + ".")
@reading_options()
@verbose_flag
@render_option
@global_flags()
@click.pass_context
def extract(ctx, inputs, out_format, read, allow_private, verbose, render):
    """Extract the story and its metadata, without making a book.

    Each INPUT is a file path, '-' for stdin, or an http(s) URL. A failed input is
    reported (as an "error" object in json/jsonl) and the others still come out; the exit
    code is 3 when some failed, 1 when all did.

    \b
    Examples:
      newspack extract page.html
      newspack extract --format jsonl pages/*.html > articles.jsonl
      newspack extract --format markdown scraped.txt
    """
    from ..pipeline import load
    from ..writers.extract import EXTRACTORS, article_to_dict, error_to_dict

    extractor, many = EXTRACTORS[out_format], len(inputs) > 1
    docs, failures = [], 0
    read = replace(read, render=render)
    for spec in inputs:
        try:
            loaded = load(spec, read)
            for warning in loaded.warnings:
                say(ctx, f"newspack: warning: {warning}")
            article_, doc = loaded.article, article_to_dict(loaded.article)
            if verbose:
                say(ctx, describe_read(spec, article_))
        except Exception as exc:  # one bad input must not sink the others
            problem = describe(exc)
            if problem.internal and ctx.find_root().params.get("traceback"):
                raise
            failures += 1
            doc, article_ = error_to_dict(spec, problem.line(spec)), None
            complain(problem, spec)
        text = extractor.each(doc, article_, spec, many)
        if text is not None:
            click.echo(text)
        if extractor.end is not None:  # only a format that ends with them all keeps them
            docs.append(doc)
    if extractor.end is not None:
        click.echo(extractor.end(docs, many))
    if failures == 0:
        return ExitCode.OK
    return ExitCode.FAILED if failures == len(inputs) else ExitCode.PARTIAL


# ---- Many articles, one book: `digest` and the cron-driven `edition` -----------------------


def _progress(ctx: click.Context, quiet: bool, verbose: bool):
    from .progress import Progress, choose_mode

    return Progress(choose_mode(quiet or bool(ctx.find_root().params.get("quiet"))), verbose=verbose)


def _report_failures(failures) -> None:
    for failure in failures:
        click.echo(f"newspack: error: {failure.source}: {failure.reason}", err=True)


@cli.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1)
@click.option("-i", "--input-list", "list_files", metavar="LIST", multiple=True,
              help="A file with one input a line ('#' comments; '-' for stdin). Repeatable.")
@output_options
@click.option("--title", metavar="T", default=None, help="The book's title (default: 'Digest YYYY-MM-DD').")
@click.option("--section", "section_specs", metavar="NAME=INPUT", multiple=True,
              help="Put INPUT's articles in section NAME (default: one section per site). Repeatable.")
@batch_options()
@book_options
@reading_options(many=True)
@export_options
@render_option
@global_flags(quiet=False)
@click.pass_context
def digest(ctx, inputs, list_files, output, to_format, title, section_specs, jobs, verbose, quiet, read,
           allow_private, book, unread, tags, since, until, render):
    """Make one book of many articles: files, folders, globs, URLs, lists and RSS/Atom feeds.

    Each INPUT is a file, a folder (its .html, .htm and .txt files), a glob, an http(s) URL
    or a feed (URL or file; items that carry the whole story are used as they are, the others
    fetched), a saved page (MHTML, SingleFile) or web archive (WARC: every page), or a
    read-later export or bookmarks file (Pocket, Instapaper, Omnivore, wallabag, browser
    bookmarks, OPML: its links, filtered by --unread, --tag, --since, --until). The same story is kept once. Failed inputs are listed at the end; the exit code
    is 3 when the book was written without them, 1 when no input could be read.

    \b
    Examples:
      newspack digest saved/ -o week.epub
      newspack digest -i reading-list.txt --to pdf --title "Weekend reading"
      newspack digest --section World=https://example.org/world.rss --section Local=local/ -o today.epub
      newspack digest pocket-export.csv --unread --tag longread -o unread.epub
    """
    from ..editions.digest import DigestOptions, expand_inputs, make_digest, parse_section_option, summary
    from ..editions.fetcher import FetchPolicy
    from ..output import output_format, slugify
    from ..pipeline import make_books, writer_options

    sections = [parse_section_option(value) for value in section_specs]
    if not inputs and not list_files and not sections:
        raise UsageError("give at least one INPUT, -i LIST or --section NAME=INPUT")
    fmt = output_format(output, to_format)
    writer_options(book)  # a wrong --style, --css or --cover stops the run before anything is fetched
    found, failures = expand_inputs(inputs, list_files=list_files, sections=sections,
                                    links=_export_filter(unread, tags, since, until), render=render)
    options = DigestOptions(title=title, jobs=jobs, section_order=tuple(dict.fromkeys(name for name, _ in sections)),
                            read=read, policy=FetchPolicy(allow_private=allow_private))
    with _progress(ctx, quiet, verbose) as progress:
        result = make_digest(found, options, notify=progress)
        failures = [*failures, *result.failures]
        if result.edition is not None:
            target = output or f"{slugify(result.edition.title, 'digest')}.{fmt}"
            written = make_books(result.edition, {fmt: target}, book, progress)
    _report_failures(failures)
    if result.edition is None:
        raise NewspackError("no input gave an article; no book written" if failures
                            else "no input to read; no book written")
    if target != "-" and not quiet:
        say(ctx, f"newspack: wrote {target} ({written[0].size / 1024:.0f} KB): "
                  f"{summary(result.edition, failures, result.duplicates)}")
    return ExitCode.PARTIAL if failures else ExitCode.OK


@cli.command()
@click.argument("config_path", metavar="CONFIG.toml", type=click.Path(dir_okay=False))
@click.option("--date", "edition_date", metavar="YYYY-MM-DD", default=None,
              help="The edition's date (default: today). Re-running a date rebuilds that edition.")
@click.option("--dry-run", is_flag=True, help="Fetch and extract, print what the edition would hold; write nothing.")
@click.option("--output-dir", metavar="DIR", type=click.Path(file_okay=False), default=None,
              help="Write the books here instead of the config's output folder.")
@click.option("--state", "state_file", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help="State database (default: the config's, else the user's state folder).")
@click.option("--fresh-state", is_flag=True,
              help="Keep the state file aside (renamed, not deleted) and start a new one: for a damaged state.")
@batch_options("the config's, else the cores")
@global_flags(quiet=False)
@click.pass_context
def edition(ctx, config_path, edition_date, dry_run, output_dir, state_file, fresh_state, jobs, verbose, quiet):
    """Build today's edition from a TOML config: the cron-driven daily newspaper.

    Fetches the config's feeds and pages (conditional requests, retries), skips stories
    delivered in earlier editions, writes each format atomically, e-mails it when the config
    has a [deliver] section, and only then records what it delivered. A lock keeps two runs
    from overlapping (exit code 75 when another run holds it). See samples/edition.toml.

    \b
    Examples:
      newspack edition ~/.config/newspack/morning.toml
      newspack edition samples/edition.toml --date 2025-03-15 --dry-run
      15 6 * * *  newspack -q edition ~/.config/newspack/morning.toml     (crontab)
    """
    from datetime import date as Date

    from ..editions.config import load_config
    from ..editions.digest import summary
    from ..editions.edition import RunOptions, check_date, run_edition
    from ..writers.book import shown_title

    options = RunOptions(date=check_date(edition_date) if edition_date else Date.today().isoformat(),
                         dry_run=dry_run, state_path=Path(state_file) if state_file else None,
                         output=Path(output_dir) if output_dir else None, jobs=jobs, fresh_state=fresh_state,
                         tuning=env_tuning())
    with _progress(ctx, quiet, verbose) as progress:
        run = run_edition(load_config(config_path), options, notify=progress)
    if run.old_state:
        say(ctx, f"newspack: started a new state file; the old one is kept as {run.old_state}")
    if run.edition is None and not run.read_nothing:
        for failure in run.failures:
            say(ctx, f"newspack: warning: {failure.source}: {failure.reason}")
    else:
        _report_failures(run.failures)
    # a dry run is asked for exactly to see what would go in and what would not
    for skipped in run.skipped_items if verbose or dry_run else ():
        say(ctx, f"newspack: skipped {skipped.source}{f' ({skipped.title})' if skipped.title else ''}: "
                  f"{skipped.reason}")
    for section in run.edition.sections if dry_run and run.edition is not None else ():
        click.echo(section.title)
        for article_ in section.articles:
            click.echo(f"  - {shown_title(article_.title)}  [{article_.date or 'undated'}]  "
                       f"{article_.url or article_.source}")
    if run.edition is None:
        if run.read_nothing:
            raise NewspackError(f"no article could be read for {run.date}; no edition written")
        if not quiet:
            failed = f", {len(run.failures)} failed (listed above)" if run.failures else ""
            say(ctx, f"newspack: nothing new for {run.date} ({run.skipped} already delivered or too old"
                      f"{failed}); no edition written")
        return ExitCode.OK
    if not quiet:
        said = summary(run.edition, run.failures, run.duplicates)
        if run.skipped:
            said += f", {run.skipped} skipped (delivered before or too old{'' if verbose or dry_run else '; -v lists them'})"
        if dry_run:
            say(ctx, f"newspack: dry run for {run.date}: {said}; nothing written")
        else:
            say(ctx, f"newspack: wrote {', '.join(str(p) for p in run.files)}: {said}")
            if run.delivered_to:
                say(ctx, f"newspack: sent to {', '.join(run.delivered_to)}")
    return ExitCode.PARTIAL if run.failures else ExitCode.OK


def main() -> None:
    """Console-script entry point."""
    try:
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    except ValueError:  # not the main thread
        pass
    try:
        cli.main(prog_name="newspack")
    except SystemExit as exc:
        if exc.code == ExitCode.INTERRUPTED:
            exit_now(ExitCode.INTERRUPTED)
        raise
