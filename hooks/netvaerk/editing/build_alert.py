"""When the publishing build fails, the editors hear it: one GitHub issue, in Danish.

A failed daily or merge build leaves the old site up and says nothing, so nobody would know
that »kommende møder« is stale or an invitation was never published. After every run of the
deploy workflow this module keeps exactly one issue (found by the hidden ``MARKER`` in its
text) in step with the result:

- the run failed, no such issue is open: open one saying what failed, with every problem
  ``make check`` finds (the same ``collect_problems``), what to do, and the run's log;
- failed again: update its text; a comment only when what failed changed (a new problem),
  so a broken site is not a daily notification;
- the run succeeded and the issue is open: a comment that the site is published again, and
  the issue is closed.

``issue_text`` and ``plan`` are pure; ``main`` reads the workflow's results, runs the check it
is handed (``make check``'s ``collect_problems``, which sits above this layer) and talks to
GitHub through ``github_api``. Its command line is in ``netvaerk/tools.py``::

    python -m netvaerk.tools build-alert --check failure --build skipped --deploy skipped
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from netvaerk.content import clock
from netvaerk.content.problems import Check, Problem
from netvaerk.editing.github import problem_list
from netvaerk.editing.github_api import GitHubError, Transport, from_environment
from netvaerk.text.danish import short_date

MARKER = "<!-- netvaerk-build-alert -->"
TITLE = "Siden bliver ikke opdateret: bygningen fejler"

# The workflow's stages, in order, as the editors read them.
STAGES: dict[str, str] = {
    "setup": "forberedelsen (hentning af koden og installation af værktøjerne)",
    "check": "tjekket af datafilerne og nyhederne (make check)",
    "build": "bygningen af siden (make build)",
    "deploy": "udgivelsen på GitHub Pages",
}
TRIGGERS: dict[str, str] = {
    "schedule": "den daglige opdatering",
    "push": "en ændring på main",
    "workflow_dispatch": "en kørsel startet i hånden",
}


@dataclass(frozen=True)
class Run:
    """One run of the deploy workflow: how each stage ended (GitHub's words: ``success``,
    ``failure``, ``cancelled``, ``skipped``) and where its log is."""

    outcomes: Mapping[str, str]  # keys of STAGES
    event: str
    url: str
    day: date

    @property
    def failed(self) -> list[str]:
        """The stages that went wrong; a stage skipped after a failure is not one of them.

        ``setup`` is the build job's result: it failed in the preparation only when neither
        ``make check`` nor ``make build`` did (either makes the whole job fail)."""
        bad = [s for s in STAGES if self.outcomes.get(s, "success") not in {"success", "skipped"}]
        if "check" in bad or "build" in bad:
            bad = [s for s in bad if s != "setup"]
        return bad

    @property
    def ok(self) -> bool:
        return not self.failed and self.outcomes.get("deploy") == "success"


def fingerprint(run: Run, problems: Sequence[Problem]) -> str:
    """What failed, without the date or the run: equal fingerprints are the same failure."""
    text = "\n".join([*run.failed, *map(str, problems)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def issue_text(run: Run, problems: Sequence[Problem]) -> str:
    """The issue's Markdown: what failed, every problem in the editors' files, what to do."""
    trigger = TRIGGERS.get(run.event, f"en kørsel ({run.event})")
    failed = run.failed or ["deploy"]
    lines = [
        f"{MARKER}",
        f"<!-- fingerprint: {fingerprint(run, problems)} -->",
        f"**Den offentlige side er ikke blevet opdateret.** Ved {trigger} den "
        f"{short_date(run.day)} fejlede {' og '.join(STAGES[s] for s in failed)}.",
        "",
        "Siden viser stadig den seneste version, der kunne bygges: kommende møder, "
        "invitationer og nyheder med en dato efter den version kommer ikke med, før fejlen er "
        "rettet. Denne sag opdateres ved hver kørsel og lukkes af sig selv, når siden er "
        "udgivet igen.",
        "",
    ]
    if problems:
        lines += [f"### Fejl i datafilerne og nyhederne ({len(problems)})", ""]
        lines += problem_list(problems)
        lines += [
            "",
            "### Hvad skal jeg gøre?",
            "",
            "Ret fejlene i filerne ovenfor (i redigeringen på /admin/ eller direkte på GitHub), "
            "og gem. VEJLEDNING.md forklarer fejlbeskederne i afsnittet om fejlbeskeder. Når "
            "ændringen er gemt på main, bygges og udgives siden igen.",
        ]
    elif "check" in failed or "build" in failed:
        lines += [
            "### Hvad skal jeg gøre?",
            "",
            "`make check` finder ingen fejl i datafilerne eller nyhederne, så fejlen ligger "
            "et andet sted (i en nyhed, en side, skabelonerne eller værktøjerne). Se loggen "
            "nedenfor; kan I ikke selv se, hvad der er galt, så send linket til sagen til den, "
            "der vedligeholder siden.",
        ]
    else:
        lines += [
            "### Hvad skal jeg gøre?",
            "",
            "Datafilerne og nyhederne er i orden; det var GitHub, der ikke kunne bygge eller "
            "udgive. Det går ofte over af sig selv ved næste daglige kørsel. Fejler den igen i "
            "morgen, så send linket til sagen til den, der vedligeholder siden.",
        ]
    lines += ["", f"Loggen for kørslen: {run.url}", ""]
    return "\n".join(lines)


def recovered_text(run: Run) -> str:
    trigger = TRIGGERS.get(run.event, f"en kørsel ({run.event})")
    return (
        f"Siden er bygget og udgivet igen ved {trigger} den {short_date(run.day)}, så sagen "
        f"lukkes. Loggen: {run.url}"
    )


def changed_text(run: Run) -> str:
    return (
        f"Fejlen har ændret sig ved kørslen den {short_date(run.day)}: se den opdaterede "
        f"beskrivelse øverst. Loggen: {run.url}"
    )


Step = tuple[Literal["create", "update", "comment", "close"], dict[str, Any]]


def plan(run: Run, problems: Sequence[Problem], open_issue: Mapping[str, Any] | None) -> list[Step]:
    """What to do on GitHub, given this run and the alert issue that is open (if any)."""
    if run.ok:
        if open_issue is None:
            return []
        return [("comment", {"body": recovered_text(run)}), ("close", {"state": "closed"})]
    body = issue_text(run, problems)
    if open_issue is None:
        return [("create", {"title": TITLE, "body": body})]
    steps: list[Step] = [("update", {"title": TITLE, "body": body})]
    if f"<!-- fingerprint: {fingerprint(run, problems)} -->" not in (open_issue["body"] or ""):
        steps.append(("comment", {"body": changed_text(run)}))
    return steps


def find_open_issue(transport: Transport, repository: str) -> dict[str, Any] | None:
    """The open alert issue: the oldest open issue whose text carries ``MARKER``."""
    page = 1
    while True:
        issues = transport("GET", f"/repos/{repository}/issues?state=open&per_page=100&page={page}")
        for issue in sorted(issues, key=lambda i: int(i["number"])):
            if "pull_request" not in issue and MARKER in (issue.get("body") or ""):
                return dict(issue)
        if len(issues) < 100:
            return None
        page += 1


def carry_out(
    transport: Transport, repository: str, steps: Sequence[Step], issue: Mapping[str, Any] | None
) -> None:
    for action, payload in steps:
        if action == "create":
            transport("POST", f"/repos/{repository}/issues", payload)
            continue
        assert issue is not None
        number = issue["number"]
        if action == "comment":
            transport("POST", f"/repos/{repository}/issues/{number}/comments", payload)
        else:  # update, close
            transport("PATCH", f"/repos/{repository}/issues/{number}", payload)


def run_from_environment(args: argparse.Namespace, environ: Mapping[str, str]) -> Run:
    server = environ.get("GITHUB_SERVER_URL", "https://github.com")
    url = f"{server}/{environ.get('GITHUB_REPOSITORY', '')}/actions/runs/"
    url += environ.get("GITHUB_RUN_ID", "")
    outcomes = {"setup": args.setup, "check": args.check, "build": args.build}
    outcomes["deploy"] = args.deploy
    return Run(outcomes, environ.get("GITHUB_EVENT_NAME", ""), url, clock.today(environ))


def main(argv: Sequence[str] | None, check: Check, environ: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.tools build-alert",
        description="Open, update or close the issue that tells the editors a build failed.",
    )
    for stage in STAGES:
        parser.add_argument(f"--{stage}", default="success", help="success, failure, …")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project's folder")
    parser.add_argument("--dry-run", action="store_true", help="print the issue text, call no API")
    args = parser.parse_args(argv)
    run = run_from_environment(args, environ)
    problems = [] if run.ok else check(args.root)
    if args.dry_run:
        print(recovered_text(run) if run.ok else issue_text(run, problems))
        return 0
    try:
        transport, repository = from_environment(environ)
        issue = find_open_issue(transport, repository)
        steps = plan(run, problems, issue)
        carry_out(transport, repository, steps, issue)
    except GitHubError as exc:
        print(f"build alert failed: {exc}", file=sys.stderr)
        return 1
    done = ", ".join(action for action, _ in steps) or "nothing to do"
    print(f"build alert: {'ok' if run.ok else 'failed: ' + ', '.join(run.failed)}; {done}")
    return 0
