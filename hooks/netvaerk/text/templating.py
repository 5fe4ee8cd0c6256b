"""Jinja2 for the HTML the pages carry: a template folder per layer, one Environment each.

Autoescape is on, so text from YAML is escaped in HTML unless a renderer hands in ``Markup``
on purpose. Most templates produce Markdown with HTML blocks in it (``markdown`` attribute,
md_in_html), so a value headed for Markdown goes through the ``md`` filter (``md_text``:
HTML-escaped, Markdown punctuation backslashed) and Markdown built by a renderer is passed as
``Markup``. The templates are read once per process (MkDocs loads the hooks once); Jinja2 is
loaded by MkDocs anyway, so it costs a build nothing to import.

Compiling a template to Python is most of what loading one costs, and every build (each
``mkdocs build``, each rebuild of ``mkdocs serve``) is a new Environment that compiles them
all again, MkDocs' theme templates too. ``bytecode_cache`` keeps the compiled code between
builds, as Python keeps a module's ``.pyc``: Jinja's own cache in the user's private temp
directory, checked against each template's source (and Jinja's and Python's versions).
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from markupsafe import Markup

from netvaerk.text.markup import md_text


def _md(text: str) -> Markup:
    return Markup(md_text(text))


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache that never fails a build: a cache it cannot read or write (a full
    or read-only disk) only means compiling, as without one."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # cut off
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compile_options(env: Environment) -> str:
    """What, besides the source, decides an Environment's compiled code: caches of
    Environments that differ here must not share files (Jinja's key is the template's name
    and file only). Callables by name, so the key is the same in every process: two
    Environments with differently configured autoescape functions of the same name would
    share files (neither MkDocs' nor ours has one: False and True)."""

    def stable(value: object) -> str:
        if callable(value):
            return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return repr(value)

    options = [
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.autoescape,
        env.undefined,
        env.finalize,
        env.code_generator_class,
        env.context_class,
        sorted(env.extensions),
    ]
    return hashlib.sha256("\x00".join(map(stable, options)).encode()).hexdigest()[:16]


def bytecode_cache(env: Environment) -> Environment:
    """Give ``env`` a bytecode cache between processes (see the module docstring). Set it
    before the first template is loaded. Without a safe private temp directory (Jinja
    checks its owner and mode), no cache: the templates are compiled as before."""
    try:
        env.bytecode_cache = _TemplateCache(pattern=f"__netvaerk_{_compile_options(env)}_%s.cache")
    except (OSError, RuntimeError):
        env.bytecode_cache = None
    return env


@cache
def environment(folder: Path) -> Environment:
    """The Environment of one template folder, made once."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt name fails instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = _md
    return bytecode_cache(env)


@cache
def _template(folder: Path, name: str) -> Template:
    return environment(folder).get_template(name)


def render(folder: Path, name: str, **context: object) -> str:
    """Render ``folder/name`` with ``context`` (about 25 µs a render)."""
    return _template(folder, name).render(context)
