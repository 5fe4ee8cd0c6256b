"""Full ``mkdocs build --strict`` of data the shipped files do not contain, checked in the HTML.

Expected Danish dates are worked out here from the calendar (weekday names indexed by
``date.weekday()``), not taken from the program.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup, Tag
from factories import Project, visible_text

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def danish_long(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


MEMBERS = """
organisers:
  - id: kl
    name: KL
    url: https://www.kl.dk
  - id: ldf
    name: Landdistrikternes Fællesråd
members:
  - id: morsoe
    name: Morsø Kommune
    region: Region Nordjylland
    code: 773
    contacts:
      - name: Hemmelig Koordinator
        email: hemmelig@example.org
      - name: Offentlig Koordinator
        role: Landdistriktskoordinator
        email: offentlig@example.org
        public: true
  - id: laesoe
    name: Læsø Kommune
    region: nordjylland
  - id: stevns
    name: Stevns Kommune
    region: Sjælland
    code: 336
"""

MEETINGS = """
meetings:
  - id: oe-moede
    title: Øer, færger & "små samfund" <i>uden</i> | rør
    date: 2027-03-03
    start: 9.30
    end: 15:45
    venue:
      name: Nykøbing Mors Rådhus
      address: Jernbanevej 7, 7900 Nykøbing M
      host: morsoe
    summary: Et møde om øsamfund.
    description: |
      Vi ser på **færgeforbindelser**.
    registration:
      url: https://example.org/tilmeld
      deadline: 2027-02-24
    programme:
      - start: 09:30
        title: Morgenkaffe
        kind: break
      - start: 10:00
        title: Oplæg om færger
        speakers: [Ida Prøve, Ole Eksempel]
      - start: 12:00
        end: 12:45
        title: Frokost
        kind: meal
      - start: 12:45
        title: Workshop
  - date: 2025-10-02
    title: Sidste års møde om bredbånd
    start: 13:00
    end: 16:00
    online:
      platform: Teams
    materials:
      - title: Referat
        url: https://example.org/referat.pdf
  - date: 2027-06-10
    title: Aflyst sommermøde
    start: 10:00
    end: 14:00
    status: cancelled
    venue:
      name: Store Heddinge
      host: stevns
