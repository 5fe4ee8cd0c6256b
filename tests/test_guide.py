"""The editors' guide (issue 5): every copy-paste example in VEJLEDNING.md really works.

Each YAML or Markdown example in the guide is marked with ``<!-- kontrol: <kind> -->`` on the
line before it, which says where an editor pastes it (a whole meeting, fields inside a
meeting, a member, fields inside a member, a news file). The tests paste each one into a
minimal project exactly there and run the same check as ``make check`` and the JSON Schema the
editor's VS Code uses. The error messages the guide shows must be the ones the check prints
(they are compared with the corpus in ``tests/check_corpus``), and following the first recipe
on the shipped data must give a meeting page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from factories import (
    CORPUS,
    CORPUS_FILES,
    MINIMAL_MEMBERS,
    ROOT,
    Project,
    epoch,
    errors,
    expectations,
    minimal_project,
)
from icstools import GitRepo

from netvaerk.check import collect_problems
from netvaerk.editing.changes import main as changes_main

T1 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)

GUIDE = ROOT / "VEJLEDNING.md"
TEXT = GUIDE.read_text(encoding="utf-8")
_FENCE = re.compile(
    r"(?:<!-- kontrol: (?P<kind>[\w-]+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.DOTALL
)

# Where an example is pasted: the rest of the file around it.
BASE_MEETING = """\
meetings:
  - id: 2027-11-25
    title: Lokale fællesskaber og frivillighed
    date: 2027-11-25
    start: 10:00
    end: 15:00
    venue:
      name: Silkeborg Rådhus
      host: silkeborg
"""
BASE_MEMBER = """\
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
"""


@dataclass(frozen=True)
class Example:
    kind: str | None
    lang: str
    body: str
    line: int

    def __str__(self) -> str:
        return f"VEJLEDNING.md:{self.line} ({self.kind})"


def examples() -> list[Example]:
    return [
        Example(m["kind"], m["lang"], m["body"], TEXT.count("\n", 0, m.start("body")) + 1)
        for m in _FENCE.finditer(TEXT)
    ]


PASTED = [e for e in examples() if e.lang in ("yaml", "markdown")]


def test_every_example_says_where_it_goes() -> None:
    assert len(PASTED) >= 10
    kinds = {"møde", "møde-felter", "medlem", "medlem-felter", "medlemsfil", "nyhed"}
    for example in PASTED:
        assert example.kind in kinds, f"{example}: add <!-- kontrol: … --> before the example"
    assert {e.kind for e in PASTED} == kinds


def paste(root: Path, example: Example) -> tuple[str, str] | None:
    """Write the example into the project at ``root``; return (schema, YAML) to check."""
    body = example.body
    meetings, members = BASE_MEETING, MINIMAL_MEMBERS
    if example.kind == "møde":
        meetings = "meetings:\n" + body
    elif example.kind == "møde-felter":
        meetings = BASE_MEETING + body
    elif example.kind == "medlem":
        members = MINIMAL_MEMBERS + body  # a new item at the end of the list
    elif example.kind == "medlem-felter":
        members = BASE_MEMBER + body
    elif example.kind == "medlemsfil":  # a key at the top of members.yaml (network:)
        members = body + MINIMAL_MEMBERS
    elif example.kind == "nyhed":
        (root / "docs" / "nyheder" / "fra-vejledningen.md").write_text(body, encoding="utf-8")
        return None
    (root / "data" / "meetings.yaml").write_text(meetings, encoding="utf-8")
    (root / "data" / "members.yaml").write_text(members, encoding="utf-8")
    for material in re.findall(r"url: (materialer/\S+)", body):  # the recipe's step 1
        (root / "docs" / material).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / material).write_bytes(b"%PDF-1.4\n")
    if str(example.kind).startswith("medlem"):
        return "members.schema.json", members
    return "meetings.schema.json", meetings


@pytest.mark.parametrize("example", PASTED, ids=str)
def test_the_example_is_valid_where_the_guide_says_to_paste_it(
    tmp_path: Path, example: Example
) -> None:
    root = minimal_project(tmp_path)
    checked = paste(root, example)
    assert [str(p) for p in collect_problems(root)] == []
    if checked is not None:  # and VS Code underlines nothing in it
        assert errors(*checked) == []


@pytest.mark.parametrize("example", [e for e in PASTED if e.lang == "yaml"], ids=str)
def test_yaml_examples_are_indented_for_their_place(example: Example) -> None:
    first = example.body.splitlines()[0]
    indent = len(first) - len(first.lstrip(" "))
    assert (
        indent
        == {"møde": 2, "medlem": 2, "møde-felter": 4, "medlem-felter": 4, "medlemsfil": 0}[
            str(example.kind)
        ]
    )
    assert "\t" not in example.body


KLOKKEN_25 = "data/meetings.yaml:4: mødet »Lokal udvikling« (28. januar 2021) › start: »25:00«"


def _corpus_lines() -> list[str]:
    return [line for name in CORPUS_FILES for line in expectations(CORPUS / name)]


def test_the_error_messages_shown_are_the_real_ones() -> None:
    """Every message line in the guide's error section is one the check prints (the corpus)."""
    shown = [
        line
        for example in examples()
        if example.lang == "text"
        for line in example.body.splitlines()
        if re.match(r"(data|docs)/", line)
    ]
    assert len(shown) >= 20
    corpus = _corpus_lines()
    for line in shown:
        if line.startswith(KLOKKEN_25):
            continue  # the annotated example at the top of the section, checked below
        assert line in corpus, f"not a message the check prints (tests/check_corpus): {line}"
    assert f"{KLOKKEN_25} er ikke et gyldigt tidspunkt" in "\n".join(corpus)


