"""Templates and stylesheets, read from ``styles/`` through the one data loader.

The user's folder wins over the packaged copy (``newspack.resources.read_text``), so a user
restyles or re-templates a book by dropping a file of the same name in their folder.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from .. import resources
from ..errors import NewspackError, UsageError
from .options import WriterOptions

#: The structure every theme shares, first in the cascade.
BASE_STYLESHEET = "base.css"

#: The stylesheet holding paged-media rules (numbers, running heads, breaks), PDF only.
PRINT_STYLESHEET = "print.css"

#: Subfolder of the cache folder holding compiled templates.
TEMPLATE_CACHE_SUBFOLDER = "templates"

#: Theme names that stand for another (``default`` was the only theme of 0.1).
STYLE_ALIASES = {"default": "classic"}


def template_value(value: object) -> object:
    """A template value as printed: None prints as nothing. (Characters XML cannot hold left
    the edition before any writer ran: ``writers.writable``.)"""
    return "" if value is None else value


def _load_template(name: str) -> str:
    try:
        return resources.read_text("styles", name)
    except NewspackError as exc:
        raise jinja2.TemplateNotFound(name) from exc


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder (jinja2 keys them by template source, so
    an edited template is compiled again); a missing, read-only or damaged folder only costs
    the compile."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_environment() -> jinja2.Environment:
    """A jinja2 environment over ``styles/``: autoescape always on, undefined names are errors.

    One per user folder, kept for the process: compiling the templates costs more than
    rendering an article with them, and a digest renders hundreds. The compiled code is also
    kept between runs (30 ms of a 0.25 s EPUB).
    """
    return _environment(str(resources.user_dir()), str(resources.cache_dir() / TEMPLATE_CACHE_SUBFOLDER))


@lru_cache(maxsize=4)
def _environment(user_dir: str, compiled_dir: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        bytecode_cache=_CompiledTemplates(compiled_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=template_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **context: object) -> str:
    """Render template ``name`` from ``styles/`` with ``context``."""
    try:
        return template_environment().get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise NewspackError(f"no such template: {exc.name}") from exc
    except jinja2.TemplateError as exc:
        raise NewspackError(f"template {name}: {exc}") from exc


def stylesheets(options: WriterOptions, *, paged: bool) -> list[str]:
    """The CSS texts of a book in cascade order: base, the theme, print rules and the page
    size if paged, then the extra files."""
    texts = [resources.read_text("styles", BASE_STYLESHEET), _style_text(options.style)]
    if paged:
        texts.append(resources.read_text("styles", PRINT_STYLESHEET))
        texts.append(_page_text(options.page_size))
    texts.extend(_read_css_file(Path(path)) for path in options.extra_css)
    return texts


def theme_names() -> list[str]:
    """The themes ``--style`` accepts by name: every stylesheet but the shared ones."""
    shared = {BASE_STYLESHEET, PRINT_STYLESHEET}
    return sorted(name.removesuffix(".css") for name in resources.list_names("styles", ".")
                  if name.endswith(".css") and name not in shared)


def _style_text(style: str) -> str:
    if style.endswith(".css") or "/" in style or "\\" in style:
        return _read_css_file(Path(style))
    style = STYLE_ALIASES.get(style, style)
    try:
        return resources.read_text("styles", f"{style}.css")
    except NewspackError as exc:
        raise UsageError(f"unknown style {style!r}: no {style}.css in styles/ "
                         f"(themes: {', '.join(theme_names())})") from exc


def _page_text(size: str) -> str:
    try:
        return resources.read_text("styles", f"pages/{size.lower()}.css")
    except NewspackError as exc:
        raise UsageError(f"unknown page size {size!r}: no pages/{size.lower()}.css in styles/") from exc


def _read_css_file(path: Path) -> str:
    try:
        return path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read stylesheet {path}: {exc}") from exc
