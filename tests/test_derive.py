"""The derive stage and the renderers that read it, on factory sites, without MkDocs.

Each fact a build derives (``content/derive.py``) is checked on its boundary day; then the
renderers are run over a small site in Python (``outputs.generated_files``, the blocks) and
their output read with independent parsers: python-markdown and BeautifulSoup for pages,
icalendar for the calendar, feedparser for the Atom feed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import feedparser
import icalendar
import markdown
from bs4 import BeautifulSoup, Tag
from factories import derived, facts, meeting, member, site

from netvaerk.content.derive import Renderer, derive, route_table
from netvaerk.content.generated import generated_by_day, generated_sources
from netvaerk.content.history import History, Version, meeting_histories
from netvaerk.content.news import NewsItem
from netvaerk.model import Meeting
from netvaerk.outputs import BuildContext, generated_files, page_markdown, prepare
from netvaerk.pages.blocks import page_blocks
from netvaerk.pages.meeting import meeting_page
from netvaerk.pages.news_pages import announcement_page

URL = "https://netvaerk.example.dk/"
T1 = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
T2 = datetime(2027, 2, 9, 14, 30, tzinfo=UTC)
NOW = datetime(2027, 2, 15, 12, 0, tzinfo=UTC)


def html(markdown_text: str) -> BeautifulSoup:
    """A generated page (front matter off) as Python-Markdown renders it, parsed."""
    body = (
        markdown_text.split("---\n", 2)[2] if markdown_text.startswith("---\n") else markdown_text
    )
    extensions = ["admonition", "attr_list", "def_list", "md_in_html", "tables"]
    return BeautifulSoup(markdown.markdown(body, extensions=extensions), "html.parser")


def texts(soup: Tag) -> str:
    return " ".join(soup.get_text(" ").split())


# --- the facts, each on its boundary day ----------------------------------------------------


def test_a_meeting_is_over_the_day_after_its_last_day() -> None:
    two_days = meeting(date="2027-03-03", end_date="2027-03-04", start="10:00", end="12:00")
    assert not facts(two_days, date(2027, 3, 4)).over
    assert facts(two_days, date(2027, 3, 5)).over


def test_registration_closes_the_day_after_its_deadline() -> None:
    m = meeting(registration={"url": "https://example.dk/t", "deadline": "2027-02-20"})
    assert not facts(m, date(2027, 2, 20)).registration_closed
    assert facts(m, date(2027, 2, 21)).registration_closed
    assert not facts(meeting(), date(2030, 1, 1)).registration_closed  # no deadline at all


def test_an_invitation_is_out_from_its_date() -> None:
    m = meeting(announcement={"date": "2027-02-01"})
    assert not facts(m, date(2027, 1, 31)).invitation_out
    assert facts(m, date(2027, 2, 1)).invitation_out
    assert not facts(meeting(), date(2030, 1, 1)).invitation_out


def test_upcoming_past_and_the_next_meeting() -> None:
    held = meeting(id="held", date="2026-11-05", title="Holdt")
    off = meeting(id="off", date="2027-01-10", title="Aflyst", status="cancelled")
    later = meeting(id="later", date="2027-05-01", title="Senere")
    soon = meeting(id="soon", date="2027-02-10", title="Snart")
    found = derived(held, off, later, soon, today=date(2026, 12, 1))
    assert [f.slug for f in found.upcoming] == ["off", "soon", "later"]  # soonest first
    assert [f.slug for f in found.past] == ["held"]
    assert found.next_meeting is not None and found.next_meeting.slug == "soon"  # not cancelled
    assert derived(held, today=date(2026, 12, 1)).next_meeting is None


def test_news_out_and_editors_files_left_out_by_date() -> None:
    invited = meeting(id="m", announcement={"date": "2027-02-01", "title": "Kom"})
    early = NewsItem("tidlig", date(2027, 1, 20), "Tidlig", "", "Tekst\n", file="docs/a.md")
    late = NewsItem("sen", date(2027, 3, 1), "Sen", "", "Tekst\n", file="docs/b.md")
    found = derived(invited, today=date(2027, 2, 1), written=(early, late))
    assert [i.slug for i in found.news] == ["m-invitation", "tidlig"]  # newest first
    assert set(found.articles) == {"nyheder/tidlig.md"}  # the editors' own, published
    assert found.unpublished == frozenset({"nyheder/sen.md"})


# --- the history: compared once, by the derive stage -----------------------------------------

MEETING = """\
meetings:
  - id: maj
    title: Majmødet
    date: {date}
    start: "10:00"
    end: "15:00"
    venue:
      name: Skive Rådhus
    announcement:
      date: 2027-01-10
