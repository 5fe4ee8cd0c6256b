"""No failed request (issue 12): a page load asks only for what exists.

Every page type is loaded in Chromium, at a desktop and a phone viewport, with the search
index loaded too (a query is typed), and every request is recorded: a 4xx or 5xx answer or a
request that fails fails the test. The news feed stays discoverable for feed readers (a
``link`` whose rel holds "alternate" with the Atom type, read with BeautifulSoup as a feed
finder reads it) while Material's script, which fetches a ``sitemap.xml`` beside every
``link[rel=alternate]`` it finds, finds none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from factories import Project, serve
from gates import DESKTOP, PHONE, html_file, page_types
from playwright.sync_api import Browser, Page, Response, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(built_site: Project) -> Iterator[str]:
    with serve(built_site.site_dir) as base:
        yield base


def search(page: Page, query: str) -> None:
    """Open the search and type, as a visitor does (loads the worker and the index)."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # a phone: the search opens from a button in the header
        toggle.click()
    page.get_by_role("textbox", name=re.compile("Søg", re.I)).first.click()
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_page_makes_a_request_that_fails(
    browser: Browser, built_site: Project, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    failed: list[str] = []
    seen: list[str] = []
    where = [""]

    def answered(response: Response) -> None:
        seen.append(response.url)
        if response.status >= 400:
            failed.append(f"{where[0]}: {response.status} {response.url}")

    context.on("response", answered)
    context.on(
        "requestfailed",
        lambda request: failed.append(f"{where[0]}: {request.failure} {request.url}"),
    )
    page = context.new_page()
    for name, path in page_types(built_site.site_dir).items():
        where[0] = f"{name} (/{path})"
        page.goto(base_url + path, wait_until="networkidle")
        # The search worker fetches its script and the index after load; leaving before it
        # is done would abort them (net::ERR_ABORTED, our doing, not the site's). Material
        # says "Indtast søgeord" once the index is ready.
        expect(page.locator(".md-search-result__meta")).to_have_text(
            "Indtast søgeord", timeout=30_000
        )
        if path == "":
            search(page, "møde")
        page.wait_for_load_state("networkidle")
    context.close()
    assert any(url.endswith("search_index.json") for url in seen), "the search index not loaded"
    assert len(seen) > 20
    assert not failed, "failed requests:\n" + "\n".join(failed)


def test_feed_is_discoverable_but_not_a_language_alternate(
    browser: Browser, built_site: Project, base_url: str
) -> None:
    for path in page_types(built_site.site_dir).values():
        html = (built_site.site_dir / html_file(path)).read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        feeds = soup.find_all("link", rel="alternate", type="application/atom+xml")
        found = [urljoin(base_url + path, link["href"]) for link in feeds]
        assert found == [base_url + "nyheder/feed.xml"], path
    page = browser.new_page()
    page.goto(base_url + "moeder/", wait_until="load")
    assert page.evaluate("document.querySelectorAll('link[rel=alternate]').length") == 0
    feed = page.locator("link[type='application/atom+xml']")
    assert feed.get_attribute("rel") == "alternate feed"
    page.close()
