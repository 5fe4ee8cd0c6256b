"""The data contract (design.md §2): every rule gives the editor ``file:line: field: message``.

Each test writes a small ``meetings.yaml`` / ``members.yaml`` pair into ``tmp_path`` (a valid
record from the YAML builder in factories.py, changed in one place), runs ``load_site`` and
checks the exact file, line and field of the problem, and the Danish words an editor needs to
fix it. The builder knows the line of each key it writes. Cases about YAML itself (a duplicate
key, the shape of a file, an indentation error, an encoding) stay literal text.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from factories import (
    DROP,
    MEETINGS,
    MEMBERS,
    VALID_MEMBERS,
    Yaml,
    a_meeting,
    a_member,
    dedented,
    load,
    meetings_yaml,
    members_yaml,
    one,
    problems,
    write,
)

from netvaerk.content.loading import load_site, read_site
from netvaerk.content.problems import DataError, Problem
from netvaerk.model import TIMEZONE, resolve_slots

ROOT = Path(__file__).resolve().parent.parent


def check(problem: Problem, file: str, line: int, field: str, *words: str) -> None:
    assert (problem.file, problem.line, problem.field) == (file, line, field), str(problem)
    for word in words:
        assert word in problem.message, f"{word!r} not in {problem.message!r}"


def test_the_minimal_pair_is_valid(tmp_path: Path) -> None:
    site = load(tmp_path)
    [meeting] = site.meetings
    assert meeting.slug == "2021-01-28"
    assert (meeting.start, meeting.end) == (time(12, 30), time(15, 30))
    assert [m.id for m in site.members] == ["silkeborg", "skive"]


def test_the_shipped_data_is_valid() -> None:
    site = load_site(ROOT / "data")
    assert site.meetings and site.members


# --- required fields ---------------------------------------------------------------------------

PROGRAMME = [{"start": "12:30", "title": "Velkommen"}, {"start": "13:00", "speakers": "Anna"}]
SECOND_MEETING = {"date": "2021-05-20", "start": "9:00", "end": "12:00"}


@pytest.mark.parametrize(
    ("meetings", "record", "field"),
    [
        (meetings_yaml(a_meeting(title=DROP)), "meetings[0]", "meetings[0].title"),
        (meetings_yaml(a_meeting(date=DROP)), "meetings[0]", "meetings[0].date"),
        (meetings_yaml(a_meeting(start=DROP)), "meetings[0]", "meetings[0].start"),
        (meetings_yaml(a_meeting(end=DROP)), "meetings[0]", "meetings[0].end"),
        (
            meetings_yaml(a_meeting(), a_meeting(title=DROP, **SECOND_MEETING)),
            "meetings[1]",
            "meetings[1].title",
        ),
        (
            meetings_yaml(a_meeting(online=DROP, venue={"address": "Søvej 1, 8600 Silkeborg"})),
            "meetings[0].venue",
            "meetings[0].venue.name",
        ),
        (
            meetings_yaml(a_meeting(online={"url": "https://teams.microsoft.com/l/meetup-join/1"})),
            "meetings[0].online",
            "meetings[0].online.platform",
        ),
        (
            meetings_yaml(a_meeting(programme=PROGRAMME)),
            "meetings[0].programme[1]",
            "meetings[0].programme[1].title",
        ),
    ],
)
def test_missing_required_meeting_field(
    tmp_path: Path, meetings: Yaml, record: str, field: str
) -> None:
    """A missing field is reported at the line of the record (or block) that lacks it."""
    problem = one(tmp_path, meetings.text)
    check(problem, MEETINGS, meetings.line(record), field, "mangler", "udfyldes")


SKIVE = {"id": "skive", "name": "Skive Kommune", "region": "Midtjylland"}


@pytest.mark.parametrize(
    ("members", "record", "field"),
    [
        (members_yaml(a_member(), SKIVE | {"id": DROP}), "members[1]", "members[1].id"),
        (members_yaml(a_member(), SKIVE | {"name": DROP}), "members[1]", "members[1].name"),
        (members_yaml(a_member(), SKIVE | {"region": DROP}), "members[1]", "members[1].region"),
        (
            members_yaml(a_member(contacts=[{"role": "Landdistriktskoordinator"}])),
            "members[0].contacts[0]",
            "members[0].contacts[0].name",
        ),
    ],
)
def test_missing_required_member_field(
    tmp_path: Path, members: Yaml, record: str, field: str
) -> None:
    problem = one(tmp_path, members=members.text)
    check(problem, MEMBERS, members.line(record), field, "mangler")


def test_empty_text_counts_as_missing(tmp_path: Path) -> None:
    meetings = meetings_yaml(a_meeting(title='"  "'))
    problem = one(tmp_path, meetings.text)
    check(problem, MEETINGS, meetings.line("meetings[0]"), "meetings[0].title", "må ikke være tom")


# --- unknown and duplicate keys ----------------------------------------------------------------


def test_unknown_key_suggests_the_english_key(tmp_path: Path) -> None:
    meetings = meetings_yaml({"titel": "Første møde"} | a_meeting(title=DROP))
    unknown, missing = problems(tmp_path, meetings.text)
    line = meetings.line("meetings[0].titel")
    check(unknown, MEETINGS, line, "meetings[0].titel", "ukendt felt »titel«", "mente du »title«")
    check(missing, MEETINGS, meetings.line("meetings[0]"), "meetings[0].title", "mangler")


def test_misspelt_nested_key_suggests_the_close_one(tmp_path: Path) -> None:
    venue = {"name": "Silkeborg Rådhus", "adress": "Søvej 1, 8600 Silkeborg"}
    meetings = meetings_yaml(a_meeting(online=DROP, venue=venue))
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        meetings.line("meetings[0].venue.adress"),
        "meetings[0].venue.adress",
        "ukendt felt »adress«",
        "mente du »address«",
    )


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [("slut", "end"), ("titel", "title"), ("speaker", "speakers"), ("Kind", "kind")],
)
def test_unknown_programme_key_suggestion(tmp_path: Path, key: str, suggestion: str) -> None:
    item = {"start": "12:30", "title": "Velkommen", key: "x"}
    meetings = meetings_yaml(a_meeting(programme=[item]))
    field = f"meetings[0].programme[0].{key}"
    found = problems(tmp_path, meetings.text)
    check(found[0], MEETINGS, meetings.line(field), field, f"mente du »{suggestion}«")


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    meetings = meetings_yaml(a_meeting(online={"platform": "Teams", "farve": "blå"}))
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        meetings.line("meetings[0].online.farve"),
        "meetings[0].online.farve",
        "ukendt felt »farve«",
        "tilladte felter her: platform, url",
    )


def test_danish_key_at_meeting_level(tmp_path: Path) -> None:
    meetings = meetings_yaml(a_meeting(program=[{"start": "12:30", "title": "Velkommen"}]))
    line = meetings.line("meetings[0].program")
    check(
        one(tmp_path, meetings.text), MEETINGS, line, "meetings[0].program", "mente du »programme«"
    )


def test_unknown_top_level_key(tmp_path: Path) -> None:
    meetings = """
    møder:
      - title: Første møde
    """
    check(one(tmp_path, meetings), MEETINGS, 1, "møder", "mente du »meetings«")


def test_unknown_member_key(tmp_path: Path) -> None:
    members = members_yaml({"id": "silkeborg", "navn": "Silkeborg Kommune"} | a_member())
    line = members.line("members[0].navn")
    check(one(tmp_path, members=members.text), MEMBERS, line, "members[0].navn", "mente du »name«")


def test_duplicate_key(tmp_path: Path) -> None:
    meetings = """
    meetings:
      - title: Første møde
        date: 2021-01-28
        start: 12:30
        end: 15:30
        start: 13:00
        online:
          platform: Teams
    """
    check(one(tmp_path, meetings), MEETINGS, 6, "meetings[0].start", "to gange", "også i linje 4")


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("2021-02-30", "datoen 2021-02-30 findes ikke i kalenderen"),
        ("2021-02-29", "datoen 2021-02-29 findes ikke i kalenderen"),
        ("2021-13-01", "datoen 2021-13-01 findes ikke i kalenderen"),
        # a date with a time: the time belongs in start and end
        ("2021-01-28 12:30:00", "skriv kun datoen"),
        ("2021-01-28T12:30:00", "skriv kun datoen"),
        ("2021-01-28 12:30", "»2021-01-28 12:30« er ikke en dato"),
        ("28-01-2021", "»28-01-2021« er ikke en dato"),
        ("28. januar 2021", "ÅÅÅÅ-MM-DD"),
        ("20210128", "ÅÅÅÅ-MM-DD"),
    ],
)
def test_bad_date(tmp_path: Path, written: str, words: str) -> None:
    meetings = meetings_yaml(a_meeting(date=written))  # written as the editor wrote it
    line = meetings.line("meetings[0].date")
    check(one(tmp_path, meetings.text), MEETINGS, line, "meetings[0].date", words)


def test_leap_day_is_a_date(tmp_path: Path) -> None:
    meetings = meetings_yaml(a_meeting(date="2024-02-29"))
    assert load(tmp_path, meetings.text).meetings[0].date == date(2024, 2, 29)


# --- times -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "written", "words"),
    [
        ("start", "25:00", "»25:00« er ikke et gyldigt tidspunkt"),
        ("start", "24:00", "»24:00« er ikke et gyldigt tidspunkt"),
        ("end", "12:75", "»12:75« er ikke et gyldigt tidspunkt"),
        ("end", "15.60", "»15.60« er ikke et gyldigt tidspunkt"),
        ("start", "12:30:00", "»12:30:00« er ikke et tidspunkt"),
        ("start", "12", "»12« er ikke et tidspunkt"),
        ("start", "halv et", "»halv et« er ikke et tidspunkt"),
        ("start", "12.3", "TT:MM"),
    ],
)
def test_bad_time(tmp_path: Path, field: str, written: str, words: str) -> None:
    meetings = meetings_yaml(a_meeting(end="23:30") | {field: written})
    line = meetings.line(f"meetings[0].{field}")
    check(one(tmp_path, meetings.text), MEETINGS, line, f"meetings[0].{field}", words)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12:30", time(12, 30)),
        ("'12:30'", time(12, 30)),
        ("12.30", time(12, 30)),
        ('"12.30"', time(12, 30)),
        ("9:00", time(9, 0)),
        ("09:00", time(9, 0)),
        ("09.30", time(9, 30)),
        ("0:05", time(0, 5)),
    ],
)
def test_time_is_read_as_the_editor_wrote_it(tmp_path: Path, written: str, expected: time) -> None:
    meetings = f"""
    meetings:
      - title: Første møde
        date: 2021-01-28
        start: {written}
        end: 23:45
        online:
          platform: Teams
        programme:
          - start: {written}
            title: Velkommen
    """
    meeting = load(tmp_path, meetings).meetings[0]
    assert meeting.start == expected
    assert meeting.programme[0].start == expected
    assert meeting.starts_at == datetime.combine(date(2021, 1, 28), expected, TIMEZONE)


@pytest.mark.parametrize("end", ["12:30", "11:00", "12.00"])
def test_end_must_be_after_start(tmp_path: Path, end: str) -> None:
    meetings = meetings_yaml(a_meeting(end=end))
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        meetings.line("meetings[0].end"),
        "meetings[0].end",
        "skal ligge efter starttiden 12.30",
    )


# --- two-day meetings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end_date", "words"),
    [
        ("2021-01-28", "skal ligge efter mødets dato"),
        ("2021-01-27", "skal ligge efter mødets dato"),
        ("2021-01-30", "højst vare to dage"),
        ("2021-02-28", "højst vare to dage"),
    ],
)
def test_bad_end_date(tmp_path: Path, end_date: str, words: str) -> None:
    meetings = meetings_yaml(a_meeting(end_date=end_date))
    line = meetings.line("meetings[0].end_date")
    check(one(tmp_path, meetings.text), MEETINGS, line, "meetings[0].end_date", words)


def two_days(*programme: dict[str, Any]) -> Yaml:
    """A meeting from 13:00 on 28 January to 12:00 the next day."""
    return meetings_yaml(
        a_meeting(
            title="Internat",
            end_date="2021-01-29",
            start="13:00",
            end="12:00",
            online=DROP,
            venue={"name": "Hotel Vejlefjord"},
            programme=list(programme),
        )
    )


def test_two_day_meeting_is_accepted_and_ends_on_its_second_day(tmp_path: Path) -> None:
    meetings = two_days(
        {"start": "13:00", "title": "Velkommen"},
        {"start": "16:00", "end": "18:00", "title": "Workshop"},
        {"start": "9:00", "day": 2, "title": "Ekskursion"},
        {"start": "11:00", "day": 2, "title": "Opsamling"},
    )
    meeting = load(tmp_path, meetings.text).meetings[0]
    assert meeting.ends_at == datetime(2021, 1, 29, 12, 0, tzinfo=TIMEZONE)
    assert [(s.item.day, s.end) for s in resolve_slots(meeting)] == [
        (1, time(16, 0)),
        (1, time(18, 0)),
        (2, time(11, 0)),
        (2, time(12, 0)),
    ]


@pytest.mark.parametrize(
    ("first", "second", "second_end", "field", "words"),
    [
        ("12:00", "9:00", "10:00", "programme[0].start", "før mødet begynder (kl. 13.00)"),
        ("13:00", "12:00", "12:30", "programme[1].start", "når mødet er slut (kl. 12.00)"),
        ("13:00", "11:00", "12:30", "programme[1].end", "efter mødet (kl. 12.00)"),
    ],
)
def test_two_day_programme_is_inside_the_meeting(
    tmp_path: Path, first: str, second: str, second_end: str, field: str, words: str
) -> None:
    meetings = two_days(
        {"start": first, "title": "Første punkt"},
        {"start": second, "end": second_end, "day": 2, "title": "Andet punkt"},
    )
    found = problems(tmp_path, meetings.text)
    [problem] = [p for p in found if p.field == f"meetings[0].{field}"]
    check(problem, MEETINGS, meetings.line(f"meetings[0].{field}"), f"meetings[0].{field}", words)


# --- programme ---------------------------------------------------------------------------------


def programme(*items: dict[str, Any]) -> Yaml:
    """The meeting 12:30–15:30 with these programme items."""
    return meetings_yaml(a_meeting(programme=list(items)))


WELCOME = {"start": "12:30", "title": "Velkommen"}


@pytest.mark.parametrize(
    ("items", "field", "words"),
    [
        pytest.param(
            [{"start": "13:00", "title": "Oplæg"}, WELCOME],
            "programme[1].start",
            ["tidsorden"],
            id="out of order",
        ),
        pytest.param(
            [WELCOME | {"end": "13:30"}, {"start": "13:00", "title": "Oplæg"}],
            "programme[1].start",
            ["begynder kl. 13.00", "punktet før slutter først kl. 13.30"],
            id="overlapping",
        ),
        pytest.param(
            [{"start": "12:00", "title": "Kaffe"}, WELCOME],
            "programme[0].start",
            ["begynder kl. 12.00, før mødet begynder (kl. 12.30)"],
            id="before the meeting",
        ),
        pytest.param(
            [WELCOME, {"start": "15:00", "end": "16:00", "title": "Afslutning"}],
            "programme[1].end",
            ["slutter kl. 16.00, efter mødet (kl. 15.30)"],
            id="ending after the meeting",
        ),
        pytest.param(
            [WELCOME, {"start": "15:30", "title": "Middag"}],
            "programme[1].start",
            ["begynder kl. 15.30, når mødet er slut (kl. 15.30)"],
            id="starting when the meeting ends",
        ),
        pytest.param(
            [{"start": "13:00", "end": "12:45", "title": "Velkommen"}],
            "programme[0].end",
            ["sluttiden 12.45 skal ligge efter starttiden 13.00"],
            id="end before start",
        ),
        pytest.param(
            [WELCOME | {"day": 2}],
            "programme[0].day",
            ["dag 2 findes kun", "end_date"],
            id="day 2 in a one-day meeting",
        ),
        pytest.param(
            [WELCOME | {"day": 3}],
            "programme[0].day",
            ["skal være 1 eller 2"],
            id="day 3",
        ),
        pytest.param(
            [WELCOME | {"kind": "pause"}],
            "programme[0].kind",
            ["skal være en af: session, break, meal"],
            id="unknown kind",
        ),
        pytest.param(
            [WELCOME | {"speakers": 42}],
            "programme[0].speakers",
            ["skal være en liste"],
            id="speakers as a number",
        ),
    ],
)
def test_programme_rule(
    tmp_path: Path, items: list[dict[str, Any]], field: str, words: list[str]
) -> None:
    meetings = programme(*items)
    line = meetings.line(f"meetings[0].{field}")
    check(one(tmp_path, meetings.text), MEETINGS, line, f"meetings[0].{field}", *words)


def test_programme_default_ends_abut_without_overlap(tmp_path: Path) -> None:
    meetings = programme(
        WELCOME,
        {"start": "12:45", "title": "Oplæg", "speakers": "Claus Leick"},
        {"start": "13:15", "end": "13:25", "title": "Pause", "kind": "break"},
        {"start": "13:25", "title": "Workshop", "speakers": "[Anna Eksempel, Bo Eksempel]"},
        {"start": "15:25", "title": "Tak for i dag"},
    )
    meeting = load(tmp_path, meetings.text).meetings[0]
    slots = resolve_slots(meeting)
    assert [(s.item.start, s.end) for s in slots] == [
        (time(12, 30), time(12, 45)),
        (time(12, 45), time(13, 15)),
        (time(13, 15), time(13, 25)),
        (time(13, 25), time(15, 25)),
        (time(15, 25), time(15, 30)),
    ]
    assert slots[1].item.speakers == ["Claus Leick"]
    assert slots[3].item.speakers == ["Anna Eksempel", "Bo Eksempel"]
    assert slots[2].item.kind == "break"
    assert slots[0].item.kind == "session"
    assert slots[0].item.speakers == []


def test_programme_item_ending_exactly_at_the_meeting_end_is_fine(tmp_path: Path) -> None:
    meetings = programme(
        WELCOME | {"end": "13:00"}, {"start": "13:00", "end": "15:30", "title": "Workshop"}
    )
    assert len(load(tmp_path, meetings.text).meetings[0].programme) == 2


# --- ids ---------------------------------------------------------------------------------------


MORNING = {"title": "Formiddag", "start": "9:00", "end": "11:00"}
AFTERNOON = {"title": "Eftermiddag", "start": "13:00", "end": "15:00"}


def test_two_meetings_on_the_same_date_need_an_id(tmp_path: Path) -> None:
    meetings = meetings_yaml(a_meeting(**MORNING), a_meeting(**AFTERNOON))
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        meetings.line("meetings[1].date"),
        "meetings[1].date",
        "mødets id »2021-01-28« er allerede brugt",
        "unikt",
    )


def test_two_meetings_on_the_same_date_with_ids_are_fine(tmp_path: Path) -> None:
    morning = {"id": "2021-01-28-formiddag"} | a_meeting(**MORNING)
    site = load(tmp_path, meetings_yaml(morning, a_meeting(**AFTERNOON)).text)
    assert [m.slug for m in site.meetings] == ["2021-01-28-formiddag", "2021-01-28"]


def test_explicit_id_equal_to_another_meetings_date_is_a_duplicate(tmp_path: Path) -> None:
    second = {"id": "2021-01-28"} | a_meeting(
        **AFTERNOON | {"title": "Andet", "date": "2021-05-20"}
    )
    meetings = meetings_yaml(a_meeting(**MORNING | {"title": "Første"}), second)
    line = meetings.line("meetings[1].id")
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        line,
        "meetings[1].id",
        "»2021-01-28« er allerede brugt",
    )


@pytest.mark.parametrize("bad_id", ["Moede-1", "mit møde", "'mit-møde'", "æble", "a_b", "-a", "a-"])
def test_unsafe_meeting_id(tmp_path: Path, bad_id: str) -> None:
    meetings = meetings_yaml({"id": bad_id} | a_meeting())
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        meetings.line("meetings[0].id"),
        "meetings[0].id",
        "kan ikke bruges som id",
        "små bogstaver a-z, tal og bindestreg",
    )


def test_digits_only_id_is_accepted(tmp_path: Path) -> None:
    meetings = meetings_yaml({"id": "2021"} | a_meeting())
    assert load(tmp_path, meetings.text).meetings[0].slug == "2021"


def test_unsafe_member_id(tmp_path: Path) -> None:
    member_problem(
        tmp_path, members_yaml(a_member(id="Silkeborg")), "members[0].id", "kan ikke bruges som id"
    )


# --- venue, online, host -----------------------------------------------------------------------


@pytest.mark.parametrize("place", ["", "venue:", "venue: null"])
def test_neither_venue_nor_online(tmp_path: Path, place: str) -> None:
    meetings = f"""
    meetings:
      - title: Første møde
        date: 2021-01-28
        start: 12:30
        end: 15:30
        {place}
    """
    check(one(tmp_path, meetings), MEETINGS, 2, "meetings[0]", "hverken »venue«", "»online«")


def test_hybrid_meeting_is_accepted(tmp_path: Path) -> None:
    online = {"platform": "Teams", "url": "https://teams.microsoft.com/l/meetup-join/1"}
    meetings = meetings_yaml(a_meeting(venue={"name": "Silkeborg Rådhus"}, online=online))
    assert load(tmp_path, meetings.text).meetings[0].attendance == "mixed"


def hosted_by(host: str) -> Yaml:
    return meetings_yaml(a_meeting(online=DROP, venue={"name": "Rådhuset", "host": host}))


def test_host_that_exists(tmp_path: Path) -> None:
    site = load(tmp_path, hosted_by("skive").text)
    assert [m.slug for m in site.hosted_by("skive")] == ["2021-01-28"]


def test_unknown_host_suggests_the_close_id_and_lists_the_known(tmp_path: Path) -> None:
    meetings = hosted_by("silkborg")
    check(
        one(tmp_path, meetings.text),
        MEETINGS,
        meetings.line("meetings[0].venue.host"),
        "meetings[0].venue.host",
        "ukendt værtskommune »silkborg«",
        "mente du »silkeborg«?",
        "kendte id'er i members.yaml: silkeborg, skive",
    )


def test_a_host_with_an_invisible_character_is_told_so_not_the_same_id_again(
    tmp_path: Path,
) -> None:
    """Issue 18.6: an id with a zero-width space pasted in was only »kan ikke bruges som id:
    brug kun små bogstaver …«, which it seems to be: the invisible character is named."""
    problem = one(tmp_path, hosted_by("skive\u200b").text)
    assert "der står et usynligt tegn (U+200B) i »skive\u200b«" in problem.message
    assert "mente du" not in problem.message


def test_unknown_host_without_a_close_id(tmp_path: Path) -> None:
    meetings = hosted_by("aarhus")
    problem = one(tmp_path, meetings.text)
    line = meetings.line("meetings[0].venue.host")
    check(problem, MEETINGS, line, "meetings[0].venue.host", "kendte id'er i members.yaml")
    assert "mente du" not in problem.message


HOSTED = hosted_by("silkeborg").text


def test_host_of_an_invalid_member_is_still_known(tmp_path: Path) -> None:
    members = members_yaml(a_member(region="Jylland"))
    problem = one(tmp_path, HOSTED, members.text)
    check(problem, MEMBERS, members.line("members[0].region"), "members[0].region", "fem regioner")


def test_host_is_not_checked_when_members_file_is_broken(tmp_path: Path) -> None:
    members = "members:\n  - id: silkeborg\n   name: Silkeborg Kommune\n"
    problem = one(tmp_path, HOSTED, members)
    check(problem, MEMBERS, 3, "", "ikke gyldig YAML")


# --- URLs, enums, registration -----------------------------------------------------------------


def registration(url: str = "https://example.dk", deadline: str = "2021-01-26") -> Yaml:
    return meetings_yaml(a_meeting(registration={"url": url, "deadline": deadline}))


def meeting_problem(tmp_path: Path, meetings: Yaml, field: str, *words: str) -> None:
    """``meetings`` has one mistake, at ``field`` (its line is the key's)."""
    check(one(tmp_path, meetings.text), MEETINGS, meetings.line(field), field, *words)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.dk/tilmelding",
        "javascript:alert(1)",
        "'javascript://example.dk/%0aalert(1)'",
        "www.kl.dk",
        "tilmeld dig hos Anna",
        "https://",
        "mailto:netvaerk",
        "data:text/html,hej",
    ],
)
def test_url_scheme_rejected(tmp_path: Path, url: str) -> None:
    meeting_problem(
        tmp_path,
        registration(url=url),
        "meetings[0].registration.url",
        "er ikke en gyldig adresse",
        "https://",
        "mailto:",
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.dk/tilmelding",
        "http://example.dk",
        "mailto:netvaerk@example.dk",
        "https://www.kl.dk/tilmeld?møde=1",
    ],
)
def test_url_scheme_accepted(tmp_path: Path, url: str) -> None:
    reg = load(tmp_path, registration(url=url).text).meetings[0].registration
    assert reg is not None and reg.url == url