@pytest.mark.build
def test_following_the_first_recipe_gives_a_meeting_page(project: Project) -> None:
    """A new editor pastes 'Sådan tilføjer du et møde' after the last meeting and previews."""
    section = TEXT.split("### Sådan tilføjer du et møde", 1)[1]
    [recipe] = [e for e in PASTED if e.body in section.split("### ", 1)[0]]
    meetings = project.root / "data" / "meetings.yaml"
    meetings.write_text(
        meetings.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + recipe.body, "utf-8"
    )
    assert collect_problems(project.root) == []
    project.build(today="2027-10-01")
    page = project.page("moeder/2027-11-25/")
    assert "Lokale fællesskaber og frivillighed" in page
    assert "Silkeborg Rådhus" in page
    assert "Lokale fællesskaber og frivillighed" in project.page("moeder/")
    assert "http://127.0.0.1:8000/moeder/2027-11-25/" in TEXT


def github_anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_the_links_inside_the_guide_lead_somewhere() -> None:
    anchors = {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", TEXT, re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", TEXT)
    assert len(links) >= 8
    for link in links:
        assert link in anchors, f"#{link} is not a heading in VEJLEDNING.md"


def test_the_guide_covers_what_editors_do() -> None:
    for recipe in (
        "Sådan tilføjer du et møde",
        "Sådan tilføjer du programmet",
        "Sådan flytter du et møde online",
        "Sådan aflyser du et møde",
        "Sådan udskyder du et møde",
        "Sådan lægger du materialer på efter mødet",
        "Sådan udsender du invitationen på en bestemt dag",
        "Sådan tilføjer du en medlemskommune",
        "Sådan viser du en kontaktperson (med samtykke)",
        "Hvorfor et id aldrig ændres",
        "Fejlbeskeder, og hvad de betyder",
    ):
        assert re.search(rf"^#+ (\d\. )?{re.escape(recipe)}$", TEXT, re.MULTILINE), recipe
    assert "make serve" in TEXT and "make check" in TEXT


def test_the_readme_and_the_data_files_point_to_the_guide() -> None:
    assert "VEJLEDNING.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("meetings.yaml", "members.yaml"):
        assert "VEJLEDNING.md" in (ROOT / "data" / name).read_text(encoding="utf-8")


def _complete_meeting() -> Example:
    section = TEXT.split("### Et helt møde med program og invitation", 1)[1].split("\n### ", 1)[0]
    [example] = [e for e in PASTED if e.kind == "møde" and e.body in section]
    return example


@pytest.mark.build
def test_the_complete_meeting_gives_a_page_with_programme_and_invitation(
    project: Project,
) -> None:
    """Pasted after the last meeting of the shipped data, as the guide says."""
    meetings = project.root / "data" / "meetings.yaml"
    meetings.write_text(
        meetings.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + _complete_meeting().body,
        "utf-8",
    )
    assert collect_problems(project.root) == []
    project.build(today="2027-10-28")  # the invitation's day, as `make serve DATO=…` shows it
    page = project.page("moeder/2027-11-25/")
    for text in ("Workshop i grupper", "Anna Eksempel", "Frivillige i landsbyerne"):
        assert text in page
    assert "Invitation: Lokale fællesskaber og frivillighed i Silkeborg" in project.page("nyheder/")


def test_the_make_changes_example_is_what_the_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guide's example output: the complete meeting moved two weeks, and a news file."""
    repo = GitRepo(tmp_path / "repo")
    shipped = (ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8").rstrip("\n")
    repo.commit("data/members.yaml", (ROOT / "data" / "members.yaml").read_text("utf-8"), T1)
    repo.commit("data/meetings.yaml", shipped + "\n\n" + _complete_meeting().body, T1)
    moved = _complete_meeting().body.replace("    date: 2027-11-25\n", "    date: 2027-12-09\n")
    (repo.root / "data" / "meetings.yaml").write_text(shipped + "\n\n" + moved, "utf-8")
    news = repo.root / "docs" / "nyheder" / "ny-hjemmeside.md"
    news.parent.mkdir(parents=True)
    news.write_text("---\ndate: 2027-06-15\n---\n\n# Ny hjemmeside\n", encoding="utf-8")
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    assert changes_main([str(repo.root)]) == 0
    printed = capsys.readouterr().out.splitlines()
    section = TEXT.split("### Se, hvad din ændring gør: make changes", 1)[1]
    [shown] = [e for e in examples() if e.lang == "text" and e.body in section]
    lines = shown.body.splitlines()
    assert lines[0].startswith("## Hvad ændringen gør (sammenlignet med origin/main, ")
    assert printed[0].startswith("## Hvad ændringen gør (sammenlignet med origin/main, ")
    assert lines[1:] == printed[1 : len(lines)]
