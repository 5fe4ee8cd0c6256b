"""A year unattended (issue 19): the schedule keeps itself on, failures reach the editors.

The deploy workflow's two duties run here without GitHub: ``keep_alive`` and
``build_alert`` talk to a small fake of GitHub's REST API on 127.0.0.1 (``FakeGitHub``:
issues that can be listed, opened, edited, commented on and closed; workflows that can be
enabled), through the same ``urllib`` transport as in the workflow. The workflow file's side
(which job calls them, with which permissions) is in ``test_workflows.py``.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from factories import CORPUS, MINIMAL_MEMBERS, ROOT, minimal_project, place

from netvaerk import tools
from netvaerk.check import collect_problems
from netvaerk.content.problems import Problem
from netvaerk.editing import keep_alive
from netvaerk.editing.build_alert import MARKER, Run, issue_text, plan
from netvaerk.editing.github_api import GitHubError, HttpTransport

REPO = "kommunernes-netvaerk/site"
TOKEN = "ghs_test-token"


class FakeGitHub(http.server.ThreadingHTTPServer):
    """Just enough of GitHub's REST API, with the state a real repository would keep."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str, Any]] = []
        self.issues: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, list[str]] = {}
        self.enabled: list[str] = []
        self.fail_with: int | None = None  # answer every request with this status

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def open_issues(self) -> list[dict[str, Any]]:
        return [i for i in self.issues.values() if i["state"] == "open"]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        fake = self.server
        fake.requests.append((self.command, self.path, body))
        if self.headers["Authorization"] != f"Bearer {TOKEN}":
            return self._answer(401, {"message": "Bad credentials"})
        if fake.fail_with:
            return self._answer(fake.fail_with, {"message": "Resource not accessible"})
        base = f"/repos/{REPO}"
        path = self.path.split("?")[0]
        if self.command == "PUT" and path.startswith(f"{base}/actions/workflows/"):
            fake.enabled.append(path.split("/")[-2])
            return self._answer(204)
        if self.command == "GET" and path == f"{base}/issues":
            page = int(self.path.rsplit("page=", 1)[1]) if "&page=" in self.path else 1
            found = fake.open_issues()[(page - 1) * 100 : page * 100]
            return self._answer(200, found)
        if self.command == "POST" and path == f"{base}/issues":
            number = len(fake.issues) + 1
            fake.issues[number] = {"number": number, "state": "open", **body}
            return self._answer(201, fake.issues[number])
        number = int(path.split("/")[5])
        if self.command == "POST" and path.endswith("/comments"):
            fake.comments.setdefault(number, []).append(body["body"])
            return self._answer(201, {"id": 1})
        if self.command == "PATCH":
            fake.issues[number].update(body)
            return self._answer(200, fake.issues[number])
        return self._answer(404, {"message": "Not Found"})

    do_GET = do_POST = do_PUT = do_PATCH = _handle


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    thread = threading.Thread(target=fake.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.shutdown()
        fake.server_close()


def environ(github: FakeGitHub, event: str = "schedule", run_id: str = "7001") -> dict[str, str]:
    """What a workflow job sees (the day pinned as the build's clock does)."""
    return {
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_API_URL": github.url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": run_id,
        "GITHUB_EVENT_NAME": event,
        "SOURCE_DATE_EPOCH": "1796554800",  # 2026-12-06 12:00 in Denmark
    }


# --- keep-alive ------------------------------------------------------------------------


def test_keep_alive_enables_the_deploy_workflow_with_the_jobs_token(github: FakeGitHub) -> None:
    assert keep_alive.main(["deploy.yml"], environ(github)) == 0
    assert github.requests == [("PUT", f"/repos/{REPO}/actions/workflows/deploy.yml/enable", None)]
    assert github.enabled == ["deploy.yml"]


def test_keep_alive_fails_loudly_when_github_refuses(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without ``actions: write`` GitHub answers 403: the step fails, so the run shows it."""
    github.fail_with = 403
    assert keep_alive.main(["deploy.yml"], environ(github)) == 1
    assert "HTTP 403" in capsys.readouterr().err


def test_keep_alive_needs_the_workflows_environment(capsys: pytest.CaptureFixture[str]) -> None:
    assert keep_alive.main(["deploy.yml"], {}) == 1
    assert "GITHUB_TOKEN, GITHUB_REPOSITORY" in capsys.readouterr().err


def test_keep_alive_takes_only_a_workflow_file_name() -> None:
    with pytest.raises(ValueError):
        keep_alive.enable_path(REPO, "../../pulls")
    assert keep_alive.enable_path(REPO, "deploy.yml").endswith("/workflows/deploy.yml/enable")


def test_the_transport_reports_an_unreachable_api() -> None:
    transport = HttpTransport("http://127.0.0.1:9", TOKEN, timeout=5)  # the discard port
    with pytest.raises(GitHubError):
        transport("GET", f"/repos/{REPO}/issues")


# --- the failure issue -------------------------------------------------------------------


def broken_project(tmp_path: Path) -> Path:
    """Two problems in two files, from the check's corpus of broken files."""
    root = minimal_project(tmp_path / "project")
    place(root, CORPUS / "klokken-25.meetings.yaml")
    place(root, CORPUS / "forkert-region.members.yaml")
    return root


def alert(github: FakeGitHub, root: Path, *outcomes: str, run_id: str = "7001") -> int:
    return tools.build_alert([*outcomes, "--root", str(root)], environ(github, run_id=run_id))


# As the workflow passes them: the build job's result (``--setup``) fails with its steps.
FAILED_CHECK = (
    "--setup",
    "failure",
    "--check",
    "failure",
    "--build",
    "skipped",
    "--deploy",
    "skipped",
)
PASSED = ("--check", "success", "--build", "success", "--deploy", "success")


def test_a_failed_daily_build_opens_one_danish_issue_with_every_problem(
    github: FakeGitHub, tmp_path: Path
) -> None:
    root = broken_project(tmp_path)
    assert alert(github, root, *FAILED_CHECK) == 0
    [issue] = github.open_issues()
    assert issue["title"] == "Siden bliver ikke opdateret: bygningen fejler"
    text = issue["body"]
    assert MARKER in text
    assert (
        "Ved den daglige opdatering den 6. december 2026 fejlede tjekket af datafilerne og "
        "nyhederne (make check).\n" in text
    )
    problems = collect_problems(root)
    assert len(problems) == 2
    assert "### Fejl i datafilerne og nyhederne (2)" in text
    assert "#### `data/meetings.yaml`" in text and "#### `data/members.yaml`" in text
    assert "- **linje 4** – mødet »Lokal udvikling« (28. januar 2021) › start: »25:00«" in text
    assert "https://github.com/kommunernes-netvaerk/site/actions/runs/7001" in text
    assert "VEJLEDNING.md" in text


def test_the_issue_follows_the_failure_and_closes_when_the_site_is_published(
    github: FakeGitHub, tmp_path: Path
) -> None:
    root = broken_project(tmp_path)
    alert(github, root, *FAILED_CHECK, run_id="1")
    alert(github, root, *FAILED_CHECK, run_id="2")  # the next morning: the same failure
    [issue] = github.open_issues()
    assert "/actions/runs/2" in issue["body"]
    assert github.comments == {}  # updated quietly: no daily notification

    # An editor fixes members.yaml but not meetings.yaml: the failure is a different one.
    (root / "data" / "members.yaml").write_text(MINIMAL_MEMBERS, encoding="utf-8")
    alert(github, root, *FAILED_CHECK, run_id="3")
    [issue] = github.open_issues()
    assert "data/members.yaml" not in issue["body"]
    [changed] = github.comments[issue["number"]]
    assert changed.startswith("Fejlen har ændret sig") and "/actions/runs/3" in changed

    alert(github, root, *PASSED, run_id="4")
    assert github.open_issues() == []
    assert github.issues[1]["state"] == "closed"
    assert github.comments[1][-1].startswith("Siden er bygget og udgivet igen ved den daglige")
    assert len(github.issues) == 1  # one issue over the whole failure

    requests = len(github.requests)
    alert(github, root, *PASSED, run_id="5")  # all well, nothing open: only a look
    assert [r[0] for r in github.requests[requests:]] == ["GET"]


def test_a_build_failure_outside_the_data_says_so(github: FakeGitHub, tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "project")
    alert(github, root, "--setup", "failure", "--build", "failure", "--deploy", "skipped")
    [issue] = github.open_issues()
    assert "fejlede bygningen af siden (make build).\n" in issue["body"]
    assert "`make check` finder ingen fejl i datafilerne" in issue["body"]
    assert "Fejl i datafilerne og nyhederne" not in issue["body"]


def test_a_failed_publication_on_github_asks_to_wait_a_day(
    github: FakeGitHub, tmp_path: Path
) -> None:
    root = minimal_project(tmp_path / "project")
    alert(github, root, "--deploy", "failure")
    [issue] = github.open_issues()
    assert "fejlede udgivelsen på GitHub Pages" in issue["body"]
    assert "næste daglige kørsel" in issue["body"]


def test_only_the_marked_issue_is_touched(github: FakeGitHub, tmp_path: Path) -> None:
    """An editor's own open issue (or a pull request) is never edited or closed."""
    github.issues[1] = {"number": 1, "state": "open", "title": "Ny side om", "body": "Hej"}
    github.issues[2] = {
        "number": 2,
        "state": "open",
        "title": "PR",
        "body": MARKER,
        "pull_request": {},
    }
    root = minimal_project(tmp_path / "project")
    alert(github, root, "--deploy", "failure")
    assert sorted(github.issues) == [1, 2, 3]
    alert(github, root, *PASSED)
    assert [github.issues[n]["state"] for n in (1, 2, 3)] == ["open", "open", "closed"]
    assert github.issues[1]["body"] == "Hej"


def test_the_alert_step_fails_when_github_refuses(
    github: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    github.fail_with = 403  # e.g. the job lacks `issues: write`
    assert alert(github, minimal_project(tmp_path / "p"), "--deploy", "failure") == 1
    assert "HTTP 403" in capsys.readouterr().err


def test_a_skipped_stage_after_a_failure_is_not_named() -> None:
    run = Run(
        {"setup": "failure", "check": "skipped", "build": "skipped", "deploy": "skipped"},
        "push",
        "https://example.invalid/run",
        date(2027, 1, 5),
    )
    assert run.failed == ["setup"] and not run.ok
    text = issue_text(run, [])
    assert "Ved en ændring på main den 5. januar 2027 fejlede forberedelsen" in text
    assert "næste daglige kørsel" in text  # often passing: PyPI or npm was down


def test_the_plan_compares_failures_not_dates() -> None:
    problem = Problem("data/meetings.yaml", 4, "meetings[0].start", "forkert")
    monday = Run({"check": "failure"}, "schedule", "u1", date(2027, 1, 4))
    tuesday = Run({"check": "failure"}, "schedule", "u2", date(2027, 1, 5))
    issue = {"number": 9, "body": issue_text(monday, [problem])}
    assert [a for a, _ in plan(tuesday, [problem], issue)] == ["update"]
    other = Problem("data/meetings.yaml", 5, "meetings[0].end", "forkert")
    assert [a for a, _ in plan(tuesday, [problem, other], issue)] == ["update", "comment"]


def test_keep_alive_runs_on_a_bare_python() -> None:
    """The keep-alive job runs the runner's own Python before anything is installed: the
    module needs nothing beyond the standard library (``-S``: no site-packages)."""
    done = subprocess.run(
        [sys.executable, "-S", "-m", "netvaerk.editing.keep_alive", "--help"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "deploy.yml" in done.stdout


# --- the Node version check ------------------------------------------------------------


def make_node_version(major: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "node-version", f"NODE_MAJOR={major}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_make_stops_at_once_with_a_clear_message_when_node_is_too_old() -> None:
    """The real node on this machine, against a version above any release and one below."""
    done = make_node_version("999")
    assert done.returncode != 0
    assert "er for gammel: siden kræver Node.js 999 eller nyere (.nvmrc)" in done.stderr
    assert "npm install -g node@999" in done.stderr
    assert make_node_version("1").returncode == 0
