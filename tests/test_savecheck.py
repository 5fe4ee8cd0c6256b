"""The browser editor's check before saving (editing/savecheck.py) is make check's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import CORPUS, CORPUS_FILES, ROOT, Project, minimal_project, place

from netvaerk.check import collect_problems
from netvaerk.editing.savecheck import NotEditable, problems_if_saved, verdict

NEW_MEETING = """
  - title: Forkert tid
    date: 2027-11-18
    start: 15:00
    end: 10:00
    online:
      platform: Teams
"""


def test_the_shipped_file_passes(project: Project) -> None:
    text = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8")
    assert problems_if_saved(project.root, "data/meetings.yaml", text, collect_problems) == []


def test_an_end_before_the_start_is_refused_in_danish_and_nothing_is_written(
    project: Project,
) -> None:
    path = project.root / "data" / "meetings.yaml"
    original = path.read_text(encoding="utf-8")
    problems = problems_if_saved(
        project.root, "data/meetings.yaml", original + NEW_MEETING, collect_problems
    )
    assert [(p.file, p.field) for p in problems] == [("data/meetings.yaml", "meetings[9].end")]
    answer = verdict(problems)
    assert answer["ok"] is False
    assert answer["problems"][0]["message"] == "sluttiden 10.00 skal ligge efter starttiden 15.00"
    assert answer["problems"][0]["subject"] == "mødet »Forkert tid« (18. november 2027)"
    assert answer["problems"][0]["label"] == "Sluttid"  # the form's word for `end`
    assert answer["summary"].startswith("Datafilerne indeholder 1 fejl – der kan ikke gemmes:")
    assert path.read_text(encoding="utf-8") == original


@pytest.mark.parametrize(
    "path", ["../etc/passwd", "data/../../x.yaml", "mkdocs.yml", "docs/nyheder/a/b.md", "data/x"]
)
def test_only_the_editors_files_are_accepted(project: Project, path: str) -> None:
    with pytest.raises(NotEditable):
        problems_if_saved(project.root, path, "", collect_problems)


def test_a_news_item_is_checked_in_its_folder(project: Project) -> None:
    text = "---\ntitle: Nyhed\ndate: 2027-02-30\n---\n\nTekst.\n"
    problems = problems_if_saved(
        project.root, "docs/nyheder/2027-02-30-nyhed.md", text, collect_problems
    )
    assert problems and all(p.file.startswith("docs/nyheder/") for p in problems)
    assert not (project.root / "docs" / "nyheder" / "2027-02-30-nyhed.md").exists()


EDITABLE_CORPUS = [
    name for name in CORPUS_FILES if name.endswith((".meetings.yaml", ".members.yaml", ".nyhed.md"))
]


@pytest.mark.parametrize("name", EDITABLE_CORPUS)
def test_the_editor_gets_make_checks_verdict_on_every_corpus_case(
    tmp_path: Path, name: str
) -> None:
    """Every broken file of the check corpus, once saved in place (make check) and once sent
    by the editor before saving: the same problems, word for word."""
    saved = minimal_project(tmp_path / "saved")
    place(saved, CORPUS / name)
    by_check = [str(p) for p in collect_problems(saved)]
    assert by_check, f"{name} is no longer refused"

    before = minimal_project(tmp_path / "editor")
    text = (CORPUS / name).read_text(encoding="utf-8")
    path = {
        ".meetings.yaml": "data/meetings.yaml",
        ".members.yaml": "data/members.yaml",
    }.get(name[name.index(".") :], f"docs/nyheder/{name.replace('.nyhed.md', '.md')}")
    by_editor = [str(p) for p in problems_if_saved(before, path, text, collect_problems)]
    assert by_editor == by_check
