"""``make check`` (issue 5): the editors' files checked without a build, in the build's words.

The corpus in ``tests/check_corpus/`` holds one broken file per mistake an editor makes, with
the exact ``file:line: field: message`` lines the check must print (see its README). The other
tests pin what makes the check useful: the same lines as the build, exit status 1, no MkDocs
import and well under a second for the shipped data.
"""

from __future__ import annotations

import logging
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from factories import CORPUS, CORPUS_FILES, ROOT, Project, expectations, minimal_project, place
from mkdocs.exceptions import Abort

from netvaerk.check import NEXT_STEP, OK_MESSAGE, collect_problems, main

PYTHON = sys.executable


def matches(line: str, expected: str) -> bool:
    if expected.endswith("…"):
        return line.startswith(expected.removesuffix("…").rstrip())
    return line == expected


def test_the_minimal_project_is_in_order(tmp_path: Path) -> None:
    assert collect_problems(minimal_project(tmp_path)) == []


def test_the_corpus_covers_the_common_mistakes() -> None:
    for name in (
        "titel-i-stedet-for-title.meetings.yaml",
        "dato-findes-ikke.meetings.yaml",
        "ukendt-vaert.meetings.yaml",
        "klokken-25.meetings.yaml",
        "nyhed-uden-dato.nyhed.md",
    ):
        assert name in CORPUS_FILES
    for name in CORPUS_FILES:
        assert expectations(CORPUS / name), f"{name} lists no '# forventet:' line"


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_broken_file(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = minimal_project(tmp_path)
    place(root, CORPUS / name)
    expected = expectations(CORPUS / name)

    found = [str(p) for p in collect_problems(root)]
    assert len(found) == len(expected), "\n".join(found)
    for line, wanted in zip(found, expected, strict=True):
        assert matches(line, wanted), f"\n got: {line}\nwant: {wanted}"

    # The command prints the same lines under a Danish heading, and exits 1.
    monkeypatch.chdir(root)
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"Datafilerne indeholder {len(found)} fejl – siden kan ikke bygges:"
    assert lines[1:-1] == [f"  {line}" for line in found]
    assert lines[-1] == NEXT_STEP


def test_every_problem_in_every_file_at_once(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    for name in (
        "klokken-25.meetings.yaml",
        "forkert-region.members.yaml",
        "nyhed-uden-dato.nyhed.md",
    ):
        place(root, CORPUS / name)
    files = [(p.file, p.line) for p in collect_problems(root)]
    assert files == [
        ("data/meetings.yaml", 4),
        ("data/members.yaml", 4),
        ("docs/nyheder/nyhed-uden-dato.md", 2),
    ]


def test_the_shipped_project_is_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT)]) == 0
    assert capsys.readouterr().out == OK_MESSAGE + "\n"


@pytest.mark.build
def test_the_check_prints_the_build_lines(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    """The same ``file:line: field: message`` lines as ``mkdocs build`` prints."""
    shipped = (project.root / "data" / "meetings.yaml").read_text(encoding="utf-8")
    broken = shipped.replace("    start: 12:30\n", "    start: 25:30\n", 1).replace(
        "    host: skive\n", "    host: skiv\n", 1
    )
    assert broken.count("25:30") == 1 and "host: skiv\n" in broken
    project.write("data/meetings.yaml", broken)
    lines = [str(p) for p in collect_problems(project.root)]
    assert len(lines) == 2

    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        project.build()
    for line in lines:
        assert f"  {line}\n" in caplog.text + "\n"


def _run_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run(
        [PYTHON, "-m", "netvaerk.check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_line(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    ok = _run_check(str(root))
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, OK_MESSAGE + "\n", "")

    place(root, CORPUS / "klokken-25.meetings.yaml")
    broken = _run_check(cwd=root)
    assert broken.returncode == 1
    assert (
        "  data/meetings.yaml:4: mødet »Lokal udvikling« (28. januar 2021) › start: "
        "»25:00« er ikke et gyldigt tidspunkt"
    ) in broken.stderr


def test_the_check_never_imports_mkdocs() -> None:
    code = (
        "import sys\n"
        "from netvaerk.check import main\n"
        f"assert main([{str(ROOT)!r}]) == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'jinja2'}))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run(
        [PYTHON, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_check_takes_well_under_a_second() -> None:
    """Interpreter start, imports and every file: about 0.35 s of CPU on the dev machine.

    CPU time, not wall time, so a machine busy with other tests does not make this flaky.
    """
    best = float("inf")
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = _run_check()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert result.returncode == 0, result.stderr
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, cpu)
    assert best < 1.0, f"make check took {best:.2f} s of CPU"


def test_make_check_runs_the_check() -> None:
    """The Makefile target CI, pre-commit and the guide call (``-o``: never reinstall here)."""
    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert OK_MESSAGE in result.stdout, "the Makefile's check target must run netvaerk.check"


def test_pre_commit_runs_make_check_on_the_editors_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    check = hooks["make-check"]
    assert check["entry"] == "make check"
    assert check["pass_filenames"] is False
    pattern = re.compile(check["files"])
    for path in ("data/meetings.yaml", "data/members.yaml", "docs/nyheder/ny-hjemmeside.md"):
        assert pattern.search(path), path
    for path in ("docs/om.md", "hooks/netvaerk/model.py", "README.md"):
        assert not pattern.search(path), path
