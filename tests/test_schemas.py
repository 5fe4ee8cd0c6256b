"""JSON Schemas for the data files (issue 5): generated from the model, committed, and right.

Editors' YAML editors validate ``data/*.yaml`` against ``schemas/*.schema.json`` while they
type. These tests read the files the way that editor does (YAML 1.2: unquoted ``12:30`` and
``2021-01-28`` are text, ``12.30`` is a number) and check that the schemas accept the shipped
data, reject the common mistakes, explain every field in Danish, and match the model.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import ROOT, SCHEMA_DIR, errors
from jsonschema import Draft7Validator

from netvaerk.editing.schemas import SCHEMAS, render, write_schemas
from netvaerk.text.fields import walk

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"  # the venv running pytest
DATA_FILES = {"meetings.schema.json": "meetings.yaml", "members.schema.json": "members.yaml"}


# --- the committed files ------------------------------------------------------------------


@pytest.mark.parametrize("schema_file", sorted(SCHEMAS))
def test_the_committed_schema_matches_the_model(schema_file: str) -> None:
    committed = (SCHEMA_DIR / schema_file).read_text(encoding="utf-8")
    assert committed == render(SCHEMAS[schema_file]), (
        f"schemas/{schema_file} is out of date with hooks/netvaerk/model.py: run `make schemas`"
    )


def test_the_generator_writes_only_what_changed(tmp_path: Path) -> None:
    assert sorted(p.name for p in write_schemas(tmp_path)) == sorted(SCHEMAS)
    assert write_schemas(tmp_path) == []
    for name in SCHEMAS:
        assert (tmp_path / name).read_bytes() == (SCHEMA_DIR / name).read_bytes()


@pytest.mark.parametrize("schema_file", sorted(SCHEMAS))
def test_the_schema_is_a_valid_draft_07_schema(schema_file: str) -> None:
    """Draft-07: the newest dialect VS Code's YAML extension validates with."""
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)

    def lone_refs(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if "$ref" in node:
                yield node
            for value in node.values():
                yield from lone_refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from lone_refs(item)

    refs = list(lone_refs(schema))
    assert refs
    for ref in refs:  # draft-07 would ignore anything beside a $ref
        assert list(ref) == ["$ref"] and ref["$ref"].startswith("#/definitions/"), ref


_MODELS = {
    kind.__name__: kind
    for model in SCHEMAS.values()
    for kind in (model, *(f.nested for f in walk(model) if f.nested is not None))
}


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(f"(rod).{k}", v) for k, v in schema.get("properties", {}).items()]
    for name, definition in schema.get("definitions", {}).items():
        found += [(f"{name}.{k}", v) for k, v in definition.get("properties", {}).items()]
    return found


@pytest.mark.parametrize("schema_file", sorted(SCHEMAS))
def test_every_field_and_record_is_explained_in_danish(schema_file: str) -> None:
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    fields = _properties(schema)
    assert len(fields) > 5
    for where, prop in fields:
        description = prop.get("description", "")
        assert len(description) > 3, f"{where} has no description"
        # Not pydantic's English title ('End Date'): the model's Danish label, as in the form.
        record, name = where.split(".")
        model = SCHEMAS[schema_file] if record == "(rod)" else _MODELS[record]
        assert prop.get("title") == model.model_fields[name].title, where
    for name, definition in [("(rod)", schema), *schema["definitions"].items()]:
        assert definition.get("description"), f"{name} has no description"
        assert not re.search(r"\b(The|One|How|What|Where)\b", definition["description"]), name


# --- what the schemas accept ----------------------------------------------------------------


@pytest.mark.parametrize(("schema_file", "data_file"), sorted(DATA_FILES.items()))
def test_the_shipped_data_is_accepted(schema_file: str, data_file: str) -> None:
    text = (ROOT / "data" / data_file).read_text(encoding="utf-8")
    assert errors(schema_file, text) == []


@pytest.mark.parametrize(("schema_file", "data_file"), sorted(DATA_FILES.items()))
def test_each_data_file_names_its_schema_on_its_first_line(
    schema_file: str, data_file: str
) -> None:
    first = (ROOT / "data" / data_file).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schema_file}"
    assert (ROOT / "data" / first.split("=", 1)[1]).resolve() == SCHEMA_DIR / schema_file


