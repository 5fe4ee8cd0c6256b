"""Issue 4: the news section — two sources, publishing on the item's date, the pages, and the
errors for broken front matter.

Expected Danish dates were worked out by hand from the calendar (2027-02-15 is a Monday),
not taken from the program.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest
from factories import ROOT, Project, visible_text
from htmlscan import all_links, content, head, resolve
from mkdocs.exceptions import Abort, PluginError

from netvaerk.content import load, news, news_files
from netvaerk.content.loading import load_site
from netvaerk.content.problems import DataError, Problem
from netvaerk.text import rendering

MEETINGS = """
meetings:
  - id: landsbyer-2027
    title: Landsbyernes fremtid
    date: 2027-03-11
    start: 10:00
    end: 15:00
    venue:
      name: Viborg Rådhus
      address: Prinsens Allé 5, 8800 Viborg
    online:
      platform: Teams
      url: https://teams.microsoft.com/l/meetup-join/test
    summary: Et hybridmøde om landsbyernes fremtid.
    registration:
      url: https://www.example.dk/tilmelding-marts
      deadline: 2027-03-04
    announcement:
      date: 2027-02-15
      title: "Invitation: Landsbyernes fremtid i Viborg"
      body: |
        Netværket mødes i Viborg og på Teams. Kom og vær med til en dag om landsbyerne.

        Andet afsnit med **fed** tekst.
    programme:
      - start: 10:00
        title: Velkommen
      - start: 10:30
        title: Landsbyer & fremtid | et oplæg
        speakers: [Test Testesen]
      - start: 12:00
        title: Frokost
        kind: meal
      - start: 12:45
        title: Workshop
  - id: 2027-06-10
    title: Sommermøde uden invitation
    date: 2027-06-10
    start: 9:30
    end: 12:00
    online:
      platform: Teams
