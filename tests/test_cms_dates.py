"""Dates in a browser that is not Danish (issue 16): the editor says the date it understood.

A native date field follows the browser's own language: in an English Chromium, ``11-03-2027``
typed day first is read month first, 3 November 2027, and nothing can tell afterwards. The glue
(admin/netvaerk-cms.js) writes the field's date out in Danish words under it, so the editor sees
it while typing. Driven in Debian's Chromium with its English interface (conftest.browser) and,
for comparison, its Danish one (conftest.danish_browser).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from editor_steps import (
    LOAD_TIMEOUT,
    editor_page,
    field,
    log_in,
    new_meeting,
    shot,
    type_in_segments,
    unfold_meeting,
)
from factories import ROOT, Project, serve
from playwright.sync_api import Browser, expect

# Only the meetings file, as the editor's repository.
MEETINGS = {"data/meetings.yaml": (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("dates") / "project")
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETVAERK_EDITOR_BACKEND", "test-repo")
        project.build()
    with serve(project.site_dir) as base:
        yield base


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
    with editor_page(chromium, timeout=LOAD_TIMEOUT, locale=None) as page:
        new_meeting(page, editor_site, MEETINGS)
        date = field(page, "Dato")
        type_in_segments(page, date, "11-03-2027")
        expect(date).to_have_value(stored)
        words = page.locator(".nk-date-words").filter(visible=True).last
        expect(words).to_have_text(f"Datoen er {understood}.")
        if language == "en":
            shot(page, "dato-i-ord")


@pytest.mark.browser
def test_an_existing_meetings_date_is_said_when_it_is_unfolded(
    editor_site: str, browser: Browser
) -> None:
    with editor_page(browser, timeout=LOAD_TIMEOUT, locale=None) as page:
        log_in(page, editor_site, MEETINGS)
        page.goto(editor_site + "admin/#/collections/moeder/entries/meetings")
        unfold_meeting(page, "2027-09-23")
        expect(field(page, "Tema")).to_have_value("Digitale fællesskaber og lokal service")
        words = page.locator(".nk-date-words").filter(visible=True).first
        expect(words).to_have_text("Datoen er torsdag den 23. september 2027.")
