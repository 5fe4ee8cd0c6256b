"""MkDocs glue: load the data once per build, hand generated pages and feeds to MkDocs.

All rules live in the ``netvaerk`` package beside this file; this module only maps MkDocs
events onto it. Where a build writes and what survives a failure (the staging swap, the
strict-warning check, ``mkdocs serve``'s recovery) is ``build_output.BuildOutput``, one object
whose methods the events below call. MkDocs imports hook files once per process, so state is
reset in ``on_config`` (which runs at the start of every build, also on ``mkdocs serve``
rebuilds). ProperDocs runs this file unchanged: its command maps every ``mkdocs.*`` import onto
its own ``properdocs.*`` module (``properdocs/replacement.py``; tests/test_engines.py).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from build_output import BuildOutput
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from netvaerk.content import clock
from netvaerk.content.problems import DataError
from netvaerk.editing import admin
from netvaerk.feeds import published
from netvaerk.outputs import (
    Prepared,
    build_project,
    minify_stylesheets,
    page_markdown,
    template_globals,
)
from netvaerk.pages.agenda import TableCaptions
from netvaerk.pages.seo import PageHead, open_graph
from netvaerk.search_stemming import LUNR_DA_PATH, patch_lunr_da
from netvaerk.text.hyphenation import hyphenate_page
from netvaerk.text.templating import bytecode_cache

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
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)

    def load() -> Prepared:
        return build_project(
            root,
            docs_dir,
            docs_dir.name,
            site_url=config.site_url or "",
            site_name=config.site_name,
        )

    try:
        try:  # data files and news front matter together: every problem in one run
            state = load()
        except DataError as exc:  # the first build of `mkdocs serve` waits for a fix instead
            state = lifecycle.wait_or_fail(exc, load, config, [root / "data", docs_dir])
    except (clock.ClockError, published.PublishedError) as exc:
        raise PluginError(str(exc)) from None
    for level, message in state.notes:
        log.log(level, message)
    # Python-Markdown takes extension objects too; MkDocs' type says names only.
    cast(list[Any], config.markdown_extensions).append(TableCaptions())  # see agenda.py
    lifecycle.begin(config)  # only now: bad data never touches site/
    return config


@event_priority(-100)  # last: every other plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    """The stylesheets are minified in the new output, then it replaces site/ (build_output.py)."""
    minify_stylesheets(Path(config.site_dir), config.extra_css)
    lifecycle.finish(config)


def on_build_error(error: Exception) -> None:
    """Any failure: throw the new output away; the last good site/ is left as it was."""
    lifecycle.discard()


@event_priority(50)  # early, so other plugins (search) see the generated pages as real files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert state is not None
    for src in state.unpublished:  # out on their date
        unpublished = files.get_file_from_path(src)
        if unpublished is not None:
            files.remove(unpublished)
    for src, content in state.files().items():
        # load_content reported any such file in on_config (generated.collisions)
        assert files.get_file_from_path(src) is None, f"docs/{src} collides with a generated file"
        files.append(File.generated(config, src, content=content))
    _add_editor(files, config)
    lunr_da = files.get_file_from_path(LUNR_DA_PATH)
    if lunr_da is not None:
        files.remove(lunr_da)
        files.append(
            File.generated(config, LUNR_DA_PATH, content=patch_lunr_da(lunr_da.content_string))
        )
    return files


def _add_editor(files: Files, config: MkDocsConfig) -> None:
    """The browser editor at /admin/ (netvaerk/editing/admin.py)."""
    assert state is not None
    editor = admin.editor_files(
        Path(config.config_file_path).parent / "admin",
        site_name=config.site_name,
        site_url=config.site_url or "",
        settings=config.extra.get("editor"),
        hosts=[(member.id, member.name) for member in state.site.members],
        environ=os.environ,
        sources=[file.src_uri for file in files],  # materials the browser's rules know
    )
    if editor is None:
        log.info(admin.MISSING)
        return
    for target, source in editor.items():
        if isinstance(source, Path):
            files.append(File.generated(config, target, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, target, content=source))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill ``<!-- netvaerk:name -->`` placeholders in any page with generated blocks
    (``outputs.page_markdown``, which the pre-build runs too)."""
    assert state is not None  # an editor's news page: its date, a link back, its summary
    text, meta, unknown = page_markdown(state, page.file.src_uri, markdown, page.meta)
    page.meta.update(meta)
    for name in unknown:
        log.warning("docs/%s: ukendt pladsholder <!-- netvaerk:%s -->", page.file.src_uri, name)
    return text


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every template's globals (``outputs.template_globals``)."""
    assert state is not None
    env.globals.update(template_globals(state, config.site_name))
    # MkDocs makes a new Environment every build and compiles every theme template again
    # (about a tenth of a small site's build): keep the compiled code between builds.
    return bytecode_cache(env)


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Open Graph and Twitter card tags; the Event or NewsArticle JSON-LD (overrides/main.html)."""
    assert state is not None
    head = state.heads.get(page.file.src_uri, PageHead())
    extra = cast(dict[str, Any], context)  # TemplateContext declares only MkDocs' own keys
    extra["nk_og"] = open_graph(
        title=page.title,
        description=page.meta.get("description") or config.site_description,
        url=page.canonical_url,
        site_name=config.site_name,
        site_url=config.site_url or "",
        is_home=page.is_homepage,
        head=head,
    )
    extra["nk_jsonld"] = head.jsonld
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Soft hyphens in the long words of the content's headings and table cells
    (netvaerk/text/hyphenation.py). After the page is rendered, so the search index, the
    table of contents and the ``<title>`` keep the words as written."""
    return hyphenate_page(output)
