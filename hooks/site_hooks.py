"""MkDocs glue: load the data once per build, hand generated pages and feeds to MkDocs.

All rules live in the ``netvaerk`` package beside this file; this module only maps MkDocs
events onto it. MkDocs imports hook files once per process, so state is reset in
``on_config`` (which runs at the start of every build, also on ``mkdocs serve`` rebuilds).
ProperDocs runs this file unchanged: its command maps every ``mkdocs.*`` import onto its own
``properdocs.*`` module (``properdocs/replacement.py``; tests/test_engines.py).
"""

from __future__ import annotations

import gc
import mimetypes
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from netvaerk.content import clock
from netvaerk.content.history import History, read_history
from netvaerk.content.load import load_content
from netvaerk.content.loading import MEETINGS_FILE
from netvaerk.content.news import NewsItem, article_meta
from netvaerk.content.problems import DataError
from netvaerk.content.site import Site
from netvaerk.editing import cms, preview
from netvaerk.feeds.atom import MEDIA_TYPE, feed_title
from netvaerk.outputs import BuildContext, Prepared, prepare
from netvaerk.pages.agenda import TableCaptions
from netvaerk.pages.home import insert_blocks
from netvaerk.pages.news_pages import article_markdown
from netvaerk.pages.seo import PageHead, open_graph
from netvaerk.search_stemming import LUNR_DA_PATH, patch_lunr_da
from netvaerk.text import urls
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
T = TypeVar("T")

REBUILD_HINT = (
    "Forhåndsvisningen viser stadig den sidste gode udgave. Ret fejlen og gem filen, "
    "så bygges siden igen."
)


def _wait_or_fail(
    exc: DataError, load: Callable[[], T], config: MkDocsConfig, watched: list[Path]
) -> T:
    """Bad data fails the build, except the first one of `mkdocs serve`: that one shows the
    problems in the terminal and the browser and waits for the fix (netvaerk/editing/preview.py)."""
    if not serving.active or serving.started:
        serving.data_error = serving.active
        hint = f"\n{REBUILD_HINT}" if serving.active else ""
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
    server.builder = _keeping_last_good_pages(server.builder)
    return server


def _keeping_last_good_pages(builder: Callable[[], None]) -> Callable[[], None]:
    """A failed rebuild makes MkDocs' server hold every request until a build succeeds. Bad
    data stops the build in on_config, before site/ is cleaned, so the last good pages are
    intact: count the rebuild as done and keep serving them."""

    def build() -> None:
        serving.data_error = False
        try:
            builder()
        except Exception:
            if not serving.data_error:
                raise

    return build


