"""Dates in a browser that is not Danish (issue 16): the editor says the date it understood.

A native date field follows the browser's own language: in an English Chromium, ``11-03-2027``
typed day first is read month first, 3 November 2027, and nothing can tell afterwards. The glue
(admin/netvaerk-cms.js) writes the field's date out in Danish words under it, so the editor sees
it while typing. Driven in Debian's Chromium with its English interface (conftest.browser) and,
for comparison, its Danish one (conftest.danish_browser).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from factories import EDITOR_SEED, ROOT, Project, serve
from playwright.sync_api import Browser, Locator, Page, expect


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("dates") / "project")
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETVAERK_EDITOR_BACKEND", "test-repo")
        project.build()
    with serve(project.site_dir) as base:
        yield base


def _shot(page: Page, name: str) -> None:
    """``NETVAERK_SCREENSHOTS=1`` renews the guide's picture (VEJLEDNING.md shows it)."""
    if os.environ.get("NETVAERK_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "vejledning" / f"{name}.png"))


def _name(text: str) -> re.Pattern[str]:
    return re.compile(r"\W*".join(re.escape(word) for word in text.split()))


def _new_meeting(page: Page, base: str) -> None:
    page.goto(base + "admin/", wait_until="domcontentloaded")
    page.evaluate(
        EDITOR_SEED,
        {"data/meetings.yaml": (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")},
    )
    page.get_by_role("button", name="Arbejd med testrepository").click()
    expect(page).to_have_url(re.compile("#/collections/"))
    page.goto(base + "admin/#/collections/moeder/entries/meetings")
    page.get_by_role("button", name=_name("Tilføj møde")).click()


def _date_field(page: Page) -> Locator:
    field = page.get_by_label("Dato", exact=True).filter(visible=True).last
    for _ in range(60):
        if field.count():
            break
        page.mouse.move(320, 600)
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(100)
    field.scroll_into_view_if_needed()
    return field


def _type_day_first(page: Page, field: Locator, text: str) -> None:
    """Click the field where its first part is, and type as a Danish editor would."""
    box = field.bounding_box()
    assert box is not None
    field.click(position={"x": 12, "y": box["height"] / 2})
    page.keyboard.type(text)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "understood", "stored"),
    [
        ("en", "onsdag den 3. november 2027", "2027-11-03"),  # month first: the trap
        ("da", "torsdag den 11. marts 2027", "2027-03-11"),
    ],
)
def test_the_date_field_says_the_date_it_understood_in_danish_words(
    editor_site: str,
    browser: Browser,
    danish_browser: Browser,
    language: str,
    understood: str,
    stored: str,
) -> None:
    chromium = danish_browser if language == "da" else browser
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    _new_meeting(page, editor_site)
    field = _date_field(page)
    _type_day_first(page, field, "11-03-2027")
    expect(field).to_have_value(stored)
    words = page.locator(".nk-date-words").filter(visible=True).last
    expect(words).to_have_text(f"Datoen er {understood}.")
    if language == "en":
        _shot(page, "dato-i-ord")
    context.close()


@pytest.mark.browser
def test_an_existing_meetings_date_is_said_when_it_is_unfolded(
    editor_site: str, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(editor_site + "admin/", wait_until="domcontentloaded")
    page.evaluate(
        EDITOR_SEED,
        {"data/meetings.yaml": (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")},
    )
    page.get_by_role("button", name="Arbejd med testrepository").click()
    expect(page).to_have_url(re.compile("#/collections/"))
    page.goto(editor_site + "admin/#/collections/moeder/entries/meetings")
    page.get_by_text("2027-09-23 · Digitale fællesskaber og lokal service").click()
    words = page.locator(".nk-date-words").filter(visible=True).first
    expect(words).to_have_text("Datoen er torsdag den 23. september 2027.")
    context.close()
