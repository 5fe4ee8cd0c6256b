"""Meetings that moved or are postponed, and past meetings (issue 12).

A meeting whose date, time or place changed after it was published says so on its page and
in its invitation, from the Git history (``content/moves.py``, ``meeting_text.moved_notice``);
a postponed meeting's date is struck through wherever it shows; a meeting that is over
offers no "Føj til kalender".
"""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from factories import ROOT, Project, facts, meeting
from icstools import GitRepo

from netvaerk.content.derive import derive
from netvaerk.content.history import History, Version, meeting_histories, read_history
from netvaerk.content.loading import load_site
from netvaerk.content.moves import has_moved, published_version
from netvaerk.content.site import Site
from netvaerk.model import Meeting
from netvaerk.pages.lists import archive_block, upcoming_meetings_block
from netvaerk.pages.meeting import meeting_page
from netvaerk.pages.subscribe import add_to_calendar
from netvaerk.text.meeting_text import date_html, moved_notice

T1 = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
T2 = datetime(2027, 2, 9, 14, 30, tzinfo=UTC)
T3 = datetime(2027, 3, 2, 8, 15, tzinfo=UTC)
NOW = datetime(2027, 4, 1, 10, 0, tzinfo=UTC)


def may(**fields: Any) -> Meeting:
    """The May meeting the moves are made with (factories.meeting, 10–15)."""
    base: dict[str, Any] = {
        "id": "maj",
        "title": "Majmødet",
        "date": "2027-05-27",
        "venue": {"name": "Skive Rådhus"},
    }
    return meeting(**(base | fields))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"date": "2027-06-03"}, "Flyttet fra torsdag den 27. maj."),
        (
            {"date": "2027-06-03", "start": "12:30"},
            "Flyttet fra torsdag den 27. maj kl. 10.00–15.00.",
        ),
        ({"date": "2028-01-06"}, "Flyttet fra torsdag den 27. maj 2027."),
        ({"start": "12:30"}, "Flyttet fra kl. 10.00 til kl. 12.30."),
        ({"start": "12:30", "end": "16:00"}, "Flyttet fra kl. 10.00–15.00 til kl. 12.30–16.00."),
        (
            {"venue": {"name": "Skive Bibliotek"}},
            "Nyt sted: Skive Bibliotek (i stedet for Skive Rådhus).",
        ),
        (
            {"start": "11:00", "online": {"platform": "Teams"}},
            "Flyttet fra kl. 10.00 til kl. 11.00. "
            "Nyt sted: Skive Rådhus og online (Teams) (i stedet for Skive Rådhus).",
        ),
        ({"title": "Nyt tema", "summary": "Kort."}, ""),
    ],
)
def test_moved_notice_says_what_changed_in_danish(changes: dict[str, Any], expected: str) -> None:
    before, after = may(), may(**changes)
    assert moved_notice(before, after) == expected
    assert has_moved(before, after) == bool(expected)


def moved_since(site: Site, history: History) -> dict[str, Meeting]:
    """The published version of each meeting that moved since, by id (the derive stage's)."""
    found = derive(site, date(2027, 1, 1), history=history).meetings
    return {f.slug: f.published_before for f in found if f.published_before is not None}


def test_published_is_the_first_version_public_for_any_time() -> None:
    first, second, third = may(), may(date="2027-06-03"), may(date="2027-06-10")
    # No invitation: published by its first commit.
    assert published_version([(T1, first), (T2, second)], NOW) is first
    # An invitation out on 2027-02-20: the version then (committed T2) is the published one.
    invited = {"announcement": {"date": "2027-02-20"}}
    versions = [
        (T1, may(**invited)),
        (T2, may(date="2027-06-03", **invited)),
        (T3, may(date="2027-06-10", **invited)),
    ]
    assert published_version(versions, NOW) is versions[1][1]
    # The invitation is still to come: not published, nothing moved.
    assert published_version(versions[:2], datetime(2027, 2, 15, tzinfo=UTC)) is None
    assert published_version([], NOW) is None
    assert third.date == date(2027, 6, 10)


