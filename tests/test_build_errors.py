"""Bad data stops the build with the editor's ``file:line: field: message`` list, no traceback,
and leaves the previously published ``site/`` exactly as it was."""

from __future__ import annotations

import pytest
from factories import BROKEN_MEETINGS, ENGINES, Project, snapshot
from mkdocs.exceptions import Abort, PluginError

EXPECTED_LINES = [
    "data/meetings.yaml:3: mødet »Lokal udvikling i en coronatid« (2021-02-30) › date: "
    "datoen 2021-02-30 findes ikke i kalenderen",
    "data/meetings.yaml:11: mødet »Strategisk landsbyplanlægning« (20. maj 2021) › slut: "
    "ukendt felt »slut«; mente du »end«?",
    "data/meetings.yaml:8: mødet »Strategisk landsbyplanlægning« (20. maj 2021) › end: "
    "mangler; feltet skal udfyldes",
]


def build_error(project: Project) -> PluginError:
    """Build, which must fail, and return the ``PluginError`` the hooks raised.

    MkDocs' ``build()`` logs a ``BuildError`` and raises ``Abort`` from inside its ``except``
    block, so the hooks' ``PluginError`` is the ``Abort``'s context.
    """
    with pytest.raises(Abort) as info:
        project.build()
    error = info.value.__context__
    assert isinstance(error, PluginError), repr(error)
    return error


@pytest.mark.build
def test_broken_data_raises_plugin_error_with_file_and_line(project: Project) -> None:
    project.write("data/meetings.yaml", BROKEN_MEETINGS)
    message = str(build_error(project))
    assert message.startswith("Datafilerne indeholder 3 fejl")
    for line in EXPECTED_LINES:
        assert line in message
    assert not project.site_dir.exists()


@pytest.mark.build
def test_broken_yaml_syntax_raises_plugin_error(project: Project) -> None:
    project.write(
        "data/members.yaml",
        """
        members:
          - id: silkeborg
            name: Silkeborg Kommune
           region: Midtjylland
        """,
    )
    assert "data/members.yaml:4: filen er ikke gyldig YAML" in str(build_error(project))


@pytest.mark.build
@pytest.mark.parametrize("engine", ENGINES)
def test_cli_build_on_broken_data_fails_without_traceback(project: Project, engine: str) -> None:
    project.write("data/meetings.yaml", BROKEN_MEETINGS)
    result = project.cli_build(engine)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for line in EXPECTED_LINES:
        assert line in output
    assert "Traceback" not in output
    assert not project.site_dir.exists()


@pytest.mark.build
def test_failed_build_leaves_the_previous_site_untouched(project: Project) -> None:
    project.build()
    before = snapshot(project.site_dir)
    assert "index.html" in before
    assert any(name.startswith("moeder/") for name in before)

    project.write("data/meetings.yaml", BROKEN_MEETINGS)
    build_error(project)
    assert snapshot(project.site_dir) == before

    for engine in ENGINES:
        result = project.cli_build(engine)
        assert result.returncode != 0
        assert snapshot(project.site_dir) == before