def test_check_jsonschema_accepts_the_shipped_data() -> None:
    """The command-line check a developer can run by hand reads YAML like the editor does."""
    for schema_file, data_file in DATA_FILES.items():
        result = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA_DIR / schema_file), data_file],
            cwd=ROOT / "data",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr


MEETING = """
meetings:
  - id: 2021-01-28
    title: Lokal udvikling
    date: 2021-01-28
    start: 12:30
    end: 15:30
    online:
      platform: Teams
"""


@pytest.mark.parametrize(
    "change",
    [
        ("start: 12:30", "start: 12.30"),  # a number to YAML 1.2
        ("start: 12:30", "start: 9:00"),
        ("start: 12:30", 'start: "09.00"'),
        ("end: 15:30", "end: 15.30"),
        ("    online:\n      platform: Teams", "    venue:\n      name: Skive Rådhus"),
        ("title: Lokal udvikling", "title: Lokal udvikling\n    status: cancelled"),
        ("title: Lokal udvikling", "title: Lokal udvikling\n    end_date:"),
    ],
    ids=["12.30", "9:00", "quoted", "end 15.30", "venue", "cancelled", "empty optional"],
)
def test_what_editors_may_write_is_accepted(change: tuple[str, str]) -> None:
    assert errors("meetings.schema.json", MEETING.replace(*change)) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("title:", "titel:"), "Additional properties are not allowed ('titel' was unexpected)"),
        (("title:", "titel:"), "'title' is a required property"),
        (("start: 12:30", "start: 25:00"), "'25:00' is not valid under any of the given schemas"),
        (("end: 15:30", "end: 24.00"), "24.0 is not valid under any of the given schemas"),
        (("date: 2021-01-28", "date: 2021-02-30"), "'2021-02-30' is not a 'date'"),
        (("date: 2021-01-28", "date: 28-01-2021"), "'28-01-2021' is not a 'date'"),
        (("id: 2021-01-28", "id: Møde i Silkeborg"), "'Møde i Silkeborg' does not match"),
        (("platform: Teams", "platform: Teams\n      url: teams.dk"), "'teams.dk' does not match"),
        (("    online:\n      platform: Teams", ""), "is not valid under any of the given schemas"),
    ],
    ids=[
        "titel",
        "title missing",
        "25:00",
        "24.00",
        "2021-02-30",
        "28-01-2021",
        "id",
        "url",
        "place",
    ],
)
def test_common_mistakes_are_rejected_in_meetings(change: tuple[str, str], message: str) -> None:
    found = errors("meetings.schema.json", MEETING.replace(*change))
    assert any(m.startswith(message) or message in m for m in found), found


MEMBER = """
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
    contacts:
      - name: Anna Eksempel
        email: anna@example.dk
        phone: 12345678
        public: true
"""


def test_the_minimal_member_is_accepted() -> None:
    assert errors("members.schema.json", MEMBER) == []
    assert errors("members.schema.json", MEMBER.replace("Midtjylland", "Region Midtjylland")) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("name: Silkeborg", "navn: Silkeborg"), "('navn' was unexpected)"),
        (("region: Midtjylland", "region: Jylland"), "'Jylland' is not one of"),
        (("public: true", "public: ja"), "'ja' is not of type 'boolean'"),
        (("anna@example.dk", "anna(at)example.dk"), "'anna(at)example.dk' does not match"),
        (("id: silkeborg", "id: Silkeborg"), "'Silkeborg' does not match"),
    ],
    ids=["navn", "region", "public ja", "email", "id"],
)
def test_common_mistakes_are_rejected_in_members(change: tuple[str, str], message: str) -> None:
    found = errors("members.schema.json", MEMBER.replace(*change))
    assert any(message in m for m in found), found


# --- the editor set-up ------------------------------------------------------------------------


def test_vscode_maps_the_schemas_and_recommends_the_yaml_extension() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schemas/meetings.schema.json": "data/meetings.yaml",
        "./schemas/members.schema.json": "data/members.yaml",
    }
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