"""


def moved_history(first: str, now: str) -> History:
    """Two committed versions of the meetings file: ``first`` at T1, ``now`` at T2."""
    versions = [Version("a", T1, first), Version("b", T2, now)]
    return History(meeting_histories(versions, now), NOW, edited=NOW)


def test_the_published_version_of_a_moved_meeting_is_a_fact_and_the_page_says_so() -> None:
    first, now = MEETING.format(date="2027-05-27"), MEETING.format(date="2027-06-03")
    current = meeting(
        id="maj",
        title="Majmødet",
        date="2027-06-03",
        venue={"name": "Skive Rådhus"},
        announcement={"date": "2027-01-10"},
    )
    the_site = site(current)
    found = derive(the_site, date(2027, 2, 15), history=moved_history(first, now))
    maj = found.of("maj")
    assert maj.published_before is not None
    assert maj.published_before.date == date(2027, 5, 27)
    assert [when for when, _ in maj.versions] == [T1, T2]
    assert maj.versions[-1][1] is current  # the file still holds the last commit: as built
    files = generated_files(the_site, BuildContext(date(2027, 2, 15), URL), found)
    for src in ("moeder/maj.md", "nyheder/maj-invitation.md"):  # the page and the invitation
        box = html(str(files[src])).find("div", class_="nk-moved")
        assert box is not None, src
        assert "Mødet er flyttet" in texts(box) and "Flyttet fra torsdag den 27. maj" in texts(box)
    # Moved back where it was published: nothing to say.
    back = derive(site(meeting(id="maj", date="2027-05-27")), date(2027, 2, 15))
    assert back.of("maj").published_before is None


def test_the_calendar_counts_sequence_from_the_facts_alone() -> None:
    """No history object at all: SEQUENCE and LAST-MODIFIED follow the versions the facts
    hold; a version that differs only in what no calendar shows is no change."""
    old = meeting(id="m", date="2027-05-27")
    reworded = meeting(id="m", date="2027-05-27", description="Kun en ny beskrivelse.")
    elsewhere = meeting(id="m", date="2027-05-27", venue={"name": "Skive Bibliotek"})
    current = meeting(id="m", date="2027-06-03", venue={"name": "Skive Bibliotek"})
    the_site = site(current)
    base = derive(the_site, date(2027, 2, 15))

    def event(src: str = "moeder/m.ics", **fields: object) -> icalendar.Event:
        found = base._replace(meetings=(base.of("m")._replace(**fields),))
        files = generated_files(the_site, BuildContext(date(2027, 2, 15), URL), found)
        [vevent] = icalendar.Calendar.from_ical(files[src]).walk("VEVENT")
        return vevent

    for src in ("kalender.ics", "moeder/m.ics"):  # the feed and the meeting's own file
        shown = event(src, versions=((T1, old), (T2, elsewhere), (NOW, current)))
        assert (shown["SEQUENCE"], shown["LAST-MODIFIED"].dt) == (2, NOW), src
    # The description is not in the event: that version is no change.
    same = event(versions=((T1, old), (T2, reworded), (NOW, current)))
    assert (same["SEQUENCE"], same["LAST-MODIFIED"].dt) == (1, NOW)
    # An uncommitted edit that changes what the event shows: one more, at the edit time.
    edited = event(versions=((T1, old),), uncommitted=True)
    assert (edited["SEQUENCE"], edited["LAST-MODIFIED"].dt) == (1, base.edited_at)
    # One committed version that is the meeting itself: SEQUENCE 0 at its commit.
    single = event(versions=((T1, current),))
    assert (single["SEQUENCE"], single["LAST-MODIFIED"].dt) == (0, T1)


# --- the route table is what the build renders ----------------------------------------------


def test_the_route_table_is_every_generated_file_and_only_those() -> None:
    out = meeting(id="ude", date="2027-03-03", announcement={"date": "2027-02-01"})
    later = meeting(id="senere", date="2027-06-03", announcement={"date": "2027-05-01"})
    the_site = site(out, later)
    found = derive(the_site, date(2027, 2, 15))
    files = generated_files(the_site, BuildContext(date(2027, 2, 15), URL), found)
    assert list(files) == list(found.routes)  # the table, in its order
    assert found.routes["nyheder/ude-invitation.md"].renderer is Renderer.ANNOUNCEMENT
    assert "nyheder/senere-invitation.md" not in found.routes  # out on 1 May
    assert found.routes["moeder/senere.ics"] == found.routes["moeder/senere.ics"]._replace(
        renderer=Renderer.MEETING_CALENDAR, slug="senere"
    )
    # The checks before the build read the same table: this build's files, and every
    # announcement when asked what may never collide with an editor's file.
    assert set(generated_sources(the_site.meetings, date(2027, 2, 15))) == set(found.routes)
    every = set(route_table(the_site.meetings))
    assert every == set(found.routes) | {"nyheder/senere-invitation.md"}
    assert set(generated_sources(the_site.meetings)) == every


def test_one_table_gives_the_generated_files_of_any_day_as_the_derive_stage_does() -> None:
    """``generated_by_day`` filters one table by day: the same files as the derive stage's
    table of that day's build."""
    meetings = site(
        meeting(id="a", date="2027-03-03", announcement={"date": "2027-02-01"}),
        meeting(id="b", date="2027-04-08"),
        meeting(id="c", date="2027-06-03", announcement={"date": "2027-05-01"}),
        meeting(id="d", date="2027-09-02", announcement={"date": "2027-05-01"}),
    )
    on = generated_by_day(meetings.meetings)
    for day in (date(2027, 1, 1), date(2027, 2, 1), date(2027, 4, 30), date(2027, 5, 1)):
        routes = derive(meetings, day).routes
        assert on(day) == {src: route.what for src, route in routes.items()}, day
    assert list(on(None)) == list(route_table(meetings.meetings))
    assert "nyheder/d-invitation.md" in on(None)