def test_published_before_reads_only_meetings_with_several_versions() -> None:
    text = "meetings:\n  - id: maj\n    title: Majmødet\n    date: {date}\n    start: 10:00\n"
    text += "    end: 15:00\n    venue:\n      name: Skive Rådhus\n"
    first, moved = text.format(date="2027-05-27"), text.format(date="2027-06-03")
    committed = [Version("a", T1, first), Version("b", T2, moved)]
    history = History(meeting_histories(committed, moved), NOW, edited=NOW)
    now_meeting = may(date="2027-06-03")
    site = Site((now_meeting,), (), ())
    assert moved_since(site, history) == {"maj": may()}
    # Uncommitted: the same move, not committed yet.
    history = History(meeting_histories(committed[:1], moved), NOW, edited=NOW)
    assert moved_since(site, history) == {"maj": may()}
    # Back where it was published: nothing to say.
    history = History(meeting_histories(committed, first), NOW, edited=NOW)
    assert moved_since(Site((may(),), (), ()), history) == {}


def test_the_moved_box_shows_while_the_meeting_is_ahead_and_not_cancelled() -> None:
    before, after = may(), may(date="2027-06-03")
    site = Site((after,), (), ())
    page = meeting_page(facts(after, date(2027, 4, 1))._replace(published_before=before), site)
    assert '!!! nk-moved "Mødet er flyttet"' in page and "Flyttet fra torsdag den 27. maj." in page
    over = facts(after, date(2027, 7, 1))._replace(published_before=before)
    assert "Flyttet" not in meeting_page(over, site)
    cancelled = may(date="2027-06-03", status="cancelled")
    off = facts(cancelled, date(2027, 4, 1))._replace(published_before=before)
    assert "Flyttet" not in meeting_page(off, site)


def test_a_postponed_meeting_shows_its_date_struck_through() -> None:
    postponed = may(status="postponed")
    assert date_html(postponed, "torsdag den 27. maj 2027") == (
        "oprindeligt <del>torsdag den 27. maj 2027</del>"
    )
    assert date_html(may(), "a & b") == "a &amp; b"
    site = Site((postponed,), (), ())
    for markdown_text in (
        meeting_page(facts(postponed, date(2027, 4, 1)), site),
        upcoming_meetings_block(derive(site, date(2027, 4, 1))),  # the card
        archive_block(derive(site, date(2027, 7, 1))),  # the archive line
    ):
        assert "oprindeligt <del>" in markdown_text


def test_a_past_meeting_offers_no_add_to_calendar() -> None:
    m = may()
    assert "Føj til kalender" in add_to_calendar(facts(m, date(2027, 5, 27)), "https://example.dk/")
    assert add_to_calendar(facts(m, date(2027, 5, 28)), "https://example.dk/") == ""
    page = meeting_page(facts(m, date(2027, 5, 28)), Site((m,), (), ()))
    assert "Føj til kalender" not in page and ".ics" not in page


MEETINGS = """\
meetings:
  - id: maj
    title: Majmødet
    date: 2027-05-27
    start: 10:00
    end: 15:00
    venue:
      name: Skive Rådhus
    announcement:
      date: 2027-02-01
      title: Kom til majmødet
  - id: juni
    title: Junimødet
    date: 2027-06-17
    start: 10:00
    end: 15:00
    status: postponed
    online:
      platform: Teams
  - id: marts
    title: Martsmødet
    date: 2027-03-04
    start: 10:00
    end: 15:00
    online:
      platform: Teams
"""
MOVED = MEETINGS.replace("date: 2027-05-27\n    start: 10:00", "date: 2027-06-03\n    start: 12:30")


