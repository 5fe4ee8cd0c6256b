"""Fixtures, and the guard that keeps ``make test-fast`` free of builds.

Helpers (``Project``, ``serve``, model factories, the YAML builder) live in
``tests/factories.py``; test modules import them from there, never from this file.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import properdocs.commands.build
import pytest
from factories import CHROMIUM, CHROMIUM_ARGS, DANISH_PACK, ENGINES, Project
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

pytest_plugins = ["pytester"]  # tests/test_suite.py runs planted tests against this guard

# --- the build guard ------------------------------------------------------------------------
# `make test-fast` runs the tests marked neither build nor browser. Such a test must not build
# a site, whichever way it tries: Project.build or MkDocs' or ProperDocs' build() in-process,
# or a process running `mkdocs`/`properdocs` (build, serve, gh-deploy) or `make` with a
# target that builds. While an unmarked test runs (its fixtures too) each way fails the test
# with a message that says what to do. tests/test_suite.py plants one unmarked test per way.

FAST_EXCLUDED = ("build", "browser")
ENGINE_COMMANDS = frozenset({"build", "serve", "gh-deploy"})
MAKE_TARGETS = frozenset({"build", "serve", "edit", "test", "bench"})  # the Makefile's builders
MAKE_DRY_RUN = frozenset({"-n", "--dry-run", "--just-print", "--recon"})
REFUSAL = "builds a site but is marked neither build nor browser: mark it build"


def _split(line: str) -> list[str]:
    """Words as the shell splits them (a line it cannot split, say Python code after
    ``python -c``, stays one word)."""
    try:
        return shlex.split(line)
    except ValueError:
        return [line]


def _words(command: object) -> list[str]:
    """A command line as words: a shell string split as the shell would, and so the string
    after ``-c`` (``sh -c "make build"``)."""
    if isinstance(command, str | bytes | os.PathLike):
        return _split(os.fsdecode(command))
    words = [os.fsdecode(word) for word in command]  # type: ignore[attr-defined]
    return [
        part
        for before, word in zip(["", *words], words, strict=False)
        for part in (_split(word) if before == "-c" else [word])
    ]


def builds(command: object) -> bool:
    """Whether a command line builds the site."""
    names = [os.path.basename(word) for word in _words(command)]
    for at, name in enumerate(names):
        after = set(names[at + 1 :])
        if name in ENGINES and after & ENGINE_COMMANDS:
            return True
        if name == "make" and after & MAKE_TARGETS:
            short_flags = [w[1:] for w in after if w[:1] == "-" and w[1:].isalpha()]
            return not (after & MAKE_DRY_RUN or any("n" in flags for flags in short_flags))
    return False


def _refused_build(*args: Any, **kwargs: Any) -> None:
    """Runs as MkDocs' and ProperDocs' ``build()`` while an unmarked test runs. It takes their
    code, not their name, so a module that imported ``build`` by name is refused as well; the
    code runs with the engine's globals, hence the import inside."""
    import pytest

    pytest.fail(
        "this test builds a site (build() in-process) but is marked neither build nor browser:"
        " mark it build (`make test-fast` skips those)",
        pytrace=False,
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    """Every way of building refused around an unmarked test: its setup (fixtures of any
    scope that it starts), its call and its teardown."""
    if any(item.get_closest_marker(name) for name in FAST_EXCLUDED):
        return (yield)
    popen_init = subprocess.Popen.__init__

    def refuse_builder(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
        command: Sequence[str] | str = args[0] if args else kwargs.get("args", "")
        if builds(command):
            pytest.fail(f"{item.nodeid} runs {command!r}: it {REFUSAL}", pytrace=False)
        popen_init(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "__init__", refuse_builder)
        for engine in (mkdocs.commands.build, properdocs.commands.build):
            patch.setattr(engine.build, "__code__", _refused_build.__code__)
        return (yield)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the shipped site's build is a build test, marked or not."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)


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


EXPECT_TIMEOUT = 30_000  # ms, for any expect(...) in a browser test (playwright_driver)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """One Playwright per test process: its sync API refuses a second one started while the
    first runs, so every browser fixture launches from this one. Its expectations wait as
    long as a step may (not Playwright's 5 s): on a loaded 2-core machine a save through
    make edit's check or the preview pane's answer can take longer, and a test that waits
    for the page must not fail because the machine is busy."""
    expect.set_options(timeout=EXPECT_TIMEOUT)
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
