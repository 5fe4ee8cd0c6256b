"""The calendar feeds (issue 3): /kalender.ics and /moeder/<id>.ics from a real build.

The data here is made up for the tests and differs from the shipped data: meetings on both
daylight-saving change days, meetings across the changes, summer and winter, cancelled and
postponed, Danish letters where lines fold. Every file is read by three parsers
(``icalendar``, ``ical`` and ical.js; see ``icstools``) and the tests look at what they
parsed. Expected instants are written out in UTC by hand or worked out with ``zoneinfo``
from the data below, never taken from the program.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml
from factories import Project
from icstools import (
    GitRepo,
    ical_js,
    js_utc,
    parse_ical,
    parse_icalendar,
    unescape_text,
    utc,
)

from netvaerk.content.derive import derive
from netvaerk.content.history import History
from netvaerk.content.site import Site
from netvaerk.feeds.calendar import calendar_files
from netvaerk.model import Meeting

SITE = "https://landdistriktskoordinatorer.dk/"
HOST = urlsplit(SITE).hostname
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
LONG_TITLE = (
    "Æblehaver, øhavets små samfund og ålandskabets frivillige – hvordan får vi flere "
    "ildsjæle på øerne, i åløbene og på de små øer ude i havet"
)
MEETINGS = f"""
meetings:
  - id: sommertid
    title: Møde den dag, sommertiden begynder
    date: 2026-03-29
    start: 09:00
    end: 12:00
    venue:
      name: Ærø Rådhus
      address: Statene 2, 5970 Ærøskøbing
    summary: Et møde på en søndag, hvor urene stilles frem.
    programme:
      - start: 09:00
        end: 09:15
        title: Velkommen til Ærø
        speakers: [Åse Ørsted]
      - start: 09:15
        title: Øsamfund og færger
  - id: vintertid
    title: Møde den dag, vintertiden begynder
    date: 2026-10-25
    start: "10.00"
    end: "15.00"
    online:
      platform: Teams
      url: https://teams.example.org/l/meetup-join/vintertid
  - id: over-foraarsskiftet
    title: Todagesmøde hen over forårets tidsskifte
    date: 2027-03-27
    end_date: 2027-03-28
    start: 13:00
    end: 12:00
    venue:
      name: Sønderborg Slot
  - id: over-efteraarsskiftet
    title: Todagesmøde hen over efterårets tidsskifte
    date: 2027-10-30
    end_date: 2027-10-31
    start: 13:00
    end: 12:00
    venue:
      name: Fanø Krogaard
    online:
      platform: Teams
  - date: 2026-06-18
    title: Sommermøde
    start: 12:30
    end: 15:30
    venue:
      name: Skagen Kulturhus
      address: Kappelborg, Skagen
    registration:
      url: https://example.org/tilmeld
      deadline: 2026-06-11
  - date: 2026-12-03
    title: "{LONG_TITLE}"
    start: 9:30
    end: 14:00
    online:
      platform: Teams
  - id: aflyst
    title: Det aflyste møde
    date: 2026-05-07
    start: 10:00
    end: 14:00
    status: cancelled
    venue:
      name: Lemvig Rådhus
  - id: udskudt
    title: Det udskudte møde
    date: 2026-08-20
    start: 10:00
    end: 14:00
    status: postponed
    online:
      platform: Teams
      url: https://teams.example.org/l/meetup-join/udskudt