"""


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(visible_text(html), "html.parser")


def build(project: Project, today: str = "2026-11-30") -> Project:
    project.write("data/members.yaml", MEMBERS)
    project.write("data/meetings.yaml", MEETINGS)
    project.build(today=today)
    return project


@pytest.mark.build
def test_meeting_page_content(project: Project) -> None:
    page = soup(build(project).page("moeder/oe-moede/"))
    title = 'Øer, færger & "små samfund" <i>uden</i> | rør'
    h1 = page.find("h1")
    assert isinstance(h1, Tag) and h1.get_text() == title
    assert page.title is not None and page.title.get_text().startswith(title)
    text = page.get_text(" ")
    assert danish_long(date(2027, 3, 3)) in text
    assert "kl. 9.30–15.45" in text  # no leading zero in running text (issue 20)
    assert "Nykøbing Mors Rådhus" in text and "Jernbanevej 7, 7900 Nykøbing M" in text
    host = page.find("a", string="Morsø Kommune")
    assert isinstance(host, Tag) and host["href"] == "../../medlemmer/#morsoe"
    strong = page.find("strong", string="færgeforbindelser")
    assert strong is not None  # the description's Markdown is rendered
    signup = page.find("a", string="Tilmeld dig")
    assert isinstance(signup, Tag) and signup["href"] == "https://example.org/tilmeld"
    assert danish_long(date(2027, 2, 24)) in text


@pytest.mark.build
def test_programme_table(project: Project) -> None:
    page = soup(build(project).page("moeder/oe-moede/"))
    table = page.select_one(".nk-programme table")
    assert isinstance(table, Tag)
    caption = table.find("caption")
    assert caption is not None and "Program" in caption.get_text()
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == ["Tid", "Punkt", "Oplægsholdere"]
    rows = table.select("tbody tr")
    cells = [[c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])] for row in rows]
    assert [c[0] for c in cells] == ["09.30–10.00", "10.00–12.00", "12.00–12.45", "12.45–15.45"]
    assert cells[1][2] == "Ida Prøve, Ole Eksempel"
    assert "nk-break" in rows[0]["class"] and "nk-meal" in rows[2]["class"]
    assert not rows[1].get("class")


@pytest.mark.build
def test_past_meeting_has_materials_and_no_registration(project: Project) -> None:
    page = soup(build(project).page("moeder/2025-10-02/"))
    assert page.find("a", string="Referat") is not None
    assert page.find("a", string="Tilmeld dig") is None
    assert "Teams" in page.get_text()


@pytest.mark.build
def test_cancelled_meeting(project: Project) -> None:
    page = soup(build(project).page("moeder/2027-06-10/"))
    admonition = page.select_one(".admonition.danger")
    assert isinstance(admonition, Tag) and "aflyst" in admonition.get_text().lower()
    assert page.title is not None and page.title.get_text().startswith("Aflyst:")


@pytest.mark.build
def test_meeting_list_upcoming_and_archive(project: Project) -> None:
    page = soup(build(project).page("moeder/"))
    cards = page.select(".nk-card h3 a")
    assert [a["href"] for a in cards] == ["oe-moede/", "2027-06-10/"]
    archive = page.find("h2", string="Arkiv")
    assert archive is not None
    year = archive.find_next("h3")
    assert year is not None and year.get_text() == "2025"
    assert year.find_next("a", string="Sidste års møde om bredbånd") is not None


@pytest.mark.build
def test_today_moves_meetings_to_the_archive(project: Project) -> None:
    page = soup(build(project, today="2027-12-01").page("moeder/"))
    assert page.select(".nk-card") == []
    assert [h.get_text() for h in page.select("h3")] == ["2027", "2025"]


@pytest.mark.build
def test_members_page(project: Project) -> None:
    html = build(project).page("medlemmer/")
    page = soup(html)
    assert "Offentlig Koordinator" in html and "offentlig@example.org" in html
    assert "Hemmelig" not in html and "hemmelig@example.org" not in html
    headings = [h.get_text() for h in page.select("h2")]
    assert "Region Nordjylland (2)" in headings and "Region Sjælland (1)" in headings
    assert page.find(id="morsoe") is not None
    bars = [li.get_text(" ", strip=True) for li in page.select(".nk-chart li")]
    assert "Region Nordjylland : 2" in bars and "Region Sjælland : 1" in bars
    # Morsø hosts the March meeting, still ahead; Stevns's June meeting was cancelled.
    hosted = page.find("a", string=re.compile("^Øer, færger"))
    assert isinstance(hosted, Tag) and hosted["href"] == "../moeder/oe-moede/"
    assert hosted.parent is not None and hosted.parent.get_text().startswith("Er vært for: ")
    assert page.find("a", string=re.compile("Aflyst sommermøde")) is None


@pytest.mark.build
def test_home_page_keeps_hand_written_text_and_gets_blocks(project: Project) -> None:
    page = soup(build(project).page(""))
    assert "erfaringsudveksling" in page.get_text()  # from docs/index.md
    nxt = page.select_one(".nk-next")
    assert isinstance(nxt, Tag)
    assert "Øer, færger" in nxt.get_text()
    assert "<!-- netvaerk:" not in str(page)


@pytest.mark.build
def test_meeting_pages_stay_out_of_the_nav(project: Project) -> None:
    page = soup(build(project).page("moeder/"))
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    hrefs = [a.get("href", "") for a in nav.find_all("a")]
    assert hrefs and not any("oe-moede" in h or "2025-10-02" in h for h in hrefs)


@pytest.mark.build
def test_search_index_is_danish_and_contains_meetings(project: Project) -> None:
    import json

    site = build(project).site_dir
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["da"]
    assert "stemmer" in index["config"]["pipeline"]
    locations = {doc["location"] for doc in index["docs"]}
    assert "moeder/oe-moede/" in locations


@pytest.mark.build
def test_list_pages_are_hand_written_with_generated_blocks(project: Project) -> None:
    """/moeder/ and /medlemmer/ are docs/*/index.md: an editor's wording shows as written."""
    for page, old, new in (
        ("docs/moeder/index.md", "Netværket mødes tre gange om året.", "Vi ses tre gange årligt."),
        ("docs/medlemmer/index.md", "Netværket har", "Vi er nu"),
    ):
        path = project.root / page
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")
    build(project)
    meetings = soup(project.page("moeder/"))
    assert "Vi ses tre gange årligt." in meetings.get_text()
    assert [a["href"] for a in meetings.select(".nk-card h3 a")] == ["oe-moede/", "2027-06-10/"]
    assert meetings.select_one(".nk-subscribe") is not None
    members = soup(project.page("medlemmer/"))
    assert "Vi er nu 3 medlemskommuner." in members.get_text()
    facilitators = members.find("h2", string="Facilitatorer")
    assert facilitators is not None
    sentence = facilitators.find_next("p")
    assert sentence is not None
    assert (
        sentence.get_text()
        == "Netværket faciliteres i fællesskab af KL og Landdistrikternes Fællesråd."
    )
    assert [a["href"] for a in sentence.find_all("a")] == ["https://www.kl.dk"]
    for page in (meetings, members):
        assert "netvaerk:" not in str(page)
