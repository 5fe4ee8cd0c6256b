"""Shared test helpers: a throw-away copy of the project and a real ``mkdocs build`` of it.

``project`` copies ``mkdocs.yml``, ``docs/`` and ``data/`` into a temp dir (``hooks/`` is a
symlink to the real one) so a test can change the data and build without touching the
repository. ``build`` runs MkDocs' own ``build()`` in-process on a real ``MkDocsConfig``.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from netvaerk.model import TIMEZONE

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def epoch(day: str, clock: str = "12:00") -> int:
    """SOURCE_DATE_EPOCH for a Danish local date and time, e.g. epoch('2021-01-27')."""
    return int(datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TIMEZONE).timestamp())


class Project:
    """A temporary copy of the site sources that a test may change and build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copytree(ROOT / "data", root / "data")
        (root / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
        self.site_dir = root / "site"

    def write(self, relative: str, text: str) -> Path:
        """Write a file (dedented) into the project, e.g. ``data/meetings.yaml``."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self, today: str = "2026-11-30", **overrides: object) -> Path:
        """Run ``mkdocs build --strict`` in-process with 'today' pinned; return site/."""
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch(today))
        try:
            config = load_config(
                str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir), strict=True, **overrides
            )
            mkdocs_build(config)
        finally:
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old
        return self.site_dir

    def page(self, url_path: str) -> str:
        """The built HTML at a site path like ``moeder/2021-01-28/``."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    yield Project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shipped data built once per test session (date pinned to 2026-11-30)."""
    proj = Project(tmp_path_factory.mktemp("shipped") / "project")
    proj.build()
    return proj
