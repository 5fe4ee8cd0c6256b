"""From a check's field path to the form's field (admin/netvaerk-fields.js), run by Node.

``make check`` and the browser's rule book name a field as the written file counts it
(``meetings[4].end``); the form counts its own list (a new meeting is its last, the file puts
it by date; an empty item is left out of the file). ``formKeyPath`` gives Sveltia's key path
(``meetings.9.end``) of the same record. The browser test (test_cms_fields_browser.py) shows
the marks; these cover the mapping case by case, and the mark's colour.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from factories import ROOT

DRIVER = """
import { formKeyPath } from "./netvaerk-fields.js";
import { prune } from "./netvaerk-yaml.js";
const cases = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(cases.map(([field, written, form]) =>
  formKeyPath(field, written, form, prune))));
"""


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("netvaerk-fields")
    for name in ("netvaerk-fields.js", "netvaerk-yaml.js"):
        shutil.copy(ROOT / "admin" / name, root / name)
    # netvaerk-yaml.js imports the yaml package from admin/yaml/ as the site serves it.
    shutil.copytree(ROOT / "admin" / "node_modules" / "yaml" / "browser" / "dist", root / "yaml")
    (root / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (root / "driver.js").write_text(DRIVER, encoding="utf-8")
    return root


def _key_paths(runner: Path, *cases: tuple[str, Any, Any]) -> list[str | None]:
    result = subprocess.run(
        ["node", "driver.js", json.dumps(cases)],
        cwd=runner,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return list(json.loads(result.stdout))


OLD = {"title": "Gammel", "date": "2027-01-28", "start": "10:00", "end": "15:00"}
LATER = {"title": "Senere", "date": "2027-05-27", "start": "10:00", "end": "15:00"}
NEW = {"title": "Ny", "date": "2027-03-11", "start": "15:00", "end": "10:00"}


def test_a_new_meeting_written_by_its_date_is_found_at_the_end_of_the_form(
    runner: Path,
) -> None:
    written = {"meetings": [OLD, NEW, LATER]}
    form = {"meetings": [OLD, LATER, {**NEW, "online": {}}]}  # an untouched optional group
    assert _key_paths(
        runner,
        ("meetings[1].end", written, form),
        ("meetings[2].title", written, form),
        ("meetings[0].start", written, form),
    ) == ["meetings.2.end", "meetings.1.title", "meetings.0.start"]


def test_an_empty_item_left_out_of_the_file_does_not_shift_the_field(runner: Path) -> None:
    lunch = {"start": "12:00", "end": "12:45", "title": "Frokost", "kind": "meal"}
    talk = {"start": "11:00", "end": "12:00", "title": "Oplæg"}
    meeting = {**OLD, "programme": [lunch, talk]}
    form = {"meetings": [{**OLD, "programme": [{"title": ""}, lunch, talk]}]}
    assert _key_paths(
        runner, ("meetings[0].programme[1].start", {"meetings": [meeting]}, form)
    ) == ["meetings.0.programme.2.start"]


def test_records_compare_by_content_not_by_key_order_or_number_type(runner: Path) -> None:
    written = {"members": [{"id": "a", "code": 740}, {"id": "b", "code": 779}]}
    form = {"members": [{"code": "779", "id": "b"}, {"code": 740, "id": "a"}]}
    assert _key_paths(runner, ("members[0].code", written, form)) == ["members.1.code"]


def test_a_record_found_twice_or_nowhere_keeps_its_number(runner: Path) -> None:
    twice = {"meetings": [OLD, OLD]}
    changed = {"meetings": [OLD, {**LATER, "title": "Rettet"}]}
    assert _key_paths(
        runner,
        ("meetings[1].date", twice, twice),
        ("meetings[1].title", {"meetings": [OLD, LATER]}, changed),
        ("meetings[1].title", None, changed),  # the written text could not be read
    ) == ["meetings.1.date", "meetings.1.title", "meetings.1.title"]


@pytest.mark.parametrize("field", ["", "(fil)", "meetings[x]", None])
def test_a_problem_about_the_whole_file_has_no_field(runner: Path, field: str | None) -> None:
    assert _key_paths(runner, (field, {"meetings": []}, {"meetings": []})) == [None]  # type: ignore[arg-type]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_mark_and_its_message_meet_wcag_aa_on_the_forms_white() -> None:
    """The outline (non-text, 1.4.11: 3:1) and the message in the same red (text, 1.4.3: 4.5:1)."""
    source = (ROOT / "admin" / "netvaerk-fields.js").read_text(encoding="utf-8")
    found = re.search(r'const RED = "(#[0-9a-fA-F]{6})"', source)
    assert found
    ratio = (1.0 + 0.05) / (_luminance(found[1]) + 0.05)
    assert ratio >= 4.5, ratio
