"""The pull request's check result, where the browser editor can read it.

In production the editor saves each change as a pull request (Sveltia's editorial workflow,
branch ``cms/<collection>/<entry>``), and CI runs ``make check`` and ``make changes`` on it.
Their Danish words land in the job summary, which an editor in the browser never sees. So the
pull-request workflow also publishes them as a *check run* on the pull request's head commit
(``CHECK_NAME``): the Markdown summary for people on GitHub, and the same result as JSON in a
comment of the run's ``text``, which the editor (``admin/netvaerk-checks.js``) fetches with the
editor's own GitHub token and shows beside the form before anyone publishes.

``result`` and ``check_run`` are pure; ``main`` runs the check it is handed (``make check``'s
``collect_problems``, which sits above this layer) and the comparison and posts the run
through ``github_api`` (the job's ``GITHUB_TOKEN``, ``checks: write``). Its command line is in
``netvaerk/tools.py``::

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.tools pr-check --base origin/main --sha SHA
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from netvaerk.content import clock
from netvaerk.content.problems import Check, Problem
from netvaerk.editing import github
from netvaerk.editing.changes import ChangesError, compare
from netvaerk.editing.github_api import GitHubError, Transport, from_environment
from netvaerk.editing.savecheck import field_label

# The check run's name: the editor asks GitHub for the run of this name (netvaerk-checks.js).
CHECK_NAME = "Redigeringens tjek"
# The JSON rides in an HTML comment of the run's text, which GitHub shows as nothing.
MARKER = "netvaerk-check-result"
PASSED_TITLE = "Alt i orden – ændringen kan udgives"
TEXT_LIMIT = 60_000  # GitHub refuses a run whose summary or text passes 65,535 characters


def plain_changes(lines: Sequence[str]) -> list[dict[str, str]]:
    """``make changes``' Markdown lines as the editor's panel shows them: section headings and
    list items as plain text (the ``## Hvad ændringen gør`` title is the panel's own)."""
    shown: list[dict[str, str]] = []
    for line in lines:
        text = line.replace("**", "").replace("`", "").strip()
        if not text or text.startswith("## "):
            continue
        if text.startswith("#"):
            shown.append({"heading": text.lstrip("#").strip()})
        elif text.startswith("- "):
            shown.append({"item": text[2:]})
        else:
            shown.append({"text": text})
    return shown


def result(problems: Sequence[Problem], changes: Sequence[str]) -> dict[str, Any]:
    """What the editor shows: every problem as ``make check`` words it, or what the change
    does as ``make changes`` words it."""
    return {
        "ok": not problems,
        "count": len(problems),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "field": p.field,
                "subject": p.subject,
                "place": p.place,
                "label": field_label(p),
                "message": p.message,
            }
            for p in problems
        ],
        "changes": plain_changes(changes) if not problems else [],
        "changes_markdown": list(changes) if not problems else [],
    }


def _title(answer: Mapping[str, Any]) -> str:
    count = len(answer["problems"])
    return PASSED_TITLE if answer["ok"] else f"{count} fejl – ændringen kan ikke udgives endnu"


def check_run(answer: Mapping[str, Any], problems: Sequence[Problem], sha: str) -> dict[str, Any]:
    """The body of ``POST /repos/{repo}/check-runs`` for the pull request's head ``sha``."""
    summary = github.summary(problems)
    if answer["ok"] and answer["changes_markdown"]:
        summary += "\n" + "\n".join(answer["changes_markdown"]) + "\n"
    shown = {key: value for key, value in answer.items() if key != "changes_markdown"}
    data = json.dumps(shown, ensure_ascii=False).replace("--", "\\u002d\\u002d")
    text = f"<!-- {MARKER} {data} -->"
    if len(text) > TEXT_LIMIT:  # thousands of problems: the first 100 (`count` says how many)
        shown = dict(shown, problems=shown["problems"][:100])
        data = json.dumps(shown, ensure_ascii=False).replace("--", "\\u002d\\u002d")
        text = f"<!-- {MARKER} {data} -->"
    return {
        "name": CHECK_NAME,
        "head_sha": sha,
        "status": "completed",
        "conclusion": "success" if answer["ok"] else "failure",
        "output": {"title": _title(answer), "summary": summary[:TEXT_LIMIT], "text": text},
    }


def publish(transport: Transport, repo: str, body: Mapping[str, Any]) -> None:
    transport("POST", f"/repos/{repo}/check-runs", body)


def main(argv: Sequence[str] | None, check: Check) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.tools pr-check",
        description="Læg tjekkets resultat på ændringsforslaget, så redigeringen kan vise det.",
    )
    parser.add_argument("--base", required=True, help="Git-version at sammenligne med")
    parser.add_argument("--sha", required=True, help="ændringsforslagets seneste commit")
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    problems = check(args.root)
    changes: list[str] = []
    if not problems:
        try:
            changes = compare(args.root, args.base, clock.today())
        except (ChangesError, clock.ClockError) as exc:
            changes = [str(exc)]
    answer = result(problems, changes)
    try:
        transport, repo = from_environment()
        publish(transport, repo, check_run(answer, problems, args.sha))
    except GitHubError as exc:
        # A pull request from a fork gets a read-only token: the job summary still has it all.
        print(f"Tjekkets resultat kunne ikke lægges på ændringsforslaget: {exc}", file=sys.stderr)
        return 1
    print(f"{CHECK_NAME}: {_title(answer)}")
    return 0
