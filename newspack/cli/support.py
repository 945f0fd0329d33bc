"""What the commands of ``cli.py`` share: option groups, stderr messages, the error mapping.

Each group of click options is a decorator that hands the command one value (``read``: a
ReadOptions, ``book``: a BookOptions), so a new option touches this file and the library,
never the commands that share it. :class:`Group` asks :func:`newspack.errors.describe` for
the one line and exit code of whatever ends a command (httpie's ``raw_main``);
``--traceback`` re-raises.
"""
from __future__ import annotations

import functools
import logging
import os
import signal

import click

from ..errors import ExitCode, Problem, describe
from ..events import Event

TRACEBACK_HINT = " (run with --traceback for details)"

#: Exit status when the reader of stdout went away (``| head``): what a Unix tool killed by
#: SIGPIPE reports, so a pipeline sees the usual status and nothing is printed.
CLOSED_PIPE_EXIT = 128 + signal.SIGPIPE


def env_tuning():
    """The readers' tuning with the rules ``NEWSPACK_DISABLE`` names switched off: the one place
    the environment variable is read, once per command (an unknown name is a usage error)."""
    from ..errors import UsageError
    from ..readers.switches import ENV
    from ..readers.tuning import DEFAULT, Tuning, parse_disabled

    names = parse_disabled(os.environ.get(ENV, ""))
    if not names:
        return DEFAULT
    try:
        return Tuning(disabled=names)
    except UsageError as exc:
        raise UsageError(f"{ENV}: {exc}") from exc


def _gather(func, options, gather):
    """``func`` with click ``options`` whose values ``gather(kwargs)`` turns into one argument."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **gather(kwargs))

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def reading_options(*, many: bool = False):
    """--input-format, --url (one input only), --encoding, --allow-private and --rules, handed
    to the command as ``read`` (a ReadOptions); ``allow_private`` is handed on as well."""
    each = "every input" if many else "the input"
    options = [
        click.option("--input-format", type=click.Choice(["html", "text"]), default=None,
                     help=f"Read {each} as HTML or plain text (default: detected from the content)."),
        *([] if many else [click.option(
            "--url", metavar="URL", default=None,
            help="The page's address, to resolve relative links and images in a saved page.")]),
        click.option("--encoding", metavar="NAME", default=None,
                     help=f"Text encoding of {each} (default: BOM, declared charset, UTF-8, else detected)."),
        click.option("--allow-private", is_flag=True, default=False,
                     help="Allow fetching from loopback and private network addresses."),
        click.option("--rules", metavar="NAME|FILE", multiple=True,
                     help="Site rules (TOML: keep/remove CSS selectors per domain): a file, or a name in "
                          "the data folder such as 'examples'. Repeatable."),
    ]

    def gather(kwargs):
        from ..pipeline import ReadOptions
        from ..rules import load_rules

        specs = kwargs.pop("rules")
        kwargs["read"] = ReadOptions(input_format=kwargs.pop("input_format"), url=kwargs.pop("url", None),
                                     encoding=kwargs.pop("encoding"), allow_private=kwargs["allow_private"],
                                     rules=load_rules(specs) if specs else None, tuning=env_tuning())
        return kwargs

    return lambda func: _gather(func, options, gather)


def _book_option(name: str, option, default):
    """The click option of one book option (``newspack.book_options``)."""
    how = {"help": option.help}
    if option.metavar:
        how["metavar"] = option.metavar
    if option.kind == "off":  # "--no-cover": the field False; not given, its default
        return click.option(option.flag, name, flag_value=False, default=default, **how)
    if option.kind == "on":
        return click.option(option.flag, name, is_flag=True, default=None, **how)
    if option.kind == "int":
        return click.option(option.flag, name, type=click.IntRange(option.low, option.high), default=None, **how)
    if option.kind == "choice":
        return click.option(option.flag, name, type=click.Choice(option.choices, case_sensitive=False), default=None,
                            **how)
    return click.option(option.flag, name, multiple=option.kind == "paths", default=None, **how)


def book_options(func):
    """The options of every command that writes a book (style, images, cover, PDF page),
    handed to the command as ``book`` (a BookOptions): one click option per book option."""
    from dataclasses import fields

    from ..book_options import BookOptions, book_options as defined

    defaults = {f.name: f.default for f in fields(BookOptions)}
    options = [_book_option(name, option, defaults[name]) for name, option in defined()]

    def gather(kwargs):
        values = {name: kwargs.pop(name) for name, _ in defined()}
        values.update({name: tuple(values[name] or ()) for name, option in defined() if option.kind == "paths"})
        # images are fetched under the address policy of the pages: the reading options' flag
        kwargs["book"] = BookOptions(allow_private=kwargs.get("allow_private", False), **values)
        return kwargs

    return _gather(func, options, gather)


def output_options(func):
    """-o/--output and --to, as ``output`` and ``to_format``."""
    from ..writers import WRITERS

    func = click.option("--to", "to_format", type=click.Choice(tuple(WRITERS)), default=None,
                        help=f"Output format: {format_list(WRITERS)} (default: from OUT's extension, else epub).")(func)
    return click.option("-o", "--output", metavar="OUT", default=None,
                        help="Output file; '-' for stdout (default: a slug of the title in the current folder).")(func)


def format_list(names) -> str:
    """'epub: an EPUB 3 book; pdf: ...' of the formats ``names`` (``newspack.writers.FORMATS``)."""
    from ..writers import FORMATS

    return "; ".join(f"{name}: {FORMATS[name].summary}" for name in names)


def batch_options(jobs_default: str = "the number of cores"):
    """-j/--jobs, -v/--verbose and the command's own -q/--quiet of ``digest`` and ``edition``."""
    def decorate(func):
        func = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(func)
        func = click.option("-v", "--verbose", is_flag=True, help="Log every article fetched and extracted.")(func)
        return click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                            help=f"Processes extracting articles in parallel (default: {jobs_default}).")(func)
    return decorate