@pytest.mark.parametrize(
    ("meeting", "field"),
    [
        (
            a_meeting(online={"platform": "Teams", "url": "javascript:alert(1)"}),
            "meetings[0].online.url",
        ),
        (
            a_meeting(materials=[{"title": "Slides", "url": "slides.pdf"}]),
            "meetings[0].materials[0].url",
        ),
    ],
)
def test_other_urls_are_checked_too(tmp_path: Path, meeting: dict[str, Any], field: str) -> None:
    meeting_problem(tmp_path, meetings_yaml(meeting), field, "er ikke en gyldig adresse")


def test_member_url_is_checked(tmp_path: Path) -> None:
    members = members_yaml(a_member(url="silkeborg.dk"))
    line = members.line("members[0].url")
    check(one(tmp_path, members=members.text), MEMBERS, line, "members[0].url", "https://")


@pytest.mark.parametrize("deadline", ["2021-01-29", "2021-02-27"])
def test_registration_deadline_after_the_meeting(tmp_path: Path, deadline: str) -> None:
    meeting_problem(
        tmp_path,
        registration(deadline=deadline),
        "meetings[0].registration.deadline",
        "tilmeldingsfristen ligger efter mødet",
    )


@pytest.mark.parametrize("deadline", ["2021-01-26", "2021-01-28"])
def test_registration_deadline_before_or_on_the_day(tmp_path: Path, deadline: str) -> None:
    reg = load(tmp_path, registration(deadline=deadline).text).meetings[0].registration
    assert reg is not None and reg.deadline == date.fromisoformat(deadline)


