"""The browser editor at /admin/ (Sveltia CMS) in real Chromium, driven as an editor would.

The site is built once with Sveltia's ``test-repo`` backend, which keeps the repository in the
browser's origin-private file system (folder ``sveltia-cms-test/``): each test puts the data
files there, types and clicks through the forms, presses »Gem« and reads the file back. The
file must differ from the original by exactly the change, pass ``make check``'s validation,
be described by ``make changes`` and build a page that shows it. One browser and one server
serve every test (each test has its own context, so its own empty storage).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from editor_steps import (
    LOAD_TIMEOUT,
    TIMEOUT,
    UNDRAWN,
    checkbox,
    data_file,
    editor_page,
    field,
    named,
    new_meeting,
    open_file,
    press,
    reveal,
    save,
    shot,
    type_in_segments,
    type_into,
    unfold_meeting,
)
from factories import EDITOR_READ, ROOT, Project, serve
from factories import editor_site as served_editor
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from netvaerk.check import collect_problems
from netvaerk.editing.changes import describe, load

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 30)  # the suite's pinned day (conftest.Project.build)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """The site built with the test-repo backend, served on a free port: (project, base URL)."""
    if not (ROOT / "admin" / "node_modules" / "@sveltia" / "cms").is_dir():
        pytest.fail("admin/node_modules is missing: run `npm ci --prefix admin` (make does)")
    # With the check make edit runs beside the editor (savecheck.py), on the shipped data.
    with served_editor(tmp_path_factory.mktemp("editor") / "project") as site:
        yield site


@pytest.fixture
def context(danish_browser: Browser) -> Iterator[BrowserContext]:
    """A Danish editor's browser (conftest.danish_browser: its date and time fields read
    Danish typing), with its own empty storage."""
    context = danish_browser.new_context(viewport={"width": 1280, "height": 1000}, locale="da-DK")
    context.set_default_timeout(TIMEOUT)
    yield context
    context.close()


def _check_result(root: Path, saved: str, name: str) -> list[str]:
    """The saved file in a copy of the project: valid, and what `make changes` says of it."""
    (root / "data" / name).write_text(saved, encoding="utf-8")
    assert collect_problems(root) == []
    before = load(ROOT / "data", ROOT / "docs")
    after = load(root / "data", root / "docs")
    return describe(before, after, TODAY)


def _diff(original: str, saved: str) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(original.splitlines(), saved.splitlines()))
    return (
        [line[2:] for line in lines if line.startswith("- ")],
        [line[2:] for line in lines if line.startswith("+ ")],
    )


def test_editor_creates_meeting_with_programme(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    new_meeting(page, base)

    type_into(page, "Tema", "Landsbyer i bevægelse")
    field(page, "Dato").fill("2027-03-11")
    field(page, "Starttid").fill("10:00")
    field(page, "Sluttid").fill("15:00")
    checkbox(page, "Tilføj Online").click()
    type_into(page, "Platform", "Teams")
    checkbox(page, "Tilføj Tilmelding").click()
    type_into(page, "Tilmeldingslink", "https://eksempel.dk/tilmeld")
    field(page, "Tilmeldingsfrist").fill("2027-02-25")

    press(page, "Tilføj programpunkt")
    field(page, "Starttid").fill("12:00")
    field(page, "Sluttid").fill("12:45")
    type_into(page, "Punkt", "Frokost i landsbyhuset")
    meal = reveal(page, page.get_by_role("radio", name="Måltid").last)
    meal.click()
    expect(meal).to_be_checked()
    # The preview pane has caught up with the typing: the programme as the site shows it.
    preview = page.frame_locator("iframe.preview").locator("body")
    expect(preview).to_contain_text("Frokost i landsbyhuset")
    expect(preview).not_to_contain_text("mangler")
    shot(page, "nyt-moede")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == []
    # Added at the end of the form's list, written among the meetings by its date.
    assert added == [
        "  - title: Landsbyer i bevægelse",
        "    date: 2027-03-11",
        "    start: 10:00",
        "    end: 15:00",
        "    online:",
        "      platform: Teams",
        "    registration:",
        "      url: https://eksempel.dk/tilmeld",
        "      deadline: 2027-02-25",
        "    programme:",
        "      - start: 12:00",
        "        end: 12:45",
        "        title: Frokost i landsbyhuset",
        "        kind: meal",
        "",
    ]
    dates = [str(meeting["date"]) for meeting in yaml.safe_load(saved)["meetings"]]
    assert dates == sorted(dates)
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("Landsbyer i bevægelse" in line for line in lines), lines
    project.build()
    html = project.page("moeder/2027-03-11/")
    assert "Frokost i landsbyhuset" in html
    assert "https://eksempel.dk/tilmeld" in html and "25. februar 2027" in html


def test_a_short_window_reaches_the_end_of_a_new_meetings_form(
    editor_site: tuple[Project, str], danish_browser: Browser
) -> None:
    """The shared steps against Sveltia as it draws a form: only what has been in view (an
    empty placeholder until then). In a short window a new meeting's programme is far below
    the fold, not drawn; ``press`` still finds its »Tilføj programpunkt«, and ``field`` is
    the form's last field of a label (the new item's start), not the last drawn so far."""
    _site, base = editor_site
    with editor_page(danish_browser, height=400) as page:
        new_meeting(page, base)
        expect(page.locator(UNDRAWN).filter(visible=True)).not_to_have_count(0)
        add = page.get_by_role("button", name=named("Tilføj programpunkt"))
        expect(add).to_have_count(0)  # not in the page at all: below the fold, not drawn

        press(page, "Tilføj programpunkt")
        expect(page.get_by_label("Punkt", exact=True).filter(visible=True)).to_have_count(1)
        field(page, "Starttid").fill("12:00")
        starts = page.get_by_label("Starttid", exact=True).filter(visible=True)
        expect(starts).to_have_count(2)  # the meeting's start, then the item's
        expect(starts.first).to_have_value("")
        expect(starts.last).to_have_value("12:00")
        expect(page.locator(UNDRAWN).filter(visible=True)).to_have_count(0)


def test_editor_calls_off_the_online_meeting_with_a_reason(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    """Decap refused this (an empty optional group demanded its fields): issue 16."""
    _site, base = editor_site
    page = context.new_page()
    index = _open_meeting(page, base, "2027-09-23")
    status = field(page, "Status")
    radio = status.get_by_role("radio", name="Aflyst")
    radio.click()
    expect(radio).to_be_checked()
    summary = field(page, "Kort resumé")
    summary.click()
    summary.press("End")  # after the sentence already there, not where the click landed
    summary.press_sequentially(" Mødet er aflyst på grund af sygdom.")
    radio.scroll_into_view_if_needed()
    shot(page, "aflys-moede")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    after = yaml.safe_load(saved)["meetings"][index]
    assert after["status"] == "cancelled"
    before = yaml.safe_load(original)["meetings"][index]
    assert after["summary"] == before["summary"] + " Mødet er aflyst på grund af sygdom."
    removed, added = _diff(original, saved)
    assert len(added) == 2 and len(removed) <= 1, (removed, added)
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("aflyst" in line.lower() for line in lines), lines


def _open_meeting(page: Page, base: str, day: str) -> int:
    """Open the meetings form and fold out the meeting on ``day``; its index in the file."""
    open_file(page, base, "moeder", "meetings")
    unfold_meeting(page, day)
    return _index(day)


def _index(day: str) -> int:
    """The index in the shipped meetings file of the meeting on ``day``."""
    meetings = yaml.safe_load(data_file("meetings.yaml"))["meetings"]
    return next(i for i, m in enumerate(meetings) if str(m["date"]) == day)


def test_editor_makes_a_meeting_online_only(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    _open_meeting(page, base, "2027-05-27")
    venue = checkbox(page, "Tilføj Sted (fysisk møde)")
    expect(venue).to_be_checked()
    venue.click()
    expect(venue).not_to_be_checked()
    online = checkbox(page, "Tilføj Online")
    online.click()
    expect(online).to_be_checked()
    type_into(page, "Platform", "Teams")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == [
        "    venue:",
        "      name: Bornholms Rådhus",
        "      address: Ullasvej 23, 3700 Rønne",
        "      host: bornholm",
    ]
    assert added == ["    online:", "      platform: Teams"]
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("Teams" in line for line in lines), lines
    project.build()
    html = project.page("moeder/2027-05-27/")
    assert "Teams" in html and "Bornholms Rådhus" not in html


def test_editor_makes_the_online_meeting_hybrid(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    _open_meeting(page, base, "2027-09-23")
    venue = checkbox(page, "Tilføj Sted (fysisk møde)")
    venue.click()
    expect(venue).to_be_checked()
    type_into(page, "Stedets navn", "Lemvig Bibliotek")
    type_into(page, "Adresse", "Østergade 1, 7620 Lemvig")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == []
    assert added == [
        "    venue:",
        "      name: Lemvig Bibliotek",
        "      address: Østergade 1, 7620 Lemvig",
    ]
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("Lemvig Bibliotek" in line for line in lines), lines
    project.build()
    html = project.page("moeder/2027-09-23/")
    assert "Lemvig Bibliotek" in html


def test_editor_removes_a_contact(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    open_file(page, base, "medlemmer", "members")
    expect(page.get_by_text("Skive Kommune", exact=True)).to_be_visible(timeout=LOAD_TIMEOUT)
    # Organisers first (KL, LDF), then the members in file order: Silkeborg, Skive.
    page.get_by_role("button").filter(has_text="chevron_right").nth(3).click()
    contact = reveal(page, page.get_by_text("Bo Prøvesen", exact=True))
    # The × in the header of the list item that shows the contact's name.
    item = contact.locator("xpath=ancestor::*[.//button[contains(., 'close')]][1]")
    item.get_by_role("button").filter(has_text="close").first.click()
    expect(page.get_by_text("Bo Prøvesen", exact=True)).to_have_count(0)
    save(page)

    original = (ROOT / "data" / "members.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/members.yaml")
    removed, added = _diff(original, saved)
    assert removed == [
        "    contacts:",
        "      - name: Bo Prøvesen",
        "        role: landdistriktskoordinator",
        "        email: bo.proevesen@example.dk",
        "        public: false",
    ]
    assert added == []
    _check_result(project.root, saved, "members.yaml")


def test_editor_writes_a_news_item_published_on_its_date(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    open_file(page, base, "nyheder", "")
    page.goto(base + "admin/#/collections/nyheder/new")
    field(page, "Udgivelsesdato").fill("2027-01-15")
    type_into(page, "Overskrift", "Ny rapport om landsbyer")
    type_into(page, "Kort resumé", "Rapporten samler erfaringer fra tolv kommuner.")
    body = reveal(page, page.get_by_role("textbox", name="Tekst").last)
    body.click()
    body.press_sequentially("Læs rapporten og giv os dine kommentarer.")
    shot(page, "ny-nyhed")
    save(page)

    text = page.evaluate(EDITOR_READ, "docs/nyheder/ny-rapport-om-landsbyer.md")
    assert text == (
        "---\ndate: 2027-01-15\ntitle: Ny rapport om landsbyer\n"
        "summary: Rapporten samler erfaringer fra tolv kommuner.\n---\n\n"
        "Læs rapporten og giv os dine kommentarer.\n"
    )
    news = project.root / "docs" / "nyheder" / "ny-rapport-om-landsbyer.md"
    news.write_text(text, encoding="utf-8")
    assert collect_problems(project.root) == []
    lines = describe(
        load(ROOT / "data", ROOT / "docs"),
        load(project.root / "data", project.root / "docs"),
        TODAY,
    )
    assert any("Ny rapport om landsbyer" in line for line in lines), lines
    project.build(today="2027-01-15")
    html = project.page("nyheder/ny-rapport-om-landsbyer/")
    assert "Læs rapporten og giv os dine kommentarer." in html
    assert "Ny rapport om landsbyer" in project.page("nyheder/")


def _save_an_end_before_the_start(page: Page, base: str) -> Locator:
    """A new online meeting ending before it starts, saved: the refusal's panel, which names
    the meeting and the field in make check's words; the form stays open."""
    new_meeting(page, base)
    type_into(page, "Tema", "Forkert tid")
    field(page, "Dato").fill("2027-11-18")
    field(page, "Starttid").fill("15:00")
    field(page, "Sluttid").fill("10:00")
    checkbox(page, "Tilføj Online").click()
    type_into(page, "Platform", "Teams")
    page.get_by_role("button", name="Gem", exact=True).click()

    panel = page.get_by_role("alert").filter(has_text="Ikke gemt")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(
        "mødet »Forkert tid« (18. november 2027), Sluttid: "
        "sluttiden 10.00 skal ligge efter starttiden 15.00"
    )
    expect(page).to_have_url(re.compile("/entries/meetings"))  # still in the form
    return panel


