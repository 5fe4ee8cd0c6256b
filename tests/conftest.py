"""Shared test helpers: a throw-away copy of the project and a real ``mkdocs build`` of it.

``project`` copies ``mkdocs.yml``, ``docs/`` and ``data/`` into a temp dir (``hooks/`` and
the theme's ``overrides/`` are symlinks to the real ones) so a test can change the data and
build without touching the repository. ``build`` runs MkDocs' own ``build()`` in-process on a
real ``MkDocsConfig``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Playwright, sync_playwright

from netvaerk.model import TIMEZONE

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtualenv running the tests
# The engines the site must build with: MkDocs 1.6, and ProperDocs, its maintained fork (a
# second engine in CI, in case MkDocs 1.x must go; README.md, "Engines").
ENGINES = ("mkdocs", "properdocs")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def epoch(day: str, clock: str = "12:00") -> int:
    """SOURCE_DATE_EPOCH for a Danish local date and time, e.g. epoch('2021-01-27')."""
    return int(datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TIMEZONE).timestamp())


class Project:
    """A temporary copy of the site sources that a test may change and build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copytree(ROOT / "data", root / "data")
        (root / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
        (root / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
        self.site_dir = root / "site"

    def write(self, relative: str, text: str) -> Path:
        """Write a file (dedented) into the project, e.g. ``data/meetings.yaml``."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self, today: str = "2026-11-30", **overrides: object) -> Path:
        """Run ``mkdocs build --strict`` in-process with 'today' pinned; return site/."""
        if _unmarked_test is not None:
            pytest.fail(
                f"{_unmarked_test} builds a site: mark it build (`make test-fast` skips those)",
                pytrace=False,
            )
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch(today))
        try:
            config = load_config(
                str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir), strict=True, **overrides
            )
            mkdocs_build(config)
        finally:
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old
        return self.site_dir

    def cli_build(self, engine: str = "mkdocs", today: str = "2026-11-30") -> CompletedProcess[str]:
        """``<engine> build --strict`` in a process of its own, as CI runs it; ``engine`` is
        one of ENGINES. ProperDocs runs the hooks' ``mkdocs.*`` imports as its own modules."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch(today))}
        return subprocess.run(
            [str(BIN / engine), "build", "--strict", "--site-dir", str(self.site_dir)],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def page(self, url_path: str) -> str:
        """The built HTML at a site path like ``moeder/2021-01-28/``."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


# The test running now, when it is marked neither build nor browser (None otherwise, and
# while session fixtures run): such a test must not build, or `make test-fast` would.
_unmarked_test: str | None = None
FAST_EXCLUDED = ("build", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the shipped site's build is a build test, marked or not."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)


@pytest.fixture(autouse=True)
def _builds_are_marked(request: pytest.FixtureRequest) -> Iterator[None]:
    global _unmarked_test
    marked = any(request.node.get_closest_marker(name) for name in FAST_EXCLUDED)
    _unmarked_test = None if marked else request.node.nodeid
    yield
    _unmarked_test = None


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see neither GitHub Actions (where ``make check`` adds annotations and writes the
    job summary) nor a preview date, unless they set one themselves."""
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_WORKSPACE",
        "NETVAERK_DATO",
        "NETVAERK_UDGIVELSE",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    yield Project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shipped data built once per test session (date pinned to 2026-11-30)."""
    proj = Project(tmp_path_factory.mktemp("shipped") / "project")
    proj.build()
    return proj


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with GitHub Pages' types: Python knows ``.ics`` only from the machine's
    ``/etc/mime.types``, which a fresh machine may lack."""

    extensions_map = {  # noqa: RUF012 - the standard library's own class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


class _CompressingPagesHandler(_PagesLikeHandler):
    """As GitHub Pages serves: text gzip-compressed for a client that accepts it, and
    ``Cache-Control: max-age=600``. For measuring what a phone downloads (Lighthouse)."""

    COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]  # the standard library's signature
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and kind.startswith(self.COMPRESSED)):
            return super().send_head()  # also the redirect of a folder without its '/'
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields the base URL. ``compress``: gzip
    and cache headers as GitHub Pages sends them."""
    cls = _CompressingPagesHandler if compress else _PagesLikeHandler
    handler = functools.partial(cls, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """One Playwright per test process: its sync API refuses a second one started while the
    first runs, so every browser fixture launches from this one."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (no downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    instance = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


DANISH_PACK = Path("/usr/lib/chromium/locales/da.pak")  # Debian's chromium-l10n


@pytest.fixture(scope="session")
def danish_browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Chromium with a Danish user interface, as a Danish editor's Chrome or Edge: the native
    date and time inputs follow the browser's language, not the page's, and only in Danish read
    ``11-03-2027`` day first and ``10.00`` as a 24-hour time. Only the editor's tests use it;
    the other browser tests keep the English interface their expectations were written for."""
    if not DANISH_PACK.exists():
        pytest.fail(f"{DANISH_PACK} is missing: install Debian's chromium-l10n (see .ci/run)")
    instance = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--lang=da"],
        env={**os.environ, "LANGUAGE": "da"},
    )
    yield instance
    instance.close()