def test_announcement_after_the_meeting(tmp_path: Path) -> None:
    meeting_problem(
        tmp_path,
        meetings_yaml(a_meeting(announcement={"date": "2021-02-01"})),
        "meetings[0].announcement.date",
        "udkommer først efter mødet",
    )


@pytest.mark.parametrize("status", ["aflyst", "Cancelled", "canceled", "true"])
def test_status_must_be_one_of_three(tmp_path: Path, status: str) -> None:
    meeting_problem(
        tmp_path,
        meetings_yaml(a_meeting(status=status)),
        "meetings[0].status",
        "skal være en af: planned, cancelled, postponed",
    )


@pytest.mark.parametrize("status", ["planned", "cancelled", "postponed"])
def test_status_accepted(tmp_path: Path, status: str) -> None:
    meetings = meetings_yaml(a_meeting(status=status))
    assert load(tmp_path, meetings.text).meetings[0].status == status


def test_status_defaults_to_planned(tmp_path: Path) -> None:
    assert load(tmp_path).meetings[0].status == "planned"


# --- members -----------------------------------------------------------------------------------


def member_yaml(
    name: str = "Silkeborg Kommune", region: str = "Midtjylland", code: object = 740
) -> Yaml:
    return members_yaml(a_member(name=name, region=region, code=code))


