"""The editor's YAML format (admin/netvaerk-yaml.js) run by Node on the real data files.

What the CMS hands the format on a save is the form's values as plain data; these tests give
it such data directly (the browser test drives the forms themselves) and read the result with
the project's own loader.
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import ROOT

from netvaerk.check import collect_problems
from netvaerk.content.yamlsource import read_yaml
from netvaerk.editing.cms import field_order
from netvaerk.model import MeetingsFile, MembersFile

ADMIN = ROOT / "admin"
YAML_DIST = ADMIN / "node_modules" / "yaml" / "browser" / "dist"

# Reads a file, applies a JavaScript change to the data it gives the form, writes it back.
DRIVER = """
import { readFileSync } from "node:fs";
import { createFormat } from "./netvaerk-yaml.js";
const [path, orderPath, change] = process.argv.slice(2);
const format = createFormat(JSON.parse(readFileSync(orderPath, "utf8")));
const data = format.fromFile(readFileSync(path, "utf8"));
const edit = new Function("data", change);
edit(data);
process.stdout.write(JSON.stringify({ form: data, text: format.toFile(data) }));
"""


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not YAML_DIST.is_dir():
        pytest.fail("admin/node_modules is missing: run `npm ci --prefix admin` (make does)")
    root = tmp_path_factory.mktemp("netvaerk-yaml")
    shutil.copy(ADMIN / "netvaerk-yaml.js", root / "netvaerk-yaml.js")
    shutil.copytree(YAML_DIST, root / "yaml")  # where the site serves it: /admin/yaml/
    (root / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (root / "driver.js").write_text(DRIVER, encoding="utf-8")
    order = field_order(MeetingsFile, MembersFile)
    (root / "order.json").write_text(json.dumps(order), encoding="utf-8")
    return root


def _save(runner: Path, path: Path, change: str = "") -> tuple[Any, str]:
    result = subprocess.run(
        ["node", "driver.js", str(path), "order.json", change],
        cwd=runner,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    out = json.loads(result.stdout)
    return out["form"], out["text"]


@pytest.mark.parametrize("name", ["meetings.yaml", "members.yaml"])
def test_saving_unchanged_data_keeps_the_file_byte_for_byte(runner: Path, name: str) -> None:
    path = ROOT / "data" / name
    _form, text = _save(runner, path)
    assert text == path.read_text(encoding="utf-8")


def test_the_form_gets_times_and_dates_as_text(runner: Path, tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_text(
        "meetings:\n  - title: Møde\n    date: 2027-03-04\n    start: 9.30\n    end: 12:30\n"
        "    online:\n      platform: Teams\n",
        encoding="utf-8",
    )
    form, text = _save(runner, path)
    meeting = form["meetings"][0]
    assert (meeting["date"], meeting["start"], meeting["end"]) == ("2027-03-04", "9.30", "12:30")
    assert "start: 9.30\n" in text  # unchanged, so written as the editor wrote it


def test_a_new_contact_gets_the_models_key_order_and_only_that_changes(
    runner: Path, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "members.yaml"
    path.parent.mkdir()
    original = (ROOT / "data" / "members.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    shutil.copy(ROOT / "data" / "meetings.yaml", path.parent / "meetings.yaml")
    change = """
      const skive = data.members.find((m) => m.id === "skive");
      skive.contacts.push({public: true, email: "cecilie@skive.dk", name: "Cecilie Prøve",
                           role: "", phone: "yes"});
      skive.url = "https://www.skive.dk/landdistrikter";
    """
    _form, text = _save(runner, path, change)
    path.write_text(text, encoding="utf-8")
    before, after = original.splitlines(), text.splitlines()
    diff = list(difflib.ndiff(before, after))
    added = [line[2:] for line in diff if line.startswith("+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert removed == ["    url: https://www.skive.dk"]
    assert added == [
        "    url: https://www.skive.dk/landdistrikter",
        "      - name: Cecilie Prøve",  # the model's order; the empty role is left out
        "        email: cecilie@skive.dk",
        '        phone: "yes"',  # PyYAML would read a bare yes as true
        "        public: true",
    ]
    assert original.splitlines()[:5] == after[:5]  # the comments at the top stay
    doc, problems = read_yaml(path, "data/members.yaml")
    assert doc is not None and problems == []
    skive = next(m for m in doc.data["members"] if m["id"] == "skive")
    assert skive["contacts"][-1]["phone"] == "yes"
    assert collect_problems(tmp_path) == []


def test_a_multi_line_text_is_a_literal_block(runner: Path, tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    shutil.copy(ROOT / "data" / "meetings.yaml", path)
    change = 'data.meetings[0].summary = "Første linje.\\nAnden linje: med kolon."'
    _form, text = _save(runner, path, change)
    assert "    summary: |-\n      Første linje.\n      Anden linje: med kolon.\n" in text


# Texts that PyYAML (YAML 1.1) or YAML 1.2 would read as something else than text when
# written plain, and the line breaks that YAML readers fold (issue 17).
TRICKY_TEXTS = [
    "0b101",
    "1_000",
    "2027-01-28",
    "1:20",
    "yes",
    "1e3",
    "0o17",
    "0x1f",
    "0777",
    "~",
    "Første\u2028anden",
    "Første\u0085anden",
    "Afsnit\u2029to",
    "Linje\nlinje\u2028med skift",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_text_that_looks_like_another_type_is_written_so_pyyaml_reads_the_text(
    runner: Path, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "data" / "meetings.yaml"
    path.parent.mkdir()
    shutil.copy(ROOT / "data" / "meetings.yaml", path)
    shutil.copy(ROOT / "data" / "members.yaml", path.parent / "members.yaml")
    # A title is one line (make check refuses breaks there): break-holding texts go in the
    # description, which may hold several lines.
    field = "title" if text.isprintable() else "description"
    change = f"data.meetings[0].{field} = {json.dumps(text)};"
    _form, text_out = _save(runner, path, change)
    path.write_text(text_out, encoding="utf-8")
    doc, _problems = read_yaml(path, "data/meetings.yaml")
    assert doc is not None
    first = doc.data["meetings"][0]
    assert first[field] == text
    problems_found = collect_problems(tmp_path)
    if "\x85" in text:  # kept, so make check can refuse it by name (an invisible character)
        assert [p.field for p in problems_found] == [f"meetings[0].{field}"]
        assert "U+0085" in problems_found[0].message
    else:
        assert problems_found == []


def test_dates_and_times_from_their_fields_stay_plain(runner: Path, tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    shutil.copy(ROOT / "data" / "meetings.yaml", path)
    change = """data.meetings.push({title: "2027-12-01", date: "2027-12-01", start: "10:00",
      end: "12:00", online: {platform: "Teams"}, registration: {deadline: "2027-11-20"}});"""
    _form, text = _save(runner, path, change)
    added = text[text.rindex("  - title:") :]
    assert added == (
        '  - title: "2027-12-01"\n    date: 2027-12-01\n    start: 10:00\n    end: 12:00\n'
        "    online:\n      platform: Teams\n    registration:\n      deadline: 2027-11-20\n"
    )


def test_a_literal_block_handed_back_without_its_final_newline_is_unchanged(
    runner: Path, tmp_path: Path
) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_text(
        "meetings:\n  - title: Møde\n    date: 2027-03-04\n    description: |\n"
        "      Første linje.\n      Anden linje.\n    online:\n      platform: Teams\n",
        encoding="utf-8",
    )
    change = "data.meetings[0].description = data.meetings[0].description.replace(/\\n$/, '');"
    _form, text = _save(runner, path, change)
    assert text == path.read_text(encoding="utf-8")


def test_a_single_speaker_written_as_text_stays_text(runner: Path, tmp_path: Path) -> None:
    """The form holds `speakers: Claus Leick` as a list of one; unchanged, the line stays."""
    path = tmp_path / "meetings.yaml"
    shutil.copy(ROOT / "data" / "meetings.yaml", path)
    form, text = _save(runner, path)
    speakers = [i.get("speakers") for m in form["meetings"] for i in m.get("programme", [])]
    assert "Claus Leick" in speakers or ["Claus Leick"] in speakers
    change = (
        "data.meetings[0].programme.forEach((item) => {"
        " if (item.speakers === 'Claus Leick') item.speakers = ['Claus Leick']; });"
    )
    _form, text = _save(runner, path, change)
    assert text == path.read_text(encoding="utf-8")
    assert "        speakers: Claus Leick\n" in text


def test_a_new_meeting_lands_among_the_meetings_by_its_date(runner: Path, tmp_path: Path) -> None:
    """The form adds it at the end; the file gets it in its place, and only that changes."""
    path = tmp_path / "meetings.yaml"
    original = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    change = """
      data.meetings.push({title: "Forår i landsbyerne", date: "2027-03-11", start: "10:00",
                          end: "15:00", online: {platform: "Teams"}});
    """
    _form, text = _save(runner, path, change)
    diff = list(difflib.ndiff(original.splitlines(), text.splitlines()))
    assert [line for line in diff if line.startswith("- ")] == []
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert added == [
        "  - title: Forår i landsbyerne",
        "    date: 2027-03-11",
        "    start: 10:00",
        "    end: 15:00",
        "    online:",
        "      platform: Teams",
        "",
    ]
    dates = [str(m["date"]) for m in yaml.safe_load(text)["meetings"]]
    assert dates == sorted(dates) and "2027-03-11" in dates


def test_a_new_meeting_before_all_others_goes_first(runner: Path, tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_text(
        "meetings:\n  - title: B\n    date: 2027-05-01\n    online:\n      platform: Teams\n"
        "\n  - title: C\n    date: 2027-09-01\n    online:\n      platform: Teams\n",
        encoding="utf-8",
    )
    change = 'data.meetings.push({title: "A", date: "2027-01-01", online: {platform: "Teams"}});'
    _form, text = _save(runner, path, change)
    assert text == (
        "meetings:\n  - title: A\n    date: 2027-01-01\n    online:\n      platform: Teams\n"
        "\n  - title: B\n    date: 2027-05-01\n    online:\n      platform: Teams\n"
        "\n  - title: C\n    date: 2027-09-01\n    online:\n      platform: Teams\n"
    )
