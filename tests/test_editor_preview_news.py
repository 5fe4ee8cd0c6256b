"""The editor's preview pane for a news item (issue 16): the page the site makes of it.

``editor_preview.preview`` for ``docs/nyheder/<name>.md``: the loader's own reading of the file,
the build's decoration (the date under the title, the link back), the build's Markdown; or the
check's Danish problems with the form's labels. In Chromium: typing a news item in the form
shows that page in the pane. Parsed with html.parser, not compared as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from editor_steps import LOAD_TIMEOUT, editor_page, field, log_in, reveal, shot, type_into
from factories import ROOT, editor_site
from playwright.sync_api import Browser, expect

from netvaerk.editor_preview import preview

NEWS = (
    "---\ndate: 2027-01-15\ntitle: Ny rapport om landsbyer\n"
    "summary: Rapporten samler erfaringer.\n---\n\n"
    "Læs **rapporten** og giv os dine kommentarer.\n"
)


class _Page(HTMLParser):
    """The headings, paragraphs' text, strong text and time elements of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.h1: list[str] = []
        self.strong: list[str] = []
        self.times: list[tuple[str, str]] = []
        self.classes: list[str] = []
        self._time = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        found = dict(attrs)
        self.classes += (found.get("class") or "").split()
        if tag == "time":
            self._time = found.get("datetime") or ""

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "h1" in self.stack:
            self.h1.append(data)
        if "strong" in self.stack:
            self.strong.append(data)
        if "time" in self.stack:
            self.times.append((self._time, data))


def _parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_a_news_item_is_previewed_as_its_page() -> None:
    answer = preview(ROOT, "docs/nyheder/ny-rapport.md", NEWS)
    assert answer["ok"] is True and answer["problems"] == []
    page = _parsed(answer["html"])
    assert page.h1 == ["Ny rapport om landsbyer"]  # Material's title heading
    assert page.times == [("2027-01-15", "fredag den 15. januar 2027")]
    assert page.strong == ["rapporten"]
    assert "nk-news-date" in page.classes and "md-typeset" in page.classes


def test_a_news_items_own_heading_is_not_doubled() -> None:
    text = NEWS.replace("\n\nLæs", "\n\n# Rapporten er her\n\nLæs")
    page = _parsed(preview(ROOT, "docs/nyheder/ny-rapport.md", text)["html"])
    assert page.h1 == ["Rapporten er her"]


def test_a_news_item_with_a_mistake_gives_the_checks_words_and_the_forms_label() -> None:
    answer = preview(ROOT, "docs/nyheder/ny-rapport.md", "---\ntitle: X\n---\n\nTekst\n")
    assert answer["ok"] is False and answer["html"] == ""
    [problem] = answer["problems"]
    assert (problem["field"], problem["label"]) == ("date", "Udgivelsesdato")
    assert problem["message"].startswith("mangler")


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with the test-repo editor and make edit's check and preview server."""
    with editor_site(tmp_path_factory.mktemp("news-preview") / "project") as (_project, base):
        yield base


@pytest.mark.browser
def test_the_pane_shows_the_typed_news_item_as_the_site_renders_it(
    preview_site: str, browser: Browser
) -> None:
    with editor_page(browser, width=1400, timeout=LOAD_TIMEOUT) as page:
        log_in(page, preview_site, {})
        page.goto(preview_site + "admin/#/collections/nyheder/new")
        pane = page.frame_locator("iframe.preview")
        type_into(page, "Overskrift", "Ny rapport om landsbyer")
        # No date yet: the check's words with the form's label, not half a page.
        expect(pane.locator(".nk-preview-problems")).to_contain_text("Udgivelsesdato: mangler")
        field(page, "Udgivelsesdato").fill("2027-01-15")
        body = reveal(page, page.get_by_role("textbox", name="Tekst").last)
        body.click()
        body.press_sequentially("Læs rapporten og giv os dine kommentarer.")
        expect(pane.locator("h1")).to_have_text("Ny rapport om landsbyer")
        expect(pane.locator(".nk-news-date time")).to_have_text("fredag den 15. januar 2027")
        expect(pane.locator(".nk-preview-page")).to_contain_text("giv os dine kommentarer")
        expect(pane.locator("link[href$='stylesheets/netvaerk.css']")).to_have_count(1)
        shot(page, "forhaandsvisning-nyhed")
