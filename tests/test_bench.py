"""The benchmark's own parts still fit the project (``make bench`` itself is never a test).

The synthetic data must pass the project's validation, or the benchmark would measure an
error path; the floor's mkdocs.yml must lose exactly the hooks and the theme overrides.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

from netvaerk.content.loading import load_site

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