"""
# Meeting id → (start, end) in UTC, worked out by hand: CET is UTC+1, CEST is UTC+2, and
# the clocks change at 01:00 UTC on the last Sunday of March and of October.
EXPECTED_UTC = {
    "sommertid": ("2026-03-29T07:00", "2026-03-29T10:00"),
    "vintertid": ("2026-10-25T09:00", "2026-10-25T14:00"),
    "over-foraarsskiftet": ("2027-03-27T12:00", "2027-03-28T10:00"),
    "over-efteraarsskiftet": ("2027-10-30T11:00", "2027-10-31T11:00"),
    "2026-06-18": ("2026-06-18T10:30", "2026-06-18T13:30"),
    "2026-12-03": ("2026-12-03T08:30", "2026-12-03T13:00"),
    "aflyst": ("2026-05-07T08:00", "2026-05-07T12:00"),
    "udskudt": ("2026-08-20T08:00", "2026-08-20T12:00"),
}


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def raw_meetings() -> list[dict[str, object]]:
    meetings = yaml.safe_load(MEETINGS)["meetings"]
    assert isinstance(meetings, list)
    return meetings


def meeting_id(raw: dict[str, object]) -> str:
    return str(raw.get("id") or raw["date"])


def zoneinfo_instants(raw: dict[str, object]) -> tuple[datetime, datetime]:
    """Start and end in UTC from the test data, through zoneinfo."""

    def clock(value: object) -> time:
        if isinstance(value, int):  # YAML 1.1 reads an unquoted 09:00 as 540 (minutes)
            return time(value // 60, value % 60)
        hours, minutes = str(value).replace(".", ":").split(":")
        return time(int(hours), int(minutes))

    first = raw["date"]
    last = raw.get("end_date") or first
    assert isinstance(first, date) and isinstance(last, date)
    start = datetime.combine(first, clock(raw["start"]), COPENHAGEN)
    end = datetime.combine(last, clock(raw["end"]), COPENHAGEN)
    return start.astimezone(UTC), end.astimezone(UTC)


def last_sunday(year: int, month: int) -> date:
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("calendar") / "project")
    project.write("data/meetings.yaml", MEETINGS)
    project.build(today="2026-11-30")
    return project


def feed_bytes(project: Project) -> bytes:
    return (project.site_dir / "kalender.ics").read_bytes()


def meeting_files(project: Project) -> dict[str, Path]:
    return {p.stem: p for p in sorted((project.site_dir / "moeder").glob("*.ics"))}


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_data_has_meetings_on_both_change_days() -> None:
    dates = {meeting_id(m): m["date"] for m in raw_meetings()}
    assert dates["sommertid"] == last_sunday(2026, 3)
    assert dates["vintertid"] == last_sunday(2026, 10)
    assert {m["end_date"] for m in raw_meetings() if m.get("end_date")} == {
        last_sunday(2027, 3),
        last_sunday(2027, 10),
    }


@pytest.mark.build
def test_every_file_parses_without_complaint_in_both_python_parsers(site: Project) -> None:
    paths = [site.site_dir / "kalender.ics", *meeting_files(site).values()]
    assert len(paths) == len(EXPECTED_UTC) + 1
    for path in paths:
        data = path.read_bytes()
        parse_icalendar(data)
        parse_ical(data)


@pytest.mark.build
def test_every_meeting_is_one_event_at_the_right_instants(site: Project) -> None:
    data = feed_bytes(site)
    by_uid = events_by_uid(parse_icalendar(data))
    ical_events = {event.uid: event for event in parse_ical(data).events}
    assert set(by_uid) == set(ical_events) == {f"{key}@{HOST}" for key in EXPECTED_UTC}
    for key, (start, end) in EXPECTED_UTC.items():
        uid = f"{key}@{HOST}"
        event = by_uid[uid]
        assert (utc(event.start), utc(event.end)) == (instant(start), instant(end)), key
        other = ical_events[uid]
        assert isinstance(other.dtstart, datetime) and isinstance(other.dtend, datetime)
        assert (utc(other.dtstart), utc(other.dtend)) == (instant(start), instant(end)), key


def test_zoneinfo_agrees_with_the_hand_worked_instants() -> None:
    assert {meeting_id(raw) for raw in raw_meetings()} == set(EXPECTED_UTC)
    for raw in raw_meetings():
        start, end = EXPECTED_UTC[meeting_id(raw)]
        assert zoneinfo_instants(raw) == (instant(start), instant(end))


@pytest.mark.build
def test_times_carry_the_copenhagen_tzid_and_one_vtimezone_in_rrule_form(site: Project) -> None:
    for path in [site.site_dir / "kalender.ics", *meeting_files(site).values()]:
        calendar = parse_icalendar(path.read_bytes())
        zones = calendar.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Copenhagen"], path.name
        observances = zones[0].walk("DAYLIGHT") + zones[0].walk("STANDARD")
        assert len(observances) == 2
        for observance in observances:
            assert "RDATE" not in observance  # ical.js reads only the first of an RDATE list
            assert observance["RRULE"]["FREQ"] == ["YEARLY"]
        events = calendar.walk("VEVENT")
        assert events, path.name
        for event in events:
            for name in ("DTSTART", "DTEND"):
                assert event[name].params["TZID"] == "Europe/Copenhagen"


@pytest.mark.build
def test_ical_js_reads_the_same_instants_through_the_file_s_vtimezone(site: Project) -> None:
    paths = [site.site_dir / "kalender.ics", *meeting_files(site).values()]
    parsed = ical_js(paths)
    expected = {f"{meeting_id(m)}@{HOST}": zoneinfo_instants(m) for m in raw_meetings()}
    feed = parsed[str(paths[0])]
    assert feed["timezones"] == ["Europe/Copenhagen"]
    assert {e["uid"] for e in feed["events"]} == set(expected)
    for path in paths:
        for event in parsed[str(path)]["events"]:
            assert event["start_tzid"] == event["end_tzid"] == "Europe/Copenhagen"
            got = (js_utc(event["start"]), js_utc(event["end"]))
            assert got == expected[event["uid"]], (path.name, event["uid"])
    for key, (start, end) in EXPECTED_UTC.items():  # the change days, by hand
        event = next(e for e in feed["events"] if e["uid"] == f"{key}@{HOST}")
        assert (js_utc(event["start"]), js_utc(event["end"])) == (instant(start), instant(end))


@pytest.mark.build
def test_ical_js_would_notice_a_wrong_vtimezone(site: Project, tmp_path: Path) -> None:
    """The ical.js check has teeth: with a VTIMEZONE that says summer is UTC+3, it moves."""
    data = feed_bytes(site)
    broken = data.replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0300")
    broken = broken.replace(b"TZOFFSETFROM:+0200", b"TZOFFSETFROM:+0300")
    assert broken != data
    path = tmp_path / "broken.ics"
    path.write_bytes(broken)
    events = {e["uid"]: e for e in ical_js([path])[str(path)]["events"]}
    summer = events[f"2026-06-18@{HOST}"]
    assert js_utc(summer["start"]) == instant("2026-06-18T09:30")  # an hour early
    winter = events[f"2026-12-03@{HOST}"]
    assert js_utc(winter["start"]) == instant("2026-12-03T08:30")  # winter untouched


@pytest.mark.build
def test_cancelled_and_postponed_meetings(site: Project) -> None:
    data = feed_bytes(site)
    events = events_by_uid(parse_icalendar(data))
    ical_events = {e.uid: e for e in parse_ical(data).events}
    cancelled = events[f"aflyst@{HOST}"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert ical_events[f"aflyst@{HOST}"].status == "CANCELLED"
    # Google drops STATUS:CANCELLED events and Outlook ignores STATUS: the summary says it.
    assert str(cancelled["SUMMARY"]) == "AFLYST: Det aflyste møde"
    postponed = events[f"udskudt@{HOST}"]
    assert str(postponed["STATUS"]) == "TENTATIVE"
    assert str(postponed["SUMMARY"]) == "UDSKUDT: Det udskudte møde"
    assert "CONFERENCE" not in postponed  # the join link is only for a meeting that is on
    planned = events[f"sommertid@{HOST}"]
    assert str(planned["STATUS"]) == "CONFIRMED"
    assert str(planned["SUMMARY"]) == "Møde den dag, sommertiden begynder"


@pytest.mark.build
def test_event_properties(site: Project) -> None:
    data = feed_bytes(site)
    events = events_by_uid(parse_icalendar(data))
    ical_events = {e.uid: e for e in parse_ical(data).events}

    summer = events[f"sommertid@{HOST}"]
    description = str(summer["DESCRIPTION"])
    assert "Et møde på en søndag, hvor urene stilles frem." in description
    lines = description.splitlines()
    assert "09.00–09.15 Velkommen til Ærø (Åse Ørsted)" in lines
    assert "09.15–12.00 Øsamfund og færger" in lines  # ends when the meeting ends
    assert f"{SITE}moeder/sommertid/" in description
    assert str(summer["LOCATION"]) == "Ærø Rådhus, Statene 2, 5970 Ærøskøbing"
    assert str(summer["URL"]) == f"{SITE}moeder/sommertid/"
    assert "CONFERENCE" not in summer
    assert "Netværksmøde" in [str(c) for c in summer["CATEGORIES"].cats]
    organizer = ical_events[f"sommertid@{HOST}"].organizer
    assert organizer is not None and organizer.common_name == "KL og Landdistrikternes Fællesråd"

    online = events[f"vintertid@{HOST}"]
    link = "https://teams.example.org/l/meetup-join/vintertid"
    assert str(online["LOCATION"]) == "Online (Teams)"
    assert str(online["CONFERENCE"]) == link
    assert online["CONFERENCE"].params["VALUE"] == "URI"
    assert link in str(online["DESCRIPTION"])  # almost no client shows CONFERENCE
    conference = ical_events[f"vintertid@{HOST}"].conference
    assert [c.uri for c in conference] == [link]

    hybrid = events[f"over-efteraarsskiftet@{HOST}"]
    assert str(hybrid["LOCATION"]) == "Fanø Krogaard og online (Teams)"

    with_registration = events[f"2026-06-18@{HOST}"]
    text = str(with_registration["DESCRIPTION"])
    assert "https://example.org/tilmeld" in text
    assert "torsdag den 11. juni 2026" in text  # the deadline, a Thursday

    for event in events.values():
        assert isinstance(event["SEQUENCE"], int)
        stamp = event["DTSTAMP"].dt
        assert stamp.utcoffset() == timedelta(0)
        assert stamp == event["LAST-MODIFIED"].dt


@pytest.mark.build
def test_calendar_properties(site: Project) -> None:
    data = feed_bytes(site)
    calendar = parse_icalendar(data)
    other = parse_ical(data)
    name = "Kommunernes Netværk for Landdistriktskoordinatorer"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == name
    assert other.name == [name]
    caldesc = unescape_text(calendar["X-WR-CALDESC"].to_ical().decode())
    assert str(calendar["DESCRIPTION"]) == caldesc
    assert "KL og Landdistrikternes Fællesråd" in str(calendar["DESCRIPTION"])
    assert str(calendar["PRODID"]).startswith("-//")
    assert str(calendar["SOURCE"]) == f"{SITE}kalender.ics"
    assert str(calendar["URL"]) == SITE
    assert other.refresh_interval == timedelta(hours=12)
    for prop in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        assert calendar[prop].params["VALUE"] == "DURATION"
    ttl = icalendar.vDuration.from_ical(calendar["X-PUBLISHED-TTL"].to_ical().decode())
    assert ttl == timedelta(hours=12)


@pytest.mark.build
def test_lines_end_in_crlf_and_fold_within_75_octets_without_splitting_letters(
    site: Project,
) -> None:
    for path in [site.site_dir / "kalender.ics", *meeting_files(site).values()]:
        data = path.read_bytes()
        assert data.endswith(b"\r\n")
        lines = data[:-2].split(b"\r\n")
        assert all(b"\n" not in line and b"\r" not in line for line in lines), path.name
        assert max(len(line) for line in lines) <= 75, path.name
        for line in lines:
            line.decode("utf-8")  # a split æ, ø or å would not decode
    lines = feed_bytes(site)[:-2].split(b"\r\n")
    folded = [i for i, line in enumerate(lines) if line.startswith(b" ")]
    assert any(any(b > 127 for b in lines[i - 1][-3:]) for i in folded), "no fold near æøå"
    calendar = parse_icalendar(feed_bytes(site))
    assert str(events_by_uid(calendar)[f"2026-12-03@{HOST}"]["SUMMARY"]) == LONG_TITLE


@pytest.mark.build
def test_per_meeting_files_hold_the_feed_s_event(site: Project) -> None:
    feed = events_by_uid(parse_icalendar(feed_bytes(site)))
    feed_ical = {e.uid: e for e in parse_ical(feed_bytes(site)).events}
    files = meeting_files(site)
    assert set(files) == set(EXPECTED_UTC)
    for key, path in files.items():
        calendar = parse_icalendar(path.read_bytes())
        events = calendar.walk("VEVENT")
        assert len(events) == 1
        uid = f"{key}@{HOST}"
        assert events[0].to_ical() == feed[uid].to_ical()
        (alone,) = parse_ical(path.read_bytes()).events
        assert alone == feed_ical[uid]
        # Imported, not subscribed: a name would make Outlook open it as a separate calendar.
        assert "X-WR-CALNAME" not in calendar and "NAME" not in calendar


@pytest.mark.build
def test_meeting_page_links_its_calendar_file(site: Project) -> None:
    html = site.page("moeder/over-foraarsskiftet/")
    assert 'href="../over-foraarsskiftet.ics"' in html
    # A meeting that is over (the build's today is 2026-11-30) offers no calendar link.
    assert 'href="../sommertid.ics"' not in site.page("moeder/sommertid/")


def rebuild_files(project: Project, today: str) -> dict[str, bytes]:
    project.build(today=today)
    return {
        p.relative_to(project.site_dir).as_posix(): p.read_bytes()
        for p in sorted(project.site_dir.rglob("*.ics"))
    }


@pytest.mark.build
def test_feeds_are_byte_identical_across_rebuilds_of_one_commit(project: Project) -> None:
    project.write("data/meetings.yaml", MEETINGS)
    repo = GitRepo(project.root)
    repo.commit("data/meetings.yaml", MEETINGS.lstrip("\n"), datetime(2026, 2, 1, tzinfo=UTC))
    first = rebuild_files(project, "2026-11-30")
    second = rebuild_files(project, "2027-06-15")  # another day, another build
    assert len(first) == len(EXPECTED_UTC) + 1
    assert first == second


def uids_and_starts(project: Project) -> dict[str, datetime]:
    calendar = parse_icalendar(feed_bytes(project))
    return {uid: utc(event.start) for uid, event in events_by_uid(calendar).items()}


@pytest.mark.build
def test_uids_stay_when_meetings_are_reordered_and_retitled(project: Project) -> None:
    project.write("data/meetings.yaml", MEETINGS)
    project.build()
    before = uids_and_starts(project)
    head, *blocks = MEETINGS.split("\n  - ")
    text = "\n  - ".join([head, *reversed(blocks)])
    old = "title: Møde den dag, sommertiden begynder"
    assert text.count(old) == 1
    project.write("data/meetings.yaml", text.replace(old, "title: Et helt nyt tema"))
    project.build()
    after = uids_and_starts(project)
    assert after == before
    assert before[f"2026-06-18@{HOST}"] == instant("2026-06-18T10:30")  # no id: the date
    retitled = events_by_uid(parse_icalendar(feed_bytes(project)))[f"sommertid@{HOST}"]
    assert str(retitled["SUMMARY"]) == "Et helt nyt tema"


def test_ical_js_agrees_with_zoneinfo_around_every_change_day_since_1990(tmp_path: Path) -> None:
    """Meetings around the last Sundays of March, September and October 1990–2040 (the model
    refuses older ones), read by ical.js through the VTIMEZONE of the feed and of each
    meeting's file. Until 1995 summer time ended in September, so the feed and the files of
    those years carry that rule too, as a second STANDARD observance with an UNTIL."""
    meetings = []
    for year in range(1990, 2041):
        for month in (3, 9, 10):
            sunday = last_sunday(year, month)
            for day, start, end in (
                (sunday - timedelta(days=1), "09:00", "17:00"),
                (sunday, "03:30", "04:30"),
                (sunday, "10:00", "12:00"),
            ):
                meetings.append(
                    Meeting.model_validate(
                        {
                            "id": f"m-{day.isoformat()}-{start.replace(':', '')}",
                            "title": "Møde",
                            "date": day.isoformat(),
                            "start": start,
                            "end": end,
                            "online": {"platform": "Teams"},
                        }
                    )
                )
    site = Site(meetings=tuple(meetings), members=(), organisers=())
    history = History({}, datetime(2026, 1, 1, tzinfo=UTC))
    paths = []
    files = calendar_files(site, SITE, derive(site, date(2026, 1, 1), history=history))
    parse_icalendar(files["kalender.ics"])
    parse_ical(files["kalender.ics"])
    for src, data in files.items():
        path = tmp_path / src.replace("/", "_")
        path.write_bytes(data)
        paths.append(path)
    parsed = ical_js(paths)
    expected = {
        f"{m.slug}@{HOST}": (m.starts_at.astimezone(UTC), m.ends_at.astimezone(UTC))
        for m in meetings
    }
    seen = 0
    for events in (parsed[str(path)]["events"] for path in paths):
        for event in events:
            assert (js_utc(event["start"]), js_utc(event["end"])) == expected[event["uid"]]
            seen += 1
    assert seen == 2 * len(meetings) == 2 * 459  # the feed, and each meeting's own file


@pytest.mark.build
def test_files_are_exactly_what_icalendar_writes_for_their_components(site: Project) -> None:
    """Events are serialised once and put together; the result must be icalendar's own."""
    for path in [site.site_dir / "kalender.ics", *meeting_files(site).values()]:
        data = path.read_bytes()
        calendar = parse_icalendar(data)
        assert calendar.subcomponents[0].name == "VTIMEZONE"
        assert calendar.to_ical() == data, path.name
