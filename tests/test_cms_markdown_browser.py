"""The production editor judges Markdown with make check's own Python (Pyodide), in Chromium.

With the GitHub backend there is no check server beside the editor: the Markdown of a
meeting's description is judged in the browser by ``text/safe_markdown.py`` and
``text/link_check.py`` themselves, run in Pyodide in a worker (``admin/netvaerk-python.js``).
Here the site is built as production builds it (no loopback check), with Sveltia's
``test-repo`` backend for the files; an editor types a description into a new meeting and
presses »Gem«. Unsafe Markdown is refused at the field in make check's words (make check is
asked about the same text here), safe Markdown saves, Pyodide loads only once a Markdown
field is touched, nothing is asked of any host but the site, and a Pyodide that cannot load
lets the save through with a Danish note instead of blocking it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from editor_steps import checkbox, field, log_in, new_meeting, reveal, type_into
from factories import EDITOR_READ, ROOT, minimal_project
from factories import editor_site as served_editor
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, expect

from netvaerk.check import collect_problems

pytestmark = pytest.mark.browser

TIMEOUT = 30_000  # ms, for any one step in the editor
PYTHON_TIMEOUT = 90_000  # ms: Pyodide's 13 MB loaded and started, on a busy machine
UNSAFE = "Læs [mere](javascript:alert(1)) her."
SAFE = "Læs **mere** på [KL's side](https://www.kl.dk)."


@pytest.fixture(scope="module")
def production_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built as production builds it, without make edit's check: its base URL."""
    with served_editor(tmp_path_factory.mktemp("markdown") / "project", check=False) as site:
        project, base = site
        page = (project.site_dir / "admin" / "index.html").read_text(encoding="utf-8")
        assert "data-netvaerk-check" not in page
        yield base


@pytest.fixture
def context(danish_browser: Browser) -> Iterator[BrowserContext]:
    """A Danish editor's browser (conftest.danish_browser), with its own empty storage."""
    context = danish_browser.new_context(viewport={"width": 1280, "height": 1000}, locale="da-DK")
    context.set_default_timeout(TIMEOUT)
    yield context
    context.close()


def _new_meeting(page: Page, base: str, title: str) -> None:
    """A new online meeting in the meetings' form, typed."""
    new_meeting(page, base)
    type_into(page, "Tema", title)
    field(page, "Dato").fill("2027-11-18")
    field(page, "Starttid").fill("10:00")
    field(page, "Sluttid").fill("15:00")
    checkbox(page, "Tilføj Online").click()
    type_into(page, "Platform", "Teams")


def _type_description(page: Page, text: str) -> Locator:
    box = reveal(page, page.get_by_role("textbox", name="Beskrivelse").filter(visible=True).last)
    box.click()
    box.press_sequentially(text)
    return box


def _make_checks_words(tmp_path: Path, description: str, with_om: bool = False) -> list[str]:
    """What make check says of a meeting with this description (a project of its own; with
    the site's om.md when ``with_om``)."""
    root = minimal_project(tmp_path / ("check-om" if with_om else "check"))
    if with_om:
        om = (ROOT / "docs" / "om.md").read_text(encoding="utf-8")
        (root / "docs" / "om.md").write_text(om, encoding="utf-8")
    meeting = f"""
        meetings:
          - title: Tjek
            date: 2027-11-18
            start: 10:00
            end: 15:00
            online:
              platform: Teams
            description: {description!r}
        """
    (root / "data" / "meetings.yaml").write_text(textwrap.dedent(meeting), encoding="utf-8")
    return [p.message for p in collect_problems(root) if p.field == "meetings[0].description"]


def _outside(requests: list[str], base: str) -> list[str]:
    origin = base.rstrip("/")
    return [u for u in requests if not u.startswith((origin, f"blob:{origin}", "data:"))]


