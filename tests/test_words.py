"""The model is the one source of the words editors see (issue 21 item 2).

Every field an editor fills in has a Danish label and hint in ``model.py``, and a word changed
there (here with monkeypatch) is what the browser editor's form, the JSON Schema for VS Code,
the problems the editor's preview shows and ``make changes`` all say. The browser editor reads
the clock pattern from the page the generator writes, not from a copy of its own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from factories import ROOT, VALID_MEETINGS, VALID_MEMBERS, Project, meeting, one, site
from pydantic import BaseModel

from netvaerk.editing import cms
from netvaerk.editing.changes import Content, describe
from netvaerk.editing.schemas import schema_for
from netvaerk.editor_preview import preview
from netvaerk.model import (
    CLOCK_PATTERN,
    DATE_PATTERN,
    Choice,
    Kind,
    Meeting,
    MeetingsFile,
    Member,
    MembersFile,
    NewsFrontMatter,
    Status,
    Venue,
)
from netvaerk.text.fields import field_at, record_at, walk

TODAY = date(2026, 11, 30)
ROOTS = (MeetingsFile, MembersFile, NewsFrontMatter)


def _record(annotation: Any) -> type[BaseModel] | None:
    """The record inside a field's annotation (alone, optional or in a list), read here
    without the program's walker."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _record(arg)
        if found is not None:
            return found
    return None


def _editable(model: type[BaseModel]) -> Iterator[tuple[str, str, Any]]:
    """(record, field, FieldInfo) of every field an editor fills in below ``model``."""
    for name, info in model.model_fields.items():
        if (model.__name__, name) in cms.HIDDEN_FIELDS:
            continue
        yield model.__name__, name, info
        inner = _record(info.annotation)
        if inner is not None:
            yield from _editable(inner)


def test_every_editable_field_has_a_danish_label_and_hint_in_the_model() -> None:
    seen = {(record, name): info for root in ROOTS for record, name, info in _editable(root)}
    assert len(seen) > 50  # every record of both data files and a news item's front matter
    for (record, name), info in seen.items():
        assert info.title and info.title != name, f"{record}.{name} has no Danish label"
        assert info.title[0].isupper(), f"{record}.{name}: »{info.title}«"
        assert info.description and len(info.description) > 3, f"{record}.{name} has no hint"


def test_every_record_and_choice_list_has_its_danish_words_in_the_model() -> None:
    records = set(ROOTS)
    for root in ROOTS:
        records |= {r for _, _, info in _editable(root) if (r := _record(info.annotation))}
    assert len(records) == 14  # both files' records and a news item's front matter
    for kind in (*records, Status, Kind):
        assert kind.words.title and kind.words.description, kind.__name__
    # Lists of records: the form's button under each says what it adds (»Tilføj møde«).
    for listed in ("Meeting", "ProgrammeItem", "Material", "Organiser", "Member", "Contact"):
        (record,) = [r for r in records if r.__name__ == listed]
        assert record.words.singular, f"{listed}: no word for »Tilføj …«"
    for choices in (Status, Kind):
        assert set(choices.choices) == {member.value for member in choices}
        assert all(choice.label for choice in choices.choices.values())


def test_the_walker_gives_each_fields_path_type_facts_and_words() -> None:
    found = {f.path: f for f in walk(MeetingsFile)}
    independent = {name for _record_name, name, _info in _editable(MeetingsFile)}
    assert {path[-1] for path in found} == independent
    meetings, host = found[("meetings",)], found[("meetings", "venue", "host")]
    assert meetings.many and meetings.nested is Meeting and not meetings.required
    assert host.record is Venue and host.nested is None and not host.required
    assert host.label == "Værtskommune" and host.slips == ("vært",)
    assert host.form_hint(examples=False) == "Den medlemskommune, der er vært for mødet."
    assert host.examples == ("silkeborg",) and host.hint.endswith(", fx »silkeborg«.")
    assert found[("meetings", "date")].is_date and found[("meetings", "date")].required
    assert found[("meetings", "start")].is_clock and not found[("meetings", "start")].is_date
    assert found[("meetings", "programme", "kind")].choices is Kind
    speakers = found[("meetings", "programme", "speakers")]
    assert speakers.many and speakers.nested is None and speakers.choices is None
    paths = list(found)  # each group before its own fields
    assert paths.index(("meetings", "venue")) < paths.index(("meetings", "venue", "name"))
    assert field_at(MeetingsFile, ("meetings", 3, "venue", "host")) == host
    assert field_at(MeetingsFile, ("meetings", 0, "nowhere")) is None
    assert record_at(MeetingsFile, ("meetings", 0, "venue")) is Venue
    assert record_at(MeetingsFile, ()) is MeetingsFile


