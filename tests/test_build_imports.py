"""What a successful build imports: nothing that only a mistake or the editor needs.

The words of a problem (did-you-mean suggestions, the model's fields as editors name them,
difflib) and the browser editor's configuration and Python are imported by the functions
that use them (``content/loading.py``, ``editing/admin.py``): a build with valid data and
without Sveltia installed does not pay for importing them (bench/README.md). An import moved
back to a module's top would cost every build again without failing anything else, so a
build of the project, in a process of its own, says which modules it imported.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from factories import Project, epoch, python_output

# Needed only when the data has a mistake (a message's suggestion), or by the editor, which
# this project (no admin/node_modules) is built without.
NOT_IN_A_GOOD_BUILD = (
    "difflib",
    "netvaerk.content.suggestions",
    "netvaerk.text.fields",
    "netvaerk.editing.cms",
    "netvaerk.editing.browser_markdown",
    "netvaerk.editing.browser_rules",
)

_BUILD_AND_LIST = """
import json, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "--quiet"], standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)))
"""


def _imported_by_a_build(root: Path) -> tuple[int, set[str]]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch("2026-11-30"))}
    result = python_output(_BUILD_AND_LIST, root, env)
    return result.returncode, set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.build
def test_a_good_build_without_the_editor_imports_neither_suggestions_nor_the_editor(
    tmp_path: Path,
) -> None:
    project = Project(tmp_path / "p")
    assert not (project.root / "admin").exists()
    returncode, modules = _imported_by_a_build(project.root)
    assert returncode == 0
    assert "netvaerk.outputs" in modules  # the hooks ran
    assert [name for name in NOT_IN_A_GOOD_BUILD if name in modules] == []
    # Each name is a module that exists, so the check above cannot pass for a renamed one.
    assert all(importlib.util.find_spec(name) is not None for name in NOT_IN_A_GOOD_BUILD)


@pytest.mark.build
def test_a_build_of_wrong_data_imports_the_words_of_its_problems(tmp_path: Path) -> None:
    project = Project(tmp_path / "p")
    meetings = project.root / "data" / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("meetings:", "meetings:\n  - titel: Fejl", 1), "utf-8")
    returncode, modules = _imported_by_a_build(project.root)
    assert returncode != 0
    assert {"netvaerk.content.suggestions", "netvaerk.text.fields", "difflib"} <= modules
