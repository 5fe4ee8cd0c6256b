"""The benchmark's own parts still fit the project (``make bench`` itself is never a test).

The synthetic data must pass the project's validation, or the benchmark would measure an
error path; the floor's mkdocs.yml must lose exactly the hooks and the theme overrides.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from factories import ROOT

from netvaerk.content.loading import load_site
from netvaerk.model import FIRST_DATE

sys.path.insert(0, str(ROOT / "bench"))
import generate
import run


def test_generated_data_is_valid_and_realistic(tmp_path: Path) -> None:
    generate.write(30, tmp_path)
    site = load_site(tmp_path)
    assert len(site.meetings) == 30
    assert len(site.members) == 98
    assert all(m.announcement is not None for m in site.meetings)
    assert all(len(m.programme) >= 5 for m in site.meetings)
    assert any(m.end_date is not None for m in site.meetings)
    assert {item.kind.value for m in site.meetings for item in m.programme} >= {
        "session",
        "break",
        "meal",
    }
    assert "æ" in (tmp_path / "meetings.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", run.SIZES)
def test_generated_data_is_valid_at_every_size_make_bench_offers(size: int, tmp_path: Path) -> None:
    """At 1,000 meetings every other Thursday once reached back to 1989, which the model
    refuses: ``make bench`` then failed after minutes. Every size must load as it is built."""
    generate.write(size, tmp_path)
    site = load_site(tmp_path)
    days = sorted(m.date for m in site.meetings)
    assert len(days) == len(set(days)) == size
    assert days[0] >= FIRST_DATE
    assert days[-1] == generate.LAST_MEETING
    assert all(day.weekday() == 3 for day in days)  # Thursdays
    assert {b - a for a, b in pairwise(days)} <= {timedelta(7), timedelta(14)}
    assert any(day > generate.TODAY for day in days)  # some upcoming, most past
    assert sum(day < generate.TODAY for day in days) > size // 2


def test_the_generator_refuses_a_size_that_cannot_fit() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        generate.spacing(5000)
    with pytest.raises(ValueError, match="at least one"):
        generate.spacing(0)


def test_a_failed_instrumented_build_says_why(tmp_path: Path) -> None:
    """bench/instrumented.py once exited 1 with nothing on stdout or stderr."""
    project, _ = run.prepare(4, tmp_path)
    meetings = project / "data" / "meetings.yaml"
    first = generate.LAST_MEETING - generate.spacing(4) * 3
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace(f"date: '{first}'", "date: '1989-08-10'", 1), "utf-8")
    result = subprocess.run(
        [run.PYTHON, str(ROOT / "bench" / "instrumented.py"), "mkdocs.yml", "out", "floor"],
        cwd=project,
        env=run.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "1989-08-10" in result.stderr and "1990–2100" in result.stderr
    assert "the build failed" in result.stderr
    assert result.stdout == ""


def test_the_history_versions_are_valid_files(tmp_path: Path) -> None:
    members_text, chunks = generate.meeting_chunks(12)
    (tmp_path / "members.yaml").write_text(members_text, encoding="utf-8")
    for k in (1, 6, 12):
        (tmp_path / "meetings.yaml").write_text("meetings:\n" + "".join(chunks[:k]), "utf-8")
        assert len(load_site(tmp_path).meetings) == k


def test_floor_config_drops_hooks_and_overrides_only() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    floor = run.floor_config(text)
    assert "site_hooks" not in floor and "\nhooks:" not in floor
    assert "custom_dir" not in floor
    assert floor.endswith("docs_dir: floor-docs\n")
    for kept in ("nav:", "plugins:", "markdown_extensions:", "theme:", "site_url:"):
        assert kept in floor


def test_stage_timer_runs_against_the_current_core(tmp_path: Path) -> None:
    """bench/stages.py binds to the core's functions by name: when one moves or is renamed,
    this fails here instead of the benchmark silently reporting a stage as zero."""
    project, commits = run.prepare(4, tmp_path)
    assert commits > 0
    result = run.child_json(
        [run.PYTHON, str(ROOT / "bench" / "stages.py"), str(project), run.SITE_URL], project
    )
    assert result["meetings"] == 4
    stages = result["stages"]
    for stage in ("load", "validate", "render", "calendar", "news", "atom", "history"):
        assert stages[stage] > 0, stage
    assert result["generated_files"] > 4 * 2  # a page and a .ics per meeting, and more