#: -v of the one-input commands (``article``, ``extract``); ``digest`` and ``edition`` have theirs in batch_options.
verbose_flag = click.option("-v", "--verbose", is_flag=True,
                            help="Say what was read from each input: title, words, figures, language.")


def describe_read(spec: str, article) -> str:
    """The -v line for one input read: what a user checks before trusting the book."""
    words = len(article.body_text.split())
    return (f"newspack: read {spec}: {article.title or '(untitled)'} ({words} words, "
            f"{len(article.figures)} figures, language {article.language or 'unknown'})")


def _set_root_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().params[param.name] = True


def global_flags(*, quiet: bool = True):
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


def say(ctx: click.Context, message: str) -> None:
    if not ctx.find_root().params.get("quiet"):
        click.echo(message, err=True)


def warnings_printer(ctx: click.Context):
    """A Notify that prints a job's warnings (a single book shows no progress)."""
    def notify(event: Event) -> None:
        if event.kind == "warning":
            say(ctx, f"newspack: warning: {event.detail}")
    return notify


def complain(problem: Problem, input_spec: str | None = None) -> None:
    """One stderr line for ``problem``; with ``input_spec``, one input's of several."""
    hint = TRACEBACK_HINT if problem.internal else ""
    if input_spec is not None:
        click.echo(f"newspack: error: {input_spec}: {problem.line(input_spec)}{hint}", err=True)
    elif problem.internal or problem.exit_code == ExitCode.INTERRUPTED:
        click.echo(f"newspack: {problem.reason}{hint}", err=True)
    else:
        click.echo(f"newspack: error: {problem.line()}", err=True)


def _warning_line(message: str) -> None:
    """A warning from library code that cannot print, on stderr unless -q (read from the running command)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not ctx.find_root().params.get("quiet"):
        click.echo(f"newspack: warning: {message}", err=True)


def _show_warning(message, category, filename, lineno, file=None, line=None, _default=None) -> None:
    """Library warnings meant for the user (NewspackWarning) as one line; others as Python shows them."""
    from ..errors import NewspackWarning

    if issubclass(category, NewspackWarning):
        _warning_line(str(message))
    else:
        _default(message, category, filename, lineno, file, line)


class _WarningLines(logging.Handler):
    """The library's logged warnings (an image dropped) as ``newspack: warning:`` lines, unless -q."""

    def emit(self, record: logging.LogRecord) -> None:
        _warning_line(record.getMessage())


def _log_warnings_as_lines() -> None:
    logger = logging.getLogger("newspack")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines(logging.WARNING))
        logger.propagate = False  # printed once, by us, not again by Python's last-resort handler


class Group(click.Group):
    """Maps every outcome of a command to one stderr line and an exit code."""

    def invoke(self, ctx: click.Context):
        import warnings

        if getattr(warnings.showwarning, "func", None) is not _show_warning:
            warnings.showwarning = functools.partial(_show_warning, _default=warnings.showwarning)
        _log_warnings_as_lines()
        try:
            code = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(CLOSED_PIPE_EXIT)
        except (KeyboardInterrupt, Exception) as exc:
            # read now: the subcommand's own --traceback sets it
            if ctx.params.get("traceback") and not isinstance(exc, KeyboardInterrupt):
                raise
            problem = describe(exc)
            complain(problem)
            ctx.exit(problem.exit_code)
        if code:
            ctx.exit(int(code))
        return code


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: the interpreter's last flush of what is still buffered would
    otherwise fail again and print "Exception ignored" after we have ended quietly."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout has no file descriptor (tests)
        pass


def on_signal(signum, frame):
    # The first SIGTERM or Ctrl-C ends the run like Ctrl-C; later ones are ignored so that the
    # cleanup it starts (temp files removed, lock released) is not cut short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def exit_now(code: int) -> None:
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