# --- the renderers read the facts: pages, blocks, feed ---------------------------------------


def test_a_meeting_that_is_over_offers_no_calendar_and_no_sign_up() -> None:
    m = meeting(id="m", registration={"url": "https://example.dk/t"})
    ahead = html(meeting_page_of(m, date(2027, 3, 3)))
    assert ahead.find("div", class_="nk-addcal") is not None
    assert ahead.find("a", href="https://example.dk/t") is not None
    over = html(meeting_page_of(m, date(2027, 3, 4)))
    assert over.find("div", class_="nk-addcal") is None
    assert over.find("a", href="https://example.dk/t") is None
    assert "Tilmelding" not in texts(over)


def meeting_page_of(m: Meeting, today: date) -> str:
    the_site = site(m)
    files = generated_files(the_site, BuildContext(today, URL), derive(the_site, today))
    return str(files["moeder/m.md"])


def test_the_invitation_offers_the_calendar_only_while_the_meeting_is_ahead() -> None:
    m = meeting(id="m", announcement={"date": "2027-02-01", "title": "Kom"})

    def links(today: date) -> list[str]:
        the_site = site(m)
        files = generated_files(the_site, BuildContext(today, URL), derive(the_site, today))
        page = html(str(files["nyheder/m-invitation.md"]))
        return [texts(a) for a in page.find_all("a")]

    assert "Føj mødet til din kalender" in links(date(2027, 3, 3))
    assert "Føj mødet til din kalender" not in links(date(2027, 3, 4))
    assert "Se mødets side" in links(date(2027, 3, 4))


def test_the_atom_feed_holds_the_news_that_is_out() -> None:
    out = meeting(id="ude", announcement={"date": "2027-02-01", "title": "Kom i marts"})
    later = meeting(id="senere", date="2027-06-03", announcement={"date": "2027-05-01"})
    the_site = site(out, later)
    today = date(2027, 2, 15)
    files = generated_files(
        the_site, BuildContext(today, URL, "Netværket"), derive(the_site, today)
    )
    feed = feedparser.parse(files["nyheder/feed.xml"])
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Kom i marts"]
    assert feed.entries[0].link == f"{URL}nyheder/ude-invitation/"


