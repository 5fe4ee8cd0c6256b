"""The steps an editor takes in the browser editor at /admin/ (Sveltia CMS, its test-repo
backend), once for every browser test of the editor.

Sveltia draws a form's fields and list items only as they scroll into view: until then an
empty ``div.placeholder`` stands in for each. A step that looked for a field below the fold
found nothing, or found the wrong one (``.last`` of a label meant the last *drawn* one), and a
loaded machine changed what had been drawn in time: the flaky CI run of
``test_preview_pane_shows_the_typed_meeting_as_the_site_renders_it``. So every step that acts
on the form goes through ``reveal``, which draws every placeholder shown (scrolling each into
view and waiting, with Playwright's own waiting, until Sveltia has replaced it) before it looks.
No step sleeps, moves the mouse to a place that depends on the window's width, or counts
elements before the page has settled.

Test modules import these from here (tests/test_suite.py); the site, the seeding and reading
of the browser's repository (``editor_site``, ``EDITOR_SEED``, ``EDITOR_READ``) stay in
``factories.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator

from factories import EDITOR_SEED, ROOT
from playwright.sync_api import Browser, Locator, Page, expect

TIMEOUT = 30_000  # ms, for any one step in the editor
LOAD_TIMEOUT = 60_000  # ms, for the 2 MB script and the whole file's form on a busy machine

# The form's half of the editor (the preview pane is the other half, an iframe), and in it
# what Sveltia has not drawn yet (admin/netvaerk-fields.js draws them the same way).
EDIT_PANE = '.content-editor .pane[data-mode="edit"]'
UNDRAWN = f"{EDIT_PANE} div.placeholder"

# `NETVAERK_SCREENSHOTS=1 pytest tests/test_cms_browser.py ...` renews the guide's pictures
# (VEJLEDNING.md shows them), so they are always of the editor these tests drove.
SCREENSHOTS = ROOT / "vejledning"


def shot(page: Page, name: str) -> None:
    if os.environ.get("NETVAERK_SCREENSHOTS") == "1":
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def named(text: str) -> re.Pattern[str]:
    """A button's accessible name: Sveltia wraps the inserted words in bidi isolates
    (``Tilføj ⁨møde⁩``)."""
    return re.compile(r"\W*".join(re.escape(word) for word in text.split()))


@contextlib.contextmanager
def editor_page(
    browser: Browser,
    width: int = 1280,
    timeout: float = TIMEOUT,
    locale: str | None = "da-DK",
    height: int = 1000,
) -> Iterator[Page]:
    """A page in a browser context of its own (so an empty repository in its storage), closed
    afterwards even when the test fails. 1400 px wide shows the preview pane roomily."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    context.set_default_timeout(timeout)
    try:
        yield context.new_page()
    finally:
        context.close()


