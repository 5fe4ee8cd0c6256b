"""SEQUENCE and LAST-MODIFIED from the Git history of data/meetings.yaml (issue 3.3).

Real repositories made in a temp dir (``icstools.GitRepo``, isolated from the user's Git
configuration), with commit times set by the test; the SEQUENCE a calendar client sees is
read back from the built feed with both Python parsers.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import ROOT, Project, meeting
from icstools import GitRepo, parse_ical, parse_icalendar, write_commits
from mkdocs.exceptions import Abort

from netvaerk.check import collect_problems
from netvaerk.content import history as history_module
from netvaerk.content.derive import derive
from netvaerk.content.history import (
    Committed,
    History,
    Reader,
    Version,
    committed,
    meeting_chunks,
    meeting_histories,
    read_history,
)
from netvaerk.content.loading import Against, load_site
from netvaerk.content.problems import DataError
from netvaerk.content.rules import check_kept_ids
from netvaerk.content.site import Site
from netvaerk.content.yamlsource import parse_yaml
from netvaerk.feeds.calendar import Revision
from netvaerk.feeds.calendar import revisions as event_revisions
from netvaerk.model import Meeting

HOST = "landdistriktskoordinatorer.dk"
URL = f"https://{HOST}/"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
T1 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 2, 9, 14, 30, tzinfo=UTC)
T3 = datetime(2026, 3, 2, 8, 15, tzinfo=UTC)

FIRST = """\
meetings:
  - id: foraar
    title: Forårsmødet
    date: 2026-04-23
    start: 10:00
    end: 15:00
    venue:
      name: Skive Rådhus
  - date: 2026-09-24
    title: Efterårsmødet
    start: 10:00
    end: 15:00
    online:
      platform: Teams
