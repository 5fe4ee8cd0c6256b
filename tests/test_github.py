"""``make check`` in GitHub Actions (issue 11.2): every problem on its line in the pull
request, and the whole list in the job summary.

The workflow commands are read back with a parser written from GitHub's documented rules
(``::error key=value,…::message`` with ``%25``, ``%0D``, ``%0A`` and, in properties, ``%3A``
and ``%2C``), not with the code that wrote them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import CORPUS, minimal_project, place

from netvaerk.check import collect_problems, main
from netvaerk.content.problems import Problem
from netvaerk.editing import github

_COMMAND = re.compile(r"^::(?P<command>[a-z]+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if prop:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for code, char in [*pairs, ("%25", "%")]:
        text = text.replace(code, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: command, properties, message."""
    match = _COMMAND.match(line)
    assert match, line
    props = {}
    for pair in (match["props"] or "").split(","):
        key, _, value = pair.partition("=")
        props[key] = _unescape(value, prop=True)
    return match["command"], props, _unescape(match["message"], prop=False)


NASTY = Problem(
    "data/meetings.yaml",
    12,
    "meetings[2].start",
    "100 % forkert: 'kl. 10, ca.'\r\nny linje",
    "mødet »Tal: 1, 2 og 3« (22. april 2027)",
)


def test_the_message_and_properties_survive_escaping() -> None:
    line = github.annotation(NASTY)
    assert "\n" not in line and "\r" not in line
    command, props, message = parse(line)
    assert command == "error"
    assert props == {
        "file": "data/meetings.yaml",
        "line": "12",
        "title": "Fejl i mødet »Tal: 1, 2 og 3« (22. april 2027)",
    }
    assert message == "start: 100 % forkert: 'kl. 10, ca.'\r\nny linje"


def test_the_escaping_rules() -> None:
    assert github.escape_data("50%\r\n,:") == "50%25%0D%0A,:"
    assert github.escape_property("50%\r\n,:") == "50%25%0D%0A%2C%3A"


def test_a_problem_without_a_record_or_line() -> None:
    _, props, message = parse(
        github.annotation(Problem("data/members.yaml", 0, "", "filen findes ikke"), "site/")
    )
    assert props == {"file": "site/data/members.yaml", "title": "Fejl i data/members.yaml"}
    assert message == "filen findes ikke"


def test_make_check_in_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path / "repo" / "project")
    place(root, CORPUS / "klokken-25.meetings.yaml")
    place(root, CORPUS / "forkert-region.members.yaml")
    summary = tmp_path / "summary.md"
    summary.write_text("Før\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    monkeypatch.chdir(root)

    assert main([]) == 1
    out, err = capsys.readouterr()
    found = collect_problems(root)
    commands = [parse(line) for line in out.splitlines()]
    assert [(c, p["file"], p["line"]) for c, p, _ in commands] == [
        ("error", "project/data/meetings.yaml", "4"),
        ("error", "project/data/members.yaml", "4"),
    ]
    assert commands[0][1]["title"] == "Fejl i mødet »Lokal udvikling« (28. januar 2021)"
    assert commands[0][2].startswith("start: »25:00« er ikke et gyldigt tidspunkt")
    assert commands[1][1]["title"] == "Fejl i medlemmet »Silkeborg Kommune«"
    assert len(found) == 2 and all(str(p) in err for p in found)  # terminal lines unchanged

    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Før\n### ❌ `make check`: 2 fejl")  # appended, not overwritten
    assert "#### `data/meetings.yaml`" in text and "#### `data/members.yaml`" in text
    assert "- **linje 4** – mødet »Lokal udvikling« (28. januar 2021) › start: »25:00«" in text
    assert "kun de første" not in text


def test_outside_github_actions_nothing_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path)
    place(root, CORPUS / "klokken-25.meetings.yaml")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main([str(root)]) == 1
    assert capsys.readouterr().out == ""
    assert not summary.exists()


def test_the_summary_lists_all_and_says_annotations_stop_at_ten() -> None:
    many = [
        Problem("data/meetings.yaml", n, f"meetings[{n}].title", f"fejl nr. {n} med *stjerne*")
        for n in range(1, 13)
    ]
    text = github.summary(many)
    assert "12 fejl" in text
    assert f"kun de første {github.ANNOTATION_LIMIT}" in text
    assert text.count("\n- **linje ") == 12
    assert "med \\*stjerne\\*" in text  # shown as written, not as emphasis


def test_the_summary_when_all_is_well(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path / "p")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main([str(root)]) == 0
    assert "::" not in capsys.readouterr().out
    assert summary.read_text(encoding="utf-8").startswith("### ✅ `make check`: alt i orden")