def on_shutdown() -> None:
    _close_problem_page()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before MkDocs touches ``site/``: bad data keeps the old site."""
    global state
    state = None
    data_dir = Path(config.config_file_path).parent / "data"
    docs_dir = Path(config.docs_dir)
    try:  # the build's day (a preview date, SOURCE_DATE_EPOCH or the clock): checked first
        today = clock.today()
    except clock.PreviewDateError as exc:
        raise PluginError(str(exc)) from None

    def load() -> tuple[History, Site, list[NewsItem]]:
        """The Git history first: the rules compare the meetings with the last commit."""
        now = datetime.fromtimestamp(clock.build_timestamp(), UTC)
        history = read_history(data_dir / MEETINGS_FILE, now)
        site, written = load_content(
            data_dir, docs_dir, docs_dir.name, before=history.committed, today=today
        )
        return history, site, written

    try:  # data files and news front matter together: every problem in one run
        history, site, written = load()
    except DataError as exc:  # the first build of `mkdocs serve` waits for a fix instead
        history, site, written = _wait_or_fail(exc, load, config, [data_dir, docs_dir])
    if history.lost:  # in Git, but the history cannot be read: calendars will miss changes
        log.warning(history.explanation())
    elif history.note:  # info: a downloaded zip (no Git at all) must pass --strict too
        log.info(history.explanation())
    if clock.preview_date() is not None:
        log.info(clock.preview_banner(today))
    if history.committed.skipped:  # an old bad commit is no error now (history.py)
        log.info(history.committed.skipped_note())
    ctx = BuildContext(
        today=today,
        site_url=config.site_url or "",
        site_name=config.site_name,
        history=history,
    )
    state = prepare(site, written, ctx)
    # Python-Markdown takes extension objects too; MkDocs' type says names only.
    cast(list[Any], config.markdown_extensions).append(TableCaptions())  # see agenda.py
    return config


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


# `make edit` and the browser test point the editor at decap-server on this machine.
EDITOR_PROXY_ENV = "NETVAERK_EDITOR_PROXY"


def _editor_backend(config: MkDocsConfig) -> cms.Backend:
    proxy = os.environ.get(EDITOR_PROXY_ENV)
    if proxy:
        return cms.Backend("proxy", proxy_url=proxy)
    settings = config.extra.get("editor") or {}
    return cms.Backend(
        "github",
        repo=str(settings.get("repo", "")),
        branch=str(settings.get("branch", "main")),
        base_url=str(settings.get("auth_url", "")),
        auth_endpoint=str(settings.get("auth_endpoint", "")),
    )


def _add_editor(files: Files, config: MkDocsConfig) -> None:
    """The browser editor at /admin/: Decap's bundle from admin/node_modules (`npm ci`), its
    configuration generated from the model, and the page that loads them."""
    assert state is not None
    admin = Path(config.config_file_path).parent / "admin"
    dist = admin / "node_modules" / "decap-cms" / "dist"
    if not (dist / cms.BUNDLE_SCRIPT).is_file():
        log.info(
            "admin/: Decap CMS er ikke installeret (make build kører npm ci): /admin/ udelades"
        )
        return
    hosts = [(member.id, member.name) for member in state.site.members]
    config_text = cms.render_config(
        cms.cms_config(_editor_backend(config), hosts=hosts, site_url=config.site_url or "")
    )
    files.append(File.generated(config, "admin/config.yml", content=config_text))
    files.append(
        File.generated(config, "admin/index.html", content=cms.admin_page(config.site_name))
    )
    for name in cms.OWN_SCRIPTS:
        files.append(File.generated(config, f"admin/{name}", abs_src_path=str(admin / name)))
    for path in sorted(dist.iterdir()):
        if cms.bundle_file_wanted(path.name):
            files.append(File.generated(config, f"admin/{path.name}", abs_src_path=str(path)))
    yaml_dist = admin / "node_modules" / "yaml" / "browser" / "dist"
    for path in sorted(yaml_dist.rglob("*.js")):
        target = f"admin/{cms.YAML_DIR}/{path.relative_to(yaml_dist).as_posix()}"
        files.append(File.generated(config, target, abs_src_path=str(path)))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill ``<!-- netvaerk:name -->`` placeholders in any page with generated blocks."""
    assert state is not None
    article = state.articles.get(page.file.src_uri)
    if article is not None:  # an editor's news page: its date, a link back, its summary
        markdown = article_markdown(markdown, article)
        page.meta.update(article_meta(article, page.meta))
    text, unknown = insert_blocks(markdown, state.blocks)
    for name in unknown:
        log.warning("docs/%s: ukendt pladsholder <!-- netvaerk:%s -->", page.file.src_uri, name)
    return text


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every template, the 404 page too, advertises the news feed and, in a preview of
    another day (``make serve DATO=…``), carries the preview banner (overrides/main.html)."""
    env.globals["nk_feed"] = {
        "href": urls.NEWS_FEED,
        "type": MEDIA_TYPE,
        "title": feed_title(config.site_name),
    }
    day = clock.preview_date()  # already validated in on_config
    env.globals["nk_preview"] = clock.preview_banner(day) if day is not None else ""
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
