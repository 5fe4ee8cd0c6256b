"""Error messages an editor can act on (issue 11.2): the meeting by its title and date, the
member by its name, and the corrected value where it is obvious.

Each test loads real YAML through ``load_site`` (the loader of the build and ``make check``)
and reads the problem it reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import MEETINGS, MEMBERS, VALID_MEMBERS, one, problems

from netvaerk.content.naming import record_name
from netvaerk.content.suggestions import suggest_clock, suggest_date

MEETING = """
meetings:
  - title: Første møde
    date: 2021-01-28
    start: 12:30
    end: 15:30
    venue:
      name: Silkeborg Rådhus
  - title: Forårsmødet
    date: 2027-04-22
    start: 10:00
    end: 15:00
    venue:
      name: Skive Rådhus
"""


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("22-04-2027", "2027-04-22"),
        ("22.04.2027", "2027-04-22"),
        ("22/4 2027", "2027-04-22"),
        ("22/4-2027", "2027-04-22"),
        ("22.4.27", "2027-04-22"),
        ("22. april 2027", "2027-04-22"),
        ("torsdag den 22. april 2027", "2027-04-22"),
        ("22 apr. 2027", "2027-04-22"),
        ("2027/04/22", "2027-04-22"),
        ("1. MARTS 2027", "2027-03-01"),
        ("31-02-2027", None),  # no such day: no guess is obvious
        ("22-04", None),  # no year
        ("næste torsdag", None),
        ("22. foråret 2027", None),
        ("2027-4-22", "2027-04-22"),
        ("08-06-1989", None),  # issue 18.6: outside 1990–2100, refused as well
        ("1989-06-08", None),  # the input again is no suggestion
        ("2027-04-22", None),
    ],
)
def test_date_suggestions(written: str, meant: str | None) -> None:
    assert suggest_date(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("kl. 10", "10:00"),
        ("kl 10.30", "10:30"),
        ("klokken 9", "09:00"),
        (10, "10:00"),
        (1000, "10:00"),
        (930, "09:30"),
        ("10:00:00", "10:00"),
        ("9,30", "09:30"),
        ("25", None),
        (2400, None),
        ("10-12", None),
        ("formiddag", None),
        (True, None),
    ],
)
def test_clock_suggestions(written: object, meant: str | None) -> None:
    assert suggest_clock(written) == meant


def test_a_date_written_the_danish_way_gets_the_iso_date(tmp_path: Path) -> None:
    problem = one(tmp_path, MEETING.replace("date: 2027-04-22", "date: 22-04-2027"))
    assert (problem.file, problem.line) == (MEETINGS, 9)
    assert str(problem).startswith(
        "data/meetings.yaml:9: mødet »Forårsmødet« (22-04-2027) › date: »22-04-2027« "
    )
    assert problem.message.endswith("; mente du »2027-04-22«?")


@pytest.mark.parametrize("written", ['"1989-06-08"', "08-06-1989", "1989-06-08", '"2101-01-01"'])
def test_a_suggestion_never_repeats_the_input_or_the_error(tmp_path: Path, written: str) -> None:
    """Issue 18.6: »… ligger uden for 1990–2100; tjek årstallet; mente du »1989-06-08«?«."""
    problem = one(tmp_path, MEETING.replace("date: 2027-04-22", f"date: {written}"))
    assert "ligger uden for 1990–2100" in problem.message or "er ikke en dato" in problem.message
    assert "mente du" not in problem.message, problem.message


def test_a_time_with_kl_gets_the_clock_time(tmp_path: Path) -> None:
    problem = one(tmp_path, MEETING.replace("start: 10:00", "start: kl. 10"))
    assert problem.place == "mødet »Forårsmødet« (22. april 2027) › start"
    assert problem.message.endswith("; mente du »10:00«?")
    # Without an obvious meaning, no guess.
    problem = one(tmp_path, MEETING.replace("start: 10:00", "start: formiddag"))
    assert "mente du" not in problem.message


@pytest.mark.parametrize(
    ("edit", "line", "field", "message"),
    [
        (
            ("      name: Skive Rådhus\n", "      name: Skive Rådhus\n    host: skive\n"),
            14,
            "meetings[1].host",
            "ukendt felt »host« her; »host« hører til under »venue:«: ryk det ind under den",
        ),
        (
            ("    end: 15:00\n", "    end: 15:00\n    url: https://teams.example/m\n"),
            12,
            "meetings[1].url",
            "ukendt felt »url« her; »url« hører til under »online:«, »registration:« eller "
            "»materials:«: ryk det ind under den rigtige",
        ),
        (
            ("      name: Skive Rådhus\n", "      name: Skive Rådhus\n      start: 11:00\n"),
            14,
            "meetings[1].venue.start",
            "ukendt felt »start« her; »start« hører til i mødet selv: ryk det ud på linje med "
            "»title:«",
        ),
        (  # a Danish word is a slip, not a misplaced field
            ("    end: 15:00\n", "    end: 15:00\n    titel: Y\n"),
            12,
            "meetings[1].titel",
            "ukendt felt »titel«; mente du »title«?",
        ),
    ],
)
def test_a_known_field_at_the_wrong_indentation_says_where_it_belongs(
    tmp_path: Path, edit: tuple[str, str], line: int, field: str, message: str
) -> None:
    old, new = edit
    text = MEETING[: MEETING.rindex(old)] + new + MEETING[MEETING.rindex(old) + len(old) :]
    found = [p for p in problems(tmp_path, text) if p.field == field]
    assert [(p.file, p.line, p.message) for p in found] == [(MEETINGS, line, message)]
    assert found[0].subject == "mødet »Forårsmødet« (22. april 2027)"


def test_a_contact_field_directly_under_a_member(tmp_path: Path) -> None:
    members = VALID_MEMBERS.rstrip("\n") + "\n    email: anna@silkeborg.dk\n"
    problem = one(tmp_path, members=members)
    assert problem.file == MEMBERS
    assert problem.place == "medlemmet »Skive Kommune« › email"
    assert problem.message == (
        "ukendt felt »email« her; »email« hører til under »contacts:«: ryk det ind under den"
    )


def test_records_are_named_by_what_they_have() -> None:
    assert record_name("meetings", 0, {"title": "A", "date": "x"}) == "mødet »A« (x)"
    assert record_name("meetings", 0, {"title": "  A\n  B "}) == "mødet »A B«"
    assert record_name("meetings", 3, {"date": "2021-01-28"}) == "mødet den 2021-01-28"
    assert record_name("meetings", 7, {"start": "10:00"}) == "møde nr. 8 i listen"
    assert record_name("meetings", 7, ["not a record"]) == "møde nr. 8 i listen"
    assert record_name("members", 1, {"id": "skive"}) == "medlemmet »skive«"
    assert record_name("organisers", 0, {"name": "KL", "id": "kl"}) == "facilitatoren »KL«"
    assert record_name("meetings", 0, {"title": "x" * 80}).endswith("…«")


def test_a_name_in_a_message_carries_no_control_character() -> None:
    """A title with a control character is named without it: the message goes to a terminal,
    a workflow annotation and, in the check corpus, a YAML comment."""
    name = record_name("meetings", 0, {"title": "Lokal\x01 udvikling\x9b", "date": "x"})
    assert name == "mødet »Lokal udvikling« (x)"


@pytest.mark.parametrize(
    ("edit", "shown"),
    [
        (("  - title: Forårsmødet\n", "  - tit\u200ble: Forårsmødet\n"), "»tit\u200ble«"),
        (
            ("  - title: Forårsmødet\n", "  - title: Forårsmødet\n    status: planned\u200b\n"),
            None,
        ),
        (("start: 10:00", "start: '10:00\u2060'"), None),
        (("date: 2027-04-22", "date: 2027-04-22\u200b"), None),
        (("date: 2027-04-22", "date: 22-04-2027\ufeff"), None),
    ],
)
def test_a_suggestion_that_only_drops_an_invisible_character_names_it(
    tmp_path: Path, edit: tuple[str, str], shown: str | None
) -> None:
    """Issue 18.6, tried as an editor who copies from Word or Outlook: a zero-width space in
    ``status: planned`` gave »skal være en af: planned, …; mente du »planned«?«, the input
    again as far as anyone can see. Such a value is told which invisible character it holds
    (its code point) instead, and no guess that differs from it by that character alone."""
    assert MEETING.count(edit[0]) == 1
    found = [p for p in problems(tmp_path, MEETING.replace(*edit)) if "mangler" not in p.message]
    assert len(found) == 1, found
    message = found[0].message
    invisible = next(c for c in edit[1] if c in "\u200b\u2060\ufeff")
    assert f"usynligt tegn (U+{ord(invisible):04X})" in message, message
    guess = message.partition("mente du »")[2].partition("«")[0]
    written = edit[1].split(": ", 1)[-1].strip("'\n")
    assert guess == "" or guess not in (written.replace(invisible, ""), "title"), message
    if shown is not None:
        assert shown in message
