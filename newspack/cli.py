"""The command line. The only module that imports click, prints, or exits.

Library code raises :class:`NewspackError`; :func:`main` maps errors to one line on stderr
and an exit code (httpie's ``raw_main`` pattern). ``--traceback`` re-raises for debugging.
"""
from __future__ import annotations

import signal
from pathlib import Path

import click

from . import __version__
from .errors import ExitCode, NewspackError, UsageError
from .model import Edition

FORMATS = ("epub", "pdf", "html")
EXTRACT_FORMATS = ("json", "jsonl", "text", "markdown")


def _read_options(input_format, url, encoding, allow_private):
    from .pipeline import ReadOptions

    # --rules reaches us through the context (see _reading_options), so commands need no new argument
    ctx = click.get_current_context(silent=True)
    specs = ctx.meta.get("newspack.rules", ()) if ctx is not None else ()
    rules = None
    if specs:
        from .rules import load_rules

        rules = load_rules(specs)
    return ReadOptions(input_format=input_format, url=url, encoding=encoding, allow_private=allow_private,
                       rules=rules)


def _remember_rules(ctx, _param, value):
    ctx.meta["newspack.rules"] = tuple(value or ())


def _reading_options(func):
    """Options every command that reads articles shares."""
    options = [
        click.option("--input-format", type=click.Choice(["html", "text"]), default=None,
                     help="Read the input as HTML or plain text (default: detected from the content)."),
        click.option("--url", metavar="URL", default=None,
                     help="The page's address, to resolve relative links and images in a saved page."),
        click.option("--encoding", metavar="NAME", default=None,
                     help="Text encoding of the input (default: BOM, declared charset, UTF-8, else detected)."),
        click.option("--allow-private", is_flag=True, default=False,
                     help="Allow fetching from loopback and private network addresses."),
        click.option("--rules", metavar="NAME|FILE", multiple=True, expose_value=False, callback=_remember_rules,
                     help="Site rules (TOML: keep/remove CSS selectors per domain): a file, or a name in "
                          "the data folder such as 'examples'. Repeatable."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _writer_options_decorator(func):
    """The book options every command that writes a book shares (images, cover, PDF page).

    They reach the command as one ``book_options`` dict, for :func:`_writer_options` and
    :func:`_with_images`; a new option needs no change in the commands that use them.
    """
    from .writers.options import PAGE_SIZES, PDF_VARIANTS

    names = ("image_width", "image_quality", "grayscale", "download_images", "cover", "draw_cover",
             "page_size", "pdf_variant")
    options = [
        click.option("--image-width", type=click.IntRange(min=64), default=None, metavar="PX",
                     help="Longest edge of embedded images in pixels (default: 1600)."),
        click.option("--image-quality", type=click.IntRange(1, 95), default=None, metavar="Q",
                     help="JPEG quality of re-encoded images, 1-95 (default: 85)."),
        click.option("--grayscale", is_flag=True, default=None, help="Grey images, for e-ink readers."),
        click.option("--no-download", "download_images", flag_value=False, default=True,
                     help="Do not download remote images (their captions stay)."),
        click.option("--cover", metavar="IMAGE", default=None, help="Use IMAGE as the cover (default: drawn)."),
        click.option("--no-cover", "draw_cover", flag_value=False, default=None, help="Make the book without a cover."),
        click.option("--page-size", type=click.Choice(PAGE_SIZES, case_sensitive=False), default=None,
                     help="PDF page size: a4 (default), letter, a5, or ereader (6-inch screen)."),
        click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=None,
                     help="PDF flavour: pdf/ua-1 tagged for accessibility (default), pdf/a-3b for "
                          "archives, none for a plain PDF."),
    ]

    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["book_options"] = {name: kwargs.pop(name) for name in names}
        return func(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _set_root_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().params[param.name] = True


def _global_flags(*, quiet: bool = True):
    """The group's -q and --traceback, accepted after the subcommand too (``article -q``):
    they set the root's value, which is where every command reads them."""
    def decorate(func):
        func = click.option("--traceback", is_flag=True, expose_value=False, callback=_set_root_flag,
                            help="Show the Python traceback of an error (for bug reports).")(func)
        if quiet:
            func = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_set_root_flag,
                                help="Print nothing but errors.")(func)
        return func
    return decorate


def _say(ctx: click.Context, message: str) -> None:
    if not ctx.find_root().params.get("quiet"):
        click.echo(message, err=True)


def _warn(ctx: click.Context, warnings) -> None:
    for warning in warnings:
        _say(ctx, f"newspack: warning: {warning}")


class _Group(click.Group):
    """Maps every outcome of a command to one stderr line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            code = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("newspack: interrupted", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except NewspackError as exc:
            if ctx.params.get("traceback"):  # read now: the subcommand's own --traceback sets it
                raise
            click.echo(f"newspack: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except Exception as exc:
            if ctx.params.get("traceback"):
                raise
            click.echo(f"newspack: internal error: {exc.__class__.__name__}: {exc} "
                       "(run with --traceback for details)", err=True)
            ctx.exit(ExitCode.FAILED)
        if code:
            ctx.exit(int(code))
        return code


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("-o", "--output", metavar="OUT", default=None,
              help="Output file; '-' for stdout (default: a slug of the title in the current folder).")
@click.option("--to", "to_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from OUT's extension, else epub).")
@click.option("--style", metavar="NAME|PATH", default=None, help="Style (theme) name or CSS file.")
@click.option("--css", "css_files", metavar="FILE", multiple=True, help="Extra CSS rules to add (repeatable).")
@_writer_options_decorator
@_reading_options
@_global_flags()
@click.pass_context
def article(ctx, input_spec, output, to_format, style, css_files, input_format, url, encoding, allow_private,
            book_options):
    """Make a book of one article.

    INPUT is a file path, '-' for stdin, or an http(s) URL; HTML or plain text.

    \b
    Examples:
      newspack article page.html -o story.epub
      newspack article scraped.txt --to pdf -o story.pdf
      curl -s https://example.org/story | newspack article - --url https://example.org/story -o story.epub
    """
    from .output import slugify, write_atomic
    from .pipeline import load, render

    fmt = _output_format(output, to_format)
    writer_options = _writer_options(style, css_files, book_options)
    loaded = load(input_spec, _read_options(input_format, url, encoding, allow_private))
    _warn(ctx, loaded.warnings)
    roots = (loaded.raw.local_root,) if loaded.raw.local_root else ()
    edition = _with_images(ctx, Edition.single(loaded.article, allowed_roots=roots), book_options, allow_private)
    data = render(edition, fmt, writer_options)
    target = output or f"{slugify(loaded.article.title)}.{fmt}"
    write_atomic(target, data)
    if target != "-":
        _say(ctx, f"newspack: wrote {target} ({len(data) / 1024:.0f} KB)")
    return ExitCode.OK


#: Output file extensions that name a format without --to.
_EXTENSION_FORMATS = {**{fmt: fmt for fmt in FORMATS}, "htm": "html", "xhtml": "html"}


def _output_format(output: str | None, to_format: str | None) -> str:
    """The format to write: --to, else OUT's extension, else epub; UsageError when OUT's
    extension names no format we write (``x.mobi`` must not silently become an EPUB) or its
    folder is missing."""
    if output and output != "-" and not Path(output).parent.is_dir():
        raise UsageError(f"cannot write {output}: folder {str(Path(output).parent)!r} does not exist")
    if to_format:
        return to_format
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    if suffix.isalnum() and suffix not in _EXTENSION_FORMATS:  # "Mr. Smith" has no extension
        raise UsageError(f"cannot tell the format of {output}: .{suffix} is not one of "
                         f"{', '.join('.' + f for f in FORMATS)}; name the format with --to")
    return _EXTENSION_FORMATS.get(suffix, "epub")


def _writer_options(style, css_files, book_options=None):
    """WriterOptions from the command line: style, extra CSS, and the book options that
    :func:`_writer_options_decorator` gathers. ``SOURCE_DATE_EPOCH`` fixes the build time."""
    import os
    from datetime import datetime, timezone

    from .writers import WriterOptions

    kwargs = {}
    if style:
        kwargs["style"] = style
    if css_files:
        kwargs["extra_css"] = tuple(css_files)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            kwargs["modified"] = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}") from None
    from .images import processed_folder

    kwargs["cache_dir"] = str(processed_folder())
    book = dict(book_options or {})
    book.pop("download_images", None)
    if book.get("cover") and not Path(book["cover"]).is_file():
        raise UsageError(f"--cover {book['cover']}: no such file")
    kwargs.update({key: value for key, value in book.items() if value is not None})
    options = WriterOptions(**kwargs)
    # A wrong --style or --css must stop the run before any page or image is fetched.
    from .writers.templates import stylesheets

    stylesheets(options, paged=True)
    return options


def _with_images(ctx: click.Context, edition: Edition, book_options, allow_private: bool) -> Edition:
    """The edition with its remote images downloaded into the cache; warns about the others."""
    if not (book_options or {}).get("download_images", True):
        return edition
    from .images import ImageFetchOptions, download_edition_images

    result = download_edition_images(edition, ImageFetchOptions(allow_private=allow_private))
    _warn(ctx, result.warnings)
    return result.edition


@cli.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("-f", "--format", "out_format", type=click.Choice(EXTRACT_FORMATS), default="json", show_default=True,
              help="json: one object (an array for several inputs); jsonl: one object a line; "
                   "text or markdown: readable text.")
@_reading_options
@_global_flags()
@click.pass_context
def extract(ctx, inputs, out_format, input_format, url, encoding, allow_private):
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
    from .pipeline import load
    from .serialize import article_to_dict, error_to_dict, to_json, to_markdown, to_text

    options = _read_options(input_format, url, encoding, allow_private)
    docs, failures = [], 0
    for spec in inputs:
        try:
            loaded = load(spec, options)
            _warn(ctx, loaded.warnings)
            article_ = loaded.article
            doc = article_to_dict(article_)
        except NewspackError as exc:
            failures += 1
            message = exc.message if exc.source in (None, spec) else str(exc)
            doc, article_ = error_to_dict(spec, message), None
            click.echo(f"newspack: error: {spec}: {message}", err=True)
        except Exception as exc:  # a reader bug on one page must not sink the batch
            if ctx.find_root().params.get("traceback"):
                raise
            failures += 1
            message = f"internal error: {exc.__class__.__name__}: {exc}"
            doc, article_ = error_to_dict(spec, message), None
            click.echo(f"newspack: error: {spec}: {message} (run with --traceback for details)", err=True)
        if out_format == "jsonl":
            click.echo(to_json(doc, pretty=False))
        elif out_format == "json":
            docs.append(doc)
        elif article_ is not None:
            if len(inputs) > 1:
                click.echo(f"{'=' * 8} {spec}")
            click.echo(to_text(article_) if out_format == "text" else to_markdown(article_))
    if out_format == "json":
        click.echo(to_json(docs[0] if len(inputs) == 1 else docs, pretty=True))
    if failures == 0:
        return ExitCode.OK
    return ExitCode.FAILED if failures == len(inputs) else ExitCode.PARTIAL


# ---- Many articles, one book: `digest` and the cron-driven `edition` -----------------------


def _batch_progress(ctx: click.Context, quiet: bool, verbose: bool):
    from .progress import Progress, choose_mode

    return Progress(choose_mode(quiet or bool(ctx.find_root().params.get("quiet"))), verbose=verbose)


def _report_failures(failures) -> None:
    for failure in failures:
        click.echo(f"newspack: error: {failure.source}: {failure.reason}", err=True)


def _batch_summary(edition, failures, duplicates) -> str:
    articles = len(edition.articles) if edition else 0
    sections = len(edition.sections) if edition else 0
    parts = [f"{articles} article{'s' * (articles != 1)} in {sections} section{'s' * (sections != 1)}"]
    if failures:
        parts.append(f"{len(failures)} failed")
    if duplicates:
        parts.append(f"{len(duplicates)} duplicate{'s' * (len(duplicates) != 1)} left out")
    return ", ".join(parts)


@cli.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1)
@click.option("-i", "--input-list", "list_files", metavar="LIST", multiple=True,
              help="A file with one input a line ('#' comments; '-' for stdin). Repeatable.")
@click.option("-o", "--output", metavar="OUT", default=None,
              help="Output file; '-' for stdout (default: a slug of the title in the current folder).")
@click.option("--to", "to_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from OUT's extension, else epub).")
@click.option("--title", metavar="T", default=None, help="The book's title (default: 'Digest YYYY-MM-DD').")
@click.option("--section", "section_specs", metavar="NAME=INPUT", multiple=True,
              help="Put INPUT's articles in section NAME (default: one section per site). Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes extracting articles in parallel (default: the number of cores).")
@click.option("--style", metavar="NAME|PATH", default=None, help="Style (theme) name or CSS file.")
@click.option("--css", "css_files", metavar="FILE", multiple=True, help="Extra CSS rules to add (repeatable).")
@click.option("--input-format", type=click.Choice(["html", "text"]), default=None,
              help="Read every input as HTML or plain text (default: detected from each content).")
@click.option("--encoding", metavar="NAME", default=None, help="Text encoding of the inputs (default: detected).")
@click.option("--allow-private", is_flag=True, default=False,
              help="Allow fetching from loopback and private network addresses.")
@click.option("--rules", metavar="NAME|FILE", multiple=True, expose_value=False, callback=_remember_rules,
              help="Site rules (TOML: keep/remove CSS selectors per domain): a file, or a name in "
                   "the data folder such as 'examples'. Repeatable.")
@click.option("-v", "--verbose", is_flag=True, help="Log every article fetched and extracted.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@_writer_options_decorator
@_global_flags(quiet=False)
@click.pass_context
def digest(ctx, inputs, list_files, output, to_format, title, section_specs, jobs, style, css_files,
           input_format, encoding, allow_private, verbose, quiet, book_options):
    """Make one book of many articles: files, folders, globs, URLs, lists and RSS/Atom feeds.

    Each INPUT is a file, a folder (its .html, .htm and .txt files), a glob, an http(s) URL
    or a feed (URL or file; items that carry the whole story are used as they are, the others
    fetched). The same story is kept once. Failed inputs are listed at the end; the exit code
    is 3 when the book was written without them, 1 when no input could be read.

    \b
    Examples:
      newspack digest saved/ -o week.epub
      newspack digest -i reading-list.txt --to pdf --title "Weekend reading"
      newspack digest --section World=https://example.org/world.rss --section Local=local/ -o today.epub
    """
    from .batch import Event
    from .digest import DigestOptions, expand_inputs, make_digest, parse_section_option
    from .fetcher import FetchPolicy
    from .output import slugify, write_atomic
    from .pipeline import render

    sections = [parse_section_option(value) for value in section_specs]
    if not inputs and not list_files and not sections:
        raise UsageError("give at least one INPUT, -i LIST or --section NAME=INPUT")
    fmt = _output_format(output, to_format)
    writer_options = _writer_options(style, css_files, book_options)
    found, failures = expand_inputs(inputs, list_files=list_files, sections=sections)
    options = DigestOptions(
        title=title, jobs=jobs, section_order=tuple(dict.fromkeys(name for name, _ in sections)),
        read=_read_options(input_format, None, encoding, allow_private),
        policy=FetchPolicy(allow_private=allow_private),
    )
    with _batch_progress(ctx, quiet, verbose) as progress:
        result = make_digest(found, options, notify=progress)
        failures = [*failures, *result.failures]
        if result.edition is not None:
            progress(Event("render", "queued"))
            book = _with_images(ctx, result.edition, book_options, allow_private)
            data = render(book, fmt, writer_options)
            progress(Event("render", "done", fmt))
    _report_failures(failures)
    if result.edition is None:
        raise NewspackError("no input gave an article; no book written" if failures
                            else "no input to read; no book written")
    target = output or f"{slugify(result.edition.title, 'digest')}.{fmt}"
    write_atomic(target, data)
    if target != "-" and not quiet:
        _say(ctx, f"newspack: wrote {target} ({len(data) / 1024:.0f} KB): "
                  f"{_batch_summary(result.edition, failures, result.duplicates)}")
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
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes extracting articles in parallel (default: the config's, else the cores).")
@click.option("-v", "--verbose", is_flag=True, help="Log every article fetched and extracted.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@_global_flags(quiet=False)
@click.pass_context
def edition(ctx, config_path, edition_date, dry_run, output_dir, state_file, jobs, verbose, quiet):
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

    from .edition import RunOptions, check_date, run_edition
    from .edition_config import load_config

    config = load_config(config_path)
    options = RunOptions(
        date=check_date(edition_date) if edition_date else Date.today().isoformat(),
        dry_run=dry_run,
        state_path=Path(state_file) if state_file else None,
        output=Path(output_dir) if output_dir else None,
        jobs=jobs,
    )
    with _batch_progress(ctx, quiet, verbose) as progress:
        run = run_edition(config, options, writer_options=None, notify=progress)
    if run.edition is None and not run.read_nothing:
        _warn(ctx, [f"{failure.source}: {failure.reason}" for failure in run.failures])
    else:
        _report_failures(run.failures)
    if verbose:
        for skipped in run.skipped_items:
            _say(ctx, f"newspack: skipped {skipped.source}"
                      f"{f' ({skipped.title})' if skipped.title else ''}: {skipped.reason}")
    if dry_run and run.edition is not None:
        for section in run.edition.sections:
            click.echo(section.title)
            for article_ in section.articles:
                click.echo(f"  - {article_.title or 'Untitled'}  [{article_.date or 'undated'}]  "
                           f"{article_.url or article_.source}")
    if run.edition is None:
        if run.read_nothing:
            raise NewspackError(f"no article could be read for {run.date}; no edition written")
        if not quiet:
            failed = f", {len(run.failures)} failed (listed above)" if run.failures else ""
            _say(ctx, f"newspack: nothing new for {run.date} ({run.skipped} already delivered or too old"
                      f"{failed}); no edition written")
        return ExitCode.OK
    if not quiet:
        summary = _batch_summary(run.edition, run.failures, run.duplicates)
        if run.skipped:
            summary += (f", {run.skipped} skipped (delivered before or too old"
                        f"{'' if verbose else '; -v lists them'})")
        if dry_run:
            _say(ctx, f"newspack: dry run for {run.date}: {summary}; nothing written")
        else:
            _say(ctx, f"newspack: wrote {', '.join(str(p) for p in run.files)}: {summary}")
            if run.delivered_to:
                _say(ctx, f"newspack: sent to {', '.join(run.delivered_to)}")
    return ExitCode.PARTIAL if run.failures else ExitCode.OK


def _on_signal(signum, frame):
    # The first SIGTERM or Ctrl-C ends the run like Ctrl-C; later ones are ignored so that the
    # cleanup it starts (temp files removed, lock released) is not cut short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    try:
        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)
    except ValueError:  # not the main thread
        pass
    try:
        cli.main(prog_name="newspack")
    except SystemExit as exc:
        if exc.code == ExitCode.INTERRUPTED:
            _exit_now(ExitCode.INTERRUPTED)
        raise


def _exit_now(code: int) -> None:
    """Exit without joining worker threads: after an interrupt a fetch may still be stuck on a
    slow server until its deadline, and the interpreter would wait for it. Everything that
    matters (temp files, the lock, the state) was cleaned up while the interrupt unwound."""
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(int(code))
