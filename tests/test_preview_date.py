"""Preview by date (issue 11.4): the site as it will look on another day, never mistaken for
the public site.

``NETVAERK_DATO`` (what ``make serve DATO=…`` and ``make build DATO=…`` set) replaces the
build's "today": scheduled news comes out, meetings move to the archive, and every page,
the 404 page too, carries a banner. A normal build has no banner, and a publishing build
(``NETVAERK_UDGIVELSE``, set by the deploy workflow) refuses a preview date.
"""

from __future__ import annotations

import logging
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factories import ROOT, Project, serve
from gates import DESKTOP, PAGE_TYPES, PHONE, describe, page_types, run_axe
from htmlscan import content, head
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, expect

from netvaerk.content import clock

INVITATION = "Invitation: Bosætning og nye tilflyttere i Thisted"  # announcement of 2026-12-07
BANNER = "Forhåndsvisning: siden, som den ser ud den 1. februar 2027 – ikke den offentlige side"
# Every page type of the site (gates.PAGE_TYPES), and in the preview the invitation that
# came out with it.
PAGES = list(PAGE_TYPES.values())


class _Banner(HTMLParser):
    """The text of Material's banner bar (``.md-banner``), as a browser shows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = False
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "meta", "link")
        elif "md-banner" in classes:
            self.found, self.depth = True, 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def banner(html: str) -> str | None:
    """The text of the banner bar, or None when the page has none."""
    assert 'data-md-component="announce"' in html  # Material's container is always there
    parser = _Banner()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.text).split()) if parser.found else None


def test_the_preview_date_is_read_and_checked() -> None:
    assert clock.preview_date({}) is None
    assert clock.preview_date({"NETVAERK_DATO": " "}) is None
    assert clock.preview_date({"NETVAERK_DATO": "2027-03-01"}) == date(2027, 3, 1)
    env = {"NETVAERK_DATO": "2027-03-01", "SOURCE_DATE_EPOCH": "0"}
    assert clock.today(env) == date(2027, 3, 1)
    assert clock.today({"SOURCE_DATE_EPOCH": "0"}) == date(1970, 1, 1)
    for bad, words in [
        ("01-03-2027", "skriv den som ÅÅÅÅ-MM-DD"),
        ("1. marts", "skriv den som ÅÅÅÅ-MM-DD"),
        ("2027-02-30", "findes ikke i kalenderen"),
    ]:
        with pytest.raises(clock.PreviewDateError, match=words):
            clock.preview_date({"NETVAERK_DATO": bad})


def test_a_publishing_build_refuses_a_preview_date() -> None:
    env = {"NETVAERK_DATO": "2027-03-01", "NETVAERK_UDGIVELSE": "1"}
    with pytest.raises(clock.PreviewDateError, match="må aldrig udgives"):
        clock.today(env)
    assert clock.preview_date({"NETVAERK_UDGIVELSE": "1"}) is None


def test_the_banner_names_the_day() -> None:
    assert clock.preview_banner(date(2027, 2, 1)) == BANNER


@pytest.mark.build
def test_a_preview_build_shows_that_day_with_a_banner_on_every_page(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Today (2026-11-30) the Thisted invitation is not out yet and the meeting is upcoming.
    project.build(today="2026-11-30")
    assert INVITATION not in project.page("nyheder/")
    listed = content(project.page("moeder/")).text
    assert listed.index("Bosætning og nye tilflyttere") < listed.index("Arkiv")
    for page in PAGES:
        assert banner(project.page(page)) is None, page
        assert head(project.page(page)).meta("name", "robots") == [], page

    monkeypatch.setenv("NETVAERK_DATO", "2027-02-01")
    project.build(today="2026-11-30")  # the preview date wins over SOURCE_DATE_EPOCH
    assert INVITATION in project.page("nyheder/")
    assert INVITATION in project.page("")
    for page in [*page_types(project.site_dir).values(), "nyheder/2027-01-28-invitation/"]:
        assert banner(project.page(page)) == BANNER, page
        assert head(project.page(page)).meta("name", "robots") == ["noindex"], page

    # The Thisted meeting (28 January 2027) is in the archive on 1 February.
    page = content(project.page("moeder/"))
    archive = page.text.index("Arkiv 2027")
    assert page.text.index("Bosætning og nye tilflyttere") > archive


@pytest.mark.build
def test_a_bad_preview_date_stops_the_build_in_danish(
    project: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NETVAERK_DATO", "1/3 2027")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        project.build()
    assert "DATO=1/3 2027 er ikke en dato; skriv den som ÅÅÅÅ-MM-DD" in caplog.text
    assert "Traceback" not in caplog.text
    assert not project.site_dir.exists()


def test_make_passes_dato_on(tmp_path: Path) -> None:
    """``make build DATO=…`` sets NETVAERK_DATO; without DATO it is empty (a normal build)."""
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "build", "serve", "DATO=2027-03-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.count('NETVAERK_DATO="2027-03-01"') == 2
    plain = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "build"], capture_output=True, text=True, check=True
    )
    assert 'NETVAERK_DATO=""' in plain.stdout


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_banner_is_seen_first_and_passes_axe(
    browser: Browser,
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    viewport: dict[str, int],
) -> None:
    """In Chromium: the banner is visible at the top of the page, above the header, at a
    desktop and a phone width, and axe (WCAG 2.1 AA, contrast included) finds nothing."""
    monkeypatch.setenv("NETVAERK_DATO", "2027-02-01")
    project.build()
    with serve(project.site_dir) as base:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for path in ("", "moeder/2027-01-28/"):
            page.goto(base + path, wait_until="load")
            banner_box = page.get_by_role("status").filter(has_text="Forhåndsvisning")
            expect(banner_box).to_have_text(BANNER)
            expect(banner_box).to_be_visible()
            top = banner_box.bounding_box()
            header = page.locator(".md-header").bounding_box()
            assert top is not None and header is not None
            assert top["y"] < header["y"] + header["height"]  # seen before anything else
            result = run_axe(page)
            assert result["passes"] and not result["violations"], describe(
                result["violations"], path or "/"
            )
        context.close()
