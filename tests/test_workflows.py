"""GitHub Actions (issue 5): valid workflows that check pull requests and publish main.

Validity is checked against GitHub's workflow JSON Schema as vendored in check-jsonschema
(``--builtin-schema vendor.github-workflows``; no network needed). The rest pins the promises
the workflows make: pinned actions, full history for the calendar, a daily rebuild, and a
deploy that only ever runs after a successful build.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

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
    """The calendar's SEQUENCE counts the commits that changed each meeting."""
    for job in load(name)["jobs"].values():
        for step in steps(job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["fetch-depth"] == 0


def test_pull_requests_run_make_check_and_make_test() -> None:
    ci = load("ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    [job] = ci["jobs"].values()
    commands = runs(job)
    assert commands.index("make check") < commands.index("make test")
    install = next(c for c in commands if "apt-get install" in c)
    assert "chromium" in install  # Debian's package: the browser tests drive /usr/bin/chromium
    assert job["container"].endswith("-bookworm")


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
    [job] = load("ci.yml")["jobs"].values()
    commands = runs(job)
    assert (
        commands.index("make check") < commands.index("make changes") < commands.index("make test")
    )
    assert "GITHUB_ACTIONS" not in str(job)
    [step] = [s for s in steps(job) if s.get("run", "").strip() == "make changes"]
    assert step["env"]["BASE"] == "origin/${{ github.base_ref || 'main' }}"
    [checkout] = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0  # origin/<base> is there to compare with
