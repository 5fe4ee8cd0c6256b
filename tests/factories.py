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
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from netvaerk.content.site import Site
from netvaerk.model import Meeting, Member

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

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
