"""``make check`` in GitHub Actions: each problem on its line in the pull request.

GitHub reads workflow commands from a step's output: ``::error file=…,line=…,title=…::text``
puts the text on that line of the file in the pull request's "Files changed". The values are
escaped by GitHub's rules (``%``, CR and LF in the text; also ``:`` and ``,`` in the
properties), or a message with a comma or a line break would be cut. GitHub shows at most
``ANNOTATION_LIMIT`` error annotations per step, so the whole list also goes to the job
summary (``$GITHUB_STEP_SUMMARY``) as Markdown, which says so.

Pure functions; ``netvaerk/check.py`` (``make check``) prints and writes what they return.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from netvaerk.content.problems import Problem

ANNOTATION_LIMIT = 10  # error annotations GitHub shows per step


def in_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """The message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (``file``, ``title``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def title(problem: Problem) -> str:
    """The annotation's heading: what the problem is in, for the editor."""
    if problem.subject:
        return f"Fejl i {problem.subject}"
    return f"Fejl i {problem.file}"


def annotation(problem: Problem, file_prefix: str = "") -> str:
    """``::error file=data/meetings.yaml,line=4,title=…::start: '25:00' er …``.

    ``file_prefix``: the project's folder relative to the repository root, when ``make
    check`` runs on a project below it (GitHub resolves ``file`` from the repository root).
    """
    props = [f"file={escape_property(file_prefix + problem.file)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={escape_property(title(problem))}")
    field = problem.place.removeprefix(problem.subject).removeprefix(" › ")
    text = f"{field}: {problem.message}" if field else problem.message
    return f"::error {','.join(props)}::{escape_data(text)}"


def markdown_text(text: str) -> str:
    """Text in a Markdown list item, shown as written (no emphasis, links or HTML)."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return " ".join(text.split())


def summary(problems: Sequence[Problem]) -> str:
    """The job summary in Markdown: every problem, grouped by file, with its line."""
    if not problems:
        return (
            "### ✅ `make check`: alt i orden\n\n"
            "`data/meetings.yaml`, `data/members.yaml` og nyhederne i `docs/nyheder/` er "
            "gyldige.\n"
        )
    count = len(problems)
    lines = [
        f"### ❌ `make check`: {count} fejl – siden kan ikke bygges",
        "",
        "Fejlene står også ved deres linje i ændringsforslaget (pull requesten) under "
        "**Files changed**"
        + (
            f" (GitHub viser kun de første {ANNOTATION_LIMIT} dér; her er dem alle)."
            if count > ANNOTATION_LIMIT
            else "."
        ),
        "Ret dem, og gem ændringen igen: tjekket kører af sig selv. Se VEJLEDNING.md, "
        "afsnittet om fejlbeskeder.",
    ]
    return "\n".join(lines + problem_list(problems)) + "\n"


def problem_list(problems: Sequence[Problem]) -> list[str]:
    """Every problem as a Markdown list item with its line, under a heading per file (the job
    summary and the failure issue of the deploy, build_alert.py)."""
    lines: list[str] = []
    current = None
    for problem in problems:
        if problem.file != current:
            current = problem.file
            lines += ["", f"#### `{current}`", ""]
        where = f"linje {problem.line}" if problem.line else "hele filen"
        place = f"{markdown_text(problem.place)}: " if problem.place else ""
        lines.append(f"- **{where}** – {place}{markdown_text(problem.message)}")
    return lines
