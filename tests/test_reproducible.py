"""Reproducible (issue 6.5): two builds of the same sources are byte-identical, every file.

The two builds run as separate ``mkdocs build`` processes (as two CI runs would), from two
copies of the project at different paths and with different hash seeds, with the same
``SOURCE_DATE_EPOCH``. Nothing is excluded: not the search index, not ``sitemap.xml.gz``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from factories import Project, epoch


def start_build(project: Project, hash_seed: str, today: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(epoch(today)),
        "PYTHONHASHSEED": hash_seed,
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(project.root / "mkdocs.yml")]
    command += ["--site-dir", str(project.site_dir)]
    return subprocess.Popen(
        command,
        cwd=project.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def files(site_dir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site_dir).as_posix(): p.read_bytes()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


def first_difference(a: bytes, b: bytes) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return (
        f"{len(a)} vs {len(b)} bytes, first difference at byte {at}: "
        f"{a[at : at + 60]!r} vs {b[at : at + 60]!r}"
    )


@pytest.mark.build
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = Project(tmp_path / "first")
    second = Project(tmp_path / "second-copy")
    # Both at once: two cores, and the builds must not depend on running alone.
    runs = [start_build(first, "1", "2026-11-30"), start_build(second, "4242", "2026-11-30")]
    for run in runs:
        output, _ = run.communicate(timeout=300)
        assert run.returncode == 0, output

    a, b = files(first.site_dir), files(second.site_dir)
    assert len(a) > 10
    assert a.keys() == b.keys(), f"different files: {sorted(a.keys() ^ b.keys())}"
    differ = [f"{name}: {first_difference(a[name], b[name])}" for name in a if a[name] != b[name]]
    assert not differ, "files differ between two builds:\n" + "\n".join(differ)
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
