"""MkDocs glue: load the data once per build, hand generated pages and feeds to MkDocs.

All rules live in the ``netvaerk`` package beside this file; this module only maps MkDocs
events onto it. MkDocs imports hook files once per process, so state is reset in
``on_config`` (which runs at the start of every build, also on ``mkdocs serve`` rebuilds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from netvaerk import clock
from netvaerk.loading import load_site
from netvaerk.outputs import BuildContext, generated_files, page_blocks
from netvaerk.pages import insert_blocks
from netvaerk.problems import DataError
from netvaerk.site import Site

log = get_plugin_logger("netvaerk")


@dataclass
class _State:
    """What one build has loaded; replaced at the start of every build."""

    site: Site | None = None
    ctx: BuildContext | None = None
    blocks: dict[str, str] = field(default_factory=dict)


state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before MkDocs touches ``site/``: bad data keeps the old site."""
    global state
    state = _State()
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        site = load_site(data_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    ctx = BuildContext(today=clock.today(), site_url=config.site_url or "")
    state.site, state.ctx = site, ctx
    state.blocks = page_blocks(site, ctx)
    return config


@event_priority(50)  # early, so other plugins (search) see the generated pages as real files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert state.site is not None and state.ctx is not None
    for src, content in generated_files(state.site, state.ctx).items():
        existing = files.get_file_from_path(src)
        if existing is not None:
            raise PluginError(f"docs/{src} findes allerede, men siden bliver genereret af data/")
        files.append(File.generated(config, src, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill ``<!-- netvaerk:name -->`` placeholders in any page with generated blocks."""
    text, unknown = insert_blocks(markdown, state.blocks)
    for name in unknown:
        log.warning("docs/%s: ukendt pladsholder <!-- netvaerk:%s -->", page.file.src_uri, name)
    return text