def shipped_data() -> dict[str, str]:
    """The shipped data files, by their path in the repository."""
    return {f"data/{p.name}": p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.yaml")}


def log_in(page: Page, base: str, files: dict[str, str] | None = None) -> None:
    """Put ``files`` (the shipped data unless given) in the browser's test repository and log
    in to it: the collections are listed."""
    page.goto(base + "admin/", wait_until="domcontentloaded")
    page.evaluate(EDITOR_SEED, shipped_data() if files is None else files)
    page.get_by_role("button", name=named("Arbejd med testrepository")).click(timeout=LOAD_TIMEOUT)
    expect(page).to_have_url(re.compile("#/collections/"), timeout=LOAD_TIMEOUT)


def open_file(page: Page, base: str, collection: str, file: str) -> None:
    """Log in with the shipped data and open one data file's form (``file`` empty: only log
    in)."""
    log_in(page, base)
    if file:
        page.goto(base + f"admin/#/collections/{collection}/entries/{file}")


def new_meeting(page: Page, base: str, files: dict[str, str] | None = None) -> None:
    """Log in, open the meetings file and add a meeting: its empty form is open."""
    log_in(page, base, files)
    page.goto(base + "admin/#/collections/moeder/entries/meetings")
    press(page, "Tilføj møde", LOAD_TIMEOUT)


# The first placeholder shown (a folded list item's stay hidden, undrawn), scrolled into
# view in the same step: between two steps Sveltia may draw it and take it away.
NEXT_UNDRAWN = """(selector) => {
  const next = [...document.querySelectorAll(selector)].find((p) => p.getClientRects().length);
  next?.scrollIntoView({ block: "nearest" });
  return next ?? null;
}"""


# Until Sveltia has drawn it, the placeholder is scrolled into view again and again: a smooth
# scroll Sveltia started itself (to a list item just added) ends where Sveltia aimed it and
# would leave a placeholder scrolled into view once below the fold again, never drawn.
KEEP_IN_VIEW = """(p) => {
  if (!p.isConnected) return true;
  p.scrollIntoView({ block: "nearest" });
  return false;
}"""


def draw_form(page: Page) -> None:
    """Have Sveltia draw every part of the form that is shown: scroll each placeholder into
    view and wait until Sveltia has replaced it (its own IntersectionObserver does)."""
    while placeholder := page.evaluate_handle(NEXT_UNDRAWN, UNDRAWN).as_element():
        page.wait_for_function(KEEP_IN_VIEW, arg=placeholder, polling=100)
        placeholder.dispose()


def reveal(page: Page, locator: Locator, timeout: float | None = None) -> Locator:
    """``locator`` in the form, drawn and scrolled into view. The whole form is drawn first,
    so a ``.last`` means the form's last, not the last drawn so far. It waits for the form
    (the element, or a part still to be drawn) to be there at all."""
    undrawn = page.locator(UNDRAWN).filter(visible=True)
    expect(locator.or_(undrawn).first).to_be_attached(timeout=timeout)
    draw_form(page)
    expect(locator, f"not in the form: {locator}").to_be_attached(timeout=timeout)
    locator.scroll_into_view_if_needed(timeout=timeout)
    return locator


def field(page: Page, label: str) -> Locator:
    """The last visible form field with this label (the newest or the unfolded list item's;
    a folded item keeps its fields, hidden)."""
    return reveal(page, page.get_by_label(label, exact=True).filter(visible=True).last)


def type_into(page: Page, label: str, text: str) -> Locator:
    """Click into the field and type, key by key, as a person does."""
    found = field(page, label)
    found.click()
    found.press_sequentially(text)
    return found


def type_in_segments(page: Page, control: Locator, text: str) -> None:
    """Click a native date or time field where its first part (day, hour) is, and type as a
    Danish editor would (``11-03-2027``, ``9.30``)."""
    box = control.bounding_box()
    assert box is not None, f"not shown: {control}"
    control.click(position={"x": 12, "y": box["height"] / 2})
    page.keyboard.type(text)


def checkbox(page: Page, label: str) -> Locator:
    """The last of Sveltia's checkboxes with this name (``Tilføj Online``), revealed."""
    return reveal(page, page.get_by_role("checkbox", name=named(label)).last)


def press(page: Page, label: str, timeout: float | None = None) -> None:
    """Click the last button with this name (``Tilføj programpunkt``), revealed."""
    button = reveal(page, page.get_by_role("button", name=named(label)).last, timeout)
    button.click(timeout=timeout)


def to_top(page: Page) -> None:
    """Scroll the form back to its top, as an editor does before pressing »Gem«."""
    page.locator(EDIT_PANE).locator(".content").first.evaluate("pane => pane.scrollTo(0, 0)")


def unfold_meeting(page: Page, day: str) -> None:
    """In the open meetings form, fold out the meeting on ``day``. Listed with its date and
    title; a click on that line unfolds it (the glue's doing: Sveltia unfolds only on the small
    arrow before it)."""
    summary = reveal(page, page.get_by_text(re.compile(rf"^{day} · ")), LOAD_TIMEOUT)
    expect(summary).to_be_visible()
    summary.click()
    expect(page.get_by_label("Tema", exact=True).filter(visible=True)).to_have_count(1)


def save(page: Page) -> None:
    """Press »Gem«; the save passes: the document closes and the collection's list shows."""
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/collections/[^/]+$"))


def data_file(name: str) -> str:
    """A shipped data file's text (``meetings.yaml``)."""
    return (ROOT / "data" / name).read_text(encoding="utf-8")
