"""Privacy (issue 6.3): visiting the site sends nothing to anyone else and sets no cookie.

A browser loads every page type from a local server, as one first-time visitor, and records
every request (the search worker's and index's too: the test types a query). Any request to
another origin fails the test; it is aborted rather than sent. At the end the browser must
hold no cookie. A static scan of every built HTML and
CSS file backs this up for pages the browser does not visit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factories import Project, serve
from gates import DESKTOP, PHONE, page_types
from playwright.sync_api import Browser, Route

# Elements and attributes that make the browser fetch something on its own.
LOADS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch"}
LOADING_RELS |= {"icon", "shortcut", "apple-touch-icon", "manifest"}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_REMOTE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", re.I)


@pytest.fixture(scope="module")
def base_url(built_site: Project) -> Iterator[str]:
    with serve(built_site.site_dir) as base:
        yield base


@dataclass
class Visit:
    requested: int = 0
    offsite: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)


def visit(
    browser: Browser, base_url: str, pages: dict[str, str], viewport: dict[str, int]
) -> Visit:
    """Load the pages as one first-time visitor; what was requested and what was stored."""
    context = browser.new_context(viewport=viewport)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))

    def only_local(route: Route) -> None:
        if _local(route.request.url, base_url):
            route.continue_()
        else:
            route.abort()  # recorded by the "request" listener, never sent

    context.route("**/*", only_local)
    page = context.new_page()
    result = Visit()
    for number, (name, path) in enumerate(pages.items()):
        page.goto(base_url + path, wait_until="networkidle")
        search = page.get_by_role("textbox", name=re.compile("Søg", re.I))
        if number == 0 and viewport is DESKTOP and search.count():
            search.first.fill("møde")  # loads the search worker and its index
            page.locator(".md-search-result__meta").first.wait_for()
        # To the end of the page (what loads only when seen, loads), wherever the mouse is.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_load_state("networkidle")
        result.requested += len(seen)
        result.offsite += [f"{name} (/{path}): {url}" for url in seen if not _local(url, base_url)]
        seen.clear()
    result.cookies = [c["name"] for c in context.cookies()]  # document.cookie's included
    context.close()
    return result


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_request_leaves_the_site_and_no_cookie_is_set(
    browser: Browser, built_site: Project, base_url: str, viewport: dict[str, int]
) -> None:
    result = visit(browser, base_url, page_types(built_site.site_dir), viewport)
    assert result.requested > 20, "the browser made suspiciously few requests"
    assert not result.offsite, "requests that leave the site:\n" + "\n".join(result.offsite)
    assert not result.cookies, f"cookies set: {result.cookies}"


@pytest.mark.browser
def test_the_gate_sees_offsite_requests_and_cookies(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>x</title><img src="https://example.org/pixel.png" alt="">'
        '<script>document.cookie = "tracker=1"</script>',
        encoding="utf-8",
    )
    with serve(tmp_path) as base:
        result = visit(browser, base, {"bad": ""}, DESKTOP)
    assert result.offsite == ["bad (/): https://example.org/pixel.png"]
    assert result.cookies == ["tracker"]


def _local(url: str, base_url: str) -> bool:
    return url.startswith((base_url, "data:", "blob:", "about:"))


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        urls = []
        if tag in LOADS and values.get(LOADS[tag]):
            urls.append(values[LOADS[tag]])
        if values.get("srcset"):
            urls += [c.split()[0] for c in values["srcset"].split(",") if c.strip()]
        if tag == "link" and LOADING_RELS.intersection(values.get("rel", "").lower().split()):
            urls.append(values.get("href", ""))
        self.remote += [f"<{tag}> {url}" for url in urls if REMOTE.match(url.strip())]
        if values.get("style"):
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def test_no_built_page_or_stylesheet_loads_from_another_host(built_site: Project) -> None:
    site_dir: Path = built_site.site_dir
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        parser = _Loads()
        parser.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(site_dir).as_posix()
        found += [f"{where}: {item}" for item in parser.remote]
        found += [f"{where}: css {url}" for css in parser.styles for url in CSS_REMOTE.findall(css)]
    for path in sorted(site_dir.rglob("*.css")):
        where = path.relative_to(site_dir).as_posix()
        css = path.read_text(encoding="utf-8")
        found += [f"{where}: {url}" for url in CSS_REMOTE.findall(css)]
    assert not found, "the site would load from other hosts:\n" + "\n".join(found)