def _form_field(config: dict[str, Any], path: list[str]) -> dict[str, Any]:
    (collection,) = [c for c in config["collections"] if c["name"] == "moeder"]
    fields = collection["files"][0]["fields"]
    for name in path:
        (field,) = [f for f in fields if f["name"] == name]
        fields = field.get("fields", [])
    return field


def test_a_label_changed_in_the_model_is_the_forms_the_schemas_the_previews_and_make_changes(
    monkeypatch: pytest.MonkeyPatch, project: Project
) -> None:
    word = "Ordet i modellen"
    monkeypatch.setattr(Meeting.model_fields["summary"], "title", word)

    config = cms.cms_config(cms.Backend("test-repo"))
    assert _form_field(config, ["meetings", "summary"])["label"] == word

    schema = schema_for(MeetingsFile)
    assert schema["definitions"]["Meeting"]["properties"]["summary"]["title"] == word

    text = (project.root / "data" / "meetings.yaml").read_text(encoding="utf-8")
    text = text.replace("    title: ", "    summary: |\n      to\n      linjer\n    title: ", 1)
    answer = preview(project.root, "data/meetings.yaml", text)
    labels = {p["label"] for p in answer["problems"]}
    assert answer["ok"] is False and labels == {word}

    old = Content(site(meeting(summary="Før")))
    new = Content(site(meeting(summary="Efter")))
    out = "\n".join(describe(old, new, TODAY))
    assert f"- **Også ændret i** »Tema«: {word.lower()}." in out


def test_a_choice_word_changed_in_the_model_is_the_forms_the_schemas_and_make_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(Status.choices, "cancelled", Choice("Droppet", slips=("aflyst",)))

    config = cms.cms_config(cms.Backend("test-repo"))
    options = _form_field(config, ["meetings", "status"])["options"]
    assert {"label": "Droppet", "value": "cancelled"} in options

    schema = schema_for(MeetingsFile)
    assert "cancelled (droppet)" in schema["definitions"]["Status"]["description"]

    old = Content(site(meeting()))
    new = Content(site(meeting(status="cancelled")))
    assert "droppet" in "\n".join(describe(old, new, TODAY))


