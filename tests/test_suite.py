"""The test suite's own rules: an unmarked test that builds fails (conftest's guard), and test
modules take their helpers from ``factories.py``, never from ``conftest.py`` or each other.

The guard is tried as a developer would meet it: planted test files run by a pytest of their
own (pytester) with the project's conftest as a plugin. Every planted way of building runs in
an empty folder or a throw-away project, so a way the guard misses fails fast and harmlessly
(and this test then names it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import DROP, ROOT, TESTS, a_meeting, a_member, meetings_yaml, members_yaml

PLANTED = r"""
import subprocess
import sys

import pytest
from factories import BIN, Project
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from properdocs.commands.build import build as properdocs_build
from properdocs.config import load_config as properdocs_config


@pytest.fixture(scope="module")
def module_site(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("module") / "project")
    project.build()
    return project


def test_project_build(project):
    project.build()


def test_project_cli_build(project):
    project.cli_build()


def test_project_cli_build_properdocs(project):
    project.cli_build("properdocs")


def test_mkdocs_build_imported_by_name(project):
    mkdocs_build(load_config(str(project.root / "mkdocs.yml")))


def test_properdocs_build_in_process(tmp_path):
    for folder in ("docs", "theme"):
        (tmp_path / folder).mkdir()
    (tmp_path / "docs" / "index.md").write_text("# A page")
    (tmp_path / "theme" / "main.html").write_text("{{ page.content }}")
    config = "site_name: A site\nplugins: []\ntheme: {name: null, custom_dir: theme}\n"
    (tmp_path / "mkdocs.yml").write_text(config)
    properdocs_build(properdocs_config(str(tmp_path / "mkdocs.yml")))


def test_a_module_fixture_that_builds(module_site):
    pass


def test_mkdocs_command(tmp_path):
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=tmp_path, check=False)


def test_python_m_mkdocs_serve(tmp_path):
    subprocess.run([sys.executable, "-m", "mkdocs", "serve"], cwd=tmp_path, check=False)


def test_properdocs_popen(tmp_path):
    subprocess.Popen(args=[str(BIN / "properdocs"), "build"], cwd=tmp_path).wait()


def test_make_build(tmp_path):
    subprocess.run(["make", "-s", "-C", str(tmp_path), "build"], check=False)


def test_make_build_in_a_shell(tmp_path):
    subprocess.run(f"make -C {tmp_path} serve", shell=True, check=False)


def test_sh_c_make_test(tmp_path):
    subprocess.run(["sh", "-c", "make test"], cwd=tmp_path, check=False)


def test_allowed_python_c_that_shlex_cannot_split():
    code = "print('it' 's')  # it's"
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)


def test_allowed_make_dry_run(tmp_path):
    subprocess.run(["make", "-n", "-C", str(tmp_path), "build"], capture_output=True, check=False)
    subprocess.run(["make", "-sn", "-C", str(tmp_path), "build"], capture_output=True, check=False)


def test_allowed_mkdocs_version():
    subprocess.run([str(BIN / "mkdocs"), "--version"], capture_output=True, check=True)


@pytest.mark.build
def test_allowed_when_marked_build(tmp_path):
    done = subprocess.run(["make", "-C", str(tmp_path), "build"], capture_output=True, check=False)
    assert b"No rule to make target" in done.stderr  # it ran (in an empty folder)


@pytest.mark.browser
def test_allowed_when_marked_browser(tmp_path):
    subprocess.run(["make", "-C", str(tmp_path), "build"], capture_output=True, check=False)
"""


def test_the_guard_fails_every_unmarked_way_of_building(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeini("[pytest]\nmarkers =\n    build: builds\n    browser: a browser\n")
    pytester.makepyfile(test_planted=PLANTED)
    monkeypatch.setenv("PYTHONPATH", f"{TESTS}:{ROOT / 'hooks'}")
    result = pytester.runpytest_subprocess("-p", "conftest", "-rA", "-vv", "-p", "no:cacheprovider")
    outcomes = {
        name: verdict
        for verdict, name in re.findall(
            r"^(PASSED|FAILED|ERROR) test_planted\.py::(\w+)", result.stdout.str(), re.M
        )
    }
    planted = re.findall(r"^def (test_\w+)", PLANTED, re.M)
    assert sorted(outcomes) == sorted(planted), result.stdout.str()
    for name in planted:
        expected = "PASSED" if name.startswith("test_allowed_") else ("FAILED", "ERROR")
        assert outcomes[name] in expected, f"{name}: {outcomes[name]}\n{result.stdout.str()}"
    # Each refusal says what to do; none got as far as building.
    refusals = re.findall(r"^(?:FAILED|ERROR) .* - (.*)$", result.stdout.str(), re.M)
    assert len(refusals) == len([n for n in planted if not n.startswith("test_allowed_")])
    assert all("marked neither build nor browser: mark it build" in line for line in refusals)
    assert "Documentation built" not in result.stdout.str() + result.stderr.str()


IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", re.M)


def _imported_modules(path: Path) -> set[str]:
    """The modules a file imports (a line-based reading: faster than parsing 80 files)."""
    text = path.read_text(encoding="utf-8")
    return {found for pair in IMPORT.findall(text) for found in pair if found}


def test_test_modules_import_helpers_from_factories_not_from_conftest_or_each_other() -> None:
    modules = sorted(TESTS.glob("*.py"))
    assert len(modules) > 50
    test_modules = {path.stem for path in modules if path.stem.startswith("test_")}
    for path in modules:
        wrong = _imported_modules(path) & ({"conftest"} | test_modules)
        assert not wrong, f"{path.name} imports {sorted(wrong)}: move the helper to factories.py"


def test_the_yaml_builder_writes_what_an_editor_writes_and_knows_each_line() -> None:
    """The builder's line numbers are what test_validation checks problems against, so the
    builder itself is held to a literal text here."""
    doc = meetings_yaml(
        a_meeting(online=DROP, venue={"name": "Rådhus"}),
        a_meeting(title=DROP, programme=[{"start": "9:00", "speakers": ["Anna"]}], materials=[]),
    )
    assert doc.text == (
        "meetings:\n"
        "  - title: Første møde\n"
        "    date: 2021-01-28\n"
        "    start: 12:30\n"
        "    end: 15:30\n"
        "    venue:\n"
        "      name: Rådhus\n"
        "  - date: 2021-01-28\n"
        "    start: 12:30\n"
        "    end: 15:30\n"
        "    online:\n"
        "      platform: Teams\n"
        "    programme:\n"
        "      - start: 9:00\n"
        "        speakers:\n"
        "          - Anna\n"
        "    materials: []\n"
    )
    lines = doc.text.splitlines()
    for path, text in [
        ("meetings[0]", "  - title: Første møde"),
        ("meetings[0].venue.name", "      name: Rådhus"),
        ("meetings[1]", "  - date: 2021-01-28"),
        ("meetings[1].programme[0]", "      - start: 9:00"),
        ("meetings[1].programme[0].speakers[0]", "          - Anna"),
        ("meetings[1].materials", "    materials: []"),
    ]:
        assert lines[doc.line(path) - 1] == text, path
    members = members_yaml(a_member(code=740))
    assert members.text == (
        "members:\n  - id: silkeborg\n    name: Silkeborg Kommune\n"
        "    region: Midtjylland\n    code: 740\n"
    )
    assert members.line("members[0].code") == 5
