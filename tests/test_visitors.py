"""Issue 20, as a visitor sees the site in headless Chromium: every page can be left for
every other by a menu at every width, no word in a heading or table cell breaks at an
arbitrary letter from 320 to 1280 px, text in tables and boxes is body size, headings are in
full contrast, the chart's labels are legible on a phone, the meeting list shows meetings
before the calendar how-to, and no two links with the same text lead to different places.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from factories import Project, serve
from gates import page_types
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

WIDTHS = [320, 360, 390, 768, 1024, 1280]
NAV_PAGES = {"Forside", "Møder", "Nyheder", "Medlemmer", "Om netværket"}

# Every word of every heading and table cell in the content: where the word's letters move
# to a new line, the character before the break must be a (soft) hyphen or a dash.
BREAKS_JS = """
() => {
  const bad = [];
  const okBefore = new Set(['\\u00ad', '-', '\\u2013', '/']);
  const blocks = document.querySelectorAll(
    '.md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content th, ' +
    '.md-content td, .md-content .nk-next__theme');
  for (const block of blocks) {
    if (!block.getClientRects().length) continue;  // not shown at this width
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      const range = document.createRange();
      for (const match of text.matchAll(/\\S+/g)) {
        let lastTop = null, lastChar = null;
        for (let i = match.index; i < match.index + match[0].length; i++) {
          range.setStart(node, i); range.setEnd(node, i + 1);
          // A character just after a break can report a box from the end of the line
          // before to itself: its own box is the last one.
          const rects = [...range.getClientRects()].filter(r => r.width > 0);
          const rect = rects[rects.length - 1];
          if (!rect) { lastChar = text[i]; continue; }  // a soft hyphen not used
          if (lastTop !== null && rect.top > lastTop + 2 && !okBefore.has(lastChar)) {
            bad.push(match[0].replaceAll('\\u00ad', '') + ' broken before »' +
                     text.slice(i, match.index + match[0].length).replaceAll('\\u00ad', '') + '«');
          }
          lastTop = rect.top; lastChar = text[i];
        }
      }
    }
  }
  return bad;
}
"""


@pytest.fixture(scope="module")
def base_url(built_site: Project) -> Iterator[str]:
    with serve(built_site.site_dir) as base:
        yield base


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_breaks_at_an_arbitrary_letter(
    browser: Browser, built_site: Project, base_url: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    for name, path in page_types(built_site.site_dir).items():
        page.goto(base_url + path, wait_until="load")
        problems += [f"{name} at {width} px: {b}" for b in page.evaluate(BREAKS_JS)]
    page.close()
    assert not problems, "\n".join(problems)


def test_the_test_sees_a_word_broken_at_a_letter(browser: Browser, base_url: str) -> None:
    """The measurement is real: a heading without soft hyphens, squeezed, is reported."""
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(base_url + "tilgaengelighed/", wait_until="load")
    page.evaluate(
        """() => { const h = document.querySelector('.md-content h1');
                   h.textContent = h.textContent.replaceAll('\\u00ad', '');
                   h.style.overflowWrap = 'anywhere'; }"""
    )
    found = page.evaluate(BREAKS_JS)
    page.close()
    assert any(b.startswith("Tilgængelighedserklæring broken") for b in found), found


def test_long_headings_break_at_danish_hyphenation_points(browser: Browser, base_url: str) -> None:
    """At 320 px the statement's title must break, and it breaks where the dictionary says."""
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(base_url + "tilgaengelighed/", wait_until="load")
    heading = page.locator(".md-content h1")
    lines = heading.evaluate("h => h.getClientRects().length")
    text = heading.evaluate("h => h.textContent")
    page.close()
    assert lines >= 1
    assert text.replace("\u00ad", "") == "Tilgængelighedserklæring"
    assert "heds\u00ader" in text  # the compound's joint is a break point


def _menu(page: Any) -> set[str]:
    """The names of the menu's pages a visitor can see now, opening the drawer if the menu
    is behind its button."""
    button = page.locator("label.md-header__button[for='__drawer']")
    links = page.locator(".md-sidebar--primary .md-nav__link")
    if button.is_visible():
        button.click()
        # The drawer slides in from the left: open when its first link is wholly in view.
        expect(links.filter(visible=True).first).to_be_in_viewport(ratio=1)
    return {
        links.nth(i).inner_text().strip() for i in range(links.count()) if links.nth(i).is_visible()
    }


