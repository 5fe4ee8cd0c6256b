"""Instruction counts of one build: the bench project with only ``hooks/`` swapped.

CPU seconds on a shared machine swing by 30 % from run to run; ``valgrind --tool=callgrind``
counts the instructions of one build within about 0.1 % whatever the load, so it is how a
change to the project's code is judged (``bench/README.md``). This script makes one bench
project per size (``run.prepare``: the generated data and its Git history, the same as
``make bench``), exports the floor's docs once (``instrumented.py``), and then, for each
``hooks`` given (a folder, or a Git revision of this repository), puts those hooks in the
project, compiles their bytecode as ``run.py`` does, runs one untimed build (so every template
cache is warm) and one build under callgrind with ``PYTHONHASHSEED=0`` (hash randomisation
moves a build by up to 30 M instructions; a fixed seed makes runs comparable). It prints
one line per build: the G instructions, and the ratio to the floor when ``--floor`` is given.
Each built ``site/`` is kept beside the callgrind output, so two versions can be compared
with ``diff -r`` as well.

    .venv/bin/python bench/callgrind.py --work /tmp/cg --size 30 --floor HEAD 8a0774a hooks/

Takes about a minute per build at 30 meetings and ten at 300 (valgrind is ~50x slower).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run

PYTHON = sys.executable


def project_for(size: int, work: Path) -> Path:
    """The bench project at ``size`` meetings, made once and reused (floor docs exported)."""
    project = work / f"project-{size}"
    if (project / "floor-docs").is_dir():
        return project
    shutil.rmtree(project, ignore_errors=True)
    project, _ = run.prepare(size, work)
    instrumented = [
        PYTHON,
        str(run.BENCH / "instrumented.py"),
        "mkdocs.yml",
        "site-x",
        "floor-docs",
    ]
    run.measure(instrumented, project)
    return project


def put_hooks(source: str, project: Path) -> None:
    """``source``: a folder of hooks, or a Git revision whose ``hooks/`` is taken."""
    target = project / "hooks"
    shutil.rmtree(target, ignore_errors=True)
    if Path(source).is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(
            ["git", "-C", str(run.ROOT), "archive", "--format=tar", source, "hooks"],
            check=True,
            capture_output=True,
        ).stdout
        with tempfile.TemporaryFile() as handle:
            handle.write(archive)
            handle.seek(0)
            with tarfile.open(fileobj=handle) as tar:
                tar.extractall(project, filter="data")
    plain = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(target)], check=True, env=plain)


def count(project: Path, config: str, out: Path, name: str) -> int:
    """One warm-up build, then one under callgrind; its instruction count."""
    build = [PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config]
    run.measure([*build, "-d", str(out / f"site-{name}-warm")], project)
    grind = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out / f'cg.{name}.out'}",
        *build,
        "-d",
        str(out / f"site-{name}"),
    ]
    env = {**run.env(), "PYTHONHASHSEED": "0"}
    done = subprocess.run(grind, cwd=project, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{name}: callgrind build failed\n{done.stdout}\n{done.stderr}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"{name}: no instruction count in valgrind's output\n{done.stderr}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hooks", nargs="+", help="hooks folders or Git revisions")
    parser.add_argument("--size", type=int, default=30)
    parser.add_argument("--work", type=Path, required=True, help="projects and outputs here")
    parser.add_argument("--floor", action="store_true", help="count the fair floor too")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    project = project_for(args.size, args.work)
    out = args.work / f"out-{args.size}"
    out.mkdir(exist_ok=True)
    floor = None
    if args.floor:
        floor = count(project, run.FLOOR[0], out, "floor")
        print(f"{args.size} meetings, floor: {floor / 1e9:.3f} G instructions", flush=True)
    for source in args.hooks:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", source).strip("_") or "hooks"
        put_hooks(source, project)
        total = count(project, "mkdocs.yml", out, name)
        ratio = f" ({total / floor:.3f}× the floor)" if floor else ""
        print(
            f"{args.size} meetings, {source}: {total / 1e9:.3f} G instructions{ratio}", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