@pytest.mark.build
def test_a_built_site_says_a_meeting_moved_and_strikes_a_postponed_date(project: Project) -> None:
    repo = GitRepo(project.root)
    repo.commit("data/meetings.yaml", MEETINGS, T1)
    repo.commit("data/meetings.yaml", MOVED, T3)  # after the invitation went out
    project.build(today="2027-04-01")

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup(project.page(path), "html.parser")

    for path in ("moeder/maj/", "nyheder/maj-invitation/"):
        page = soup(path)
        notice = page.select_one(".admonition.nk-moved")
        assert notice is not None, path
        assert notice.get_text(" ", strip=True) == (
            "Mødet er flyttet Flyttet fra torsdag den 27. maj kl. 10.00–15.00."
        )
    postponed = soup("moeder/juni/")
    struck = postponed.select_one(".nk-facts del")
    assert struck is not None and struck.get_text() == "torsdag den 17. juni 2027"
    assert "oprindeligt" in struck.parent.get_text()
    card = soup("moeder/").select_one(".nk-card--postponed .nk-card__date del")
    assert card is not None and card.get_text() == "torsdag den 17. juni 2027"
    # A meeting that is over: no calendar links on its page.
    past = soup("moeder/marts/")
    assert past.select_one(".nk-addcal") is None
    assert not past.select('a[href$=".ics"]')
    assert soup("moeder/maj/").select_one(".nk-addcal") is not None


BORNHOLM = {"name": "Bornholms Regionskommune, Ullasvej", "address": "Ullasvej 23, 3700 Rønne"}


@pytest.mark.parametrize(
    ("before", "after", "moved"),
    [
        # Issue 18.2: the venue's name corrected at the same address is no move.
        ({"venue": BORNHOLM}, {"venue": {**BORNHOLM, "name": "Bornholms Rådhus"}}, False),
        # A typo fixed in the address, or its punctuation and case: the same place.
        ({"venue": BORNHOLM}, {"venue": {**BORNHOLM, "address": "Ulasvej 23, 3700 Rønne"}}, False),
        ({"venue": BORNHOLM}, {"venue": {**BORNHOLM, "address": "ullasvej 23 3700 rønne"}}, False),
        # Another house number, postcode or street: a move.
        ({"venue": BORNHOLM}, {"venue": {**BORNHOLM, "address": "Ullasvej 25, 3700 Rønne"}}, True),
        ({"venue": BORNHOLM}, {"venue": {**BORNHOLM, "address": "Storegade 23, 3700 Rønne"}}, True),
        # Without an address the name is the place: »Raadhus« is »Rådhus«, a library is not.
        ({}, {"venue": {"name": "Skive Raadhus"}}, False),
        ({}, {"venue": {"name": "Skive Bibliotek"}}, True),
        # An address added to the same name: the same place.
        ({}, {"venue": {"name": "Skive Rådhus", "address": "Torvegade 10, 7800 Skive"}}, False),
        # In person ↔ online, or hybrid: a move; another platform is not.
        ({}, {"venue": None, "online": {"platform": "Teams"}}, True),
        (
            {"venue": None, "online": {"platform": "Teams"}},
            {"venue": None, "online": {"platform": "Zoom"}},
            False,
        ),
    ],
)
def test_a_move_is_another_date_time_or_place_not_a_corrected_name(
    before: dict[str, Any], after: dict[str, Any], moved: bool
) -> None:
    old, new = may(**before), may(**after)
    assert has_moved(old, new) is moved
    assert ("Nyt sted" in moved_notice(old, new)) is moved


def test_the_notice_names_the_old_place_once_as_the_page_showed_it() -> None:
    old = may(venue=BORNHOLM)
    new = may(date="2027-06-03", venue={**BORNHOLM, "name": "Bornholms Rådhus"})
    assert moved_notice(old, new) == "Flyttet fra torsdag den 27. maj."  # the date alone
    online = may(venue=None, online={"platform": "Teams"})
    assert moved_notice(old, online) == (
        "Nyt sted: online (Teams) (i stedet for Bornholms Regionskommune, Ullasvej, "
        "Ullasvej 23, 3700 Rønne)."
    )


