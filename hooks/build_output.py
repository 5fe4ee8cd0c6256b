"""MkDocs glue for where a build writes and what survives a failure; site_hooks.py maps the
events onto one ``BuildOutput``.

Every build writes into a fresh directory that replaces ``site/`` only when the whole build,
strict warnings included, has succeeded (netvaerk/staging.py). Under ``mkdocs serve`` the first
build waits on bad data with a problem page (netvaerk/editing/preview.py), and a failed rebuild
keeps the last good pages served. What to say and whether to publish are decided in
netvaerk/staging.py; this module holds only what needs MkDocs' objects.

A plain module beside the hook file, not a second hook file: MkDocs puts the hook file's
directory on ``sys.path`` while it imports it, so ``import build_output`` works there, and
ProperDocs maps this module's ``mkdocs.*`` imports as it does the hook file's. One object owns
the state the serve lifecycle shares across events (``data_error``: this failure was bad data,
already reported), so nothing else pokes at it.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from netvaerk import outputs, staging
from netvaerk.content.problems import DataError

if TYPE_CHECKING:  # annotations only: the live-reload server alone costs a build ~35 ms
    from mkdocs.livereload import LiveReloadServer

    from netvaerk.editing.preview import ProblemServer

T = TypeVar("T")


class BuildOutput:
    """One process's builds: the stage being written and the state of ``mkdocs serve``."""

    def __init__(self, log: logging.LoggerAdapter[logging.Logger]) -> None:
        self.log = log
        self.serving = False  # running under `mkdocs serve`
        self.started = False  # the first build is done: MkDocs now keeps the last good pages
        self.page: ProblemServer | None = None  # the problem page while the first waits
        self.data_error = False  # this build stopped on bad data, before site/ was touched
        self.dirty = False  # `--dirty`: start from a copy of the current site
        self.stage: staging.Stage | None = None

    def startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def serve(self, server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
        self.started = True
        # The server guesses types with mimetypes, which knows .ics only from /etc/mime.types:
        # serve calendars as GitHub Pages does, on any machine. (Here, not at import: reading
        # the system's type files costs every build a few milliseconds.)
        mimetypes.add_type("text/calendar", ".ics")
        self._close_problem_page()  # MkDocs' own server takes the address now
        # data/ is watched from here, not from `watch:` in mkdocs.yml: MkDocs validates that
        # list before any hook runs, so a missing data/ gave its English "Config value 'watch'"
        # error instead of our Danish one (on_config).
        data_dir = outputs.data_dir(Path(config.config_file_path).parent)
        if data_dir.is_dir():
            server.watch(str(data_dir))
        server.builder = self._keeping_last_good_pages(server.builder)
        return server

    def _keeping_last_good_pages(self, builder: Callable[[], None]) -> Callable[[], None]:
        """A failed rebuild makes MkDocs' server hold every request until a build succeeds.
        The last good pages are intact after any failure (netvaerk/staging.py): say so, count
        the rebuild as done and keep serving them."""

        def build() -> None:
            self.data_error = False
            try:
                builder()
            except Exception as exc:
                if not self.data_error:  # a data error has said this already
                    self.log.log(*staging.rebuild_stopped(exc))

        return build

    def shutdown(self) -> None:
        self._close_problem_page()
        self.discard()

    def _close_problem_page(self) -> None:
        if self.page is not None:
            self.page.close()
            self.page = None

    def wait_or_fail(
        self, exc: DataError, load: Callable[[], T], config: MkDocsConfig, watched: list[Path]
    ) -> T:
        """Bad data fails the build, except the first one of `mkdocs serve`: that one shows
        the problems in the terminal and the browser and waits for the fix."""
        if not self.serving or self.started:
            self.data_error = self.serving
            raise PluginError(staging.data_stopped(str(exc), serving=self.serving)) from None
        # Only the first build of `mkdocs serve` waits: other builds need not import it.
        from netvaerk.editing import preview

        if self.page is None:
            self.page = preview.ProblemServer(config.dev_addr.host, config.dev_addr.port)
        return preview.wait_until_valid(load, exc, watched, self.page)

    def discard(self) -> None:
        """Throw the new output away (any failure, or a build that ended without
        on_build_error, as Ctrl+C does); the last good site/ is left as it was."""
        if self.stage is not None:
            staging.discard(self.stage)
            self.stage = None

    def begin(self, config: MkDocsConfig) -> None:
        """Point the build at a fresh directory beside site_dir (before MkDocs cleans
        anything; only after the data loaded, so bad data never touches site/)."""
        try:
            self.stage = staging.begin(Path(config.site_dir), keep_existing=self.dirty)
        except OSError as exc:
            raise PluginError(staging.cannot_begin(config.site_dir, exc)) from None
        config.site_dir = str(self.stage.path)

    def finish(self, config: MkDocsConfig) -> None:
        """The whole build is done: swap it in for site/, unless a warning will abort it
        (strict mode counts them and aborts right after on_post_build)."""
        stage, self.stage = self.stage, None
        if stage is None:
            return
        ending = staging.ending(self._strict_warnings(config))
        if ending is not staging.Ending.PUBLISH:
            staging.discard(stage)
            if ending is staging.Ending.UNKNOWN:
                raise PluginError(staging.unknown_warnings(stage))
            return
        try:
            staging.publish(stage)
        except staging.StagingError as exc:
            raise PluginError(str(exc)) from None
        config.site_dir = str(stage.target)

    def _strict_warnings(self, config: MkDocsConfig) -> int | None:
        """The warnings MkDocs has counted so far in a strict build (its own CountHandler, on
        the engine's logger above ours; it aborts after on_post_build when there are any).
        None when the counter cannot be found."""
        if not config.strict:
            return 0
        counters: list[CountHandler] = []
        logger: logging.Logger | None = self.log.logger
        while logger is not None:
            counters += [h for h in logger.handlers if isinstance(h, CountHandler)]
            logger = logger.parent if logger.propagate else None
        if not counters:
            return None
        return max(sum(count for _, count in counter.get_counts()) for counter in counters)
