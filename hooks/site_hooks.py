"""MkDocs glue: maps MkDocs' events onto the ``netvaerk`` package beside this file, where every
rule lives: ``outputs`` (the build's entry point, the per-page transform, a page's head),
``editing.admin`` (the editor at /admin/) and ``build_output.BuildOutput`` (where a build
writes and what survives a failure). MkDocs imports hook files once per process, so state is
reset in ``on_config``, which starts every build (``mkdocs serve``'s rebuilds too). ProperDocs
runs this file unchanged, mapping every ``mkdocs.*`` import onto ``properdocs.*``
(tests/test_engines.py).
"""

# ruff: noqa: E402 - the imports come after the collector is paused (below)
from __future__ import annotations

import gc

# The imports below make some 50,000 objects that live as long as the process (pydantic and
# the model, icalendar, ours): the collector's passes while they are made free nothing and
# cost every build 21 M instructions (callgrind). Paused until they are in, which are then
# frozen (as on_startup freezes MkDocs' own): else its first pass after them scans them all.
_collecting = gc.isenabled()
gc.disable()

import os
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from build_output import BuildOutput
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from netvaerk import outputs
from netvaerk.content.problems import DataError
from netvaerk.editing import admin
from netvaerk.outputs import Prepared
from netvaerk.pages.agenda import markdown_extensions
from netvaerk.search_stemming import LUNR_DA_PATH, patch_lunr_da
from netvaerk.text.hyphenation import hyphenate_page
from netvaerk.text.templating import bytecode_cache

gc.freeze()
if _collecting:  # unless whoever imports this file had paused it already
    gc.enable()

if TYPE_CHECKING:  # annotations only: the live-reload server alone costs a build ~35 ms
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger("netvaerk")

# What the current build has prepared; replaced at the start of every build (on_config).
state: Prepared | None = None
# Where builds write and what survives a failure, across this process's builds.
lifecycle = BuildOutput(log)


def _prepared() -> Prepared:
    assert state is not None, "on_config prepares every build before any other event"
    return state


def _log(notes: Iterable[tuple[int, str]]) -> None:
    for level, message in notes:
        log.log(level, message)


def _add(files: Files, config: MkDocsConfig, made: Mapping[str, str | bytes | Path]) -> None:
    """Generated files by source path: content, or the file on disk to copy."""
    for src, content in made.items():
        if isinstance(content, Path):
            files.append(File.generated(config, src, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, src, content=content))


def on_startup(command: str, dirty: bool) -> None:
    lifecycle.startup(command, dirty)
    # Once per process, after every import (MkDocs, Material, pydantic, icalendar, ours):
    # those objects live until exit, and without this CPython's collector scans all of
    # them again in a full collection mid-build that our imports alone set off (about 5 %
    # of a small site's build; see bench/README.md).
    gc.freeze()


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    return lifecycle.serve(server, config)


def on_shutdown() -> None:
    lifecycle.shutdown()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before MkDocs touches ``site/``: bad data keeps the old site."""
    global state
    state = None
    lifecycle.discard()  # a build of this process that ended without on_build_error (Ctrl+C)
    root, docs_dir = Path(config.config_file_path).parent, Path(config.docs_dir)
    site = {"site_url": config.site_url or "", "site_name": config.site_name}
    load = partial(outputs.build_project, root, docs_dir, docs_dir.name, **site)
    try:
        try:  # data files and news front matter together: every problem in one run
            state = load()
        except DataError as exc:  # the first build of `mkdocs serve` waits for a fix instead
            state = lifecycle.wait_or_fail(exc, load, config, outputs.read_folders(root, docs_dir))
    except outputs.SETTING_ERRORS as exc:
        raise PluginError(str(exc)) from None
    _log(state.notes)
    # Python-Markdown takes extension objects too; MkDocs' type says names only.
    cast(list[Any], config.markdown_extensions).extend(markdown_extensions())
    lifecycle.begin(config)  # only now: bad data never touches site/
    return config


@event_priority(-100)  # last: every other plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    """The stylesheets are minified in the new output, then it replaces site/ (build_output.py)."""
    outputs.minify_stylesheets(Path(config.site_dir), config.extra_css)
    lifecycle.finish(config)


def on_build_error(error: Exception) -> None:
    """Any failure: throw the new output away; the last good site/ is left as it was."""
    lifecycle.discard()


@event_priority(50)  # early, so other plugins (search) see the generated pages as real files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Editors' news dated after today out; every generated page and feed, the editor at
    /admin/ and the theme's Danish search file with its query stemming in."""
    prepared = _prepared()
    for src in prepared.unpublished:
        if (unpublished := files.get_file_from_path(src)) is not None:
            files.remove(unpublished)
    made = prepared.files()
    clashes = [src for src in made if files.get_file_from_path(src)]
    assert not clashes, f"docs/ holds {clashes}: load_content reports it (generated.collisions)"
    _add(files, config, made)
    editor, notes = admin.build_editor(
        Path(config.config_file_path).parent,
        prepared.site,
        site_name=config.site_name,
        site_url=config.site_url or "",
        settings=config.extra.get("editor"),
        environ=os.environ,
        sources=[file.src_uri for file in files],  # materials the browser's rules know
        anchors=prepared.anchors,  # and the pages' anchors, as make check counts them
    )
    _log(notes)
    _add(files, config, editor)
    if (lunr_da := files.get_file_from_path(LUNR_DA_PATH)) is not None:
        files.remove(lunr_da)
        _add(files, config, {LUNR_DA_PATH: patch_lunr_da(lunr_da.content_string)})
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The one transform of a hand-written page (``outputs.page_markdown``, which the
    pre-build runs too): placeholders filled; an editor's news page's date, link back and
    summary."""
    text, meta, warnings = outputs.page_markdown(
        _prepared(), page.file.src_uri, markdown, page.meta
    )
    page.meta.update(meta)
    for warning in warnings:
        log.warning(warning)
    return text


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every template's globals (``outputs.template_globals``)."""
    env.globals.update(outputs.template_globals(_prepared(), config.site_name))
    # MkDocs makes a new Environment every build and compiles every theme template again
    # (about a tenth of a small site's build): keep the compiled code between builds.
    return bytecode_cache(env)


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Open Graph and Twitter card tags, the Event or NewsArticle JSON-LD (overrides/main.html)."""
    head = outputs.page_head(
        _prepared(),
        page.file.src_uri,
        title=page.title,
        meta=page.meta,
        url=page.canonical_url,
        is_home=page.is_homepage,
        site_description=config.site_description,
    )
    cast(dict[str, Any], context).update(head)  # TemplateContext declares only MkDocs' keys
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Soft hyphens in the long words of the content's headings and table cells
    (netvaerk/text/hyphenation.py). After the page is rendered, so the search index, the
    table of contents and the ``<title>`` keep the words as written."""
    return hyphenate_page(output)
