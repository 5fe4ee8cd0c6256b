"""What the build-output glue (hooks/build_output.py) says and does at each ending of a build,
decided in ``netvaerk/staging.py`` and tested here without a build: whether a finished build
replaces ``site/``, and the Danish messages of ``mkdocs serve`` and of a failed stage."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

from netvaerk import staging


@pytest.mark.parametrize(
    ("warnings", "expected"),
    [
        (0, staging.Ending.PUBLISH),
        (1, staging.Ending.DISCARD),
        (7, staging.Ending.DISCARD),
        (None, staging.Ending.UNKNOWN),
    ],
)
def test_only_a_build_with_no_warning_counted_is_published(
    warnings: int | None, expected: staging.Ending
) -> None:
    assert staging.ending(warnings) is expected


def test_bad_data_under_serve_says_the_last_good_pages_are_still_served() -> None:
    problems = "data/meetings.yaml, linje 4: 'dato' mangler"
    served = staging.data_stopped(problems, serving=True)
    first, _, hint = served.partition("\n")
    assert first == problems
    assert "sidste gode udgave" in hint and "gem filen" in hint


def test_bad_data_in_a_plain_build_is_only_the_problems() -> None:
    problems = "data/members.yaml, linje 2: 'navn' mangler"
    assert staging.data_stopped(problems, serving=False) == problems


def test_a_failed_rebuild_is_an_error_naming_the_cause_and_the_last_good_pages() -> None:
    level, message = staging.rebuild_stopped(RuntimeError("to filer hedder ens"))
    assert level == logging.ERROR
    first, _, hint = message.partition("\n")
    assert first.startswith("Genopbygningen stoppede: ")
    assert "RuntimeError" in first and "to filer hedder ens" in first
    assert "sidste gode udgave" in hint


def test_a_failed_rebuild_after_strict_warnings_counts_them_in_danish() -> None:
    _, message = staging.rebuild_stopped(SystemExit("Aborted with 3 warnings in strict mode!"))
    assert message.splitlines()[0] == "Genopbygningen stoppede: 3 advarsel(er) ovenfor (--strict)"


def test_no_fresh_directory_names_the_site_and_the_system_reason() -> None:
    exc = OSError(errno.EACCES, "Permission denied")
    message = staging.cannot_begin("/srv/site", exc)
    assert message.startswith("/srv/site: ")
    assert "ny mappe" in message and "(Permission denied)" in message


def test_an_unknown_warning_count_says_the_site_is_not_replaced() -> None:
    stage = staging.Stage(target=Path("/srv/site"), path=Path("/srv/.site.ny-1-x"))
    message = staging.unknown_warnings(stage)
    assert "--strict" in message and "/srv/site er ikke skiftet ud" in message
    assert ".site.ny" not in message