def member_problem(tmp_path: Path, members: Yaml, field: str, *words: str) -> None:
    """``members`` has one mistake, at ``field`` (its line is the key's)."""
    check(one(tmp_path, members=members.text), MEMBERS, members.line(field), field, *words)


@pytest.mark.parametrize(
    "region",
    ["Midtjylland", "Region Midtjylland", "midtjylland", "region midtjylland", "MIDTJYLLAND"],
)
def test_region_spellings_accepted(tmp_path: Path, region: str) -> None:
    members = member_yaml(region=region)
    assert load(tmp_path, members=members.text).members[0].region == "Midtjylland"


@pytest.mark.parametrize("region", ["Jylland", "Region Midt", "Midt-Jylland", "Danmark"])
def test_region_not_among_the_five(tmp_path: Path, region: str) -> None:
    member_problem(
        tmp_path,
        member_yaml(region=region),
        "members[0].region",
        f"»{region}« er ikke en af de fem regioner",
        "Hovedstaden, Sjælland, Syddanmark, Midtjylland, Nordjylland",
    )


@pytest.mark.parametrize("code", ["999", "0", "1000"])
def test_code_not_in_the_official_list(tmp_path: Path, code: str) -> None:
    member_problem(
        tmp_path, member_yaml(code=code), "members[0].code", f"{code} er ikke en dansk kommunekode"
    )