"""

INVITATION = "nyheder/landsbyer-2027-invitation/"


def write_meetings(project: Project, text: str = MEETINGS) -> None:
    project.write("data/meetings.yaml", text)


def search_locations(project: Project) -> list[str]:
    index = json.loads((project.site_dir / "search" / "search_index.json").read_text("utf-8"))
    return [doc["location"] for doc in index["docs"]]


def feed_links(project: Project) -> str:
    return (project.site_dir / "nyheder" / "feed.xml").read_text("utf-8")


# --- pure: front matter, slugs, scheduling -------------------------------------------------


def parse(text: str, name: str = "plan.md") -> tuple[news.NewsItem | None, list[Problem]]:
    return news_files.parse_news(
        textwrap.dedent(text).lstrip("\n"), f"nyheder/{name}", f"docs/nyheder/{name}"
    )


def test_editor_file_becomes_an_item() -> None:
    item, problems = parse(
        """
        ---
        date: 2026-11-16
        summary: Kort om planen.
        ---

        # Planen for *2027*

        Første afsnit.
        """
    )
    assert problems == []
    assert item is not None
    assert (item.slug, item.date, item.title) == ("plan", date(2026, 11, 16), "Planen for 2027")
    assert item.excerpt == "Kort om planen."
    assert item.src == "nyheder/plan.md"
    assert "Planen for" not in item.body and "Første afsnit." in item.body


def test_excerpt_is_the_first_paragraph_without_markup() -> None:
    item, _ = parse(
        """
        ---
        date: 2026-11-16
        title: Fra front matter
        ---
        Et *kort* afsnit med [et link](https://example.dk).

        Andet afsnit.
        """
    )
    assert item is not None
    assert item.title == "Fra front matter"
    assert item.excerpt == "Et kort afsnit med et link."


def test_a_link_that_is_no_url_keeps_its_text_and_no_target_in_the_feed() -> None:
    """Not made absolute (and no traceback); the feed's sanitiser drops a target that is
    no URL, as a browser could not follow it (issue 17)."""
    text = "Se [her](http://[::1) nu.\n"
    assert rendering.excerpt(text) == "Se her nu."
    html = rendering.standalone_html(text, "nyheder/x.md", "https://a.dk/")
    assert "<a>her</a>" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nsummary: x\n---\n# T\n", [("docs/nyheder/plan.md", 2, "date", "mangler")]),
        (
            "---\ntitle: T\nsummary: x\ndate: 2026-02-30\n---\n",
            [("docs/nyheder/plan.md", 4, "date", "findes ikke")],
        ),
        ("# Ingen front matter\n", [("docs/nyheder/plan.md", 1, "date", "mangler")]),
        ("---\n# kun en kommentar\n---\n# T\n", [("docs/nyheder/plan.md", 2, "date", "mangler")]),
        (
            "---\ndate: 2026-11-16 10:00\n---\n# T\n",
            [("docs/nyheder/plan.md", 2, "date", "ikke en dato")],
        ),
        (
            "---\ndate: 2026-11-16\n---\n\nIngen overskrift.\n",
            [("docs/nyheder/plan.md", 4, "title", "mangler")],
        ),
        (
            "---\ndate: 2026-11-16\nsummary: [\n---\n# T\n",
            [("docs/nyheder/plan.md", 4, "", "ikke gyldig YAML")],
        ),
    ],
)
def test_broken_front_matter_is_reported_with_file_line_field(
    text: str, expected: list[tuple[str, int, str, str]]
) -> None:
    item, problems = news_files.parse_news(text, "nyheder/plan.md", "docs/nyheder/plan.md")
    assert item is None
    found = [(p.file, p.line, p.field) for p in problems]
    assert found == [(f, line, field) for f, line, field, _ in expected]
    for problem, (*_, words) in zip(problems, expected, strict=True):
        assert words in problem.message


def test_announcement_slug_is_the_meeting_id_and_survives_title_edits(tmp_path: Path) -> None:
    slugs = []
    for title in ("Første overskrift", "En helt anden overskrift"):
        data = tmp_path / title.replace(" ", "-")
        data.mkdir()
        shutil.copy(ROOT / "data" / "members.yaml", data / "members.yaml")
        (data / "meetings.yaml").write_text(
            MEETINGS.replace("Invitation: Landsbyernes fremtid i Viborg", title), "utf-8"
        )
        site = load_site(data)
        [item] = news.announcements(site)
        assert item.title == title
        slugs.append(item.slug)
    assert slugs == ["landsbyer-2027-invitation"] * 2


def test_items_are_merged_newest_first_and_published_on_their_date(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "members.yaml", data / "members.yaml")
    (data / "meetings.yaml").write_text(MEETINGS, "utf-8")
    site = load_site(data)
    early, _ = parse("---\ndate: 2027-01-10\n---\n# Tidlig\n", "tidlig.md")
    late, _ = parse("---\ndate: 2027-02-20\n---\n# Sen\n", "sen.md")
    assert early is not None and late is not None
    merged = news.all_news(site, [early, late])
    assert [i.slug for i in merged] == ["sen", "landsbyer-2027-invitation", "tidlig"]

    def out(day: str) -> list[str]:
        return [i.slug for i in news.published(merged, date.fromisoformat(day))]

    assert out("2027-02-14") == ["tidlig"]
    assert out("2027-02-15") == ["landsbyer-2027-invitation", "tidlig"]
    assert news.unpublished_sources([early, late], date(2027, 2, 19)) == {"nyheder/sen.md"}
    assert news.unpublished_sources([early, late], date(2027, 2, 20)) == set()


def test_data_and_news_problems_are_reported_together(tmp_path: Path) -> None:
    data, docs = tmp_path / "data", tmp_path / "docs"
    (docs / "nyheder").mkdir(parents=True)
    data.mkdir()
    shutil.copy(ROOT / "data" / "members.yaml", data / "members.yaml")
    (data / "meetings.yaml").write_text(MEETINGS.replace("end: 15:00", "end: 25:00"), "utf-8")
    (docs / "nyheder" / "a.md").write_text("---\ndate: 2027-13-01\n---\n# A\n", "utf-8")
    with pytest.raises(DataError) as caught:
        load.load_content(data, docs)
    where = {(p.file, p.line, p.field) for p in caught.value.problems}
    assert ("data/meetings.yaml", 7, "meetings[0].end") in where
    assert ("docs/nyheder/a.md", 2, "date") in where


def test_an_editor_file_cannot_take_an_announcements_url(tmp_path: Path) -> None:
    data, docs = tmp_path / "data", tmp_path / "docs"
    (docs / "nyheder").mkdir(parents=True)
    data.mkdir()
    shutil.copy(ROOT / "data" / "members.yaml", data / "members.yaml")
    (data / "meetings.yaml").write_text(MEETINGS, "utf-8")
    (docs / "nyheder" / "landsbyer-2027-invitation.md").write_text(
        "---\ndate: 2027-01-01\n---\n# Kopi\n", "utf-8"
    )
    with pytest.raises(DataError, match=r"landsbyer-2027-invitation\.md:1: .*landsbyer-2027"):
        load.load_content(data, docs)


# --- built site ------------------------------------------------------------------------------


@pytest.mark.build
def test_scheduled_announcement_is_out_on_its_date_and_not_before(project: Project) -> None:
    write_meetings(project)

    project.build(today="2027-02-14")
    assert not (project.site_dir / INVITATION).exists()
    assert "Landsbyernes fremtid i Viborg" not in project.page("nyheder/")
    assert "Landsbyernes fremtid i Viborg" not in project.page("")
    assert "landsbyer-2027-invitation" not in feed_links(project)
    assert not [loc for loc in search_locations(project) if "landsbyer-2027-invitation" in loc]

    project.build(today="2027-02-15")
    assert (project.site_dir / INVITATION / "index.html").is_file()
    index = content(project.page("nyheder/"))
    assert "landsbyer-2027-invitation/" in index.hrefs("Invitation: Landsbyernes fremtid i Viborg")
    home = content(project.page(""))
    assert "nyheder/landsbyer-2027-invitation/" in home.hrefs(
        "Invitation: Landsbyernes fremtid i Viborg"
    )
    assert "https://landdistriktskoordinatorer.dk/" + INVITATION in feed_links(project)
    assert INVITATION in search_locations(project)


@pytest.mark.build
def test_future_editor_news_is_left_out_of_pages_feed_and_search(project: Project) -> None:
    write_meetings(project)
    project.write(
        "docs/nyheder/sommerhilsen.md",
        """
        ---
        date: 2027-06-01
        summary: En hilsen før sommerferien.
        ---

        # Sommerhilsen fra netværket

        God sommer til alle koordinatorer.
        """,
    )
    project.build(today="2027-05-31")
    assert not (project.site_dir / "nyheder" / "sommerhilsen").exists()
    assert "Sommerhilsen" not in project.page("nyheder/")
    assert "sommerhilsen" not in feed_links(project)
    assert not [loc for loc in search_locations(project) if "sommerhilsen" in loc]

    project.build(today="2027-06-01")
    page = project.page("nyheder/sommerhilsen/")
    text = content(page).text
    assert "Udgivet tirsdag den 1. juni 2027" in text
    assert "God sommer til alle koordinatorer." in text
    assert head(page).meta("name", "description") == ["En hilsen før sommerferien."]
    assert "Sommerhilsen fra netværket" in content(project.page("nyheder/")).text
    assert "https://landdistriktskoordinatorer.dk/nyheder/sommerhilsen/" in feed_links(project)
    assert "nyheder/sommerhilsen/" in search_locations(project)


@pytest.mark.build
def test_announcement_page_reads_like_the_invitation(project: Project) -> None:
    write_meetings(project)
    site = project.build(today="2027-02-20")
    page = content(project.page(INVITATION))
    assert page.headings[0] == ("h1", "Invitation: Landsbyernes fremtid i Viborg")
    text = page.text
    assert "Udgivet mandag den 15. februar 2027" in text
    assert "Netværket mødes i Viborg og på Teams." in text
    assert "Andet afsnit med fed tekst." in text
    # The key facts: theme (linked to the meeting), date, time, place and Teams.
    assert page.hrefs("Landsbyernes fremtid") == ["../../moeder/landsbyer-2027/"]
    for fact in (
        "Dato torsdag den 11. marts 2027",
        "Tid kl. 10.00–15.00",
        "Sted Viborg Rådhus, Prinsens Allé 5, 8800 Viborg",
        "Online Teams",
    ):
        assert fact in text
    # The programme is the meeting page's own table.
    meeting = content(project.page("moeder/landsbyer-2027/"))
    assert page.tables == meeting.tables
    # The speakers' names twice: their column, and under the title for phones (agenda.py).
    assert [
        "10.30–12.00",
        "Landsbyer & fremtid | et oplæg Oplægsholder: Test Testesen",
        "Test Testesen",
    ] in page.tables[0]
    # The call to action, and the links to the meeting page and its calendar file.
    assert page.hrefs("Tilmeld dig") == ["https://www.example.dk/tilmelding-marts"]
    assert "Tilmeld dig senest torsdag den 4. marts 2027" in text
    [meeting_href] = page.hrefs("Se mødets side")
    assert resolve(site, INVITATION, meeting_href) == site / "moeder/landsbyer-2027/index.html"
    [ics_href] = page.hrefs("Føj mødet til din kalender")
    ics = resolve(site, INVITATION, ics_href)
    assert ics == site / "moeder" / "landsbyer-2027.ics"
    assert ics.read_text("utf-8").startswith("BEGIN:VCALENDAR")
    assert resolve(site, INVITATION, page.hrefs("← Alle nyheder")[0]) == (
        site / "nyheder" / "index.html"
    )


def test_shipped_seed_announcement(built_site: Project) -> None:
    html = built_site.page("nyheder/2021-01-28-invitation/")
    page = content(visible_text(html))  # as read: the soft hyphens do not show (issue 20)
    title = "Bliv en del af Kommunernes Netværk for Landdistriktskoordinatorer"
    assert page.headings[0] == ("h1", title)
    assert head(html).title.startswith(title)
    assert "Udgivet fredag den 22. januar 2021" in page.text
    assert "Temaet er lokal udvikling i en coronatid." in page.text
    assert "Dato torsdag den 28. januar 2021" in page.text
    assert "Online Teams" in page.text
    workshop = [
        "13.25–15.25",
        "Miniworkshop om digitalt understøttet borgerinddragelse Oplægsholder: Claus Leick",
        "Claus Leick",
    ]
    assert page.tables[0][4] == workshop
    # Built on 2026-11-30 the meeting is over: no call to sign up any more.
    assert "Tilmeld dig" not in page.text


@pytest.mark.build
def test_index_lists_date_title_excerpt_and_groups_by_year_once_it_grows(
    project: Project,
) -> None:
    write_meetings(project)
    project.build(today="2027-02-20")
    index = content(project.page("nyheder/"))
    assert ("h2", "Invitation: Landsbyernes fremtid i Viborg") in index.headings
    assert "15. februar 2027" in index.text
    assert "Netværket mødes i Viborg og på Teams." in index.text  # excerpt: first paragraph
    assert "Andet afsnit" not in index.text
    assert not [h for h in index.headings if h[1].isdigit()]  # few items: no year headings

    for n in range(12):
        year = 2024 + n % 3
        project.write(
            f"docs/nyheder/nyt-{n:02d}.md",
            f"---\ndate: {year}-0{1 + n % 9}-1{n % 10}\nsummary: Resumé {n}.\n---\n\n# Nyt {n}\n",
        )
    project.build(today="2027-02-20")
    index = content(project.page("nyheder/"))
    years = [text for tag, text in index.headings if tag == "h2"]
    assert years == ["2027", "2026", "2025", "2024"]
    item_titles = [text for tag, text in index.headings if tag == "h3"]
    assert len(item_titles) == 12 + 1 + 1  # the new files, the shipped plan, the invitation
    assert "Resumé 4." in index.text


@pytest.mark.build
def test_home_page_shows_the_three_latest(project: Project) -> None:
    for n, day in enumerate(["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"]):
        project.write(f"docs/nyheder/kort-{n}.md", f"---\ndate: {day}\n---\n\n# Kort nyt {n}\n")
    project.build(today="2026-11-30")
    home = content(project.page(""))
    start = home.headings.index(("h2", "Nyheder"))
    section = []
    for tag, text in home.headings[start + 1 :]:
        if tag == "h2":
            break
        section.append(text)
    assert section == ["Netværkets plan for 2027", "Kort nyt 3", "Kort nyt 2"]
    assert home.hrefs("Alle nyheder") == ["nyheder/"]


def test_nav_has_the_news_section(built_site: Project) -> None:
    assert ("nyheder/", "Nyheder") in all_links(built_site.page(""))


@pytest.mark.build
def test_broken_news_front_matter_fails_the_build_with_file_line_field(project: Project) -> None:
    project.build()
    kept = project.page("")
    project.write("docs/nyheder/uden-dato.md", "---\nsummary: Glemt dato.\n---\n\n# Uden dato\n")
    project.write("docs/nyheder/forkert-dato.md", "---\ntitle: Skæv\ndate: 2026-02-30\n---\n")
    project.write("data/meetings.yaml", MEETINGS.replace("start: 10:30", "start: 99:30"))
    with pytest.raises(Abort) as caught:  # MkDocs logs the hooks' PluginError, raises Abort
        project.build()
    assert isinstance(caught.value.__context__, PluginError)
    message = str(caught.value.__context__)
    assert "docs/nyheder/uden-dato.md:2: date: mangler" in message
    assert "docs/nyheder/forkert-dato.md:3: date: datoen 2026-02-30 findes ikke" in message
    assert "data/meetings.yaml:" in message and "› programme punkt 2 › start: " in message
    assert project.page("") == kept  # the last good site is left as it was


@pytest.mark.build
def test_titles_from_yaml_are_escaped(project: Project) -> None:
    write_meetings(
        project,
        MEETINGS.replace(
            '"Invitation: Landsbyernes fremtid i Viborg"', "'Kom & se <b>dette</b> </title>'"
        ),
    )
    project.build(today="2027-02-20")
    html = project.page(INVITATION)
    page_head = head(html)
    assert page_head.title.startswith("Kom & se <b>dette</b> </title> – ")
    assert page_head.meta("property", "og:title") == ["Kom & se <b>dette</b> </title>"]
    assert content(html).headings[0] == ("h1", "Kom & se <b>dette</b> </title>")
