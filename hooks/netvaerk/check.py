"""``make check``: validate the editors' files without building the site.

Runs the same checks as the build (``data/*.yaml`` and the front matter of the news items in
``docs/nyheder/``) and prints the same ``file:line: field: message`` lines, in well under a
second. It never imports MkDocs, which is what keeps it fast::

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.check [project-root]

It sits above pages/ and editing/: it finds a link to a missing anchor as the build does, by
the anchors of the generated pages as their renderers write them (``pages/anchors.py``). The
editors' tools in editing/ (the save check, the pull request's check run, the build alert) are
handed ``collect_problems`` as a parameter (``content.problems.Check``); their command lines
are in ``netvaerk/tools.py`` and ``netvaerk/editor_preview.py``.

Exit status 0 when everything is in order, 1 when there are problems. In GitHub Actions
(``GITHUB_ACTIONS=true``) each problem is also printed as a workflow annotation, so it shows on
its line in the pull request, and the whole list goes to the job summary
(``editing/github.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from netvaerk.content import clock
from netvaerk.content.load import read_project
from netvaerk.content.loading import MEETINGS_FILE
from netvaerk.content.problems import Problem, format_problems
from netvaerk.editing import github
from netvaerk.pages.anchors import anchors_of


def collect_problems(root: Path, notes: list[str] | None = None) -> list[Problem]:
    """Every problem in the project at ``root``, sorted by file and line; information that is
    no problem (old versions in Git that cannot be read) is added to ``notes``.

    ``load.read_project`` is where the build starts too (``outputs.build_project``): it reads
    both kinds of editors' files (the data files and the news items' front matter) and the
    meetings' Git history, so the check and the build cannot disagree.
    """
    try:  # what is upcoming and published depends on the date (a preview date too)
        today = clock.today()
        now = datetime.fromtimestamp(clock.build_timestamp(), UTC)  # calendar stamps
    except clock.PreviewDateError as exc:
        return [Problem("DATO", 0, "", str(exc))]
    except clock.ClockError as exc:
        return [Problem(clock.EPOCH_VARIABLE, 0, "", str(exc))]
    loaded = read_project(
        root / "data", root / "docs", now=now, today=today, anchors=anchors_of, versions=False
    )
    lost = []
    if loaded.history.lost:  # the build stops on this (a WARNING under --strict): so does this
        lost.append(Problem(f"data/{MEETINGS_FILE}", 0, "", loaded.history.explanation()))
    if notes is not None and loaded.history.committed.skipped:
        notes.append(loaded.history.committed.skipped_note())
    return sorted([*lost, *loaded.problems]) if loaded.problems else lost


OK_MESSAGE = "Alt i orden: data/meetings.yaml, data/members.yaml og docs/nyheder/ er gyldige."
NEXT_STEP = "Ret fejlene (se VEJLEDNING.md, afsnittet om fejlbeskeder) og kør »make check« igen."


def report_to_github(problems: Sequence[Problem], root: Path) -> None:
    """Annotations on standard output, the full list in the job summary (when GitHub gives
    the file: ``GITHUB_STEP_SUMMARY``)."""
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    relative = os.path.relpath(root.resolve(), workspace.resolve())
    prefix = "" if relative == "." or relative.startswith("..") else f"{Path(relative).as_posix()}/"
    for problem in problems:
        print(github.annotation(problem, prefix))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(github.summary(problems))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.check",
        description="Tjek datafilerne og nyhederne uden at bygge siden.",
    )
    parser.add_argument(
        "root", nargs="?", default=".", type=Path, help="projektets mappe (standard: .)"
    )
    args = parser.parse_args(argv)
    notes: list[str] = []
    problems = collect_problems(args.root, notes)
    for note in notes:
        print(note)
    if github.in_github_actions():
        report_to_github(problems, args.root)
    if problems:
        print(format_problems(problems, "siden kan ikke bygges"), file=sys.stderr)
        print(NEXT_STEP, file=sys.stderr)
        return 1
    print(OK_MESSAGE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
