"""A visitor's path in real headless Chromium: home → meeting list → a meeting → search."""

from __future__ import annotations

import re

import pytest
from factories import Project, serve
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def test_home_to_meeting_page_with_programme(browser: Browser, built_site: Project) -> None:
    with serve(built_site.site_dir) as base:
        page = browser.new_page()
        page.goto(base)
        expect(page.locator("h1")).to_have_text(
            "Kommunernes Netværk for Landdistriktskoordinatorer"
        )
        page.get_by_role("link", name="Alle møder og arkivet").first.click()
        expect(page).to_have_url(re.compile(r"/moeder/$"))
        page.get_by_role("link", name="Lokal udvikling i en coronatid").click()
        expect(page).to_have_url(re.compile(r"/moeder/2021-01-28/$"))
        table = page.get_by_role("table", name=re.compile("Program for Lokal udvikling"))
        expect(table).to_be_visible()
        expect(table.get_by_role("columnheader")).to_have_text(["Tid", "Punkt", "Oplægsholdere"])
        expect(table.get_by_role("row").filter(has_text="Claus Leick")).to_contain_text(
            "13.25–15.25"
        )
        page.close()


def test_search_finds_meeting_by_danish_word_form(browser: Browser, built_site: Project) -> None:
    # The meeting's title says "landsbyplanlægning"; the visitor types an inflected form.
    with serve(built_site.site_dir) as base:
        page = browser.new_page()
        page.goto(base)
        page.get_by_role("textbox", name=re.compile("Søg", re.I)).first.click()
        page.keyboard.type("landsbyplanlægningen")
        results = page.locator(".md-search-result__item")
        expect(results.first).to_be_visible()
        expect(
            page.locator(".md-search-result a[href*='moeder/2021-05-20']").first
        ).to_be_attached()
        page.close()


def test_search_dialog_is_named_and_its_form_submits(browser: Browser, built_site: Project) -> None:
    """Issue 12: the dialog has a name (Lighthouse aria-dialog-name) and the form a submit
    button (WCAG H32.2) that works: it reloads the page with ?q=, and Material opens the
    search with that query."""
    with serve(built_site.site_dir) as base:
        page = browser.new_page()
        page.goto(base + "medlemmer/")
        dialog = page.get_by_role("dialog", name="Søg", include_hidden=True)
        expect(dialog).to_have_count(1)
        form = dialog.locator("form")
        submit = form.locator("button[type=submit]")
        expect(submit).to_have_accessible_name("Søg")
        form.get_by_role("textbox").click()
        page.keyboard.type("landsbyplanlægningen")
        expect(submit).to_be_visible()
        submit.click()
        expect(page).to_have_url(re.compile(r"/medlemmer/\?q=landsbyplanl"))
        expect(form.get_by_role("textbox")).to_have_value("landsbyplanlægningen")
        expect(page.locator(".md-search-result a[href*='moeder/2021-05-20']").first).to_be_visible()
        page.close()


def test_enter_in_search_opens_the_best_hit(browser: Browser, built_site: Project) -> None:
    """The submit button does not change what Enter does: Material opens the best hit."""
    with serve(built_site.site_dir) as base:
        page = browser.new_page()
        page.goto(base)
        page.get_by_role("textbox", name=re.compile("Søg", re.I)).first.click()
        page.keyboard.type("landsbyplanlægningen")
        # The worker answers each letter as it is typed: wait for the whole word's best hit
        # (results for »l« alone showed first, and an early Enter opened their best hit).
        best = page.locator(".md-search-result__item").first.locator("a").first
        expect(best).to_have_attribute("href", re.compile(r"moeder/2021-05-20/"))
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/moeder/2021-05-20/"))
        page.close()
