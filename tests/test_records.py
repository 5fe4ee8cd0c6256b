"""The records a build defines on import are ``typing.NamedTuple``, not dataclasses.

Python 3.11's ``dataclasses`` compiles every generated method from source when the class is
defined: a frozen dataclass of five fields cost 3.8 M instructions, a NamedTuple of the same
fields 0.7 M (bench/README.md). Moving the build's 32 records took ~80 M instructions off
every build's import. ``Site`` (meetings in order, members by id, meetings by host) and
``Derived`` (facts by meeting) followed later (about 9 M more): their lookup tables are
fields made by ``Site``'s constructor and by ``derive``. A new dataclass in a module the
build imports fails here: make it a NamedTuple, or add it with the reason it cannot be one.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from factories import ROOT, meeting, member, python_output

from netvaerk.content.derive import derive
from netvaerk.content.history import Committed, History
from netvaerk.content.problems import DataError, Problem
from netvaerk.content.site import Site
from netvaerk.outputs import BuildContext

# What stays a dataclass, and why (none now).
DATACLASSES: dict[str, str] = {}

_LIST = """
import dataclasses, inspect, sys
import site_hooks
print("\\n".join(sorted(
    f"{module.__name__}.{name}"
    for module in list(sys.modules.values())
    if getattr(module, "__name__", "").startswith("netvaerk")
    for name, value in vars(module).items()
    if inspect.isclass(value) and value.__module__ == module.__name__
    and dataclasses.is_dataclass(value)
)))
"""


def test_a_build_imports_no_dataclass_of_ours() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = python_output(_LIST, ROOT, env)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == set(DATACLASSES)


def test_problems_still_sort_by_file_line_field_and_message() -> None:
    """``DataError`` lists the problems sorted: tuple order is the fields' order, as the
    dataclass's ``order=True`` was."""
    late = Problem("data/meetings.yaml", 12, "meetings[0].end", "a")
    early = Problem("data/meetings.yaml", 3, "meetings[0].title", "b")
    members = Problem("data/members.yaml", 1, "members[0].id", "c")
    same_line = Problem("data/meetings.yaml", 3, "meetings[0].date", "d")
    assert DataError([members, late, early, same_line, late]).problems == [
        same_line,
        early,
        late,
        members,
    ]


def test_the_shared_empty_defaults_cannot_be_written_to() -> None:
    """A NamedTuple's default is one object for every record (a dataclass made a new dict
    each time): the empty mappings are read-only, so no record can change another's."""
    for record, name in (
        (History(), "meetings"),
        (Committed(), "titles"),
        (Committed(), "last_days"),
        (BuildContext(date(2027, 1, 1), "https://example.dk/"), "published"),
    ):
        with pytest.raises(TypeError):
            getattr(record, name)["x"] = "y"  # type: ignore[index]
        assert getattr(record, name) == {}


def test_a_site_orders_its_meetings_and_indexes_members_and_hosts() -> None:
    """What ``Site``'s constructor does in place of the dataclass's ``__post_init__``."""
    late = meeting(id="sent", date="2027-05-05", venue={"name": "Rådhus", "host": "skive"})
    early = meeting(id="tidlig", date="2027-01-06", venue={"name": "Rådhus", "host": "skive"})
    same_day = meeting(id="aaa", date="2027-05-05")  # a venue without a host
    skive, viborg = member(), member(id="viborg", name="Viborg Kommune")
    built = Site(meetings=[late, same_day, early], members=[skive, viborg], organisers=())
    assert [m.slug for m in built.meetings] == ["tidlig", "aaa", "sent"]  # time, then id
    assert built.member("viborg") is viborg and built.member("odense") is None
    assert built.member(None) is None
    assert built.hosted_by("skive") == (early, late) and built.hosted_by("viborg") == ()
    assert built == Site(meetings=(early, late, same_day), members=(skive, viborg), organisers=())
    with pytest.raises(AttributeError):
        built.meetings = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        built.by_member["odense"] = skive  # type: ignore[index]
    moved = built._replace(meetings=(late,))  # the lookups follow the meetings
    assert moved.meetings == (late,) and moved.hosted_by("skive") == (late,)


def test_derived_finds_each_meetings_facts_by_id() -> None:
    first, second = meeting(id="a"), meeting(id="b", date="2027-04-04")
    found = derive(Site(meetings=(second, first), members=(), organisers=()), date(2027, 1, 1))
    assert [f.slug for f in found.meetings] == ["a", "b"]
    assert found.of("b").meeting is second and found.of(first).meeting is first
    only = found._replace(meetings=found.meetings[1:])  # the index follows the facts
    assert only.of("b").meeting is second
    with pytest.raises(KeyError):
        only.of("a")