@pytest.mark.parametrize(("code", "expected"), [("740", 740), ("0740", 740), ("'740'", 740)])
def test_code_written_with_padding_or_quotes(tmp_path: Path, code: str, expected: int) -> None:
    members = member_yaml(code=code)
    assert load(tmp_path, members=members.text).members[0].code == expected


def test_code_that_does_not_match_the_name(tmp_path: Path) -> None:
    member_problem(
        tmp_path,
        member_yaml(name="Skive Kommune"),
        "members[0].name",
        "kommunekode 740 er Silkeborg Kommune, ikke »Skive Kommune«",
    )


def test_code_that_does_not_match_the_region(tmp_path: Path) -> None:
    member_problem(
        tmp_path,
        member_yaml(region="Nordjylland"),
        "members[0].region",
        "Silkeborg Kommune ligger i Region Midtjylland, ikke Region Nordjylland",
    )


def test_name_without_code_is_still_checked_against_the_region(tmp_path: Path) -> None:
    member_problem(
        tmp_path,
        members_yaml({"id": "skive", "name": "Skive Kommune", "region": "Syddanmark"}),
        "members[0].region",
        "Skive Kommune ligger i Region Midtjylland",
    )


@pytest.mark.parametrize(
    ("name", "code", "region"),
    [
        ("Københavns Kommune", 101, "Hovedstaden"),
        ("København", 101, "Hovedstaden"),
        ("Bornholms Regionskommune", 400, "Hovedstaden"),
        ("Aarhus Kommune", 751, "Midtjylland"),
        ("Silkeborg", 740, "Midtjylland"),
    ],
)
def test_official_names_match_their_codes(
    tmp_path: Path, name: str, code: int, region: str
) -> None:
    members = member_yaml(name=name, region=region, code=code)
    assert load(tmp_path, members=members.text).members[0].code == code


