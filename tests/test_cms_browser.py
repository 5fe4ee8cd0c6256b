"""The browser editor at /admin/ in real Chromium, against decap-server on a copy of the data.

An editor creates a meeting with a programme through the forms and saves; the YAML that
Decap wrote must pass the project's own validation (``make check``'s function) and build a
meeting page with that programme. The page must load nothing from outside the site (the local
backend, decap-server on this machine, is the one other address it talks to).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, Project, serve
from playwright.sync_api import Browser, Locator, Page, Request, expect

from netvaerk.editing.check import collect_problems

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "admin" / "node_modules" / "decap-server" / "dist" / "index.js"
BUNDLE = ROOT / "admin" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
TIMEOUT = 30_000  # ms, for any one step in the editor
LOAD_TIMEOUT = 60_000  # ms, for Decap's 5 MB script or a whole file's form on a busy machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def decap_server(repo: Path) -> Iterator[str]:
    """decap-server on a free loopback port, writing into ``repo``; yields its API URL."""
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"decap-server did not start on port {port}: {stderr}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def editor_project(project: Project) -> Project:
    """A project copy that has the editor's npm packages (the suite's copies leave them out)."""
    if not BUNDLE.is_file():
        pytest.fail("admin/node_modules is missing: run `npm ci --prefix admin` (make does)")
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    return project


def _field(page: Page, label: str, index: int = 0) -> Locator:
    """The ``index``-th visible form field with this label (collapsed list items hide theirs)."""
    return page.get_by_label(label, exact=True).filter(visible=True).nth(index)


def _choose(page: Page, label: str, option: str, index: int = 0) -> None:
    """Pick ``option`` in a Decap select (react-select) labelled ``label``."""
    _field(page, label, index).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_editor_creates_meeting_with_programme(
    browser: Browser, editor_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    meetings_file = editor_project.root / "data" / "meetings.yaml"
    original = meetings_file.read_text(encoding="utf-8")
    before = yaml.safe_load(original)["meetings"]
    with decap_server(editor_project.root) as api:
        monkeypatch.setenv("NETVAERK_EDITOR_PROXY", api)
        editor_project.build()
        with serve(editor_project.site_dir) as base:
            context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="da-DK")
            context.set_default_timeout(TIMEOUT)
            page = context.new_page()
            requests: list[Request] = []
            page.on("request", lambda request: requests.append(request))
            page.goto(base + "admin/", wait_until="domcontentloaded", timeout=LOAD_TIMEOUT)
            page.get_by_role("button", name="Log ind").click(timeout=LOAD_TIMEOUT)
            page.goto(base + "admin/#/collections/moeder/entries/meetings")
            # The whole meetings file becomes one form: slow to appear on a busy machine.
            page.get_by_role("button", name=re.compile("Tilføj møde")).click(timeout=LOAD_TIMEOUT)

            _field(page, "Tema").fill("Landsbyer i bevægelse")
            _field(page, "Dato").fill("2027-11-18")
            _field(page, "Starttid").fill("10:00")
            _field(page, "Sluttid").fill("15:00")
            _field(page, "Platform").fill("Teams")
            _choose(page, "Status (kan udelades)", "Holdes som planlagt")

            page.get_by_role("button", name=re.compile("Tilføj programpunkt")).filter(
                visible=True
            ).last.click()
            _field(page, "Starttid", 1).fill("10:00")
            _field(page, "Sluttid (kan udelades)").fill("11:30")
            _field(page, "Punkt").fill("Velkommen og kaffe i landsbyhuset")
            _field(page, "Oplægsholdere (kan udelades)").fill("Anna Eksempel, Bo Prøvesen")
            _choose(page, "Slags (kan udelades)", "Måltid")

            page.get_by_role("button", name="Publicer", exact=True).click()
            page.get_by_role("menuitem", name="Publicer nu").click()
            expect(page.get_by_text(re.compile("Ændringer gemt", re.I))).to_be_visible()
            context.close()

    saved = meetings_file.read_text(encoding="utf-8")
    # Only the new meeting is added: the file's comments, blank lines and layout are kept.
    assert saved.startswith(original), saved[:400]
    added = saved[len(original) :]
    assert added.startswith("\n  - title: Landsbyer i bevægelse\n"), added
    # The widgets write ISO dates and HH:MM times, in the data model's key order.
    assert "\n    date: 2027-11-18\n    start: 10:00\n    end: 15:00\n" in added, added
    meetings = yaml.safe_load(saved)["meetings"]
    assert len(meetings) == len(before) + 1
    new = meetings[-1]
    item = new["programme"][0]
    assert item["title"] == "Velkommen og kaffe i landsbyhuset"
    assert item["speakers"] == ["Anna Eksempel", "Bo Prøvesen"]
    assert item["kind"] == "meal"
    assert "venue" not in new  # the untouched venue group is left out, not written empty

    assert collect_problems(editor_project.root) == []
    editor_project.build()
    page_html = editor_project.page("moeder/2027-11-18/")
    assert "Velkommen og kaffe i landsbyhuset" in page_html
    assert "Bo Prøvesen" in page_html

    site, backend = _origin(base), _origin(api)
    outside = sorted({r.url for r in requests if _origin(r.url) not in (site, backend)})
    assert outside == []
    assert any(_origin(r.url) == backend for r in requests)  # it did use the local backend


def test_production_login_page_requests_nothing_outside(
    browser: Browser, editor_project: Project
) -> None:
    """With the GitHub backend (production), the page loads and waits for the login click
    without asking any other host for anything."""
    editor_project.build()
    config = yaml.safe_load((editor_project.site_dir / "admin" / "config.yml").read_text())
    assert config["backend"]["name"] == "github"
    assert config["publish_mode"] == "editorial_workflow"
    with serve(editor_project.site_dir) as base:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "admin/", wait_until="domcontentloaded", timeout=LOAD_TIMEOUT)
        expect(page.get_by_role("button", name=re.compile("GitHub"))).to_be_visible(
            timeout=LOAD_TIMEOUT
        )
        # After login Decap polls GitHub's status page; the site's glue answers it instead.
        status = page.evaluate(
            "fetch('https://www.githubstatus.com/api/v2/components.json').then(r => r.json())"
        )
        assert status == {"components": []}
        page.close()
    assert sorted({url for url in requests if not url.startswith(base)}) == []
    html = (editor_project.site_dir / "admin" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in html