def test_a_slip_named_in_the_model_is_what_the_check_suggests(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    extra = Meeting.model_fields["summary"].json_schema_extra
    assert isinstance(extra, dict)
    monkeypatch.setitem(extra, "slips", ["kortform"])
    written = VALID_MEETINGS.replace("    date:", "    kortform: Et resumé\n    date:")
    problem = one(tmp_path, meetings=written)
    assert "mente du »summary«?" in problem.message


# --- the clock pattern in the browser editor ----------------------------------------------


def test_the_browser_editor_reads_the_models_clock_pattern_from_the_page() -> None:
    page = cms.admin_page("Netværket")
    found = re.search(r'id="netvaerk-field-order">(.*?)</script>', page)
    assert found is not None
    order = json.loads(found.group(1))
    assert order["clock"] == CLOCK_PATTERN and order["date"] == DATE_PATTERN
    assert re.fullmatch(order["date"], "2027-03-04") and not re.fullmatch(order["date"], "4/3")
    script = (ROOT / "admin" / "netvaerk-yaml.js").read_text(encoding="utf-8")
    assert "order.clock" in script
    assert not re.search(r"/\^?\\d\{1,2\}\[", script), "a copy of the clock pattern in JS"


def test_a_clock_pattern_changed_in_the_model_changes_what_the_editor_keeps_as_text(
    tmp_path: Path,
) -> None:
    """12.30 unquoted is a number to YAML; the format keeps it as text only if the model's
    pattern says it is a clock time (here also a pattern that takes no time at all)."""
    shutil.copy(ROOT / "admin" / "netvaerk-yaml.js", tmp_path / "netvaerk-yaml.js")
    shutil.copytree(
        ROOT / "admin" / "node_modules" / "yaml" / "browser" / "dist", tmp_path / "yaml"
    )
    (tmp_path / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (tmp_path / "driver.js").write_text(
        'import { createFormat } from "./netvaerk-yaml.js";\n'
        "const format = createFormat(JSON.parse(process.argv[2]));\n"
        'process.stdout.write(JSON.stringify(format.fromFile("start: 12.30\\n").start));\n',
        encoding="utf-8",
    )
    order = cms.field_order(MeetingsFile, MembersFile)

    def start(clock: str) -> Any:
        done = subprocess.run(
            ["node", "driver.js", json.dumps({**order, "clock": clock})],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return json.loads(done.stdout)

    assert start(CLOCK_PATTERN) == "12.30"
    assert start("x^") == 12.3


# --- examples: metadata of the field, shown by the form, the schema and the messages -----

_FORMS = {MeetingsFile: "moeder", MembersFile: "medlemmer", NewsFrontMatter: "nyheder"}


def _widget(config: dict[str, Any], root: type[BaseModel], path: list[str]) -> dict[str, Any]:
    """The form widget of ``root``'s field at ``path`` in the browser editor's config."""
    (collection,) = [c for c in config["collections"] if c["name"] == _FORMS[root]]
    fields = collection["files"][0]["fields"] if "files" in collection else collection["fields"]
    for name in path:
        (field,) = [f for f in fields if f["name"] == name]
        fields = field.get("fields", [])
    return field


def _schema_property(root: type[BaseModel], record: str, name: str) -> dict[str, Any]:
    schema = schema_for(root)
    definition = schema if record == root.__name__ else schema["definitions"][record]
    prop: dict[str, Any] = definition["properties"][name]
    return prop


def _examples(root: type[BaseModel]) -> Iterator[tuple[list[str], str, Any, list[Any]]]:
    """(path, record, field, examples) of every form field with an example below ``root``,
    read from pydantic's FieldInfo without the program's walker."""

    def below(model: type[BaseModel], path: list[str]) -> Iterator[Any]:
        for record, name, info in _editable(model):
            if record != model.__name__:
                continue
            if info.examples:
                yield [*path, name], record, info, list(info.examples)
            inner = _record(info.annotation)
            if inner is not None:
                yield from below(inner, [*path, name])

    yield from below(root, [])


def _chosen(widget: dict[str, Any]) -> bool:
    """A form where the editor picks the value (a list of choices, a date picker)."""
    return widget["widget"] == "select" or bool(widget.get("date_format"))


def test_every_example_in_the_model_is_in_the_form_hint_and_the_schema() -> None:
    config = cms.cms_config(cms.Backend("test-repo"))
    seen = 0
    for root in ROOTS:
        for path, record, info, examples in _examples(root):
            seen += 1
            name = path[-1]
            assert "fx " not in (info.description or ""), f"{record}.{name}: example in the text"
            prop = _schema_property(root, record, name)
            assert prop["examples"] == examples, f"{record}.{name}"
            shown = " eller ".join(f"»{e}«" if isinstance(e, str) else f"{e}" for e in examples)
            assert prop["description"].endswith(f", fx {shown}."), prop["description"]
            widget = _widget(config, root, path)
            if _chosen(widget):
                assert "fx " not in widget.get("hint", ""), f"{record}.{name}: {widget}"
            else:
                assert widget["hint"].endswith(f", fx {shown}."), f"{record}.{name}: {widget}"
    assert seen >= 15  # places, meeting theme, date and times, ids, names, region, code


def test_an_example_changed_in_the_model_is_the_forms_the_schemas_and_the_checks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(Venue.model_fields["name"], "examples", ["Byens Hus"])
    monkeypatch.setattr(Meeting.model_fields["date"], "examples", ["2030-05-06"])
    monkeypatch.setattr(Member.model_fields["id"], "examples", ["skive"])

    config = cms.cms_config(cms.Backend("test-repo"))
    assert _widget(config, MeetingsFile, ["meetings", "venue", "name"])["hint"] == (
        "Stedets navn, fx »Byens Hus«."
    )
    member_id = _widget(config, MembersFile, ["members", "id"])
    assert member_id["hint"] == "Kort navn i små bogstaver; bruges i sidens adresse, fx »skive«."

    assert _schema_property(MeetingsFile, "Venue", "name")["examples"] == ["Byens Hus"]
    date_property = _schema_property(MeetingsFile, "Meeting", "date")
    assert date_property["description"] == "Mødets (første) dag, ÅÅÅÅ-MM-DD, fx »2030-05-06«."

    wrong_date = VALID_MEETINGS.replace("date: 2021-01-28", "date: 28/1 2021", 1)
    assert wrong_date != VALID_MEETINGS
    (tmp_path / "dato").mkdir()
    assert "fx 2030-05-06" in one(tmp_path / "dato", meetings=wrong_date).message
    wrong_id = VALID_MEETINGS.replace("date: 2021-01-28", "date: 2021-01-28\n    id: Æble", 1)
    (tmp_path / "id").mkdir()
    message = one(tmp_path / "id", meetings=wrong_id).message
    assert "fx 2030-05-06 eller skive" in message
    assert member_id["pattern"][1].endswith("fx skive.")  # the form's message for an id
    reserved = VALID_MEMBERS.replace("id: silkeborg", "id: index", 1)
    assert reserved != VALID_MEMBERS
    (tmp_path / "reserveret").mkdir()
    assert one(tmp_path / "reserveret", members=reserved).message.endswith("fx skive")
