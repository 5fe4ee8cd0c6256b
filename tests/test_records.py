"""The records a build defines on import are ``typing.NamedTuple``, not dataclasses.

Python 3.11's ``dataclasses`` compiles every generated method from source when the class is
defined: a frozen dataclass of five fields cost 3.8 M instructions, a NamedTuple of the same
fields 0.7 M (bench/README.md). Moving the build's 32 records took ~80 M instructions off
every build's import. Two stay dataclasses because their ``__post_init__`` builds lookup
tables: ``Site`` (meetings in order, members by id, meetings by host) and ``Derived``
(facts by meeting). A new dataclass in a module the build imports fails here: make it a
NamedTuple, or add it with the reason it cannot be one.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from factories import ROOT, python_output

from netvaerk.content.history import Committed, History
from netvaerk.content.problems import DataError, Problem
from netvaerk.outputs import BuildContext

# What stays a dataclass, and why.
DATACLASSES = {
    "netvaerk.content.site.Site": "__post_init__ orders the meetings and indexes them",
    "netvaerk.content.derive.Derived": "__post_init__ indexes the facts by meeting",
}

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


def test_a_build_imports_no_dataclass_of_ours_but_the_two_with_lookup_tables() -> None:
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