def test_the_blocks_follow_the_build_day() -> None:
    held = meeting(
        id="held", date="2026-11-05", title="Holdt", venue={"name": "R", "host": "skive"}
    )
    soon = meeting(
        id="soon", date="2027-02-10", title="Snart", venue={"name": "R", "host": "skive"}
    )
    the_site = site(held, soon, members=(member(),))
    blocks = page_blocks(the_site, derive(the_site, date(2026, 12, 1)), URL)
    assert "Snart" in texts(html(blocks["next-meeting"]))
    assert "Snart" in texts(html(blocks["upcoming-meetings"]))
    archive = texts(html(blocks["archive"]))
    assert "Holdt" in archive and "Snart" not in archive
    hosts = texts(html(blocks["members-by-region"]))
    assert "Har lagt hus til: Holdt" in hosts and "Er vært for: Snart" in hosts
    # The day after the second meeting: nothing ahead, both held.
    after = page_blocks(the_site, derive(the_site, date(2027, 2, 11)), URL)
    assert "Snart" not in texts(html(after["next-meeting"]))
    assert "Har lagt hus til: Holdt, Snart" not in texts(html(after["members-by-region"]))
    assert "Snart" in texts(html(after["archive"]))


def test_prepare_derives_once_and_the_blocks_read_those_facts() -> None:
    m = meeting(id="m", announcement={"date": "2027-02-01", "title": "Kom"})
    prepared = prepare(site(m), [], BuildContext(date(2027, 2, 15), URL))
    assert prepared.derived.of("m").invitation_out
    assert [i.slug for i in prepared.news] == ["m-invitation"]
    latest = html(prepared.blocks["news"])
    assert next(texts(a) for a in latest.find_all("a")) == "Kom"


def test_one_page_transform_for_the_build_and_the_pre_build() -> None:
    """``outputs.page_markdown``: an editor's news page gets its date line, link back,
    title and description; every placeholder is filled; an unknown one is named in a warning."""
    item = NewsItem("nyt", date(2027, 2, 1), "Nyt & godt", "Kort resumé.", "Tekst\n", file="x")
    the_site = site(meeting(id="m"))
    prepared = prepare(the_site, [item], BuildContext(date(2027, 2, 15), URL))
    text, meta, unknown = page_markdown(
        prepared, "nyheder/nyt.md", "# Nyt & godt\n\nTekst\n", {"title": "Nyt & godt"}
    )
    page = html(text)
    assert page.find("time", datetime="2027-02-01") is not None
    assert page.find("a", href="index.md") is not None  # back to the news index
    assert meta == {"title": "Nyt &amp; godt", "description": "Kort resumé."}
    assert unknown == []
    filled, meta, unknown = page_markdown(
        prepared, "index.md", "<!-- netvaerk:upcoming -->\n<!-- netvaerk:nope -->\n", {}
    )
    assert meta == {} and unknown == ["docs/index.md: ukendt pladsholder <!-- netvaerk:nope -->"]
    assert "<!-- netvaerk:upcoming -->" not in filled and "<!-- netvaerk:nope -->" in filled


def test_a_programme_made_once_for_page_and_invitation_is_what_each_makes_alone() -> None:
    """``generated_files`` makes a meeting's programme and sign-up once for its page and its
    invitation: both pages are what their renderers make on their own."""
    m = meeting(
        id="m",
        date="2027-03-03",
        registration={"url": "https://example.dk/t", "deadline": "2027-02-20"},
        announcement={"date": "2027-02-01", "body": "Kom og vær med."},
        programme=[
            {"start": "10:00", "title": "Velkomst", "speakers": ["Anne Hansen"]},
            {"start": "10:30", "title": "Frokost", "kind": "meal"},
        ],
    )
    the_site = site(m)
    found = derive(the_site, date(2027, 2, 15))
    files = generated_files(the_site, BuildContext(date(2027, 2, 15), URL), found)
    [item] = found.news
    page, invitation = files["moeder/m.md"], files[item.src]
    assert page == meeting_page(found.of("m"), the_site, URL)
    assert invitation == announcement_page(item, found.of("m"), the_site)
    assert "Velkomst" in str(page) and "Velkomst" in str(invitation)