@pytest.mark.parametrize("width", [320, 390, 1024, 1280, 1600])
def test_every_page_has_a_menu_to_every_section(
    browser: Browser, built_site: Project, base_url: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    missing = {}
    for name, path in page_types(built_site.site_dir).items():
        page.goto(base_url + path, wait_until="load")
        lacking = NAV_PAGES - _menu(page)
        if lacking:
            missing[name] = sorted(lacking)
    page.close()
    assert not missing, f"at {width} px the menu lacks: {missing}"


def test_every_meeting_is_reached_from_the_meeting_list(
    browser: Browser, built_site: Project, base_url: str
) -> None:
    """The statement says every page can be reached without search: meetings are not in the
    menu, so the meeting list must link every one of them."""
    page = browser.new_page()
    page.goto(base_url + "moeder/", wait_until="load")
    hrefs = page.eval_on_selector_all(".md-content a", "as => as.map(a => a.href)")
    page.close()
    meetings = {p.parent.name for p in (built_site.site_dir / "moeder").glob("*/index.html")}
    linked = {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}
    assert meetings and meetings <= linked


STYLE_JS = """
(selector) => [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length)
  .map(e => { const s = getComputedStyle(e);
              return {size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight),
                      color: s.color, text: e.textContent.trim().slice(0, 40)}; })
"""


def test_text_in_tables_and_boxes_is_body_size_and_headings_are_strong(
    browser: Browser, base_url: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "moeder/2027-01-28/", wait_until="load")
    body = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)"
    )
    cells = page.evaluate(STYLE_JS, ".nk-programme td, .nk-programme th")
    headings = page.evaluate(STYLE_JS, ".md-content h1, .md-content h2")
    page.goto(base_url + "moeder/2026-05-21/", wait_until="load")  # cancelled: a notice box
    boxes = page.evaluate(STYLE_JS, ".admonition p")
    page.close()
    assert body >= 16
    assert cells and all(c["size"] >= body for c in cells), cells
    assert boxes and all(b["size"] >= body for b in boxes), boxes
    assert headings and all(h["weight"] >= 600 for h in headings), headings
    # Full contrast: black or near-black, not the theme's 54 % grey.
    for h in headings:
        channels = h["color"].removeprefix("rgba(").removeprefix("rgb(").rstrip(")").split(",")
        alpha = float(channels[3]) if len(channels) == 4 else 1.0
        assert all(int(c) <= 40 for c in channels[:3]) and alpha >= 0.85, h


def test_chart_labels_are_legible_on_a_phone(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(base_url + "medlemmer/", wait_until="load")
    labels = page.evaluate(STYLE_JS, ".nk-chart li > span")
    page.close()
    assert len(labels) == 10  # five regions, five counts
    assert all(label["size"] >= 12 for label in labels), labels


def test_meeting_list_shows_meetings_before_the_how_to_which_is_folded(
    browser: Browser, base_url: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "moeder/", wait_until="load")
    first_card = page.locator(".nk-card").first.bounding_box()
    box = page.locator(".nk-subscribe").bounding_box()
    clients = page.locator(".nk-subscribe__clients")
    assert first_card is not None and box is not None
    assert first_card["y"] < 844 and first_card["y"] < box["y"]
    expect(clients).to_be_hidden()
    page.locator(".nk-subscribe summary").click()
    expect(clients).to_be_visible()
    page.close()


def test_no_link_text_leads_to_two_places(
    browser: Browser, built_site: Project, base_url: str
) -> None:
    """A screen reader's list of links shows the texts alone: the same text must not lead
    to different places (WCAG 2.4.4/2.4.9; »Hjemmeside« ×19 on the members page)."""
    page = browser.new_page()
    problems = []
    for name, path in page_types(built_site.site_dir).items():
        page.goto(base_url + path, wait_until="load")
        links = page.eval_on_selector_all(
            ".md-content a[href]",
            """as => as.map(a => [
                   (a.getAttribute('aria-label') || a.textContent).replace(/\\s+/g, ' ').trim(),
                   a.href.split('#')[0]])""",
        )
        targets: dict[str, set[str]] = {}
        for text, href in links:
            targets.setdefault(text, set()).add(href)
        problems += [f"{name}: »{t}« → {sorted(h)}" for t, h in targets.items() if len(h) > 1]
    page.close()
    assert not problems, "\n".join(problems)
