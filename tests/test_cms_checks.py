"""The pull request's check result in the production editor (issue 16).

CI posts ``make check``'s and ``make changes``' Danish words on an editor's pull request as a
check run (``editing/pr_check.py``); the editor (``admin/netvaerk-checks.js``, shown by
``netvaerk-cms.js``) reads it for the entry being edited with the editor's own GitHub token.
Here: the run's body, the publisher against a fake GitHub on loopback, the reader in Node, and
the whole loop in Chromium: pending → failed with the Danish problems → pending → passed.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from editor_steps import LOAD_TIMEOUT, data_file, editor_page, log_in, named, shot
from factories import ROOT, Project, epoch, serve
from playwright.sync_api import Browser, Page, Route, expect

from netvaerk import tools
from netvaerk.content.problems import Problem
from netvaerk.editing import pr_check

REPO = "kommunernes-netvaerk/site"
JOB_TOKEN = "ghs_job-token"  # the workflow's GITHUB_TOKEN, which posts
EDITOR_TOKEN = "gho_editor-token"  # the editor's own login, which reads
BRANCH = "cms/moeder/meetings"  # Sveltia's branch for the meetings file (collection moeder)
LATE = "    end: 12:00\n"


class FakeGitHub(http.server.ThreadingHTTPServer):
    """Check runs and branch heads as GitHub keeps them, with CORS for the browser."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.heads: dict[str, str] = {}  # branch → head commit
        self.runs: dict[str, list[dict[str, Any]]] = {}  # commit → check runs
        self.requests: list[tuple[str, str, str]] = []  # method, path, Authorization

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Accept")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self) -> None:
        self._answer(204)

    def do_POST(self) -> None:
        fake = self.server
        fake.requests.append(("POST", self.path, self.headers["Authorization"] or ""))
        if self.headers["Authorization"] != f"Bearer {JOB_TOKEN}":
            return self._answer(401, {"message": "Bad credentials"})
        if self.path != f"/repos/{REPO}/check-runs":
            return self._answer(404, {"message": "Not Found"})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        run = {**body, "id": 1 + sum(map(len, fake.runs.values()))}
        run["html_url"] = f"https://github.com/{REPO}/runs/{run['id']}"
        fake.runs.setdefault(body["head_sha"], []).append(run)
        self._answer(201, run)

    def do_GET(self) -> None:
        fake = self.server
        fake.requests.append(("GET", self.path, self.headers["Authorization"] or ""))
        if self.headers["Authorization"] != f"Bearer {EDITOR_TOKEN}":
            return self._answer(401, {"message": "Bad credentials"})
        parts = urlsplit(self.path)
        match = re.fullmatch(rf"/repos/{REPO}/commits/(.+)/check-runs", parts.path)
        ref = unquote(match[1]) if match else ""
        sha = fake.heads.get(ref, ref if ref in fake.runs else "")
        if not sha:
            return self._answer(404, {"message": "No commit found for SHA"})
        name = parse_qs(parts.query).get("check_name", [""])[0]
        runs = [r for r in fake.runs.get(sha, []) if not name or r["name"] == name]
        self._answer(200, {"total_count": len(runs), "check_runs": runs})


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        yield fake
    finally:
        fake.shutdown()
        fake.server_close()


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)


def _repository(root: Path) -> Path:
    """The editors' files in a Git repository of their own, committed once (the base)."""
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    _git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def _edit_meetings(root: Path, old: str, new: str) -> None:
    path = root / "data" / "meetings.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    # The last meeting (2027-09-23): its end, or its title.
    head, tail = text.rsplit("  - id: 2027-09-23", 1)
    path.write_text(head + "  - id: 2027-09-23" + tail.replace(old, new, 1), encoding="utf-8")


