"""``python -m netvaerk.tools``: the command lines of the editing tools that are handed
``make check`` (``netvaerk/tools.py``), run as the deploy workflow runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from factories import CORPUS, ROOT, minimal_project, place

from netvaerk.editing.build_alert import MARKER


def _tools(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("GITHUB_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "netvaerk.tools", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_build_alert_lists_what_make_check_finds(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    place(root, CORPUS / "klokken-25.meetings.yaml")
    done = _tools("build-alert", "--check", "failure", "--dry-run", "--root", str(root))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(MARKER)
    assert "data/meetings.yaml" in done.stdout
    assert "»25:00« er ikke et gyldigt tidspunkt" in done.stdout


def test_an_unknown_tool_is_refused_with_the_usage() -> None:
    for args in ((), ("check",)):
        done = _tools(*args)
        assert done.returncode == 2
        assert "pr-check" in done.stderr and "build-alert" in done.stderr
