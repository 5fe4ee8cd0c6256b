"""A refused save in the browser editor shows each problem AT ITS FIELD (issue 16 item 2).

Real Chromium drives /admin/ (Sveltia CMS, test-repo backend) as an editor would: a save that
``make check`` (the loopback check of ``make edit``) or the browser's rule book (the production
editor) refuses leaves the file untouched, and the field the problem is about is unfolded,
outlined, ``aria-invalid`` and described by the Danish message right under it, in view, with
the cursor in it. Changing the field removes the mark; the corrected save then writes exactly
the change. ``admin/netvaerk-fields.js`` maps the check's path to the form's field.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import pytest
from editor_steps import (
    checkbox,
    editor_page,
    field,
    named,
    new_meeting,
    open_file,
    reveal,
    save,
    to_top,
    unfold_meeting,
)
from factories import EDITOR_READ, ROOT, editor_site
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

RED = (179, 38, 30)  # the mark's colour, #b3261e


@pytest.fixture(scope="module")
def with_check(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The editor as ``make edit`` runs it, with the loopback check: its base URL."""
    with editor_site(tmp_path_factory.mktemp("fields-check") / "project") as (_project, base):
        yield base


@pytest.fixture(scope="module")
def without_check(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The editor as production serves it: only the browser's rule book. Its base URL."""
    root = tmp_path_factory.mktemp("fields-rules") / "project"
    with editor_site(root, check=False) as (project, base):
        assert "data-netvaerk-check" not in (project.site_dir / "admin" / "index.html").read_text()
        yield base


@pytest.fixture
def page(danish_browser: Browser) -> Iterator[Page]:
    with editor_page(danish_browser) as page:
        yield page


def _fold(page: Page, key_path: str) -> None:
    """Fold the list item (a meeting, a member) holding the field at the form's ``key_path``
    with its arrow, as the editor does once done with it."""
    field = page.locator(f'section.field[data-key-path="{key_path}"]')
    body = page.locator(".item-body").filter(has=field).last.get_attribute("id")
    arrow = page.locator(f'button[aria-controls="{body}"]')
    arrow.scroll_into_view_if_needed()
    arrow.click()
    expect(arrow).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_count(0)


def _refuse(page: Page) -> Locator:
    """Press »Gem«: the save is refused with the panel; the panel."""
    page.get_by_role("button", name="Gem", exact=True).click()
    panel = page.get_by_role("alert").filter(has_text="Ikke gemt")
    expect(panel).to_be_visible()
    expect(page).to_have_url(re.compile("/entries/"))  # still in the form
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    return panel


def _expect_marked(page: Page, control: Locator, message: str) -> None:
    """The field is invalid, outlined in red, described by the message under it, in view and
    focused (or, for a radio group, one of its buttons)."""
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_be_in_viewport()
    expect(control).to_be_focused()
    described = control.get_attribute("aria-describedby") or ""
    texts = [page.locator(f"#{name}").text_content() or "" for name in described.split() if name]
    assert any(message in text for text in texts), texts
    error = page.locator(".nk-field-error").filter(has_text=message)
    expect(error).to_be_visible()
    # Right under the field: below the control, not far below.
    box, under = control.bounding_box(), error.bounding_box()
    assert box and under and 0 <= under["y"] - (box["y"] + box["height"]) < 80, (box, under)
    outline = "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor]"
    assert control.evaluate(outline) == ["solid", "rgb({}, {}, {})".format(*RED)]


def _expect_unmarked(page: Page, control: Locator) -> None:
    expect(control).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".nk-field-error")).to_have_count(0)


def _diff(original: str, saved: str) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(original.splitlines(), saved.splitlines()))
    return (
        [line[2:] for line in lines if line.startswith("- ")],
        [line[2:] for line in lines if line.startswith("+ ")],
    )


def _saved(page: Page, name: str) -> tuple[list[str], list[str]]:
    """Press »Gem«; the save passes: the file's removed and added lines."""
    save(page)
    original = (ROOT / "data" / name).read_text(encoding="utf-8")
    return _diff(original, page.evaluate(EDITOR_READ, f"data/{name}"))


