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

    return ReadOptions(input_format=input_format, url=url, encoding=encoding, allow_private=allow_private)


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
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _say(ctx: click.Context, message: str) -> None:
    if not ctx.find_root().params.get("quiet"):
        click.echo(message, err=True)


class _Group(click.Group):
    """Maps every outcome of a command to one stderr line and an exit code."""

    def invoke(self, ctx: click.Context):
        show_traceback = bool(ctx.params.get("traceback"))
        try:
            code = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("newspack: interrupted", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except NewspackError as exc:
            if show_traceback:
                raise
            click.echo(f"newspack: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except Exception as exc:
            if show_traceback:
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
@_reading_options
@click.pass_context
def article(ctx, input_spec, output, to_format, style, css_files, input_format, url, encoding, allow_private):
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

    fmt = to_format or _format_from_name(output) or "epub"
    if output and output != "-" and not Path(output).parent.is_dir():
        raise UsageError(f"cannot write {output}: folder {str(Path(output).parent)!r} does not exist")
    loaded = load(input_spec, _read_options(input_format, url, encoding, allow_private))
    roots = (loaded.raw.local_root,) if loaded.raw.local_root else ()
    edition = Edition.single(loaded.article, allowed_roots=roots)
    data = render(edition, fmt, _writer_options(style, css_files))
    target = output or f"{slugify(loaded.article.title)}.{fmt}"
    write_atomic(target, data)
    if target != "-":
        _say(ctx, f"newspack: wrote {target} ({len(data) / 1024:.0f} KB)")
    return ExitCode.OK


def _format_from_name(name: str | None) -> str | None:
    if not name or name == "-":
        return None
    suffix = Path(name).suffix.lower().lstrip(".")
    return {"htm": "html", "xhtml": "html"}.get(suffix, suffix) if suffix in FORMATS + ("htm", "xhtml") else None


def _writer_options(style, css_files):
    from .writers import WriterOptions

    kwargs = {}
    if style:
        kwargs["style"] = style
    if css_files:
        kwargs["extra_css"] = tuple(css_files)
    return WriterOptions(**kwargs)


@cli.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("-f", "--format", "out_format", type=click.Choice(EXTRACT_FORMATS), default="json", show_default=True,
              help="json: one object (an array for several inputs); jsonl: one object a line; "
                   "text or markdown: readable text.")
@_reading_options
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
            article_ = load(spec, options).article
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


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)  # SIGTERM cleans up like Ctrl-C
    except ValueError:  # not the main thread
        pass
    cli.main(prog_name="newspack")