def test_duplicate_member_id(tmp_path: Path) -> None:
    member_problem(
        tmp_path,
        members_yaml(a_member(), a_member(name="Skive Kommune")),
        "members[1].id",
        "id »silkeborg« er allerede brugt",
    )


def test_duplicate_member_code(tmp_path: Path) -> None:
    member_problem(
        tmp_path,
        members_yaml(a_member(code=740), a_member(id="silkeborg-igen", code=740)),
        "members[1].code",
        "kommunekoden »740« er allerede brugt",
    )


def test_duplicate_organiser_id(tmp_path: Path) -> None:
    organisers = [{"id": "kl", "name": "KL"}, {"id": "kl", "name": "Landdistrikternes Fællesråd"}]
    file = Yaml("organisers", organisers)
    members = file.text + members_yaml(a_member()).text
    problem = one(tmp_path, members=members)
    check(problem, MEMBERS, file.line("organisers[1].id"), "organisers[1].id", "allerede brugt")


@pytest.mark.parametrize(
    "email", ["anna@", "anna.example.dk", "anna @example.dk", "anna@example", "'@example.dk'"]
)
def test_invalid_email(tmp_path: Path, email: str) -> None:
    member_problem(
        tmp_path,
        members_yaml(a_member(contacts=[{"name": "Anna Eksempel", "email": email}])),
        "members[0].contacts[0].email",
        "ikke en gyldig e-mailadresse",
    )


