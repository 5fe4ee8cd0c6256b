"""Hostile YAML against ``make check`` (`make bench-hostile`): time and peak memory.

Each case is a copy of the project whose ``data/meetings.yaml`` is an attack, checked by
``netvaerk.editing.check`` in a fresh process; the time is the check itself (after imports),
the memory the process's peak resident set (``wait4``'s ``ru_maxrss``). The shipped data is
the baseline. Every attack must be refused (problems reported, no traceback) in under a
second; this is a benchmark to read, not a timed test.

    .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The billion laughs, 1 KB: ten levels of nine aliases each, 9^10 strings once expanded.
_LAUGH = "ha" * 30
BOMB = f"a: &a [{', '.join([repr(_LAUGH)] * 9)}]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)
# In Git: the attack committed once, the shipped data in the working tree (the history reader
# parses every committed version; it must skip this one and say so, not fail).
COMMITTED = "committed: "
CASES: dict[str, str | None] = {
    "shipped data (baseline)": None,
    f"alias bomb ({len(BOMB):,} bytes, 9^10 strings)": BOMB,
    "recursion (&p [*p])": "meetings: &p [*p]\n",
    "nesting 600 deep": "meetings: " + "[" * 600 + "]" * 600 + "\n",
    "nesting 100,000 deep": "meetings: " + "[" * 100_000 + "\n",
    "10,000 aliases": "meetings:\n  - &x a\n" + "  - *x\n" * 10_000,
    "alias bomb committed in Git (history)": COMMITTED + BOMB,
    "nesting 600 deep committed in Git (history)": COMMITTED + "meetings: " + "[" * 600 + "]" * 600,
}


def git(project: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


CHILD = """
import json, sys, time
from pathlib import Path
from netvaerk.editing.check import collect_problems
start = time.perf_counter()
notes = []
problems = collect_problems(Path(sys.argv[1]), notes)
took = time.perf_counter() - start
print(json.dumps({"seconds": took, "problems": len(problems) + len(notes),
                  "first": str(problems[0]) if problems else " ".join(notes)}))
"""


def run(case: str | None, work: Path) -> dict[str, object]:
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs")
    meetings = project / "data" / "meetings.yaml"
    if case is not None and case.startswith(COMMITTED):
        shipped = meetings.read_text(encoding="utf-8")
        git(project, "init", "-q", "-b", "main")
        meetings.write_text(case.removeprefix(COMMITTED), encoding="utf-8")
        git(project, "add", "data/meetings.yaml")
        git(project, "commit", "-q", "-m", "attack")
        meetings.write_text(shipped, encoding="utf-8")
    elif case is not None:
        meetings.write_text(case, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(project)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            text=True,
        )
        assert child.stdout is not None
        out = child.stdout.read()
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)  # the child's own peak memory
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read()
    if child.returncode != 0 or err.strip():
        raise SystemExit(f"the check failed:\n{err}")
    result: dict[str, object] = json.loads(out)
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, case in CASES.items():
            rows.append((name, case is None, run(case, Path(tmp))))
    print(f"{'case':<46} {'check s':>8} {'peak MB':>8} {'problems':>9}  refused < 1 s")
    # "problems" counts the history's note too: a skipped version is information, no error.
    ok = True
    for name, baseline, row in rows:
        seconds, count = float(str(row["seconds"])), int(str(row["problems"]))
        verdict = "—" if baseline else ("yes" if count and seconds < 1 else "NO")
        ok = ok and verdict != "NO"
        print(f"{name:<46} {seconds:>8.3f} {row['peak_mb']:>8.1f} {count:>9}  {verdict}")
    for name, baseline, row in rows:
        if not baseline:
            print(f"  {name}: {row['first']}"[:160])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
