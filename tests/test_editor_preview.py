"""The editor's preview pane (editor_preview.py): the site's own meeting page, or the check's
problems, for the meetings file about to be saved; and in real Chromium, the pane shows it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from editor_steps import (
    LOAD_TIMEOUT,
    checkbox,
    editor_page,
    field,
    new_meeting,
    press,
    shot,
    type_into,
)
from factories import ROOT, Project, editor_site
from playwright.sync_api import Browser, Route, expect

from netvaerk.editing.savecheck import NotEditable
from netvaerk.editor_preview import NOTHING_CHANGED, TOC, preview

MEETINGS = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
NEW_MEETING = """
  - title: Landsbyer i bevægelse
    date: 2027-03-11
    start: 10:00
    end: 15:00
    online:
      platform: Teams
    programme:
      - start: 12:00
        end: 12:45
        title: Frokost i landsbyhuset
        kind: meal
"""


class _Cells(HTMLParser):
    """The programme table's cells and the classes seen, read by an HTML parser."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.cells: list[str] = []
        self._in_cell = False
        self.h1 = ""
        self._in_h1 = False
        self._open: list[str] = []
        self.caption_in = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "caption":
            self.caption_in = self._open[-1]
        self._open.append(tag)
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())
        self._in_cell = tag in ("td", "th")
        self._in_h1 = tag == "h1"
        if self._in_cell:
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]
        self._in_cell = self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data
        if self._in_h1:
            self.h1 += data


def _project(tmp_path: Path) -> Path:
    Project(tmp_path / "project")
    return tmp_path / "project"


def test_preview_renders_the_new_meeting_as_the_site_does(tmp_path: Path) -> None:
    root = _project(tmp_path)
    answer = preview(root, "data/meetings.yaml", MEETINGS.rstrip("\n") + "\n" + NEW_MEETING)
    assert answer["ok"] is True
    page = _Cells()
    page.feed(answer["html"])
    assert page.h1 == "Landsbyer i bevægelse"  # only the changed meeting
    assert {"nk-programme", "nk-time", "md-typeset", "nk-facts"} <= page.classes
    assert "12.00–12.45" in page.cells and "Frokost i landsbyhuset" in page.cells
    assert "torsdag den 11. marts 2027" in answer["html"]
    assert page.caption_in == "table"  # as the build makes it (agenda.TableCaptions), no <p>


def test_preview_of_an_edited_meeting_is_that_meeting_alone(tmp_path: Path) -> None:
    root = _project(tmp_path)
    first = yaml.safe_load(MEETINGS)["meetings"][0]["title"]
    edited = MEETINGS.replace(f"title: {first}", "title: Et nyt tema", 1)
    assert edited != MEETINGS
    answer = preview(root, "data/meetings.yaml", edited)
    page = _Cells()
    page.feed(answer["html"])
    assert page.h1 == "Et nyt tema"
    assert answer["html"].count("<article") == 1


def test_preview_without_a_change_says_so_and_with_a_mistake_gives_the_checks_words(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    assert NOTHING_CHANGED in preview(root, "data/meetings.yaml", MEETINGS)["html"]
    wrong = preview(root, "data/meetings.yaml", MEETINGS + NEW_MEETING.replace("15:00", "09:00"))
    assert wrong["ok"] is False and wrong["html"] == ""
    assert any("09.00" in p["message"] or "slut" in p["message"] for p in wrong["problems"])
    missing = preview(root, "data/meetings.yaml", MEETINGS + "\n  - title: Landsbyer\n")
    assert {p["label"] for p in missing["problems"]} == {"Dato", "Starttid", "Sluttid"}
    with pytest.raises(NotEditable):
        preview(root, "data/members.yaml", "")


def test_preview_converts_markdown_with_the_builds_toc_settings() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions = config["markdown_extensions"]
    names = sorted(e if isinstance(e, str) else next(iter(e)) for e in extensions)
    assert names == sorted(["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"])
    toc = next(e["toc"] for e in extensions if isinstance(e, dict) and "toc" in e)
    assert toc["permalink"] == TOC["permalink"]


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with the test-repo editor and make edit's check and preview server."""
    with editor_site(tmp_path_factory.mktemp("preview") / "project") as (_project, base):
        yield base


@pytest.mark.browser
def test_preview_pane_without_the_server_says_where_to_see_the_page(
    preview_site: str, browser: Browser
) -> None:
    """The production editor's page is the same page without make edit's server address."""

    def without_server(route: Route) -> None:
        page_html = route.fetch().text()
        route.fulfill(
            body=re.sub(r' data-netvaerk-check="[^"]*"', "", page_html),
            content_type="text/html; charset=utf-8",
        )

    with editor_page(browser, width=1400, timeout=LOAD_TIMEOUT) as page:
        page.context.route(re.compile(r".*/admin/(index\.html)?$"), without_server)
        new_meeting(page, preview_site, {"data/meetings.yaml": MEETINGS})
        type_into(page, "Tema", "Landsbyer")
        pane = page.frame_locator("iframe.preview")
        expect(pane.locator(".nk-preview-note")).to_contain_text("make edit")
        expect(pane.locator("body")).not_to_contain_text("Landsbyer")  # no dump of the fields


@pytest.mark.browser
def test_preview_pane_shows_the_typed_meeting_as_the_site_renders_it(
    preview_site: str, browser: Browser
) -> None:
    with editor_page(browser, width=1400, timeout=LOAD_TIMEOUT) as page:
        new_meeting(page, preview_site, {"data/meetings.yaml": MEETINGS})
        type_into(page, "Tema", "Landsbyer i bevægelse")
        pane = page.frame_locator("iframe.preview")
        # No date yet: the pane gives the check's Danish words, not a half page.
        expect(pane.locator(".nk-preview-problems")).to_contain_text(
            "mødet »Landsbyer i bevægelse«, Dato: mangler"
        )
        field(page, "Dato").fill("2027-03-11")
        field(page, "Starttid").fill("10:00")
        field(page, "Sluttid").fill("15:00")
        checkbox(page, "Tilføj Online").click()
        type_into(page, "Platform", "Teams")
        press(page, "Tilføj programpunkt")
        field(page, "Starttid").fill("12:00")
        field(page, "Sluttid").fill("12:45")
        type_into(page, "Punkt", "Frokost i landsbyhuset")

        expect(pane.locator("h1")).to_have_text("Landsbyer i bevægelse")
        expect(pane.locator(".nk-facts")).to_contain_text("torsdag den 11. marts 2027")
        row = pane.locator(".nk-programme tbody tr").last
        expect(row.locator("th.nk-time")).to_have_text("12.00–12.45")
        expect(row).to_contain_text("Frokost i landsbyhuset")
        # The site's own stylesheet is applied: netvaerk.css styles the programme's time column.
        expect(pane.locator("link[href$='stylesheets/netvaerk.css']")).to_have_count(1)
        shot(page, "forhaandsvisning")