def test_contact_public_defaults_to_false(tmp_path: Path) -> None:
    contacts = [
        {"name": "Anna Eksempel", "email": "anna@example.dk", "phone": "12345678"},
        {"name": "Bo Eksempel", "public": "true"},
        {"name": "Cecilie Eksempel", "public": "false"},
    ]
    member = load(tmp_path, members=members_yaml(a_member(contacts=contacts)).text).members[0]
    assert [c.public for c in member.contacts] == [False, True, False]
    assert [c.name for c in member.public_contacts] == ["Bo Eksempel"]
    assert member.contacts[0].phone == "12345678"


def test_public_must_be_true_or_false(tmp_path: Path) -> None:
    contacts = [{"name": "Anna Eksempel", "public": "ja tak"}]
    member_problem(
        tmp_path,
        members_yaml(a_member(contacts=contacts)),
        "members[0].contacts[0].public",
        "true eller false",
    )


@pytest.mark.parametrize(("since", "words"), [("1800", "mellem 1970 og 2100"), ("x", "helt tal")])
def test_since_is_a_year(tmp_path: Path, since: str, words: str) -> None:
    member_problem(tmp_path, members_yaml(a_member(since=since)), "members[0].since", words)


# --- file shape --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meetings", "line", "field", "words"),
    [
        ("", 1, "", "filen er tom"),
        ("# ingen møder endnu\n", 1, "", "filen er tom"),
        ("---\n", 1, "", "»meetings:«"),
        ("- title: Første møde\n", 1, "", "»meetings:«"),
        ("meetings:\n  title: Første møde\n", 1, "meetings", "skal være en liste"),
        ("meetings:\n  - Første møde\n", 2, "meetings[0]", "gruppe af felter"),
    ],
)
def test_file_shape(tmp_path: Path, meetings: str, line: int, field: str, words: str) -> None:
    check(one(tmp_path, meetings), MEETINGS, line, field, words)


def test_no_meetings_yet_is_fine(tmp_path: Path) -> None:
    assert load(tmp_path, "meetings: []\n").meetings == ()
    assert load(tmp_path, "meetings:\n").meetings == ()