def test_the_old_place_is_named_as_the_site_last_showed_it_before_the_move() -> None:
    """Issue 18.2 on this repository: the Bornholm meeting was published as »Bornholms
    Regionskommune, Ullasvej« and its name then corrected to »Bornholms Rådhus«; when it
    moves, the notice must name the place the page showed before the move (the corrected
    name, once), not the first spelling: »Ullasvej« twice is what members never read."""
    text = "meetings:\n  - id: maj\n    title: Majmødet\n    date: 2027-05-27\n"
    text += "    start: 10:00\n    end: 15:00\n    venue:\n      name: {name}\n"
    text += "      address: {address}\n"
    published = text.format(**BORNHOLM)
    renamed = text.format(**{**BORNHOLM, "name": "Bornholms Rådhus"})
    hasle = {"name": "Hasle Rådhus", "address": "Storegade 64, 3790 Hasle"}
    moved = text.format(**hasle)
    committed = [Version("a", T1, published), Version("b", T2, renamed), Version("c", T3, moved)]
    history = History(meeting_histories(committed, moved), NOW, edited=NOW)
    current = may(venue=hasle)
    [facts_now] = derive(Site((current,), (), ()), date(2027, 4, 1), history=history).meetings
    assert facts_now.published_before is not None
    assert moved_notice(facts_now.published_before, current) == (
        "Nyt sted: Hasle Rådhus, Storegade 64, 3790 Hasle "
        "(i stedet for Bornholms Rådhus, Ullasvej 23, 3700 Rønne)."
    )
    # The date is still the one members were first told: a later move of the day counts
    # from the published version.
    later = text.replace("2027-05-27", "2027-06-03")
    committed = [Version("a", T1, published), Version("b", T2, later.format(**BORNHOLM))]
    committed.append(Version("c", T3, later.format(**hasle)))
    history = History(meeting_histories(committed, later.format(**hasle)), NOW, edited=NOW)
    current = may(date="2027-06-03", venue=hasle)
    [facts_now] = derive(Site((current,), (), ()), date(2027, 4, 1), history=history).meetings
    assert facts_now.published_before is not None
    assert moved_notice(facts_now.published_before, current) == (
        "Flyttet fra torsdag den 27. maj. Nyt sted: Hasle Rådhus, Storegade 64, 3790 Hasle "
        "(i stedet for Bornholms Regionskommune, Ullasvej, Ullasvej 23, 3700 Rønne)."
    )


def git_output(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _really_moved(before: Meeting, after: Meeting) -> bool:
    """Independent of ``places``: another day or time, in person ↔ online, another address
    (or, without addresses, another name), compared as plain words."""

    def words(text: str | None) -> str:
        return " ".join((text or "").replace(",", " ").split()).casefold()

    when = (before.date, before.end_date, before.start, before.end)
    if when != (after.date, after.end_date, after.start, after.end):
        return True
    if (before.venue is None, before.online is None) != (after.venue is None, after.online is None):
        return True
    if before.venue is None or after.venue is None:
        return False
    if before.venue.address and after.venue.address:
        return words(before.venue.address) != words(after.venue.address)
    return words(before.venue.name) != words(after.venue.name)


def test_every_meeting_this_repository_calls_moved_has_moved() -> None:
    """Issue 18.2 on the project's own history: each meeting the site calls moved (its
    page's »Mødet er flyttet«) is a real move since it was published, and each real move is
    called one. The Bornholm meeting, whose venue was renamed in a commit, is not."""
    assert git_output("rev-parse", "--is-shallow-repository") == "false", "needs full history"
    now = datetime.now(UTC)
    history = read_history(ROOT / "data" / "meetings.yaml", now)
    assert history.note == "", history.note
    site = load_site(ROOT / "data")
    called = moved_since(site, history)
    several = [m for m in site.meetings if len(history.of(m.slug).versions) > 1]
    assert several, "no meeting in data/meetings.yaml has more than one committed version"
    for current in several:
        published = published_version(history.of(current.slug).validated(current), now)
        real = published is not None and _really_moved(published, current)
        assert (current.slug in called) is real, current.slug
        if real:  # the notice as the page writes it: the old place named once
            notice = moved_notice(called[current.slug], current)
            shown = called[current.slug].venue
            assert notice and (shown is None or notice.count(shown.name) <= 1)
