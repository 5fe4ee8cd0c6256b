"""Accessibility (issue 6.1): axe-core finds no WCAG 2.1 A/AA violation on any page type.

Every page type (``gates.PAGE_TYPES``) is checked in headless Chromium at a desktop and a
phone viewport, with axe-core's wcag2a/wcag2aa/wcag21a/wcag21aa rules and none disabled.
Beyond what axe can see: the programme table has a caption and scoped headers, its links
and the subscribe box's controls are reached by Tab with a visible focus, and a meeting
page prints as a clean programme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from factories import Project, serve
from gates import DESKTOP, PHONE, describe, page_types, run_axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

UPCOMING = "moeder/2027-01-28/"

# A meeting whose programme has links (in a description) and speakers, and spans two days:
# the shipped data has no link inside a programme, so the keyboard test brings its own.
KEYBOARD_MEETINGS = """
meetings:
  - id: 2027-03-04
    title: Tastaturet i programmet
    date: 2027-03-04
    end_date: 2027-03-05
    start: "13:00"
    end: "12:00"
    venue:
      name: Thisted Rådhus
      address: Asylgade 30, 7700 Thisted
      host: thisted
    registration:
      url: https://www.example.dk/netvaerk/tilmelding
    programme:
      - start: "13:00"
        title: Velkommen
        speakers: [Anna Eksempel]
      - start: "13:30"
        title: Bosætning i tal
        description: Læs [rapporten om bosætning](https://www.example.dk/rapport.pdf) inden mødet.
      - start: "15:00"
        title: Kaffe
        kind: break
      - start: "15:15"
        title: Workshop
        description: >-
          Se [oplægget fra sidste møde](https://www.example.dk/oplaeg.pdf)
          og [medlemmerne](../medlemmer/index.md).
      - day: 2
        start: "09:00"
        title: Opsamling
"""


@pytest.fixture(scope="module")
def base_url(built_site: Project) -> Iterator[str]:
    with serve(built_site.site_dir) as base:
        yield base


@pytest.fixture(scope="module")
def keyboard_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("keyboard") / "project")
    project.write("data/meetings.yaml", KEYBOARD_MEETINGS)
    project.build(today="2027-02-01")
    with serve(project.site_dir) as base:
        yield base


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_wcag_violation_on_any_page_type(
    browser: Browser, built_site: Project, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    checked = 0
    for name, path in page_types(built_site.site_dir).items():
        page.goto(base_url + path, wait_until="load")
        result = run_axe(page)
        checked += len(result["passes"])
        problems += describe(result["violations"], f"{name} ({path or '/'})")
    context.close()
    assert checked > 0, "axe ran no rule"
    assert not problems, "axe-core WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


def test_footer_contrast_is_checked_and_passes(
    browser: Browser, built_site: Project, base_url: str
) -> None:
    """Material's footer fails color-contrast by default: the site CSS fixes it, and axe
    really looks at the copyright line (it is not hidden or skipped)."""
    page = browser.new_page()
    page.goto(base_url, wait_until="load")
    result = run_axe(page)
    page.close()
    contrast = [rule for rule in result["passes"] if rule["id"] == "color-contrast"]
    assert contrast, "color-contrast was not checked"
    targets = " ".join(str(node["target"]) for node in contrast[0]["nodes"])
    assert "md-copyright" in targets


def test_programme_table_is_labelled(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + UPCOMING)
    table = page.get_by_role("table", name=re.compile(r"^Program for "))
    expect(table).to_have_count(1)
    assert table.locator("caption").inner_text().startswith("Program for ")
    headers = table.locator("thead th")
    expect(headers).to_have_text(["Tid", "Punkt", "Oplægsholdere"])
    assert {headers.nth(i).get_attribute("scope") for i in range(headers.count())} == {"col"}
    row_headers = table.locator("tbody tr:not(.nk-day) > th")
    assert row_headers.count() == table.locator("tbody tr:not(.nk-day)").count() > 0
    assert all(
        row_headers.nth(i).get_attribute("scope") == "row" for i in range(row_headers.count())
    )
    page.close()


def focus_style(page: Page) -> dict[str, Any]:
    style: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            const s = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                text: ((el.labels && el.labels.length ? el.labels[0].innerText : el.innerText)
                       || el.getAttribute('aria-label') || '').trim(),
                href: el.getAttribute('href'), inTable: !!el.closest('.nk-programme table'),
                inSubscribe: !!el.closest('.nk-subscribe'),
                focusVisible: el.matches(':focus-visible'),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shadow: s.boxShadow !== 'none',
                visible: box.width > 0 && box.height > 0 && s.visibility !== 'hidden',
            };
        }"""
    )
    return style


def tab_to(page: Page, wanted: str, limit: int = 150) -> list[dict[str, Any]]:
    """Press Tab from the top of the page; the focus stops on each element ``wanted`` names."""
    page.locator("body").focus()
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        style = focus_style(page)
        if style[wanted]:
            stops.append(style)
        elif stops:
            break
    return stops


def open_how_to_by_keyboard(page: Page) -> None:
    """The subscribe box's how-to is folded (issue 20): Tab to its summary (the focus shows),
    press Enter, and the how-to opens. The next Tab goes on from the summary."""
    page.locator("body").focus()
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.nk-subscribe summary')"):
            assert_focus_visible([focus_style(page)])
            page.keyboard.press("Enter")
            break
    expect(page.locator(".nk-subscribe__clients")).to_be_visible()


def assert_focus_visible(stops: list[dict[str, Any]]) -> None:
    hidden = [s for s in stops if not (s["focusVisible"] and s["visible"])]
    hidden += [s for s in stops if not (s["outline"] or s["shadow"])]
    assert not hidden, f"focus not visible on: {hidden}"


def test_programme_links_are_reached_by_tab_with_visible_focus(
    browser: Browser, keyboard_site: str
) -> None:
    page = browser.new_page()
    page.goto(keyboard_site + "moeder/2027-03-04/")
    stops = tab_to(page, "inTable")
    page.close()
    assert [s["text"] for s in stops] == [
        "rapporten om bosætning",
        "oplægget fra sidste møde",
        "medlemmerne",
    ]
    assert_focus_visible(stops)


def test_programme_page_passes_axe(browser: Browser, keyboard_site: str) -> None:
    """A two-day programme with day rows, links and speakers (not in the shipped data)."""
    page = browser.new_page()
    page.goto(keyboard_site + "moeder/2027-03-04/", wait_until="load")
    violations = run_axe(page)["violations"]
    page.close()
    assert not violations, "\n".join(describe(violations, "two-day programme"))


@pytest.mark.parametrize("path", ["", "moeder/"], ids=["home", "meeting list"])
def test_subscribe_box_works_by_keyboard(
    browser: Browser, base_url: str, built_site: Project, path: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + path)
    box = page.locator(".nk-subscribe")
    if box.count() == 0:
        page.close()
        pytest.fail(f"no subscribe box (.nk-subscribe) on /{path}")
    open_how_to_by_keyboard(page)
    stops = [s for s in tab_to(page, "inSubscribe") if s["tag"] != "summary"]
    controls = box.locator("a[href], button:visible, input, select, textarea").count()
    page.close()
    assert stops, "Tab never reaches the subscribe box"
    assert len(stops) == controls, f"Tab stops in the box: {stops}"
    assert_focus_visible(stops)
    assert all(s["text"] for s in stops), f"a control without a visible label: {stops}"


def test_subscribe_box_copy_button_by_keyboard(browser: Browser, base_url: str) -> None:
    """Enter on the subscribe box's copy button copies the feed address."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url)
    expect(page.locator(".nk-subscribe button")).to_have_count(1)
    open_how_to_by_keyboard(page)
    stops = tab_to(page, "inSubscribe")
    assert any(s["tag"] == "button" for s in stops), "Tab never reaches the copy button"
    page.locator("body").focus()
    for _ in range(150):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement.tagName") == "BUTTON"
            and focus_style(page)["inSubscribe"]
        ):
            break
    page.keyboard.press("Enter")
    # The clipboard is written asynchronously; the box says »Kopieret« once it is done.
    expect(page.locator(".nk-subscribe").get_by_role("status")).to_have_text("Kopieret")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert "kalender.ics" in copied


def test_meeting_page_prints_as_a_clean_programme(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(base_url + UPCOMING, wait_until="load")
    page.emulate_media(media="print")
    for chrome in [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".md-top",
        ".md-button",
        ".nk-subscribe",
        ".nk-addcal",
    ]:
        for i in range(page.locator(chrome).count()):
            expect(page.locator(chrome).nth(i)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    table = page.locator(".nk-programme table")
    expect(table).to_be_visible()
    expect(page.locator(".nk-facts")).to_be_visible()
    width = page.evaluate("document.documentElement.clientWidth")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    pdf = page.pdf(format="A4")
    page.close()
    assert pdf.startswith(b"%PDF")


PHONE_375 = {"width": 375, "height": 800}


@pytest.mark.parametrize("site", ["shipped", "keyboard"])
def test_programme_fits_a_375_px_phone_without_scrolling(
    browser: Browser, base_url: str, keyboard_site: str, site: str
) -> None:
    """Issue 12: on a phone the programme does not scroll sideways. The speakers' column
    gives way to the same names under each title; tables.js then has no region to make."""
    url = base_url + UPCOMING if site == "shipped" else keyboard_site + "moeder/2027-03-04/"
    speaker = "Carla Fiktivsen" if site == "shipped" else "Anna Eksempel"
    context = browser.new_context(viewport=PHONE_375)
    page = context.new_page()
    page.goto(url, wait_until="load")
    wrap = page.locator(".nk-programme .md-typeset__scrollwrap")
    expect(wrap).to_have_count(1)
    sizes = wrap.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] <= sizes[1], f"the programme scrolls: {sizes}"
    table = page.get_by_role("table", name=re.compile(r"^Program for "))
    expect(table.locator("thead").get_by_role("columnheader")).to_have_text(["Tid", "Punkt"])
    row = table.get_by_role("row").filter(has_text=speaker)
    expect(row.get_by_role("cell")).to_have_count(1)  # the Punkt cell: time is a row header
    expect(row.get_by_role("cell")).to_contain_text(f"Oplægsholder: {speaker}")
    expect(row.locator(".nk-speakers-inline")).to_be_visible()
    expect(wrap).not_to_have_attribute("role", "region")
    page.set_viewport_size(DESKTOP)  # a wide screen has the column, and no second copy
    headers = table.locator("thead").get_by_role("columnheader")
    expect(headers).to_have_text(["Tid", "Punkt", "Oplægsholdere"])
    expect(row.locator(".nk-speakers-inline")).to_be_hidden()
    expect(row.get_by_role("cell").last).to_have_text(speaker)
    context.close()