def test_an_end_before_the_start_of_a_new_meeting_is_shown_at_itsfield(
    with_check: str, page: Page
) -> None:
    """make check's loopback refusal; the new meeting is the form's last, but the check counts
    it where the file gets it, among the others by its date: the mark is still at its field."""
    new_meeting(page, with_check)
    field(page, "Tema").press_sequentially("Forkert tid")
    field(page, "Dato").fill("2026-03-12")
    field(page, "Starttid").fill("15:00")
    field(page, "Sluttid").fill("10:00")
    checkbox(page, "Tilføj Online").click()
    field(page, "Platform").press_sequentially("Teams")
    end = page.get_by_label("Sluttid", exact=True).filter(visible=True).last
    to_top(page)  # the field is out of view when »Gem« is pressed

    panel = _refuse(page)
    message = "sluttiden 10.00 skal ligge efter starttiden 15.00"
    expect(panel).to_contain_text(f"mødet »Forkert tid« (12. marts 2026), Sluttid: {message}")
    _expect_marked(page, end, message)
    assert page.evaluate(EDITOR_READ, "data/meetings.yaml") == (
        ROOT / "data" / "meetings.yaml"
    ).read_text(encoding="utf-8")
    # Only that field: the start, the same meeting's other time, is not marked.
    start = page.get_by_label("Starttid", exact=True).filter(visible=True).last
    expect(start).not_to_have_attribute("aria-invalid", "true")

    end.fill("16:00")
    _expect_unmarked(page, end)
    expect(panel).to_be_visible()  # the panel stays until the next save
    removed, added = _saved(page, "meetings.yaml")
    assert removed == []
    # Written among the meetings by its date (a blank line between meetings, as the file has).
    assert [line for line in added if line] == [
        "  - title: Forkert tid",
        "    date: 2026-03-12",
        "    start: 15:00",
        "    end: 16:00",
        "    online:",
        "      platform: Teams",
    ]
    expect(page.get_by_role("alert").filter(has_text="Ikke gemt")).to_have_count(0)


def test_a_programme_out_of_order_in_a_folded_meeting_far_down_is_unfolded_and_shown(
    without_check: str, page: Page
) -> None:
    """The production editor's rule book (no server): the meeting of 28 January 2027, the
    seventh of nine, folded in the list; its third programme item made to start before the
    second ends. The panel's line leads back to the field."""
    open_file(page, without_check, "moeder", "meetings")
    unfold_meeting(page, "2027-01-28")
    reveal(page, page.get_by_text("11:15 Erfaringer fra kommunernes bosætningsindsatser")).click()
    third = field(page, "Starttid")
    expect(third).to_have_value("11:15")
    third.fill("11:00")
    # Done with it, the editor folds the meeting again and goes back to the top to save.
    _fold(page, "meetings.6.title")
    to_top(page)

    panel = _refuse(page)
    message = "punktet begynder kl. 11.00, men punktet før slutter først kl. 11.15"
    expect(panel).to_contain_text("Bosætning og nye tilflyttere")
    line = panel.get_by_role("button").filter(has_text="Starttid")
    expect(line).to_have_count(1)
    marked = page.locator('section.field[data-key-path="meetings.6.programme.2.start"] input')
    expect(page.get_by_label("Tema", exact=True).filter(visible=True)).to_have_value(
        "Bosætning og nye tilflyttere"
    )
    _expect_marked(page, marked, message)

    # Away and back through the panel: the field again, in view and focused.
    to_top(page)
    page.get_by_role("button", name=named("Tilføj møde")).focus()
    line.click()
    expect(marked).to_be_focused()
    expect(marked).to_be_in_viewport()

    marked.fill("11:20")
    _expect_unmarked(page, marked)
    removed, added = _saved(page, "meetings.yaml")
    assert (removed, added) == (["      - start: 11:15"], ["      - start: 11:20"])


def test_a_member_problem_is_shown_at_the_membersfield(with_check: str, page: Page) -> None:
    """A code that is no Danish municipality's, in the last member of the list (folded):
    the official list of municipalities is in the browser's rule book and make check alike."""
    open_file(page, with_check, "medlemmer", "members")
    reveal(page, page.get_by_text("Gribskov Kommune", exact=True)).click()
    code = field(page, "Kommunekode")
    expect(code).to_have_value("270")
    code.fill("299")
    since = field(page, "Medlem siden (år)")
    expect(since).to_have_value("2022")
    since.fill("2023")
    _fold(page, "members.18.code")
    to_top(page)

    panel = _refuse(page)
    message = "299 er ikke en dansk kommunekode"
    expect(panel).to_contain_text(message)
    code = page.get_by_label("Kommunekode", exact=True).filter(visible=True)
    expect(code).to_have_count(1)
    _expect_marked(page, code, message)

    code.fill("270")
    _expect_unmarked(page, code)
    assert _saved(page, "members.yaml") == (["    since: 2022"], ["    since: 2023"])


def test_a_deadline_after_the_meeting_is_shown_inside_its_group(
    without_check: str, page: Page
) -> None:
    """A field inside an optional group (»Tilmelding«) of a folded meeting, by the rule book."""
    open_file(page, without_check, "moeder", "meetings")
    unfold_meeting(page, "2027-01-28")
    deadline = field(page, "Tilmeldingsfrist")
    expect(deadline).to_have_value("2027-01-14")
    deadline.fill("2027-02-01")
    _fold(page, "meetings.6.title")
    to_top(page)

    panel = _refuse(page)
    expect(panel.get_by_role("button").filter(has_text="Tilmeldingsfrist")).to_have_count(1)
    marked = page.locator(
        'section.field[data-key-path="meetings.6.registration.deadline"] input[type="date"]'
    )
    _expect_marked(page, marked, "tilmeldingsfristen")

    marked.fill("2027-01-15")
    _expect_unmarked(page, marked)
    removed, added = _saved(page, "meetings.yaml")
    assert (removed, added) == (["      deadline: 2027-01-14"], ["      deadline: 2027-01-15"])
