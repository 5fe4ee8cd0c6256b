"""Valid HTML (issue 6.2): the Nu HTML Checker finds no errors in the built site.

One JVM start checks every HTML file. The only errors allowed are the theme's own two
(design.md §4): Material puts ``autocomplete="off"`` on its drawer and search toggle
checkboxes, where HTML allows no ``autocomplete``. Everything else fails, listed by file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from factories import Project
from gates import VNU_JAR, require

AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"
THEME_TOGGLES = ('id="__drawer"', 'id="__search"')


@dataclass
class Checked:
    site: list[dict[str, Any]]
    control: list[dict[str, Any]]


def flagged(message: dict[str, Any]) -> str:
    """The markup the checker points at (its ``extract`` holds some context around it)."""
    extract = str(message.get("extract", ""))
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if isinstance(start, int) and isinstance(length, int):
        return extract[start : start + length]
    return extract


def known_theme_error(message: dict[str, Any]) -> bool:
    """Material's ``<input class="md-toggle" type="checkbox" id="__drawer" autocomplete=…>``
    (or ``id="__search"``)."""
    element = flagged(message)
    return (
        message.get("type") == "error"
        and str(message.get("message", "")).startswith(AUTOCOMPLETE)
        and element.startswith("<input ")
        and 'class="md-toggle"' in element
        and 'type="checkbox"' in element
        and any(toggle in element for toggle in THEME_TOGGLES)
    )


def run_vnu(*paths: Path) -> list[dict[str, Any]]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: the Nu HTML checker needs Java 17+", pytrace=False)
    jar = require(VNU_JAR, "the Nu HTML checker (npm vnu-jar)")
    options = ["--stdout", "--format", "json", "--errors-only", "--skip-non-html"]
    result = subprocess.run(
        [java, "-jar", str(jar), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages: list[dict[str, Any]] = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no JSON (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return messages


BROKEN_PAGE = (
    '<!doctype html><html lang="da"><head><title>x</title></head>'
    '<body><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
    '<label for="nowhere">x</label><p><div></div></p></body></html>'
)


@pytest.fixture(scope="module")
def checked(built_site: Project, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """One JVM start checks the built site and, to prove the gate can fail, a broken page."""
    control = tmp_path_factory.mktemp("vnu-control")
    (control / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    messages = run_vnu(built_site.site_dir, control)
    prefix = f"file:{control}/"
    return Checked(
        site=[m for m in messages if not str(m.get("url", "")).startswith(prefix)],
        control=[m for m in messages if str(m.get("url", "")).startswith(prefix)],
    )


def test_built_site_has_only_the_theme_s_known_html_errors(
    built_site: Project, checked: Checked
) -> None:
    site_dir = built_site.site_dir
    assert sorted(site_dir.rglob("*.html")), "no HTML in the build"
    known: dict[str, int] = {}
    problems = []
    for message in checked.site:
        where = str(message.get("url", "?")).removeprefix("file:")
        where = where.removeprefix(str(site_dir) + "/")
        if known_theme_error(message):
            known[where] = known.get(where, 0) + 1
            continue
        extract = " ".join(flagged(message).split())
        problems.append(
            f"{where}:{message.get('lastLine', '?')}: {message.get('type')}: "
            f"{message.get('message')}\n    {extract}"
        )
    assert not problems, "Nu HTML checker errors:\n" + "\n".join(problems)
    # The allowance is exactly the two toggles per page, not a blanket pass for the rule.
    too_many = {page: n for page, n in known.items() if n > len(THEME_TOGGLES)}
    assert not too_many, f"more autocomplete errors than the theme's two toggles: {too_many}"


def test_checker_reports_errors_it_is_given(checked: Checked) -> None:
    """The gate can fail: a broken page gives errors that are not filtered away."""
    assert sum(known_theme_error(m) for m in checked.control) == 1
    assert any(not known_theme_error(m) for m in checked.control)
