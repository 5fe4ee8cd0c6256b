"""JSON Schemas for the two data files, generated from the pydantic models.

Editors' YAML editors (VS Code with the YAML extension) read ``schemas/*.schema.json`` to
complete keys, show the Danish description of a field on hover and underline mistakes while
typing. The schemas are committed; ``python -m netvaerk.editing.schemas`` rewrites them after a
model change, and a test fails when the committed files drift from the models.

The schema describes what an editor may *write*, as the editor's YAML 1.2 reader sees it
(unquoted ``12:30`` and ``2021-01-28`` are strings there): the types' schemas are set next to
their validators in ``model.py``; this module adds the Danish titles of the records and the
rules a JSON Schema can express. ``make check`` stays the authority on everything else.

The dialect is draft-07, the newest one the YAML extension of VS Code (yaml-language-server)
validates with: definitions live under ``definitions``, and a ``$ref`` never has sibling
keywords (draft-07 ignores them), so a referenced record's description sits beside an
``allOf``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from netvaerk.model import MeetingsFile, MembersFile

DIALECT = "http://json-schema.org/draft-07/schema#"
REF_TEMPLATE = "#/definitions/{model}"
GUIDE = "Se VEJLEDNING.md i repositoriet."

# Danish title and description of each record (the models' docstrings are for developers).
RECORDS: dict[str, tuple[str, str]] = {
    "MeetingsFile": (
        "Netværkets møder",
        f"data/meetings.yaml: én liste »meetings« med et punkt pr. møde. {GUIDE}",
    ),
    "MembersFile": (
        "Medlemmer og facilitatorer",
        "data/members.yaml: »network« (netværkets e-mail), »organisers« (KL og LDF) og "
        f"»members« (kommunerne). {GUIDE}",
    ),
    "Meeting": (
        "Møde",
        "Ét netværksmøde. Skal have »venue« (fysisk sted), »online« eller begge (hybrid).",
    ),
    "Venue": ("Sted", "Hvor et fysisk møde holdes."),
    "Online": ("Online", "Hvordan man deltager online."),
    "Registration": ("Tilmelding", "Hvordan og hvornår man tilmelder sig."),
    "Announcement": ("Invitation", "Invitationen, der udkommer som nyhed på sin dato."),
    "ProgrammeItem": ("Programpunkt", "Ét punkt i programmet."),
    "Material": ("Materiale", "Slides, referat eller andet materiale efter mødet."),
    "Status": ("Status", "planned (holdes), cancelled (aflyst) eller postponed (udskudt)."),
    "Kind": ("Slags", "session (oplæg/drøftelse), break (pause) eller meal (måltid)."),
    "Network": (
        "Netværket",
        "Netværkets fælles kontakt: kalenderens arrangør, forsiden og tilgængelighedserklæringen.",
    ),
    "Organiser": ("Facilitator", "KL eller Landdistrikternes Fællesråd."),
    "Member": ("Medlemskommune", "En kommune i netværket."),
    "Contact": (
        "Kontaktperson",
        "Vises kun på siden med public: true (personen har givet samtykke).",
    ),
}

SCHEMAS: dict[str, type[BaseModel]] = {
    "meetings.schema.json": MeetingsFile,
    "members.schema.json": MembersFile,
}


class _EditorSchema(GenerateJsonSchema):
    """Pydantic's generator without English field titles ('End Date'): hover shows the
    Danish description instead."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _danish(definition: dict[str, Any], name: str) -> None:
    title, description = RECORDS[name]
    definition["title"] = title
    definition["description"] = description


def _lone_refs(node: Any) -> Any:
    """Draft-07 ignores the keywords beside a ``$ref``: move the ``$ref`` into an ``allOf``."""
    if isinstance(node, list):
        return [_lone_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _lone_refs(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        node["allOf"] = [{"$ref": node.pop("$ref")}]
    return node


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one data file's model, ready to write."""
    body = model.model_json_schema(schema_generator=_EditorSchema, ref_template=REF_TEMPLATE)
    definitions = body.pop("$defs", {})
    _danish(body, model.__name__)
    for name, definition in definitions.items():
        _danish(definition, name)
    meeting = definitions.get("Meeting")
    if meeting is not None:
        # The model's own rule (netvaerk.model.Meeting._has_place), stated for the editor.
        meeting["anyOf"] = [{"required": ["venue"]}, {"required": ["online"]}]
    result: dict[str, Any] = _lone_refs({"$schema": DIALECT, **body, "definitions": definitions})
    return result


def render(model: type[BaseModel]) -> str:
    """The schema as the committed file's text."""
    return json.dumps(schema_for(model), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir``; return the files that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for filename, model in SCHEMAS.items():
        path = out_dir / filename
        text = render(model)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.editing.schemas",
        description="Skriv JSON Schemas for datafilerne ud fra modellen.",
    )
    parser.add_argument("out_dir", nargs="?", default="schemas", type=Path)
    args = parser.parse_args(argv)
    for path in write_schemas(args.out_dir):
        print(f"skrev {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
