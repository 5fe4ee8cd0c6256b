"""The import contracts hold every claim README »How it is built« makes about the core.

Each case copies the core, plants one import that breaks one claim, and requires
`lint-imports` (with the project's own configuration) to fail on that contract. The unplanted
copy must pass, so a failure is the planted import's doing. Dynamic imports, which no static
import graph sees, are refused by an AST scan of the core.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "hooks" / "netvaerk"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(
    tmp_path: Path, plant: tuple[str, str] | None, contract: str | None = None
) -> subprocess.CompletedProcess[str]:
    """lint-imports over a copy of the core, with `plant` = (module file, source line) added,
    checking one contract (by its id in pyproject.toml) or all."""
    hooks = tmp_path / "hooks"
    shutil.copytree(CORE, hooks / "netvaerk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if plant is not None:
        relative, line = plant
        module = hooks / "netvaerk" / relative
        module.parent.mkdir(parents=True, exist_ok=True)
        before = module.read_text(encoding="utf-8") if module.exists() else ""
        module.write_text(before + "\n" + line + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hooks)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"]
        + (["--contract", contract] if contract else []),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_unplanted_core_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(tmp_path, None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# (claim in README »How it is built«, module file, planted line, id of the contract that breaks)
PLANTS = [
    ("content is below pages", "content/rules.py", "import netvaerk.pages.meeting", "layers"),
    ("text is below content", "text/danish.py", "import netvaerk.content.clock", "layers"),
    ("model is the bottom", "model.py", "import netvaerk.text.urls", "layers"),
    ("pages never import feeds", "pages/meeting.py", "import netvaerk.feeds.calendar", "layers"),
    ("feeds never import pages", "feeds/atom.py", "import netvaerk.pages.seo", "layers"),
    ("editing is beside pages", "editing/changes.py", "import netvaerk.pages.agenda", "layers"),
    ("editing is beside feeds", "editing/changes.py", "import netvaerk.feeds.atom", "layers"),
    # no exception: the check that needs the pages' anchors sits above editing (check.py)
    (
        "editing is beside pages, no exception",
        "editing/savecheck.py",
        "import netvaerk.pages.anchors",
        "layers",
    ),
    ("editing is below make check", "editing/pr_check.py", "import netvaerk.check", "layers"),
    ("make check is below the tools", "check.py", "import netvaerk.tools", "layers"),
    ("a new module must take a layer", "newmodule.py", "import netvaerk.outputs", "layers"),
    (
        "outputs never import editing",
        "outputs.py",
        "import netvaerk.editing.cms",
        "no-editing",
    ),
    (
        "prebuild never imports editing",
        "prebuild.py",
        "import netvaerk.editing",
        "no-editing",
    ),
    (
        "renderers take facts, not the history",
        "feeds/calendar.py",
        "import netvaerk.content.history",
        "facts-not-history",
    ),
    (
        "renderers take facts, not the clock",
        "pages/meeting.py",
        "from netvaerk.content import clock",
        "facts-not-history",
    ),
    ("icalendar only in feeds", "outputs.py", "import icalendar", "icalendar-feeds"),
    ("icalendar only in feeds", "prebuild.py", "import icalendar", "icalendar-feeds"),
    ("icalendar only in feeds", "search_stemming.py", "import icalendar", "icalendar-feeds"),
    ("icalendar only in feeds", "feeds/atom.py", "import icalendar", "icalendar-feeds"),
    ("icalendar only in feeds", "newmodule.py", "import icalendar", "icalendar-feeds"),
    ("check stays light", "content/moves.py", "import netvaerk.feeds.calendar", "light-check"),
    ("check stays light", "check.py", "import netvaerk.feeds.calendar", "light-check"),
    ("no MkDocs in the core", "content/load.py", "import mkdocs.config", "no-engine"),
    ("no ProperDocs in the core", "outputs.py", "import properdocs", "no-engine"),
    ("no Material in the core", "pages/seo.py", "import material", "no-engine"),
    ("plain news items", "content/news.py", "import netvaerk.content.history", "plain-news"),
]


@pytest.mark.parametrize(
    ("claim", "module", "line", "contract"),
    PLANTS,
    ids=[f"{module}:{line.split()[-1]}" for _, module, line, _ in PLANTS],
)
def test_a_planted_import_breaks_its_contract(
    tmp_path: Path, claim: str, module: str, line: str, contract: str
) -> None:
    result = _lint(tmp_path, (module, line), contract)
    assert result.returncode == 1, f"{claim}: {line} in {module} passed contract {contract}"
    assert "1 broken" in result.stdout, result.stdout[-2000:]


def dynamic_imports(source: str) -> list[int]:
    """Lines of `importlib.import_module(...)`, `__import__(...)` and `importlib.util` loaders:
    imports that the static graph of lint-imports cannot see."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else func.attr
            if isinstance(func, ast.Attribute)
            else ""
        )
        if name in {"import_module", "__import__", "spec_from_file_location", "find_spec"}:
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_a_planted_dynamic_import() -> None:
    planted = 'import importlib\nengine = importlib.import_module("mkdocs")\n__import__("x")\n'
    assert dynamic_imports(planted) == [2, 3]


def test_the_core_imports_nothing_dynamically() -> None:
    found = {
        str(path.relative_to(CORE)): lines
        for path in sorted(CORE.rglob("*.py"))
        if (lines := dynamic_imports(path.read_text(encoding="utf-8")))
    }
    assert found == {}