WATCH_DIALOGS = """
window.netvaerkDialogs = [];
new MutationObserver(() => {
  for (const dialog of document.querySelectorAll('dialog[role="alertdialog"][open]')) {
    if (dialog.dataset.seen) continue;
    dialog.dataset.seen = "1";
    window.netvaerkDialogs.push(getComputedStyle(dialog).opacity);
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
"""


def test_editor_refuses_an_end_before_the_start_with_the_checks_words(
    editor_site: tuple[Project, str], context: BrowserContext
) -> None:
    """make check's own rules run before the save (savecheck.py): nothing is written."""
    _site, base = editor_site
    page = context.new_page()
    # Sveltia's generic »Fejl« dialog: record each time it opens, and whether it could be seen.
    page.add_init_script(WATCH_DIALOGS)
    panel = _save_an_end_before_the_start(page, base)
    # Sveltia did open its generic dialog, unseen, and it was closed: only our panel remains,
    # and the page is not blocked behind a modal (the panel's »Luk« answers a click).
    expect(page.locator("html")).not_to_have_class(re.compile("netvaerk-refusing"))
    opened = page.evaluate("window.netvaerkDialogs")
    assert opened and all(opacity == "0" for opacity in opened), opened
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    shot(page, "fejl-foer-gem")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert saved == (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    panel.get_by_role("button", name="Luk").click()
    expect(panel).to_have_count(0)


def test_login_page_requests_nothing_outside_the_site(
    editor_site: tuple[Project, str], context: BrowserContext
) -> None:
    """Fonts, the Danish words, Immutable.js and the update check come from the site itself,
    before and after logging in to the test repository."""
    _site, base = editor_site
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_file(page, base, "moeder", "meetings")
    expect(page.get_by_role("button", name=named("Tilføj møde"))).to_be_visible(
        timeout=LOAD_TIMEOUT
    )
    outside = sorted(
        {u for u in requests if not u.startswith((base, f"blob:{_origin(base)}/", "data:"))}
    )
    assert outside == []
    fonts = [u for u in requests if u.endswith(".woff2")]
    assert fonts and all(u.startswith(base + "admin/fonts/") for u in fonts)
    assert any(u.endswith("/locales/da.json") for u in requests)


@pytest.mark.build
def test_production_login_page_requests_nothing_outside(
    context: BrowserContext, project: Project
) -> None:
    """With the GitHub backend (production), the page loads and waits for the login click
    without asking any other host for anything."""
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    project.build()
    config = yaml.safe_load((project.site_dir / "admin" / "config.yml").read_text())
    assert config["backend"]["name"] == "github"
    assert config["publish_mode"] == "editorial_workflow"
    with serve(project.site_dir) as base:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "admin/", wait_until="domcontentloaded")
        expect(page.get_by_role("button", name=re.compile("GitHub"))).to_be_visible(
            timeout=LOAD_TIMEOUT
        )
        # After login Sveltia asks GitHub's status page; the site's glue answers instead.
        status = page.evaluate(
            "fetch('https://www.githubstatus.com/api/v2/status.json').then(r => r.json())"
        )
        assert status["status"]["indicator"] == "none"
        # On 127.0.0.1 (make edit) the same page offers the local folder too.
        expect(page.get_by_role("button", name=re.compile("lokalt repository"))).to_be_visible()
        shot(page, "log-ind")
        page.close()
    outside = {u for u in requests if not u.startswith((base, f"blob:{_origin(base)}/"))}
    assert sorted(outside) == []
    html = (project.site_dir / "admin" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_editor_postpones_a_meeting_to_a_new_date(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    """The id stays, so the page keeps its address and the calendars move the meeting."""
    _site, base = editor_site
    page = context.new_page()
    _open_meeting(page, base, "2027-01-28")
    field(page, "Dato").fill("2027-03-11")
    field(page, "Tilmeldingsfrist").fill("2027-02-25")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == ["    date: 2027-01-28", "      deadline: 2027-01-14"]
    assert added == ["    date: 2027-03-11", "      deadline: 2027-02-25"]
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("11. marts 2027" in line for line in lines), lines
    project.build()
    html = project.page("moeder/2027-01-28/")
    assert "11. marts 2027" in html and "25. februar 2027" in html


def test_editor_types_danish_dates_and_times(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    """Issue 16: a Danish editor types the date day first and the time with a full stop."""
    _site, base = editor_site
    page = context.new_page()
    new_meeting(page, base)
    type_into(page, "Tema", "Dansk tastning")
    type_in_segments(page, field(page, "Dato"), "11-03-2027")
    type_in_segments(page, field(page, "Starttid"), "9.30")
    type_in_segments(page, field(page, "Sluttid"), "15.30")
    checkbox(page, "Tilføj Tilmelding").click()
    type_into(page, "Tilmeldingslink", "https://eksempel.dk/tilmeld")
    type_in_segments(page, field(page, "Tilmeldingsfrist"), "25.02.2027")
    press(page, "Tilføj programpunkt")
    type_in_segments(page, field(page, "Starttid"), "10.00")
    type_into(page, "Punkt", "Kaffe")
    checkbox(page, "Tilføj Online").click()
    type_into(page, "Platform", "Teams")
    save(page)

    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    removed, added = _diff(original, saved)
    assert removed == []
    assert added[:4] == [
        "  - title: Dansk tastning",
        "    date: 2027-03-11",
        "    start: 09:30",
        "    end: 15:30",
    ]
    assert "      deadline: 2027-02-25" in added
    assert "      - start: 10:00" in added
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("Dansk tastning" in line and "11. marts 2027" in line for line in lines), lines


def test_editor_moves_a_meeting_to_a_new_date_and_place(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    _open_meeting(page, base, "2027-05-27")
    field(page, "Dato").fill("2027-06-03")
    field(page, "Slutdato (todagesmøde)").fill("2027-06-04")
    name = field(page, "Stedets navn")
    name.fill("")
    name.press_sequentially("Nexø Bibliotek")
    address = field(page, "Adresse")
    address.fill("")
    address.press_sequentially("Åsen 4, 3730 Nexø")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == [
        "    date: 2027-05-27",
        "    end_date: 2027-05-28",
        "      name: Bornholms Rådhus",
        "      address: Ullasvej 23, 3700 Rønne",
    ]
    assert added == [
        "    date: 2027-06-03",
        "    end_date: 2027-06-04",
        "      name: Nexø Bibliotek",
        "      address: Åsen 4, 3730 Nexø",
    ]
    lines = _check_result(project.root, saved, "meetings.yaml")
    assert any("Nexø Bibliotek" in line for line in lines), lines
    project.build()
    html = project.page("moeder/2027-05-27/")
    assert "Nexø Bibliotek" in html and "3. juni 2027" in html


def test_editor_adds_materials_as_a_link(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    _site, base = editor_site
    page = context.new_page()
    _open_meeting(page, base, "2026-09-24")
    press(page, "Tilføj materiale")
    type_into(page, "Titel", "Slides om energifællesskaber")
    type_into(page, "Link", "https://www.example.dk/netvaerk/energi.pdf")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == []
    assert added == [
        "    materials:",
        "      - title: Slides om energifællesskaber",
        "        url: https://www.example.dk/netvaerk/energi.pdf",
    ]
    _check_result(project.root, saved, "meetings.yaml")
    project.build()
    html = project.page("moeder/2026-09-24/")
    assert 'href="https://www.example.dk/netvaerk/energi.pdf"' in html
    assert "Slides om energifællesskaber" in html


def test_editor_schedules_an_invitation(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    """The invitation is a news item on its date, not before."""
    _site, base = editor_site
    page = context.new_page()
    _open_meeting(page, base, "2027-09-23")
    checkbox(page, "Tilføj Invitation (nyhed)").click()
    field(page, "Udgivelsesdato").fill("2027-08-26")
    body = reveal(page, page.get_by_role("textbox", name="Tekst").filter(visible=True).last)
    body.click()
    body.press_sequentially("Netværket mødes online torsdag den 23. september.")
    save(page)

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    removed, added = _diff(original, saved)
    assert removed == []
    assert added == [
        "    announcement:",
        "      date: 2027-08-26",
        "      body: Netværket mødes online torsdag den 23. september.",
    ]
    _check_result(project.root, saved, "meetings.yaml")
    project.build(today="2027-08-25")
    before = project.page("nyheder/")
    project.build(today="2027-08-26")
    after = project.page("nyheder/")
    title = "Digitale fællesskaber og lokal service"
    assert title not in before and title in after


def _site_files_containing(site: Path, *needles: str) -> list[str]:
    """Every built file (pages, feeds, search index, sitemap...) that holds one of the texts."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(needle.encode("utf-8") in data for needle in needles):
                found.append(str(path.relative_to(site)))
    return found


def test_editor_adds_a_member_with_a_public_and_a_private_contact(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    """Only the contact who said yes to being shown reaches the site, in any file."""
    _site, base = editor_site
    page = context.new_page()
    open_file(page, base, "medlemmer", "members")
    expect(page.get_by_text("Skive Kommune", exact=True)).to_be_visible(timeout=LOAD_TIMEOUT)
    press(page, "Tilføj medlemskommune")
    type_into(page, "Id", "mariagerfjord")
    type_into(page, "Kommunens navn", "Mariagerfjord Kommune")
    region = reveal(page, page.get_by_role("radio", name="Nordjylland").last)
    region.click()
    expect(region).to_be_checked()
    type_into(page, "Kommunekode", "846")
    type_into(page, "Medlem siden (år)", "2026")
    for name, email, public in (
        ("Dorte Dyrlund", "dorte.dyrlund@example.dk", True),
        ("Erik Ørnsø", "erik.oernsoe@example.dk", False),
    ):
        press(page, "Tilføj kontaktperson")
        type_into(page, "Navn", name)
        type_into(page, "Rolle", "Landdistriktskoordinator")
        type_into(page, "E-mail", email)
        if public:
            consent = reveal(
                page, page.get_by_role("switch", name="Vis på siden").filter(visible=True).last
            )
            consent.click()
            expect(consent).to_be_checked()
    shot(page, "nyt-medlem")
    save(page)

    original = (ROOT / "data" / "members.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/members.yaml")
    removed, added = _diff(original, saved)
    assert removed == []
    assert added == [
        "  - id: mariagerfjord",
        "    name: Mariagerfjord Kommune",
        "    region: Nordjylland",
        "    code: 846",
        "    since: 2026",
        "    contacts:",
        "      - name: Dorte Dyrlund",
        "        role: Landdistriktskoordinator",
        "        email: dorte.dyrlund@example.dk",
        "        public: true",
        "      - name: Erik Ørnsø",
        "        role: Landdistriktskoordinator",
        "        email: erik.oernsoe@example.dk",
        "        public: false",
    ]
    lines = _check_result(project.root, saved, "members.yaml")
    assert any("Mariagerfjord Kommune" in line for line in lines), lines
    site = project.build()
    assert "dorte.dyrlund@example.dk" in project.page("medlemmer/")
    assert _site_files_containing(site, "Erik Ørnsø", "erik.oernsoe") == []


UPLOAD = "Referat fra mødet på Ærø.pdf"
UPLOADED = "referat-fra-moedet-paa-aeroe.pdf"  # æ→ae, ø→oe, å→aa, lower case, hyphens


def test_editor_uploads_materials_with_a_danish_name_and_links_them(
    editor_site: tuple[Project, str], context: BrowserContext, project: Project
) -> None:
    """Upload under »Medier«, »Kopiér« › »Filsti«, paste it as the material's link: the file
    gets a safe name and the meeting the path `make check` and the site use."""
    site, base = editor_site
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_file(page, base, "moeder", "")
    page.goto(base + "admin/#/assets")
    page.get_by_text("Globale medier").click()
    expect(page.get_by_role("main", name=named("Mediemappen Globale medier"))).to_be_visible()
    pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    # Picking the file: headless Chromium opens no file chooser for Sveltia's »Upload«
    # button, so the file goes into its file input, which fires the same input and change
    # events as a person's pick.
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": UPLOAD, "mimeType": "application/pdf", "buffer": pdf}]
    )
    expect(page.get_by_text(UPLOADED)).to_be_visible()  # the upload dialog's list
    page.get_by_role("button", name="Upload", exact=True).last.click()
    page.get_by_role("row").filter(has_text=UPLOADED).first.click()
    page.get_by_role("button", name=named("Kopiér")).click()
    page.get_by_role("menuitem", name="Filsti").click()
    # The clipboard is written asynchronously; Sveltia says so once it is done.
    expect(page.get_by_text("Filstien er kopieret til udklipsholderen.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == f"/docs/materialer/{UPLOADED}"
    read_bytes = EDITOR_READ.replace(".text()", ".arrayBuffer()")
    stored = page.evaluate(
        f"async (path) => [...new Uint8Array(await ({read_bytes})(path))]",
        f"docs/materialer/{UPLOADED}",
    )
    assert bytes(stored) == pdf
    # The local repository of `make edit` writes the upload into the checkout; here the
    # browser's storage stands in for it, so the check beside the editor gets the file too.
    for root in (site.root, project.root):
        (root / "docs" / "materialer").mkdir(exist_ok=True)
        (root / "docs" / "materialer" / UPLOADED).write_bytes(pdf)

    page.goto(base + "admin/#/collections/moeder/entries/meetings")
    unfold_meeting(page, "2026-09-24")
    index = _index("2026-09-24")
    press(page, "Tilføj materiale")
    type_into(page, "Titel", "Referat fra mødet")
    link = field(page, "Link")
    link.click()
    page.keyboard.press("Control+V")
    expect(link).to_have_value(f"/docs/materialer/{UPLOADED}")
    shot(page, "materiale-fil")
    try:
        save(page)
    finally:
        (site.root / "docs" / "materialer" / UPLOADED).unlink()

    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert yaml.safe_load(saved)["meetings"][index]["materials"][-1]["title"] == "Referat fra mødet"
    removed, added = _diff(original, saved)
    assert removed == []
    assert added == [
        "    materials:",
        "      - title: Referat fra mødet",
        f"        url: materialer/{UPLOADED}",
    ]
    _check_result(project.root, saved, "meetings.yaml")
    built = project.build()
    assert (built / "materialer" / UPLOADED).read_bytes() == pdf
    assert UPLOADED in project.page("moeder/2026-09-24/")


@pytest.fixture(scope="module")
def serverless_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built as production builds it, with no check server beside the editor (the
    GitHub backend has none), but with the test-repo backend for the files: its base URL."""
    with served_editor(tmp_path_factory.mktemp("serverless") / "project", check=False) as site:
        project, base = site
        page = (project.site_dir / "admin" / "index.html").read_text(encoding="utf-8")
        assert "data-netvaerk-check" not in page
        yield base


def test_without_a_check_server_the_editor_refuses_an_end_before_the_start(
    serverless_site: str, context: BrowserContext
) -> None:
    """The meetings' rules run in the browser (netvaerk-rules.js, content/rules.py's rule
    book): the save is refused in make check's words, naming the meeting and the field, and
    nothing is written. No request goes to a check."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _save_an_end_before_the_start(page, serverless_site)
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert saved == (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    own = (serverless_site, f"blob:{_origin(serverless_site)}/")
    assert not [u for u in requests if "/check" in u or not u.startswith(own)]

    # Corrected, the same meeting saves: the rules refuse nothing that make check accepts.
    # Sveltia's own dialog about a failed save was closed unseen (refuseSave): nothing to dismiss.
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    field(page, "Sluttid").fill("16:00")
    save(page)
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert "title: Forkert tid" in saved
