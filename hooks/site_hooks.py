"""MkDocs glue: load the data once per build, hand generated pages and feeds to MkDocs.

All rules live in the ``netvaerk`` package beside this file; this module only maps MkDocs
events onto it. MkDocs imports hook files once per process, so state is reset in
``on_config`` (which runs at the start of every build, also on ``mkdocs serve`` rebuilds).
ProperDocs runs this file unchanged: its command maps every ``mkdocs.*`` import onto its own
``properdocs.*`` module (``properdocs/replacement.py``; tests/test_engines.py).
"""

from __future__ import annotations

import gc
import logging
import mimetypes
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from netvaerk import staging
from netvaerk.content import clock
from netvaerk.content.problems import DataError
from netvaerk.editing import admin, preview
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


@dataclass
class _Serving:
    """``mkdocs serve`` across rebuilds (this module is loaded once per process)."""

    active: bool = False  # running under `mkdocs serve`
    started: bool = False  # the first build is done: MkDocs now keeps the last good pages
    page: preview.ProblemServer | None = None  # the problem page while the first build waits
    data_error: bool = False  # this build stopped in on_config, before site/ was touched


serving = _Serving()


@dataclass
class _Output:
    """Where this build writes: a fresh directory that replaces site/ only on full success
    (netvaerk/staging.py)."""

    stage: staging.Stage | None = None
    dirty: bool = False  # `--dirty`: start from a copy of the current site


output = _Output()
T = TypeVar("T")


def _wait_or_fail(
    exc: DataError, load: Callable[[], T], config: MkDocsConfig, watched: list[Path]
) -> T:
    """Bad data fails the build, except the first one of `mkdocs serve`: that one shows the
    problems in the terminal and the browser and waits for the fix (netvaerk/editing/preview.py)."""
    if not serving.active or serving.started:
        serving.data_error = serving.active
        hint = f"\n{staging.REBUILD_HINT}" if serving.active else ""
        raise PluginError(f"{exc}{hint}") from None
    if serving.page is None:
        serving.page = preview.ProblemServer(config.dev_addr.host, config.dev_addr.port)
    return preview.wait_until_valid(load, exc, watched, serving.page)


def _close_problem_page() -> None:
    if serving.page is not None:
        serving.page.close()
        serving.page = None


def on_startup(command: str, dirty: bool) -> None:
    serving.active = command == "serve"
    output.dirty = dirty
    # Once per process, after every import (MkDocs, Material, pydantic, icalendar, ours):
    # those objects live until exit, and without this CPython's collector scans all of
    # them again in a full collection mid-build that our imports alone set off (about 5 %
    # of a small site's build; see bench/README.md).
    gc.freeze()


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    serving.started = True
    # The server guesses types with mimetypes, which knows .ics only from /etc/mime.types:
    # serve calendars as GitHub Pages does, on any machine. (Here, not at import: reading the
    # system's type files costs every build a few milliseconds.)
    mimetypes.add_type("text/calendar", ".ics")
    _close_problem_page()  # MkDocs' own server takes the address now
    # data/ is watched from here, not from `watch:` in mkdocs.yml: MkDocs validates that list
    # before any hook runs, so a missing data/ gave its English "Config value 'watch'" error
    # instead of our Danish one (on_config).
    data_dir = Path(config.config_file_path).parent / "data"
    if data_dir.is_dir():
        server.watch(str(data_dir))
    server.builder = _keeping_last_good_pages(server.builder)
    return server


def _keeping_last_good_pages(builder: Callable[[], None]) -> Callable[[], None]:
    """A failed rebuild makes MkDocs' server hold every request until a build succeeds. Every
    build writes into a fresh directory that replaces the served one only on success
    (netvaerk/staging.py), so after any failure the last good pages are intact: say so, count
    the rebuild as done and keep serving them."""

    def build() -> None:
        serving.data_error = False
        try:
            builder()
        except Exception as exc:
            if not serving.data_error:  # a data error has said this already
                log.error(
                    "Genopbygningen stoppede: %s\n%s", staging.failure(exc), staging.REBUILD_HINT
                )

    return build


def on_shutdown() -> None:
    _close_problem_page()
    _discard_output()


def _discard_output() -> None:
    if output.stage is not None:
        staging.discard(output.stage)
        output.stage = None


def _stage_output(config: MkDocsConfig) -> None:
    """Point the build at a fresh directory beside site_dir (before MkDocs cleans anything)."""
    try:
        output.stage = staging.begin(Path(config.site_dir), keep_existing=output.dirty)
    except OSError as exc:
        raise PluginError(
            f"{config.site_dir}: kan ikke lave en ny mappe at bygge i ({exc.strerror})"
        ) from None
    config.site_dir = str(output.stage.path)


def _strict_warnings(config: MkDocsConfig) -> int | None:
    """The warnings MkDocs has counted so far in a strict build (its own CountHandler, on the
    engine's logger above ours; it aborts after on_post_build when there are any). None when
    the counter cannot be found: then nobody can tell whether the build succeeded."""
    if not config.strict:
        return 0
    counters: list[CountHandler] = []
    logger: logging.Logger | None = log.logger
    while logger is not None:
        counters += [h for h in logger.handlers if isinstance(h, CountHandler)]
        logger = logger.parent if logger.propagate else None
    if not counters:
        return None
    return max(sum(count for _, count in counter.get_counts()) for counter in counters)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before MkDocs touches ``site/``: bad data keeps the old site."""
    global state
    state = None
    _discard_output()  # a build of this process that ended without on_build_error (Ctrl+C)
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
            state = _wait_or_fail(exc, load, config, [root / "data", docs_dir])
    except (clock.ClockError, published.PublishedError) as exc:
        raise PluginError(str(exc)) from None
    for level, message in state.notes:
        log.log(level, message)
    # Python-Markdown takes extension objects too; MkDocs' type says names only.
    cast(list[Any], config.markdown_extensions).append(TableCaptions())  # see agenda.py
    _stage_output(config)
    return config


@event_priority(-100)  # last: every other plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    """The whole build is done: swap it in for site/, unless a warning will abort it (strict
    mode counts them and aborts right after this event). The stylesheets are minified first,
    in the new output."""
    minify_stylesheets(Path(config.site_dir), config.extra_css)
    stage, output.stage = output.stage, None
    if stage is None:
        return
    warnings = _strict_warnings(config)
    if warnings != 0:
        staging.discard(stage)
        if warnings is None:
            raise PluginError(
                "kan ikke se, om bygningen gav advarsler (--strict): "
                f"{stage.target} er ikke skiftet ud"
            )
        return
    try:
        staging.publish(stage)
    except staging.StagingError as exc:
        raise PluginError(str(exc)) from None
    config.site_dir = str(stage.target)


def on_build_error(error: Exception) -> None:
    """Any failure: throw the new output away; the last good site/ is left as it was."""
    _discard_output()


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
