"""The calendar links in real headless Chromium: "Føj til kalender" and the copy button.

The built site is served by conftest's ``serve``, which maps ``.ics`` to ``text/calendar``
as GitHub Pages does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import Project, serve
from icstools import parse_ical, parse_icalendar
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

HOST = "landdistriktskoordinatorer.dk"


def test_add_to_calendar_downloads_the_meeting_s_ics(browser: Browser, built_site: Project) -> None:
    slug = "2027-01-28"
    with serve(built_site.site_dir) as base:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(f"{base}moeder/{slug}/")
        group = page.get_by_role("group", name="Føj til kalender")
        expect(group).to_be_visible()
        link = group.get_by_role("link", name=re.compile(r"\.ics"))
        with (
            page.expect_response(re.compile(r"\.ics$")) as response_info,
            page.expect_download() as download_info,
        ):
            link.click()
        response = response_info.value
        assert response.url == f"{base}moeder/{slug}.ics"
        assert response.status == 200
        assert response.headers["content-type"].split(";")[0] == "text/calendar"
        data = Path(download_info.value.path()).read_bytes()
        context.close()
    (event,) = parse_icalendar(data).walk("VEVENT")
    assert str(event["UID"]) == f"{slug}@{HOST}"
    (other,) = parse_ical(data).events
    assert other.uid == f"{slug}@{HOST}"


def test_copy_button_copies_the_feed_address_and_says_so(
    browser: Browser, built_site: Project
) -> None:
    with serve(built_site.site_dir) as base:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(base)
        page.locator(".nk-subscribe summary").click()  # the how-to is folded (issue 20)
        field = page.get_by_role("textbox", name=re.compile("Kalenderens adresse"))
        address = field.input_value()
        assert address == f"https://{HOST}/kalender.ics"
        button = page.locator("button[data-copy-target]")
        expect(button).to_be_visible()  # shown by the script: the Clipboard API is there
        button.click()
        expect(page.get_by_role("status").filter(has_text=re.compile(r"\S"))).to_have_text(
            "Kopieret"
        )
        assert page.evaluate("navigator.clipboard.readText()") == address
        context.close()


def test_without_javascript_the_address_is_there_and_the_button_is_not(
    browser: Browser, built_site: Project
) -> None:
    with serve(built_site.site_dir) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}moeder/")
        page.locator(".nk-subscribe summary").click()  # <details> opens without JavaScript
        field = page.get_by_role("textbox", name=re.compile("Kalenderens adresse"))
        assert field.input_value() == f"https://{HOST}/kalender.ics"
        expect(page.locator("button[data-copy-target]")).to_be_hidden()
        context.close()
