"""JSON Schemas for the two data files, generated from the pydantic models.

Editors' YAML editors (VS Code with the YAML extension) read ``schemas/*.schema.json`` to
complete keys, show the Danish description of a field on hover and underline mistakes while
typing. The schemas are committed; ``python -m netvaerk.editing.schemas`` rewrites them after a
model change, and a test fails when the committed files drift from the models.

The schema describes what an editor may *write*, as the editor's YAML 1.2 reader sees it
(unquoted ``12:30`` and ``2021-01-28`` are strings there): the types' schemas are set next to
their validators in ``model.py``; this module adds the Danish titles of the records and the
rules a JSON Schema can express. The Danish words (each record's and choice list's title and
description, each field's label as its ``title`` and its description) are the model's, read
through the model walker (``text/fields.py``). ``make check`` stays the authority on everything
else.

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
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from netvaerk.model import FORM_HINT, SLIPS, MeetingsFile, MembersFile
from netvaerk.text.fields import choices_text, fields, walk, words_of

DIALECT = "http://json-schema.org/draft-07/schema#"
REF_TEMPLATE = "#/definitions/{model}"
SCHEMAS: dict[str, type[BaseModel]] = {
    "meetings.schema.json": MeetingsFile,
    "members.schema.json": MembersFile,
}


class _EditorSchema(GenerateJsonSchema):
    """Pydantic's generator without English field titles ('End Date'): each field gets the
    model's Danish label instead (``_danish``)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _named(model: type[BaseModel]) -> dict[str, type[BaseModel] | type[StrEnum]]:
    """The records and choice lists in ``model``'s schema, by their definitions' names."""
    found: dict[str, type[BaseModel] | type[StrEnum]] = {model.__name__: model}
    for facts in walk(model):
        for kind in (facts.nested, facts.choices):
            if kind is not None:
                found[kind.__name__] = kind
    return found


def _danish(definition: dict[str, Any], kind: type[BaseModel] | type[StrEnum]) -> None:
    """The model's Danish words in one definition: its title and description, and each
    field's label and description (the form's own words stay out of the schema)."""
    words = words_of(kind)
    definition["title"] = words.title
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        definition["description"] = f"{words.description}: {choices_text(kind)}."
        return
    definition["description"] = words.description
    properties = definition.get("properties", {})
    for facts in fields(kind):
        prop = properties[facts.name]
        for key in (FORM_HINT, SLIPS, "title"):
            prop.pop(key, None)
        if facts.label:
            prop["title"] = facts.label
        prop["description"] = facts.description
        if facts.examples:  # the model's now (pydantic's copy is made once, with the class)
            prop["examples"] = list(facts.examples)


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
    named = _named(model)
    _danish(body, model)
    for name, definition in definitions.items():
        _danish(definition, named[name])
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
