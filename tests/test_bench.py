"""The benchmark's own parts still fit the project (``make bench`` itself is never a test).

The synthetic data must pass the project's validation, or the benchmark would measure an
error path; the floor's mkdocs.yml must lose exactly the hooks and the theme overrides.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from factories import ROOT

from netvaerk.content.loading import load_site
from netvaerk.model import FIRST_DATE

sys.path.insert(0, str(ROOT / "bench"))
import generate
import plain
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
    assert "site_hooks" not in floor and "custom_dir" not in floor
    # One hook is left: the floor's template cache, as the build has one (a fair floor).
    assert re.findall(r"^hooks:\n((?:  - .*\n)+)", floor, re.MULTILINE) == ["  - floor_hooks.py\n"]
    assert (run.BENCH / "floor_hooks.py").is_file()
    assert floor.endswith("docs_dir: floor-docs\n")
    assert run.floor_config(text, "plain-docs").endswith("docs_dir: plain-docs\n")
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


def test_the_plain_floor_pages_hold_each_meetings_facts_as_plain_markdown(tmp_path: Path) -> None:
    """The second floor (issue 21): the same data, without tables, HTML or admonitions."""
    generate.write(12, tmp_path)
    meetings = yaml.safe_load((tmp_path / "meetings.yaml").read_text("utf-8"))["meetings"]
    for meeting in meetings:
        page = plain.meeting_page(meeting)
        assert page.startswith(f"# {meeting['title']}\n")
        assert meeting["summary"] in page and meeting["description"] in page
        for item in meeting["programme"]:
            assert f"{item['start']}–{item['end']}: {item['title']}" in page
        where = meeting.get("venue", {}).get("address") or meeting["online"]["url"]
        assert where in page
        for markup in ("<div", "<table", "|", "!!!", "markdown", "\n:   "):
            assert markup not in page, (meeting["id"], markup)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.build
def test_the_plain_floor_builds_the_same_pages_as_plain_ones(tmp_path: Path) -> None:
    """Both floors build strictly with MkDocs alone into the same set of pages; a meeting's
    page in the plain floor has its facts and none of the rich page's table or lists."""
    project, _ = run.prepare(4, tmp_path)
    run.child_json(
        [run.PYTHON, str(ROOT / "bench" / "instrumented.py"), "mkdocs.yml", "out", "floor-docs"],
        project,
    )
    pages = plain.write(project / "data", project / "floor-docs", project / "plain-docs")
    assert pages == len(list((project / "floor-docs").rglob("*.md")))
    (project / run.PLAIN[0]).write_text(
        run.floor_config((project / "mkdocs.yml").read_text("utf-8"), "plain-docs"), "utf-8"
    )
    sites = {}
    for config, site in (run.FLOOR, run.PLAIN):
        run.measure(
            [run.PYTHON, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site], project
        )
        sites[site] = project / site
    floor, plain_site = sites.values()
    assert {p.relative_to(floor) for p in floor.rglob("*.html")} == {
        p.relative_to(plain_site) for p in plain_site.rglob("*.html")
    }
    assert (project / ".floor-template-cache").is_dir()  # the floors' hook ran

    meetings = yaml.safe_load((project / "data" / "meetings.yaml").read_text("utf-8"))["meetings"]
    meeting = meetings[0]
    rich = _parsed(floor / "moeder" / meeting["id"] / "index.html")
    simple = _parsed(plain_site / "moeder" / meeting["id"] / "index.html")
    assert "table" in rich.tags and "dl" in rich.tags
    assert "table" not in simple.tags and "dl" not in simple.tags
    text = " ".join(" ".join(simple.text).split())
    assert meeting["title"] in text and meeting["summary"] in text
    assert all(item["title"] in text for item in meeting["programme"])
