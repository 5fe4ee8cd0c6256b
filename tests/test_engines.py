"""The site builds the same with ProperDocs as with MkDocs (issue 13: a second engine in CI).

MkDocs 1.6.1 has had no release since 2024; ProperDocs is its maintained fork, reads
``mkdocs.yml``, runs the hooks and Material. One full build of the shipped data with the
``properdocs`` command must give exactly the files of the ``mkdocs`` build that the rest of
the suite checks (pages, search index, sitemap, .ics, Atom), byte for byte but for the
generator tag that names the engine. Bad data under ProperDocs: ``test_build_errors.py``.

And for an engine that runs no hooks (Zensical): the pre-build step writes the generated
sources as files (``netvaerk/prebuild.py``), and plain MkDocs builds the same content.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from bs4 import BeautifulSoup
from factories import ROOT, Project, epoch, visible_text

TODAY = "2026-11-30"  # built_site's date
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


def without_hooks(config: str, docs_dir: str) -> str:
    """mkdocs.yml as an engine that ignores ``hooks:`` reads it, minus the theme overrides
    that rely on the glue (Open Graph, the feed link), reading ``docs_dir``."""
    config = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*\n)*", "", config)
    config = re.sub(r"(?m)^[ \t]+custom_dir:.*\n", "", config)
    assert "hooks/" not in config and "custom_dir" not in config
    return config + f"\ndocs_dir: {docs_dir}\n"


def article(html: bytes) -> str:
    main = BeautifulSoup(html, "html.parser").select_one("article")
    assert main is not None
    return str(main)


def test_the_pre_build_gives_an_engine_without_hooks_the_whole_site(
    built_site: Project, tmp_path: Path
) -> None:
    """``python -m netvaerk.prebuild`` writes every generated page and feed as files; MkDocs
    without hooks (as Zensical would run) then builds the same pages and feeds."""
    project = Project(tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": str(epoch(TODAY))}
    done = subprocess.run(
        [sys.executable, "-m", "netvaerk.prebuild", str(project.root / "prebuilt")],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "netvaerk:" not in (project.root / "prebuilt" / "index.md").read_text("utf-8")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(without_hooks(config, "prebuilt"), encoding="utf-8")
    result = project.cli_build("mkdocs", today=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    expected, got = files(built_site.site_dir), files(project.site_dir)
    feeds = [name for name in expected if name.endswith(".ics")] + ["nyheder/feed.xml"]
    assert len(feeds) > 10
    for name in feeds:
        assert got[name] == expected[name], name
    # The pages' content is the same; the head (Open Graph, feed link) is the theme's part,
    # and the soft hyphens come after rendering (README "Engines"): the text reads the same.
    for name in ("index.html", "moeder/index.html", "medlemmer/index.html", "nyheder/index.html"):
        assert article(got[name]) == visible_text(article(expected[name])), name
    pages = {n for n in expected if n.endswith(".html") and not n.startswith("search/")}
    assert pages <= set(got)


def test_the_pre_build_stops_on_bad_data_and_keeps_the_old_output(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    out = project.root / "prebuilt"
    out.mkdir()
    (out / "old.md").write_text("# Sidste gode udgave\n", encoding="utf-8")
    meetings = project.root / "data" / "meetings.yaml"
    meetings.write_text(
        meetings.read_text(encoding="utf-8").replace("start: 12:30", "start: 25:30", 1), "utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": str(epoch(TODAY))}
    done = subprocess.run(
        [sys.executable, "-m", "netvaerk.prebuild", str(out)],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "data/meetings.yaml:" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["old.md"]
