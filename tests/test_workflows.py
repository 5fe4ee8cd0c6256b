"""GitHub Actions (issues 5 and 19): valid workflows that check pull requests and publish main.

Validity is checked against GitHub's workflow JSON Schema as vendored in check-jsonschema
(``--builtin-schema vendor.github-workflows``; no network needed), Dependabot's file against
its schema (``vendor.dependabot``). The rest pins the promises the workflows make: pinned
actions, full history for the calendar, a daily rebuild, a deploy that only ever runs after a
successful build, and what keeps it going unattended for a year: the keep-alive, the failure
issue, Node from .nvmrc, no credentials left behind, the non-blocking rehearsal and audit.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"  # the venv running pytest
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def load(name: str) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(job) if "run" in step]


def uses(job: dict[str, Any], action: str) -> dict[str, Any]:
    [step] = [s for s in steps(job) if s.get("uses", "").startswith(f"{action}@")]
    return step


def test_the_workflows_are_valid_for_github() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "deploy.yml"]
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The schema is really applied: a job without runs-on is rejected."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps:\n      - run: make\n", encoding="utf-8")
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_commit(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    found = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert found
    for action, comment in found:
        assert PINNED.match(action), f"{name}: {action} is not pinned to a full commit SHA"
        assert re.search(r"# v\d+\.\d+\.\d+", comment), f"{name}: {action} has no version note"


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_checkout_fetches_the_full_history(name: str) -> None:
    """The calendar's SEQUENCE counts the commits that changed each meeting: every job that
    checks or builds the site has the whole history."""
    checked = 0
    for job in load(name)["jobs"].values():
        commands = " ".join(runs(job))
        if any(c in commands for c in ("make check", "make build", "make test", "build_alert")):
            assert uses(job, "actions/checkout")["with"]["fetch-depth"] == 0
            checked += 1
    assert checked, f"{name}: no job checks or builds the site"


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_no_job_leaves_the_token_in_the_checkout(name: str) -> None:
    """npm and pip run install scripts: the checkout's token is not left in .git/config."""
    checkouts = [
        step
        for job in load(name)["jobs"].values()
        for step in steps(job)
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) >= 3
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_pull_requests_run_make_check_and_make_test() -> None:
    ci = load("ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    job = ci["jobs"]["test"]
    assert "continue-on-error" not in job  # the suite blocks a merge, editors' and Dependabot's
    commands = runs(job)
    assert commands.index("make check") < commands.index("make test")
    install = next(c for c in commands if "apt-get install" in c)
    assert "chromium" in install  # Debian's package: the browser tests drive /usr/bin/chromium
    image, digest = job["container"].split("@sha256:")
    assert image == "python:3.11-bookworm"  # pinned by digest, not by a tag that moves
    assert re.fullmatch(r"[0-9a-f]{64}", digest)


def test_main_is_published_on_push_daily_and_by_hand() -> None:
    deploy = load("deploy.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    [schedule] = deploy["on"]["schedule"]
    _minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"] and 0 <= int(hour) <= 6
    assert "workflow_dispatch" in deploy["on"]
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_a_failed_build_never_publishes() -> None:
    deploy = load("deploy.yml")
    assert deploy["permissions"] == {"contents": "read"}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]

    commands = runs(build)
    assert commands.index("make check") < commands.index("make build")
    assert uses(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert "permissions" not in build  # the job that runs project code cannot publish
    assert not any(step.get("continue-on-error") for step in steps(build))

    assert publish["needs"] == "build"
    assert "if" not in publish  # no always(): deploy runs only when build succeeded
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"
    uses(publish, "actions/configure-pages")
    assert uses(publish, "actions/deploy-pages")["id"] == "deployment"
    assert "actions/checkout" not in str(publish)


def test_the_published_calendar_is_the_floor_of_every_sequence() -> None:
    """The deploy hands the build the live kalender.ics (netvaerk/feeds/published.py) before
    it builds; only a 404 (the first deploy) goes on without it."""
    build = load("deploy.yml")["jobs"]["build"]
    commands = runs(build)
    [fetch] = [c for c in commands if "NETVAERK_UDGIVET_KALENDER=" in c]
    assert commands.index(fetch) < commands.index("make build")
    assert "kalender.ics" in fetch and "404)" in fetch and "exit 1" in fetch


def test_a_preview_of_another_day_is_never_published() -> None:
    """The publishing build says so (``NETVAERK_UDGIVELSE``), which makes the build refuse
    a preview date (netvaerk/content/clock.py), and nothing in the workflow sets one."""
    deploy = load("deploy.yml")
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    assert "NETVAERK_DATO" not in text and "DATO=2" not in text
    build = deploy["jobs"]["build"]
    [step] = [s for s in steps(build) if s.get("run", "").strip() == "make build"]
    assert step["env"]["NETVAERK_UDGIVELSE"] == "1"
    assert "env" not in deploy and "env" not in build  # set on the step, nothing overrides it


def test_pull_requests_get_annotations_and_the_danish_summary_of_the_change() -> None:
    """``make check`` annotates in GitHub Actions by itself (GITHUB_ACTIONS is never turned
    off); ``make changes`` compares with the pull request's target branch."""
    job = load("ci.yml")["jobs"]["test"]
    commands = runs(job)
    assert (
        commands.index("make check") < commands.index("make changes") < commands.index("make test")
    )
    assert "GITHUB_ACTIONS" not in str(job)
    [step] = [s for s in steps(job) if s.get("run", "").strip() == "make changes"]
    assert step["env"]["BASE"] == "origin/${{ github.base_ref || 'main' }}"
    [checkout] = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0  # origin/<base> is there to compare with


# --- a year unattended (issue 19) ----------------------------------------------------------


def test_the_daily_schedule_keeps_itself_enabled() -> None:
    """GitHub turns off a quiet repository's schedules after 60 days: every run of the deploy
    workflow enables it again (netvaerk/editing/keep_alive.py, tested in test_unattended)."""
    deploy = load("deploy.yml")
    job = deploy["jobs"]["keep-alive"]
    assert job["permissions"] == {"actions": "write", "contents": "read"}  # all it may do
    assert "needs" not in job and "if" not in job  # runs whether or not the build works
    [step] = [s for s in steps(job) if "run" in s]
    assert step["run"].strip() == "python3 -m netvaerk.editing.keep_alive deploy.yml"
    assert step["env"] == {"PYTHONPATH": "hooks", "GITHUB_TOKEN": "${{ github.token }}"}
    assert (WORKFLOWS / "deploy.yml").is_file() and deploy["on"]["schedule"]


def test_a_failed_run_tells_the_editors_in_an_issue() -> None:
    deploy = load("deploy.yml")
    build, job = deploy["jobs"]["build"], deploy["jobs"]["alert"]
    assert sorted(job["needs"]) == ["build", "deploy"]
    assert job["if"] == "${{ always() }}"  # above all when the build failed
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    [step] = [s for s in steps(job) if "-m netvaerk.tools build-alert" in s.get("run", "")]
    assert '--setup "$SETUP" --check "$CHECK" --build "$BUILD" --deploy "$DEPLOY"' in (step["run"])
    assert step["env"]["SETUP"] == "${{ needs.build.result }}"
    assert step["env"]["DEPLOY"] == "${{ needs.deploy.result }}"
    # The build job hands over how its two steps ended, by their ids.
    ids = {s.get("id"): s.get("run", "").strip() for s in steps(build)}
    assert ids["check"] == "make check" and ids["build"] == "make build"
    assert build["outputs"] == {
        "check": "${{ steps.check.outcome }}",
        "build": "${{ steps.build.outcome }}",
    }
    assert step["env"]["CHECK"] == "${{ needs.build.outputs.check || 'skipped' }}"
    assert step["env"]["BUILD"] == "${{ needs.build.outputs.build || 'skipped' }}"


def test_node_comes_from_nvmrc_everywhere() -> None:
    """One version, in .nvmrc, for CI, the deploy's npm ci in admin/ and .ci/run."""
    major = int((ROOT / ".nvmrc").read_text(encoding="utf-8").strip())
    assert major >= 22  # Node 20 reached its end of life in April 2026
    ci, deploy = load("ci.yml")["jobs"], load("deploy.yml")["jobs"]
    for job in (ci["test"], ci["zensical"], ci["audit"], deploy["build"]):
        node = uses(job, "actions/setup-node")
        assert node["with"]["node-version-file"] == ".nvmrc"
        assert "node-version" not in node["with"]
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "want=$(cat .nvmrc)" in ci_run and '"node@${want}"' in ci_run


def test_pip_and_npm_downloads_are_cached() -> None:
    deploy = load("deploy.yml")["jobs"]["build"]
    assert uses(deploy, "actions/setup-python")["with"]["cache"] == "pip"
    assert uses(deploy, "actions/setup-python")["with"]["cache-dependency-path"] == (
        "requirements.txt"
    )
    assert uses(deploy, "actions/setup-node")["with"]["cache"] == "npm"
    test = load("ci.yml")["jobs"]["test"]
    assert uses(test, "actions/setup-node")["with"]["cache"] == "npm"
    cache = uses(test, "actions/cache")["with"]
    assert cache["path"] == test["env"]["PIP_CACHE_DIR"]
    assert "requirements-dev.txt" in cache["key"]


def test_the_deploy_installs_the_site_packages_only() -> None:
    """``make build`` needs requirements.txt alone; the test tools never reach the deploy."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_line = next(line for line in makefile.splitlines() if line.startswith("build:"))
    assert "$(STAMP)" in build_line and "DEV_STAMP" not in build_line
    assert "$(STAMP): requirements.txt\n" in makefile
    assert "--require-hashes -r requirements.txt" in makefile
    assert "requirements-dev" not in str(load("deploy.yml")["jobs"]["build"])


def test_the_zensical_rehearsal_and_the_audit_never_block() -> None:
    jobs = load("ci.yml")["jobs"]
    zensical, audit = jobs["zensical"], jobs["audit"]
    assert zensical["continue-on-error"] is True and audit["continue-on-error"] is True
    assert re.fullmatch(r"\d+\.\d+\.\d+", zensical["env"]["ZENSICAL_VERSION"])  # pinned
    commands = "\n".join(runs(zensical))
    assert commands.index("make build") < commands.index("netvaerk.prebuild prebuilt")
    assert '"zensical==${ZENSICAL_VERSION}"' in commands
    assert "netvaerk.rehearsal config mkdocs.yml prebuilt site-zensical" in commands
    assert runs(zensical)[-1].endswith(
        "PYTHONPATH=hooks .venv/bin/python -m netvaerk.rehearsal compare site site-zensical"
    )
    assert runs(audit) == ["make audit"]


def test_dependabot_brings_one_monthly_pull_request_for_everything() -> None:
    path = ROOT / ".github" / "dependabot.yml"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.dependabot", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    [group] = config["multi-ecosystem-groups"]
    assert config["multi-ecosystem-groups"][group]["schedule"]["interval"] == "monthly"
    covered = {}
    for update in config["updates"]:
        assert update["multi-ecosystem-group"] == group and update["patterns"] == ["*"]
        for directory in update.get("directories", [update.get("directory")]):
            covered[(update["package-ecosystem"], directory)] = True
    assert set(covered) == {
        ("pip", "/"),
        ("npm", "/admin"),
        ("npm", "/tests/js"),
        ("github-actions", "/"),
    }
    # Dependabot's pip updater reads *.txt requirement files: the locks are named so.
    assert (ROOT / "requirements.txt").is_file() and (ROOT / "requirements-dev.txt").is_file()
