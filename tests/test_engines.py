"""The site builds the same with ProperDocs as with MkDocs (issue 13: a second engine in CI).

MkDocs 1.6.1 has had no release since 2024; ProperDocs is its maintained fork, reads
``mkdocs.yml``, runs the hooks and Material. One full build of the shipped data with the
``properdocs`` command must give exactly the files of the ``mkdocs`` build that the rest of
the suite checks (pages, search index, sitemap, .ics, Atom), byte for byte but for the
generator tag that names the engine. Bad data under ProperDocs: ``test_build_errors.py``.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import Project

pytestmark = pytest.mark.build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def files(site_dir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site_dir).as_posix(): p.read_bytes()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


def generators(data: bytes) -> list[bytes]:
    return GENERATOR.findall(data)


def test_properdocs_builds_the_same_site(built_site: Project, tmp_path: Path) -> None:
    proper = Project(tmp_path / "properdocs")
    result = proper.cli_build("properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    expected = files(built_site.site_dir)
    got = files(proper.site_dir)
    assert sorted(got) == sorted(expected)
    assert any(name.endswith(".ics") for name in got) and "nyheder/feed.xml" in got
    pages = 0
    for name, data in got.items():
        if name.endswith(".html"):
            pages += 1
            assert [g.split(b",")[0] for g in generators(data)] == [
                f"mkdocs-ProperDocs {version('properdocs')}".encode()
            ]
            assert [g.split(b",")[0] for g in generators(expected[name])] == [
                f"mkdocs-{version('mkdocs')}".encode()
            ]
            data = GENERATOR.sub(b"", data)
            expected[name] = GENERATOR.sub(b"", expected[name])
        assert data == expected[name], name
    assert pages >= 15  # every page type: home, lists, meetings, news, members, 404
