"""Shared test helpers: model objects, sites and minimal projects, the editors' corpus, and
what an editor's YAML editor says about a file.

Test files import these from here, never from one another (a test module is for tests;
``conftest.py`` is for fixtures).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from netvaerk.content.derive import Derived, MeetingFacts, derive
from netvaerk.content.history import History
from netvaerk.content.loading import load_site
from netvaerk.content.news import NewsItem
from netvaerk.content.problems import DataError, Problem
from netvaerk.content.site import Site
from netvaerk.model import Meeting, Member

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def visible_text(html: str) -> str:
    """Page text as a reader sees it: without the soft hyphens the build puts into long
    words of headings and table cells (netvaerk/text/hyphenation.py), which show only where
    a word breaks."""
    return html.replace("\u00ad", "")


# --- model objects ------------------------------------------------------------------------


def meeting(**fields: Any) -> Meeting:
    """A valid physical meeting on 3 March 2027, 10–15; ``fields`` override or add."""
    base: dict[str, Any] = {
        "title": "Tema",
        "date": "2027-03-03",
        "start": "10:00",
        "end": "15:00",
        "venue": {"name": "Rådhuset"},
    }
    base.update(fields)
    return Meeting.model_validate(base)


def member(**fields: Any) -> Member:
    base: dict[str, Any] = {"id": "skive", "name": "Skive Kommune", "region": "Midtjylland"}
    base.update(fields)
    return Member.model_validate(base)


def site(*meetings: Meeting, members: tuple[Member, ...] = ()) -> Site:
    return Site(meetings=meetings, members=members, organisers=())


# --- a project with only the editors' files -----------------------------------------------

# Valid partner files for a broken one (the host 'silkeborg' exists).
MINIMAL_MEETINGS = """\
meetings:
  - title: Lokal udvikling
    date: 2021-01-28
    start: 12:30
    end: 15:30
    venue:
      name: Silkeborg Rådhus
      host: silkeborg
"""
MINIMAL_MEMBERS = """\
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
  - id: skive
    name: Skive Kommune
    region: Midtjylland
"""


def minimal_project(root: Path) -> Path:
    """A project with only the editors' files: valid data and an empty news folder."""
    (root / "data").mkdir(parents=True)
    (root / "docs" / "nyheder").mkdir(parents=True)
    (root / "data" / "meetings.yaml").write_text(MINIMAL_MEETINGS, encoding="utf-8")
    (root / "data" / "members.yaml").write_text(MINIMAL_MEMBERS, encoding="utf-8")
    return root


# --- the corpus of broken files (tests/check_corpus/, see its README) ----------------------

CORPUS = TESTS / "check_corpus"
CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md")
_EXPECTED = re.compile(r"forventet: (?P<line>.+?)\s*(?:-->)?\s*$")


def expectations(broken: Path) -> list[str]:
    """The ``forventet:`` lines of a corpus file: what the check must print for it."""
    return [
        m["line"]
        for line in broken.read_text(encoding="utf-8").splitlines()
        if (m := _EXPECTED.search(line))
    ]


# --- the JSON Schemas as an editor's YAML editor applies them -----------------------------

SCHEMA_DIR = ROOT / "schemas"


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 as the yaml-language-server reads it: a date is text, not a date object."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


def editor_view(text: str) -> Any:
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = _EditorConstructor
    return reader.load(textwrap.dedent(text))


def validator(schema_file: str) -> Draft7Validator:
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def errors(schema_file: str, text: str) -> list[str]:
    """Every error message, with the reasons inside 'not valid under any of the given schemas'."""

    def flat(found: Iterable[ValidationError]) -> Iterator[str]:
        for error in found:
            yield error.message
            yield from flat(error.context or [])

    return sorted(flat(validator(schema_file).iter_errors(editor_view(text))))


# --- data files in a temporary folder (the validation suite) ----------------------------

MEETINGS = "data/meetings.yaml"


MEMBERS = "data/members.yaml"


# The minimal valid pair. Line numbers in the tests count from 1 at the first line of each text.
VALID_MEETINGS = """
meetings:
  - title: Første møde
    date: 2021-01-28
    start: 12:30
    end: 15:30
    venue:
      name: Silkeborg Rådhus
"""


VALID_MEMBERS = """
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
    code: 740
  - id: skive
    name: Skive Kommune
    region: Midtjylland
    code: 779
"""


def dedented(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write(tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS) -> Path:
    (tmp_path / "meetings.yaml").write_text(dedented(meetings), encoding="utf-8")
    (tmp_path / "members.yaml").write_text(dedented(members), encoding="utf-8")
    return tmp_path


def load(tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS) -> Site:
    """Load data that must be valid."""
    return load_site(write(tmp_path, meetings, members))


def problems(
    tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS
) -> list[Problem]:
    """Load data that must be invalid; return every problem."""
    with pytest.raises(DataError) as info:
        load_site(write(tmp_path, meetings, members))
    return info.value.problems


def one(tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS) -> Problem:
    """Load data with exactly one mistake; return its problem."""
    found = problems(tmp_path, meetings, members)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# --- the check corpus and failed builds -----------------------------------------------


def place(root: Path, broken: Path) -> None:
    """Put a corpus file where an editor would have written it."""
    text = broken.read_text(encoding="utf-8")
    name = broken.name
    if name.endswith(".meetings.yaml"):
        target = root / "data" / "meetings.yaml"
    elif name.endswith(".members.yaml"):
        target = root / "data" / "members.yaml"
    elif name.endswith(".nyhed.md"):
        target = root / "docs" / "nyheder" / name.replace(".nyhed.md", ".md")
    elif ".docs." in name:  # any file in docs/; its first line says where: <!-- sti: docs/… -->
        path = text.splitlines()[0].removeprefix("<!-- sti: ").removesuffix(" -->")
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        raise AssertionError(f"{name}: unknown kind of corpus file")
    target.write_text(text, encoding="utf-8")


# Line 3: a date that does not exist; line 11: an unknown key with a suggestion (and so the
# meeting on line 8 has no end).
BROKEN_MEETINGS = """
meetings:
  - title: Lokal udvikling i en coronatid
    date: 2021-02-30
    start: 12:30
    end: 15:30
    online:
      platform: Teams
  - title: Strategisk landsbyplanlægning
    date: 2021-05-20
    start: 9:00
    slut: 12:00
    online:
      platform: Teams
"""


def snapshot(site_dir: Path) -> dict[str, bytes]:
    """Every file under ``site_dir`` with its bytes, by relative path."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


# --- the derive stage: facts of a factory site (branch derive) -----------------------------


def derived(
    *meetings: Meeting,
    today: date,
    members: tuple[Member, ...] = (),
    written: tuple[NewsItem, ...] = (),
    history: History | None = None,
) -> Derived:
    """The build's facts of a factory site on ``today`` (``content/derive.py``)."""
    return derive(site(*meetings, members=members), today, written, history)


def facts(m: Meeting, today: date, *others: Meeting) -> MeetingFacts:
    """One meeting's facts on ``today``, on a site of it and ``others``, without history."""
    return derive(site(m, *others), today).of(m)