def _publish(root: Path, sha: str, github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> int:
    """What the pull-request workflow's step runs, with the job's environment."""
    monkeypatch.setenv("GITHUB_TOKEN", JOB_TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
    monkeypatch.setenv("GITHUB_API_URL", github.url)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    return tools.pr_check(["--base", "main", "--sha", sha, str(root)])


# --- the run's body ---------------------------------------------------------------------------


def test_a_failed_check_carries_every_problem_in_the_forms_words() -> None:
    problems = [
        Problem(
            "data/meetings.yaml",
            250,
            "meetings[9].end",
            "sluttiden 09.00 skal ligge efter starttiden 10.00",
            "mødet »Digitale fællesskaber« (23. september 2027)",
        ),
        Problem("docs/nyheder/x.md", 2, "date", "datoen mangler"),
    ]
    answer = pr_check.result(problems, ["ignored: there are problems"])
    body = pr_check.check_run(answer, problems, "abc123")
    assert body["name"] == "Redigeringens tjek" and body["head_sha"] == "abc123"
    assert (body["status"], body["conclusion"]) == ("completed", "failure")
    assert body["output"]["title"] == "2 fejl – ændringen kan ikke udgives endnu"
    assert "linje 250" in body["output"]["summary"]  # for people on GitHub
    text = body["output"]["text"]
    data = re.fullmatch(r"<!-- netvaerk-check-result (.*) -->", text, re.S)
    assert data is not None and "--" not in data[1]  # nothing closes the comment early
    parsed = json.loads(data[1])
    assert parsed["ok"] is False and parsed["changes"] == []
    assert [p["label"] for p in parsed["problems"]] == ["Sluttid", "Udgivelsesdato"]
    assert parsed["problems"][0]["subject"].startswith("mødet »Digitale")


def test_a_passed_check_carries_what_the_change_does() -> None:
    lines = [
        "## Hvad ændringen gør (sammenlignet med main, 61d2686)",
        "",
        "### Møder",
        "",
        "- **Nyt tema:** »Tema -- gammelt« hedder nu »Tema«.",
        "",
        "Abonnenternes kalendere henter ændringerne selv.",
    ]
    body = pr_check.check_run(pr_check.result([], lines), [], "abc123")
    assert body["conclusion"] == "success"
    assert body["output"]["title"] == pr_check.PASSED_TITLE
    assert "### Møder\n\n- **Nyt tema:**" in body["output"]["summary"]  # GitHub's Markdown
    data = re.fullmatch(r"<!-- netvaerk-check-result (.*) -->", body["output"]["text"], re.S)
    assert data is not None and "--" not in data[1]
    assert json.loads(data[1])["changes"] == [  # the panel's plain text
        {"heading": "Møder"},
        {"item": "Nyt tema: »Tema -- gammelt« hedder nu »Tema«."},
        {"text": "Abonnenternes kalendere henter ændringerne selv."},
    ]


# --- the publisher, as the workflow runs it -----------------------------------------------------


def test_the_workflow_step_posts_the_verdict_on_the_head_commit(
    tmp_path: Path, github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repository(tmp_path / "repo")
    _edit_meetings(root, LATE, "    end: 09:00\n")
    assert _publish(root, "sha-broken", github, monkeypatch) == 0
    [run] = github.runs["sha-broken"]
    assert run["conclusion"] == "failure"
    assert "sluttiden 09.00 skal ligge efter starttiden 09.30" in run["output"]["text"]
    assert github.requests[-1][2] == f"Bearer {JOB_TOKEN}"

    _edit_meetings(root, "    end: 09:00\n", LATE)
    _edit_meetings(root, "Digitale fællesskaber og lokal service", "Digitale fællesskaber")
    assert _publish(root, "sha-fixed", github, monkeypatch) == 0
    [run] = github.runs["sha-fixed"]
    assert run["conclusion"] == "success"
    assert "Digitale fællesskaber" in run["output"]["summary"]


def test_a_refused_post_is_said_not_hidden(
    tmp_path: Path,
    github: FakeGitHub,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A fork's pull request gets a read-only token: the step says so and fails."""
    root = _repository(tmp_path / "repo")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_read-only")
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
    monkeypatch.setenv("GITHUB_API_URL", github.url)
    assert tools.pr_check(["--base", "main", "--sha", "x", str(root)]) == 1
    assert "kunne ikke lægges på ændringsforslaget" in capsys.readouterr().err
    assert github.runs == {}


def test_the_pull_request_workflow_publishes_it_with_its_own_permission() -> None:
    import yaml

    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    job = ci["jobs"]["editor-check"]
    assert job["permissions"] == {"contents": "read", "checks": "write"}
    [step] = [s for s in job["steps"] if "netvaerk.tools pr-check" in s.get("run", "")]
    assert step["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert '--sha "$HEAD_SHA"' in step["run"] and '--base "$BASE"' in step["run"]


# --- the reader, in Node ------------------------------------------------------------------------

DRIVER = """
import { branchForRoute, readCheckRuns } from "./netvaerk-checks.js";
const [routes, answers] = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify({
  branches: routes.map((route) => branchForRoute(route)),
  states: answers.map((answer) => readCheckRuns(answer)),
}));
"""


def _node(tmp_path: Path, routes: list[str], answers: list[Any]) -> dict[str, Any]:
    shutil.copy(ROOT / "admin" / "netvaerk-checks.js", tmp_path / "netvaerk-checks.js")
    (tmp_path / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (tmp_path / "driver.js").write_text(DRIVER, encoding="utf-8")
    result = subprocess.run(
        ["node", "driver.js", json.dumps([routes, answers])],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_the_editor_finds_the_entrys_branch_as_sveltia_names_it(tmp_path: Path) -> None:
    routes = [
        "#/collections/moeder/entries/meetings",
        "#/collections/nyheder/entries/ny-nyhed?view=preview",
        "#/collections/nyheder/entries/a%2Fb",
        "#/collections/nyheder/new",
        "#/collections/moeder",
        "",
    ]
    assert _node(tmp_path, routes, [])["branches"] == [
        "cms/moeder/meetings",
        "cms/nyheder/ny-nyhed",
        "cms/nyheder/a%2Fb",
        None,
        None,
        None,
    ]


def test_the_editor_reads_pending_failed_and_passed(tmp_path: Path) -> None:
    problem = Problem("data/meetings.yaml", 9, "meetings[9].end", "sluttiden er for tidlig")
    failed = pr_check.check_run(pr_check.result([problem], []), [problem], "a")
    passed = pr_check.check_run(pr_check.result([], ["Mødet er flyttet"]), [], "a")
    running = {"name": pr_check.CHECK_NAME, "status": "in_progress"}
    other = {**passed, "name": "make check og make test"}
    answers = [
        {"total_count": 0, "check_runs": []},
        {"check_runs": [running]},
        {"check_runs": [other]},  # another job's run says nothing about this one
        {"check_runs": [failed]},
        {"check_runs": [passed]},
    ]
    states = _node(tmp_path, [], answers)["states"]
    assert [s["state"] for s in states] == ["pending", "pending", "pending", "failed", "passed"]
    assert states[3]["problems"][0]["message"] == "sluttiden er for tidlig"
    assert states[3]["problems"][0]["label"] == "Sluttid"
    assert states[4]["changes"] == [{"text": "Mødet er flyttet"}]


FETCH_DRIVER = """
import { fetchCheckResult } from "./netvaerk-checks.js";
const statuses = JSON.parse(process.argv[2]);
const asked = [];
const results = [];
for (const status of statuses) {
  const fetch = async (url, options) => {
    asked.push([url, options.headers.Authorization]);
    if (status === "offline") throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify({ check_runs: [] }), { status });
  };
  const api = "https://api.github.com/";
  const branch = "cms/nyheder/a%2Fb";
  const found = await fetchCheckResult({ api, repo: "o/r", branch, token: "t", fetch });
  results.push(found.state);
}
process.stdout.write(JSON.stringify({ asked, results }));
"""


def test_the_editor_asks_github_for_the_branch_and_reads_its_answers(tmp_path: Path) -> None:
    shutil.copy(ROOT / "admin" / "netvaerk-checks.js", tmp_path / "netvaerk-checks.js")
    (tmp_path / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (tmp_path / "driver.js").write_text(FETCH_DRIVER, encoding="utf-8")
    statuses = [200, 404, 422, 401, 500, "offline"]
    result = subprocess.run(
        ["node", "driver.js", json.dumps(statuses)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    answer = json.loads(result.stdout)
    # No branch (merged, or never saved): no panel. Anything else unexpected: »cannot ask«.
    assert answer["results"] == ["pending", "none", "none", "unknown", "unknown", "unknown"]
    url, authorization = answer["asked"][0]
    assert url == (
        "https://api.github.com/repos/o/r/commits/cms%2Fnyheder%2Fa%252Fb/check-runs"
        "?check_name=Redigeringens%20tjek"
    )
    assert authorization == "Bearer t"


# --- the whole loop in Chromium -----------------------------------------------------------------


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("checks") / "project")
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETVAERK_EDITOR_BACKEND", "test-repo")
        project.build()
    with serve(project.site_dir) as base:
        yield base


# The editor is logged in with GitHub: Sveltia keeps the login's token in localStorage.
LOG_IN = """(token) => {
  const user = JSON.parse(localStorage.getItem("sveltia-cms.user") || "{}");
  localStorage.setItem("sveltia-cms.user", JSON.stringify({ ...user, token }));
}"""


def _come_back(page: Page) -> None:
    """The editor returns to the editor's tab (e.g. from GitHub): the panel asks again."""
    page.evaluate("window.dispatchEvent(new Event('focus'))")


@pytest.mark.browser
def test_the_editor_shows_the_pull_requests_check_before_publishing(
    editor_site: str,
    browser: Browser,
    github: FakeGitHub,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Production's configuration names the repository (and GitHub's API address); the test's
    site uses the in-browser repository for the forms, so its config.yml is given the
    production backend's repo and an api_root on loopback: the glue's own code path."""

    def production_backend(route: Route) -> None:
        text = route.fetch().text()
        text = text.replace(
            "backend:\n  name: test-repo\n",
            f"backend:\n  name: test-repo\n  repo: {REPO}\n  api_root: {github.url}\n",
        )
        assert github.url in text
        route.fulfill(body=text, content_type="text/yaml; charset=utf-8")

    with editor_page(browser, width=1400, timeout=LOAD_TIMEOUT) as page:
        page.context.route(re.compile(r".*/admin/config\.yml$"), production_backend)
        log_in(page, editor_site, {"data/meetings.yaml": data_file("meetings.yaml")})
        page.goto(editor_site + "admin/#/collections/moeder/entries/meetings")
        expect(page.get_by_role("button", name=named("Tilføj møde"))).to_be_visible()
        panel = page.locator("#netvaerk-pr-check")
        assert github.requests == []  # nothing asked of GitHub before the login

        # The editor saved: the pull request's branch exists, CI has not answered yet.
        github.heads[BRANCH] = "sha-1"
        page.evaluate(LOG_IN, EDITOR_TOKEN)
        _come_back(page)
        expect(panel).to_have_attribute("data-state", "pending")
        expect(panel).to_contain_text("Ændringen tjekkes")
        assert github.requests[-1][2] == f"Bearer {EDITOR_TOKEN}"
        assert unquote(github.requests[-1][1]).startswith(f"/repos/{REPO}/commits/{BRANCH}/")

        # CI found an end before the start.
        root = _repository(tmp_path / "repo")
        _edit_meetings(root, LATE, "    end: 09:00\n")
        assert _publish(root, "sha-1", github, monkeypatch) == 0
        _come_back(page)
        expect(panel).to_have_attribute("data-state", "failed")
        expect(panel).to_contain_text("Ændringen kan ikke udgives endnu")
        expect(panel).to_contain_text("Sluttid: sluttiden 09.00 skal ligge efter starttiden 09.30")
        expect(panel).to_contain_text("mødet »Digitale fællesskaber og lokal service«")
        shot(page, "tjek-fejl")

        # The editor fixed it and saved again: a new head, checked anew.
        github.heads[BRANCH] = "sha-2"
        _come_back(page)
        expect(panel).to_have_attribute("data-state", "pending")
        _edit_meetings(root, "    end: 09:00\n", LATE)
        _edit_meetings(root, "Digitale fællesskaber og lokal service", "Digitale fællesskaber")
        assert _publish(root, "sha-2", github, monkeypatch) == 0
        _come_back(page)
        expect(panel).to_have_attribute("data-state", "passed")
        expect(panel).to_contain_text("Tjekket er i orden")
        expect(panel.locator("h3")).to_have_text("Møder")  # make changes' words, as text
        expect(panel.locator("li").first).to_contain_text(
            "Nyt tema: »Digitale fællesskaber og lokal service« hedder nu »Digitale fællesskaber«."
        )
        shot(page, "tjek-i-orden")

        # Published (merged): the branch is gone, and so is the panel.
        del github.heads[BRANCH]
        _come_back(page)
        expect(panel).to_have_count(0)
