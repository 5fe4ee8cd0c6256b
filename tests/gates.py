"""Helpers for the quality gates (issue 6): the page types to check and the node tools.

The gates run against one built site per session (``built_site`` in conftest). Browser tests
serve it with conftest's ``serve`` (``http.server`` on 127.0.0.1) and use its session-wide
``browser`` (Debian's Chromium through Playwright). axe-core and the Nu HTML checker come
from ``tests/js/node_modules`` (``npm ci --prefix tests/js --ignore-scripts``); a missing tool
is a failure that names the command to run, never a skip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

TESTS = Path(__file__).resolve().parent
NODE_MODULES = TESTS / "js" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `npm ci --prefix tests/js --ignore-scripts` (or `make test`, which does it)"

# Every page type of the site, as a URL path under the site root (the shipped data built on
# 2026-11-30): a meeting page both upcoming (programme, registration) and cancelled, news
# both as a meeting's announcement and as an editor's page. ``test_links`` checks that every
# section of the build with pages of its own is represented here.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "meeting list": "moeder/",
    "meeting (upcoming, programme, registration)": "moeder/2027-01-28/",
    "meeting (cancelled)": "moeder/2026-05-21/",
    "members": "medlemmer/",
    "news index": "nyheder/",
    "news item (a meeting's announcement)": "nyheder/2021-01-28-invitation/",
    "news item (an editor's page)": "nyheder/planen-for-2027/",
    "about (hand-written)": "om/",
    "accessibility statement (hand-written)": "tilgaengelighed/",
    "not found": "404.html",
}

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def page_types(site_dir: Path) -> dict[str, str]:
    """``PAGE_TYPES``, after checking that the build has every one of them."""
    missing = [path for path in PAGE_TYPES.values() if not (site_dir / html_file(path)).is_file()]
    assert not missing, f"page types missing from the build: {missing}"
    return dict(PAGE_TYPES)


def html_file(url_path: str) -> str:
    """The file under site/ that a URL path is served from."""
    return url_path + "index.html" if url_path.endswith("/") or not url_path else url_path


def require(path: Path, what: str) -> Path:
    """Fail (not skip) with the install command when a tool is missing."""
    if not path.exists():
        pytest.fail(f"{what} not found at {path}: {INSTALL_HINT}", pytrace=False)
    return path


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page: Page) -> dict[str, Any]:
    page.add_script_tag(path=str(require(AXE_JS, "axe-core")))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result


def describe(violations: list[dict[str, Any]], where: str) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary[:300]}")
    return lines