def test_unsafe_markdown_is_refused_at_the_field_in_make_checks_words(
    production_site: str, context: BrowserContext, tmp_path: Path
) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _new_meeting(page, production_site, "Farlig tekst")
    # The editor opened, a meeting was typed: Pyodide is not loaded until a Markdown field is.
    assert not [u for u in requests if "/admin/pyodide/" in u]

    _type_description(page, UNSAFE)
    page.get_by_role("button", name="Gem", exact=True).click()

    expected = _make_checks_words(tmp_path, UNSAFE)
    assert expected and "javascript:" in expected[0]  # make check refuses it
    panel = page.get_by_role("alert").filter(has_text="Ikke gemt")
    expect(panel).to_be_visible(timeout=PYTHON_TIMEOUT)
    expect(panel).to_contain_text(
        f"mødet »Farlig tekst« (18. november 2027), Beskrivelse: {expected[0]}"
    )
    marked = page.locator("section.field.nk-invalid").filter(
        has=page.get_by_role("textbox", name="Beskrivelse")
    )
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text(expected[0])
    expect(page).to_have_url(re.compile("/entries/meetings"))  # still in the form
    page.screenshot(path=str(tmp_path / "refusal.png"))

    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert saved == (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    assert [u for u in requests if u.endswith("/admin/pyodide/pyodide.asm.wasm")]
    assert _outside(requests, production_site) == []


def test_safe_markdown_saves(production_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _new_meeting(page, production_site, "God tekst")
    _type_description(page, SAFE)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/collections/[^/]+$"), timeout=PYTHON_TIMEOUT)

    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert "title: God tekst" in saved
    assert SAFE in saved
    assert [u for u in requests if u.endswith("/admin/pyodide/pyodide.asm.wasm")]
    assert _outside(requests, production_site) == []


def test_without_pyodide_the_save_goes_ahead_with_a_danish_note(
    production_site: str, context: BrowserContext
) -> None:
    """Pyodide cannot be had (here: its files do not come): the save is not blocked, and the
    editor is told the text is checked by the pull request instead."""

    def refuse(route: Route) -> None:
        route.abort()

    page = context.new_page()
    page.route(re.compile(r"/admin/pyodide/"), refuse)
    asked: list[Request] = []
    page.on("request", lambda request: asked.append(request))
    _new_meeting(page, production_site, "Uden tjek")
    _type_description(page, UNSAFE)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/collections/[^/]+$"), timeout=PYTHON_TIMEOUT)
    note = page.get_by_role("status").filter(has_text="Teksten kunne ikke tjekkes")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Redigeringens tjek")
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert "title: Uden tjek" in saved
    assert [r for r in asked if "/admin/pyodide/" in r.url]


def test_a_news_items_unsafe_text_is_refused_at_its_field(
    production_site: str, context: BrowserContext, tmp_path: Path
) -> None:
    """A news item's text (docs/nyheder/*.md) goes through make check's Markdown rule too;
    make check is asked about the same file here."""
    page = context.new_page()
    log_in(page, production_site)
    page.goto(production_site + "admin/#/collections/nyheder/new")
    field(page, "Udgivelsesdato").fill("2027-01-15")
    title = field(page, "Overskrift")
    title.click()
    title.press_sequentially("Farlig nyhed")
    body = reveal(page, page.get_by_role("textbox", name="Tekst").last)
    body.click()
    body.press_sequentially(UNSAFE)
    page.get_by_role("button", name="Gem", exact=True).click()

    root = minimal_project(tmp_path / "check")
    news = "---\ndate: 2027-01-15\ntitle: Farlig nyhed\n---\n\n" + UNSAFE + "\n"
    (root / "docs" / "nyheder" / "farlig-nyhed.md").write_text(news, encoding="utf-8")
    expected = [p.message for p in collect_problems(root)]
    assert len(expected) == 1 and "javascript:" in expected[0]
    panel = page.get_by_role("alert").filter(has_text="Ikke gemt")
    expect(panel).to_be_visible(timeout=PYTHON_TIMEOUT)
    expect(panel).to_contain_text(f"Tekst: {expected[0]}")
    marked = page.locator("section.field.nk-invalid").filter(
        has=page.get_by_role("textbox", name="Tekst")
    )
    expect(marked).to_contain_text(expected[0])
    expect(page).to_have_url(re.compile("/nyheder/new"))  # still in the form


def test_a_save_that_changes_no_markdown_does_not_wait_for_python(
    production_site: str, context: BrowserContext
) -> None:
    """A new meeting without a description changes none of the file's Markdown: the file's
    verdict stands, and the save neither loads Pyodide nor waits for it."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _new_meeting(page, production_site, "Uden beskrivelse")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/collections/[^/]+$"), timeout=TIMEOUT)
    assert "title: Uden beskrivelse" in page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert not [u for u in requests if "/admin/pyodide/" in u]


# Links with an anchor: on a page the edit does not make, judged on the anchors the build
# counted (make check's own count, shipped in /admin/index.html); on a page made from the
# meetings being edited, named in a note while the save goes on (the pull request's check).
BAD_ANCHOR = "Læs om [medlemskab](../om.md#medlemsskab)."
GOOD_ANCHOR = "Læs om [medlemskab](../om.md#medlemskab)."
OWN_PAGE_ANCHOR = "Se [programmet](#findes-ikke)."


def test_an_anchor_that_does_not_exist_is_refused_at_the_field(
    production_site: str, context: BrowserContext, tmp_path: Path
) -> None:
    page = context.new_page()
    _new_meeting(page, production_site, "Forkert anker")
    _type_description(page, BAD_ANCHOR)
    page.get_by_role("button", name="Gem", exact=True).click()

    expected = _make_checks_words(tmp_path, BAD_ANCHOR, with_om=True)
    assert len(expected) == 1 and "id 'medlemsskab'" in expected[0]  # make check refuses it
    assert "mente du '#medlemskab'?" in expected[0]
    panel = page.get_by_role("alert").filter(has_text="Ikke gemt")
    expect(panel).to_be_visible(timeout=PYTHON_TIMEOUT)
    expect(panel).to_contain_text(
        f"mødet »Forkert anker« (18. november 2027), Beskrivelse: {expected[0]}"
    )
    marked = page.locator("section.field.nk-invalid").filter(
        has=page.get_by_role("textbox", name="Beskrivelse")
    )
    expect(marked).to_contain_text(expected[0])
    page.screenshot(path=str(tmp_path / "anchor-refused.png"))
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert saved == (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")


def test_a_working_anchor_saves(production_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _new_meeting(page, production_site, "Godt anker")
    _type_description(page, GOOD_ANCHOR)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/collections/[^/]+$"), timeout=PYTHON_TIMEOUT)
    saved = page.evaluate(EDITOR_READ, "data/meetings.yaml")
    assert "title: Godt anker" in saved and GOOD_ANCHOR in saved
    assert [u for u in requests if u.endswith("/admin/pyodide/pyodide.asm.wasm")]
    expect(page.get_by_role("status").filter(has_text="kan først tjekkes")).to_have_count(0)


def test_an_anchor_on_the_meetings_own_page_saves_with_a_note(
    production_site: str, context: BrowserContext, tmp_path: Path
) -> None:
    """The meeting's own page is made from the form's data by the build's renderers, which
    the browser's Python does not have: the link is named in a note, never refused and never
    passed in silence; make check (the pull request's check) refuses it."""
    assert _make_checks_words(tmp_path, OWN_PAGE_ANCHOR)  # make check refuses it
    page = context.new_page()
    _new_meeting(page, production_site, "Eget anker")
    _type_description(page, OWN_PAGE_ANCHOR)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/collections/[^/]+$"), timeout=PYTHON_TIMEOUT)
    note = page.get_by_role("status").filter(has_text="kan først tjekkes")
    expect(note).to_be_visible()
    expect(note).to_contain_text("linket '#findes-ikke'")
    expect(note).to_contain_text("mødets side /moeder/2027-11-18/")
    expect(note).to_contain_text("Redigeringens tjek")
    page.screenshot(path=str(tmp_path / "anchor-note.png"))
    assert OWN_PAGE_ANCHOR in page.evaluate(EDITOR_READ, "data/meetings.yaml")


def test_a_new_news_items_broken_link_is_judged_from_the_page_it_will_have(
    production_site: str, context: BrowserContext, tmp_path: Path
) -> None:
    """A new news item has no file yet: its links are judged from the page Sveltia will name
    from its title (the collection's slug), in make check's words for that file; once the
    link is right, the item saves under that very name."""
    name = "nyt-om-modet-pa-aero"  # Sveltia's slug of the title (æ → ae, ø → o, å → a)
    broken = "Læs [om netværket](om.md)."
    page = context.new_page()
    log_in(page, production_site)
    page.goto(production_site + "admin/#/collections/nyheder/new")
    field(page, "Udgivelsesdato").fill("2026-11-02")  # out: make check judges it
    title = field(page, "Overskrift")
    title.click()
    title.press_sequentially("Nyt om mødet på Ærø")
    body = reveal(page, page.get_by_role("textbox", name="Tekst").last)
    body.click()
    body.press_sequentially(broken)
    page.get_by_role("button", name="Gem", exact=True).click()

    root = minimal_project(tmp_path / "check")
    (root / "docs" / "om.md").write_text("# Om netværket\n", encoding="utf-8")
    news = "---\ndate: 2026-11-02\ntitle: Nyt om mødet på Ærø\n---\n\n" + broken + "\n"
    (root / "docs" / "nyheder" / f"{name}.md").write_text(news, encoding="utf-8")
    expected = [p.message for p in collect_problems(root)]
    assert len(expected) == 1 and f"/nyheder/{name}/" in expected[0]
    panel = page.get_by_role("alert").filter(has_text="Ikke gemt")
    expect(panel).to_be_visible(timeout=PYTHON_TIMEOUT)
    expect(panel).to_contain_text(f"Tekst: {expected[0]}")
    page.screenshot(path=str(tmp_path / "news-link-refused.png"))

    # The same item written right, in a fresh form (rewriting the refused text in place is
    # left out: Sveltia's rich-text box, after a select-all over a link, sometimes keeps only
    # part of what is typed next; noted in the closing note of 2026-12-06).
    fixed = context.new_page()  # the same browser storage: logged in, the same repository
    fixed.goto(production_site + "admin/#/collections/nyheder/new")
    field(fixed, "Udgivelsesdato").fill("2026-11-02")
    type_into(fixed, "Overskrift", "Nyt om mødet på Ærø")
    body = reveal(fixed, fixed.get_by_role("textbox", name="Tekst").last)
    body.click()
    body.press_sequentially("Læs [om netværket](../om.md).")
    fixed.get_by_role("button", name="Gem", exact=True).click()
    expect(fixed).not_to_have_url(re.compile("/nyheder/new"), timeout=PYTHON_TIMEOUT)
    saved = fixed.evaluate(EDITOR_READ, f"docs/nyheder/{name}.md")
    assert "Læs [om netværket](../om.md)." in saved