def test_missing_file(tmp_path: Path) -> None:
    (tmp_path / "members.yaml").write_text(dedented(VALID_MEMBERS), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_site(tmp_path)
    assert [str(p) for p in info.value.problems] == ["data/meetings.yaml: filen findes ikke"]


def test_latin1_file(tmp_path: Path) -> None:
    write(tmp_path)
    members = "members:\n  - id: ringsted\n    name: Ringsted Kommune\n    region: Sjælland\n"
    (tmp_path / "members.yaml").write_bytes(members.encode("latin-1"))
    with pytest.raises(DataError) as info:
        load_site(tmp_path)
    [problem] = info.value.problems
    check(problem, MEMBERS, 4, "", "UTF-8")


# --- all at once -------------------------------------------------------------------------------

FIVE_MISTAKES_MEETINGS = """
meetings:
  - title: Første møde
    date: 2021-02-30
    start: 12:30
    end: 15:30
    online:
      platform: Teams
  - title: Andet møde
    date: 2021-05-20
    start: 9:00
    end: 8:00
    venue:
      name: Silkeborg Rådhus
      host: silkborg
"""
FIVE_MISTAKES_MEMBERS = """
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
    code: 740
  - id: skive
    name: Skive Kommune
    region: Jylland
    contacts:
      - name: Bo Eksempel
        email: bo@
"""


def test_every_problem_is_reported_in_one_run_in_line_order(tmp_path: Path) -> None:
    found = problems(tmp_path, FIVE_MISTAKES_MEETINGS, FIVE_MISTAKES_MEMBERS)
    assert [(p.file, p.line, p.field) for p in found] == [
        (MEETINGS, 3, "meetings[0].date"),
        (MEETINGS, 11, "meetings[1].end"),
        (MEETINGS, 14, "meetings[1].venue.host"),
        (MEMBERS, 8, "members[1].region"),
        (MEMBERS, 11, "members[1].contacts[0].email"),
    ]


def test_load_site_is_read_site_that_raises_on_its_problems(tmp_path: Path) -> None:
    """One reading, two ways to get it: ``make changes`` reads what it can, the build raises."""
    data = write(tmp_path, FIVE_MISTAKES_MEETINGS, FIVE_MISTAKES_MEMBERS)
    reading = read_site(data)
    assert len(reading.problems) == 5
    with pytest.raises(DataError) as info:
        load_site(data)
    assert info.value.problems == sorted(reading.problems)
    assert load_site(ROOT / "data") == read_site(ROOT / "data").site


def test_data_error_message_has_a_danish_heading_and_every_problem(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_site(write(tmp_path, FIVE_MISTAKES_MEETINGS, FIVE_MISTAKES_MEMBERS))
    lines = str(info.value).splitlines()
    assert lines[0] == "Datafilerne indeholder 5 fejl – siden er ikke bygget:"
    assert [line.strip() for line in lines[1:]] == [str(p) for p in info.value.problems]
    # Each record by its title and date or its name, positions in lists counted from 1.
    assert lines[1] == (
        "  data/meetings.yaml:3: mødet »Første møde« (2021-02-30) › date: "
        "datoen 2021-02-30 findes ikke i kalenderen"
    )
    second = "mødet »Andet møde« (20. maj 2021)"
    assert lines[2].startswith(f"  data/meetings.yaml:11: {second} › end: sluttiden 08.00")
    assert lines[3].startswith(f"  data/meetings.yaml:14: {second} › venue › host: ")
    assert lines[4].startswith(
        "  data/members.yaml:8: medlemmet »Skive Kommune« › region: »Jylland« er ikke"
    )
    assert lines[5] == (
        "  data/members.yaml:11: medlemmet »Skive Kommune« › contacts punkt 1 › email: "
        "»bo@« er ikke en gyldig e-mailadresse"
    )


def test_problem_str_format() -> None:
    problem = Problem(MEETINGS, 12, "meetings[0].venue.name", "mangler; feltet skal udfyldes")
    assert (
        str(problem)
        == "data/meetings.yaml:12: meetings[0].venue.name: mangler; feltet skal udfyldes"
    )
    assert str(Problem(MEETINGS, 3, "", "filen er ikke gyldig YAML")) == (
        "data/meetings.yaml:3: filen er ikke gyldig YAML"
    )
    named = Problem(MEETINGS, 12, "meetings[0].programme[1].speakers[0]", "må ikke være tom", "X")
    assert (
        str(named)
        == "data/meetings.yaml:12: X › programme punkt 2 › speakers punkt 1: må ikke være tom"
    )
    assert Problem(MEETINGS, 2, "meetings[3]", "mangler sted", "X").place == "X"


def test_an_invalid_optional_field_does_not_hide_the_record_s_other_mistakes(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        """
        meetings:
          - title: Første møde
            date: 2021-01-28
            start: 12:30
            end: 11:30
            status: aflyst
            venue:
              name: Silkeborg Rådhus
              host: silkebor
        """,
    )
    assert [(p.line, p.field) for p in found] == [
        (5, "meetings[0].end"),
        (6, "meetings[0].status"),
        (9, "meetings[0].venue.host"),
    ]