"""
# The spring meeting moves an hour; the autumn one only gets a description.
SECOND = FIRST.replace(
    "start: 10:00\n    end: 15:00\n    venue", "start: 11:00\n    end: 15:00\n    venue"
)
SECOND = SECOND.replace("platform: Teams\n", "platform: Teams\n    description: Mere tekst.\n")


def test_the_second_version_changes_what_the_test_says() -> None:
    assert SECOND.count("start: 11:00") == 1 and "description: Mere tekst." in SECOND


def feed_revisions(project: Project) -> dict[str, tuple[int, datetime]]:
    data = (project.site_dir / "kalender.ics").read_bytes()
    ical_events = {e.uid: e.sequence for e in parse_ical(data).events}
    result = {}
    for event in parse_icalendar(data).walk("VEVENT"):
        uid = str(event["UID"])
        assert ical_events[uid] == event["SEQUENCE"]
        result[uid] = (int(event["SEQUENCE"]), event["LAST-MODIFIED"].dt)
    return result


@pytest.mark.build
def test_sequence_counts_commits_that_change_calendar_fields(project: Project) -> None:
    repo = GitRepo(project.root)
    repo.commit("data/meetings.yaml", FIRST, T1)
    repo.commit("data/meetings.yaml", SECOND, T2)
    project.build(today="2026-11-30")
    assert feed_revisions(project) == {
        f"foraar@{HOST}": (1, T2),
        f"2026-09-24@{HOST}": (0, T1),  # a description is not what a calendar shows
    }
    single = (project.site_dir / "moeder" / "foraar.ics").read_bytes()
    (event,) = parse_icalendar(single).walk("VEVENT")
    assert (event["SEQUENCE"], event["DTSTAMP"].dt) == (1, T2)


@pytest.mark.build
def test_without_git_the_build_works_and_says_so_once(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    project.write("data/meetings.yaml", FIRST)
    with caplog.at_level(logging.INFO):
        project.build(today="2026-11-30")
    notes = [r for r in caplog.records if "Git-historik" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO
    stamp = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # conftest's SOURCE_DATE_EPOCH: noon CET
    assert set(feed_revisions(project).values()) == {(0, stamp)}


def versions(*texts: tuple[str | None, datetime]) -> list[Version]:
    return [Version(f"c{i}", when, text) for i, (text, when) in enumerate(texts)]


def site_of(text: str) -> Site:
    doc, problems = parse_yaml(text, "meetings.yaml")
    assert doc is not None and not problems
    return Site(tuple(Meeting.model_validate(raw) for raw in doc.data["meetings"]), (), ())


def revisions(history: list[Version], current: str, now: datetime) -> dict[str, Revision]:
    """What the calendar makes of these committed versions and the file as it is now."""
    found = History(
        meeting_histories(history, current), now, edited=max(now, history[-1].committed)
    )
    site = site_of(current)
    derived = derive(site, now.date(), history=found)
    return {slug: rev for slug, (_, rev) in event_revisions(site, URL, derived).items()}


def history_of(tmp_path: Path) -> dict[str, Revision]:
    """The revisions a build of the repository in ``tmp_path`` gives its events."""
    file = tmp_path / "data" / "meetings.yaml"
    found = read_history(file, NOW)
    assert found.note == ""
    site = site_of(file.read_text(encoding="utf-8"))
    derived = derive(site, NOW.date(), history=found)
    return {slug: rev for slug, (_, rev) in event_revisions(site, URL, derived).items()}


def test_first_version_is_sequence_zero() -> None:
    assert revisions(versions((FIRST, T1)), FIRST, NOW) == {
        "foraar": Revision(0, T1),
        "2026-09-24": Revision(0, T1),
    }


def test_reordering_and_rewriting_times_is_no_change() -> None:
    head, first, second = FIRST.split("\n  - ")
    reordered = "\n  - ".join([head, second, first])
    rewritten = reordered.replace("start: 10:00", 'start: "10.00"')
    found = revisions(versions((FIRST, T1), (reordered, T2), (rewritten, T3)), rewritten, NOW)
    assert found == {"foraar": Revision(0, T1), "2026-09-24": Revision(0, T1)}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Forårsmødet", "title: Forårsmødet om bosætning"),
        ("date: 2026-04-23", "date: 2026-04-30"),
        ("end: 15:00\n    venue", "end: 15:30\n    venue"),
        ("name: Skive Rådhus", "name: Skive Bibliotek"),
        ("name: Skive Rådhus", "name: Skive Rådhus\n      address: Torvegade 10, 7800 Skive"),
        ("id: foraar\n", "id: foraar\n    status: cancelled\n"),
        (
            "      name: Skive Rådhus\n",
            "      name: Skive Rådhus\n    online:\n      platform: Teams\n",
        ),
    ],
)
def test_each_calendar_field_counts(old: str, new: str) -> None:
    assert FIRST.count(old) == 1
    changed = FIRST.replace(old, new)
    found = revisions(versions((FIRST, T1), (changed, T2)), changed, NOW)
    assert found["foraar"] == Revision(1, T2)
    assert found["2026-09-24"] == Revision(0, T1)


@pytest.mark.parametrize(
    ("old", "new"),
    [  # what the event's DESCRIPTION shows counts too: summary, programme, registration
        ("id: foraar\n", "id: foraar\n    summary: Kort.\n"),
        ("id: foraar\n", "id: foraar\n    registration:\n      url: https://kl.dk/t\n"),
        (
            "id: foraar\n",
            "id: foraar\n    programme:\n      - start: 10:00\n        title: Velkommen\n",
        ),
    ],
)
def test_what_the_description_shows_counts(old: str, new: str) -> None:
    changed = FIRST.replace(old, new)
    found = revisions(versions((FIRST, T1), (changed, T2)), changed, NOW)
    assert found["foraar"] == Revision(1, T2)


def test_what_the_event_does_not_show_does_not_count() -> None:
    changed = FIRST.replace(
        "      name: Skive Rådhus\n", "      name: Skive Rådhus\n      host: skive\n"
    )
    changed = changed.replace("id: foraar\n", "id: foraar\n    description: Lang tekst.\n")
    changed = changed.replace(
        "id: foraar\n", "id: foraar\n    announcement:\n      date: 2026-03-01\n"
    )
    changed = changed.replace(
        "start: 10:00\n    end: 15:00\n    venue", "start: '10.00'\n    end: 15:00\n    venue"
    )
    assert changed != FIRST
    found = revisions(versions((FIRST, T1), (changed, T2)), changed, NOW)
    assert found["foraar"] == Revision(0, T1)


def test_a_version_that_no_longer_validates_is_skipped() -> None:
    invalid = FIRST.replace("end: 15:00\n    venue", "end: 25:00\n    venue")
    found = revisions(versions((FIRST, T1), (invalid, T2), (FIRST, T3)), FIRST, NOW)
    assert found["foraar"] == Revision(0, T1)
    # The first version that validates is the event's first.
    found = revisions(versions((invalid, T1), (SECOND, T2)), SECOND, NOW)
    assert found["foraar"] == Revision(0, T2)


def test_invalid_yaml_versions_are_skipped_and_a_return_is_no_change() -> None:
    broken = FIRST + "  - [unclosed\n"
    without = FIRST.split("\n  - date")[0] + "\n"
    found = revisions(
        versions((FIRST, T1), (broken, T2), (without, T2), (None, T2), (FIRST, T3)), FIRST, NOW
    )
    assert found == {"foraar": Revision(0, T1), "2026-09-24": Revision(0, T1)}


def test_uncommitted_changes_count_once_at_build_time() -> None:
    found = revisions(versions((FIRST, T1)), SECOND, NOW)
    assert found["foraar"] == Revision(1, NOW)
    assert found["2026-09-24"] == Revision(0, T1)
    early = revisions(versions((FIRST, T1)), SECOND, T1 - timedelta(days=9))
    assert early["foraar"] == Revision(1, T1)  # never before the last commit


def test_read_history_from_a_repository(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit("data/meetings.yaml", FIRST, T1)
    repo.commit("README", "andet\n", T2)
    repo.commit("data/meetings.yaml", SECOND, T3)
    found = history_of(tmp_path)
    assert found["foraar"] == Revision(1, T3)
    assert found["2026-09-24"] == Revision(0, T1)
    history = read_history(tmp_path / "data" / "meetings.yaml", NOW)
    assert history.of("not-there").versions == ()
    assert [when for when, _ in history.of("2026-09-24").versions] == [T1, T3]  # a text change
    # An uncommitted meeting: SEQUENCE 0 at the build time.
    (tmp_path / "data" / "meetings.yaml").write_text(
        SECOND + "  - id: ny\n    title: Nyt\n    date: 2026-12-01\n    start: 10:00\n"
        "    end: 11:00\n    online:\n      platform: Teams\n",
        encoding="utf-8",
    )
    assert history_of(tmp_path)["ny"] == Revision(0, NOW)


def test_a_merged_branch_counts_once_at_its_merge(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit("data/meetings.yaml", FIRST, T1)
    repo.git("checkout", "-q", "-b", "flyt")
    repo.commit("data/meetings.yaml", SECOND, T2)
    repo.commit("data/meetings.yaml", SECOND.replace("start: 11:00", "start: 12:00"), T2)
    repo.git("checkout", "-q", "main")
    repo.commit("README", "andet\n", T2)
    repo.git("merge", "-q", "--no-ff", "-m", "Flyt mødet", "flyt", when=T3)
    assert history_of(tmp_path)["foraar"] == Revision(1, T3)


def test_no_repository(tmp_path: Path) -> None:
    file = tmp_path / "data" / "meetings.yaml"
    file.parent.mkdir()
    file.write_text(FIRST, encoding="utf-8")
    history = read_history(file, NOW)
    assert history.meetings == {} and "Git" in history.note
    assert history.of("foraar").versions == () and history.edited_at == NOW
    assert history.explanation()


def test_file_not_yet_committed(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit("README", "andet\n", T1)
    file = tmp_path / "data" / "meetings.yaml"
    file.parent.mkdir()
    file.write_text(FIRST, encoding="utf-8")
    history = read_history(file, NOW)
    assert history.meetings == {} and history.note
    assert History().explanation() == ""


def test_a_shallow_clone_has_no_history(tmp_path: Path) -> None:
    origin = GitRepo(tmp_path / "origin")
    origin.commit("data/meetings.yaml", FIRST, T1)
    origin.commit("data/meetings.yaml", SECOND, T2)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin.root}", str(clone)],
        env=origin.env,
        check=True,
    )
    history = read_history(clone / "data" / "meetings.yaml", NOW)
    assert history.meetings == {} and "shallow" in history.note
    assert history.of("foraar").versions == ()


def test_one_pass_over_two_hundred_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """200 commits of a 60-meeting file: two git calls and a log, one cat-file; each
    distinct item read once for its id, and read whole once only when it is not the file
    as it is now. Counted, not timed (the time is the bench's: ``history`` stage)."""
    repo = GitRepo(tmp_path)
    write_commits(repo, 200, 60, T1)
    calls: dict[str, int] = {"git": 0, "key": 0, "whole": 0}

    def counted(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(history_module, "_git", counted("git", history_module._git))
    monkeypatch.setattr(history_module, "_load_item", counted("key", history_module._load_item))
    monkeypatch.setattr(history_module, "_read_item", counted("whole", history_module._read_item))
    found = history_of(tmp_path)
    # m0 is created by commit 0 and retitled by commits 60, 120 and 180.
    assert found["m0"] == Revision(3, T1 + timedelta(hours=180))
    # m59 is created by commit 0 and retitled by commits 59, 119 and 179.
    assert found["m59"] == Revision(3, T1 + timedelta(hours=179))
    # rev-parse, log, cat-file; 60 items in commit 0, then one new text per commit.
    assert calls == {"git": 3, "key": 60 + 199, "whole": 199}


TRICKY = """\
# Netværkets møder
meetings:
# en kommentar helt ude til venstre

  - id: a   # kommentar
    title: "Citeret: med kolon"
    date: 2026-04-23
    start: 9:00
    end: '15.00'
    description: |
      - id: ikke-et-møde
      ligner et punkt, men står i en tekstblok
    venue: {name: Skive Rådhus,
      address: Torvegade 10}
  - title: Uden id
    date: 2026-05-01
    start: 10:00
    end: 11:00
    online:
      platform: Teams
"""


@pytest.mark.parametrize(
    "text",
    [
        FIRST,
        SECOND,
        TRICKY,
        "meetings:\n- id: x\n  title: Uden indrykning\n  online:\n    platform: Teams\n"
        "- date: 2026-01-02\n  title: Y\n",
        "meetings: []\n",
        "meetings:\n  - id: x\n    title: T\nother: 1\n",
        # The item starts with a key that is not a calendar field; a block scalar in between.
        "meetings:\n  - programme:\n      - start: 9:00\n        title: x\n    id: y\n"
        "    description: |\n      id: ikke dette\n    title: T\n    date: 2026-01-01\n",
        (Path(__file__).parent.parent / "data" / "meetings.yaml").read_text(encoding="utf-8"),
        "---\nmeetings:\n  - id: x\n",
    ],
)
def test_item_by_item_parsing_agrees_with_parsing_the_whole_file(text: str) -> None:
    whole = history_module._whole_file(text)
    assert whole is not None
    parse = Reader()
    assert {k: e.title for k, e in (parse(text) or {}).items()} == {
        k: e.title for k, e in whole.items()
    }
    again = parse(text + "\n# slut\n")  # now from remembered items (but the last)
    assert {k: e.title for k, e in (again or {}).items()} == {k: e.title for k, e in whole.items()}
    # Read whole, each item is what the build's reader gives.
    for key, entry in whole.items():
        by_item = (parse(text) or {})[key].item.meeting
        assert by_item == entry.item.meeting


def test_simple_files_are_split_into_items_and_others_are_not() -> None:
    chunks = meeting_chunks(TRICKY)
    assert chunks is not None and len(chunks) == 2
    assert chunks[0].startswith("  - id: a") and "ikke-et-møde" in chunks[0]
    for text in (
        "meetings: []\n",
        "meetings:\n  -\n    id: x\n",
        "meetings:\n  - id: x\nx: 1\n",
        "meetings:#x\n  - id: x\n",  # not YAML: the whole-file parse says so
        "meetings:\n\t- id: x\n",
        "meetings:\n  - id: x\r  title: y\n",  # a lone carriage return
    ):
        assert meeting_chunks(text) is None
    # Windows line breaks are read as Unix ones.
    assert meeting_chunks(TRICKY.replace("\n", "\r\n")) == chunks


# A meeting without `id` takes its id from its date: editing the date moves its page and UID.
MOVED = FIRST.replace("date: 2026-09-24", "date: 2026-10-01")


def test_committed_titles_are_those_of_the_newest_other_version() -> None:
    history = versions((FIRST, T1), (MOVED, T2))
    # Uncommitted edits: compared with the last commit.
    assert committed(history, MOVED + "# ny\n").titles["2026-10-01"] == "Efterårsmødet"
    # A build of the commit itself (CI): compared with the version before it.
    assert committed(history, MOVED).titles == {
        "foraar": "Forårsmødet",
        "2026-09-24": "Efterårsmødet",
    }
    # The same text with Windows line endings is the same version.
    assert committed(history, MOVED.replace("\n", "\r\n")).titles["foraar"] == "Forårsmødet"
    assert "2026-09-24" in committed(history, MOVED.replace("\n", "\r\n")).titles
    assert committed(history[:1], FIRST).titles == {}  # the first version: nothing before it
    assert committed(history, None) == Committed()
    # The pairs: of that version and all before it, not of the version being checked.
    assert committed(history, MOVED).pairs == {
        ("foraar", "Forårsmødet"),
        ("2026-09-24", "Efterårsmødet"),
    }
    assert ("2026-10-01", "Efterårsmødet") in committed(history, FIRST).pairs


def test_id_null_is_no_id_in_the_history_either() -> None:
    for null in ("~", "null", "''"):
        text = FIRST.replace("  - date: 2026-09-24", f"  - id: {null}\n    date: 2026-09-24")
        assert set(Reader()(text) or {}) == {"foraar", "2026-09-24"}


def autumn(**fields: Any) -> Meeting:
    base = {
        "title": " Efterårsmødet ",
        "date": "2026-10-01",
        "venue": None,
        "online": {"platform": "Teams"},
    }
    return meeting(**(base | fields))


BEFORE = Committed(
    {"foraar": "Forårsmødet", "2026-09-24": "Efterårsmødet"},
    frozenset({("foraar", "Forårsmødet"), ("2026-09-24", "Efterårsmødet")}),
)


def test_a_meeting_whose_id_moved_with_its_date_is_reported() -> None:
    loc = ("meetings", 1)
    ((where, message),) = check_kept_ids([(loc, autumn())], BEFORE)
    assert where == (*loc, "date")
    assert "fra 2026-09-24 til 2026-10-01" in message and "tilføj linjen id: 2026-09-24" in message
    # Keeping the old id, or choosing a new one on purpose, is fine.
    assert list(check_kept_ids([(loc, autumn(id="2026-09-24"))], BEFORE)) == []
    assert list(check_kept_ids([(loc, autumn(id="2026-10-01"))], BEFORE)) == []
    # A new meeting with another title: nothing moved.
    assert list(check_kept_ids([(loc, autumn(title="Vintermødet"))], BEFORE)) == []


def test_putting_a_date_back_is_no_move() -> None:
    # Committed: moved to 10-01 (the build stopped it). The editor puts the date back.
    moved = Committed(
        {"foraar": "Forårsmødet", "2026-10-01": "Efterårsmødet"},
        BEFORE.pairs | {("2026-10-01", "Efterårsmødet")},
    )
    back = autumn(date="2026-09-24")
    assert list(check_kept_ids([(("meetings", 1), back)], moved)) == []


def test_two_meetings_that_swap_dates_are_both_reported() -> None:
    before = Committed(
        {"2026-09-24": "Efterårsmødet", "2026-10-01": "Vintermødet"},
        frozenset({("2026-09-24", "Efterårsmødet"), ("2026-10-01", "Vintermødet")}),
    )
    swapped = [
        (("meetings", 0), autumn(date="2026-10-01")),
        (("meetings", 1), autumn(date="2026-09-24", title="Vintermødet")),
    ]
    found = dict(check_kept_ids(swapped, before))
    assert "fra 2026-09-24 til 2026-10-01" in found[("meetings", 0, "date")]
    assert "fra 2026-10-01 til 2026-09-24" in found[("meetings", 1, "date")]


def test_a_record_with_an_invalid_id_is_not_also_reported_as_moved(tmp_path: Path) -> None:
    (tmp_path / "meetings.yaml").write_text(
        FIRST.replace("  - id: foraar", "  - id: Forår X"), encoding="utf-8"
    )
    shutil.copy(ROOT / "data" / "members.yaml", tmp_path / "members.yaml")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path, against=Against(before=BEFORE))
    (problem,) = caught.value.problems
    assert problem.field == "meetings[0].id"


@pytest.mark.build
def test_the_build_and_make_check_stop_a_date_edit_that_would_move_a_meeting(
    project: Project,
) -> None:
    repo = GitRepo(project.root)
    repo.commit("data/meetings.yaml", FIRST, T1)
    project.write("data/meetings.yaml", MOVED)  # not committed yet: make check, preview
    line = MOVED.splitlines().index("  - date: 2026-10-01") + 1
    expected = (
        f"data/meetings.yaml:{line}: mødet »Efterårsmødet« (1. oktober 2026) › date: "
        "datoen er ændret"
    )
    (problem,) = collect_problems(project.root)
    assert str(problem).startswith(expected)
    with pytest.raises(Abort) as caught:
        project.build(today="2026-06-01")
    assert expected in str(caught.value.__context__)
    repo.commit("data/meetings.yaml", MOVED, T2)  # committed: the deploy build stops it too
    with pytest.raises(Abort) as caught:
        project.build(today="2026-06-01")
    assert expected in str(caught.value.__context__)
    # Putting the date back is no move, before and after it is committed.
    project.write("data/meetings.yaml", FIRST)
    assert collect_problems(project.root) == []
    # The hint's fix: keep the id. The meeting keeps its page and calendar UID.
    fixed = MOVED.replace("  - date: 2026-10-01", "  - id: 2026-09-24\n    date: 2026-10-01")
    repo.commit("data/meetings.yaml", fixed, T3)
    project.build(today="2026-06-01")
    assert "1. oktober" in project.page("moeder/2026-09-24/")
    assert f"2026-09-24@{HOST}" in feed_revisions(project)


def test_key_part_keeps_an_items_id_date_and_title_with_what_is_nested_under_them() -> None:
    """What ``Reader`` parses of each item: the keys ``_entry`` reads, their continuation
    lines too, nothing nested under another key (comments there included); an item with a
    line less indented than its keys is kept whole."""
    chunk = (
        "  - id: a\n"
        "    description: |\n"
        "      Tekst\n"
        "      # ikke en kommentar\n"
        "    title: >\n"
        "      Et langt\n"
        "      tema\n"
        "    programme:\n"
        "      - start: '10:00'\n"
        "        title: Velkomst\n"
        "\n"
        "    # en kommentar\n"
        "    date: 2027-03-03\n"
    )
    assert history_module.key_part(chunk) == (
        "  - id: a\n    title: >\n      Et langt\n      tema\n    date: 2027-03-03\n"
    )
    odd = "  - id: a\n    programme:\n   title: x\n"
    assert history_module.key_part(odd) == odd
