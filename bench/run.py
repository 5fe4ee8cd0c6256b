"""``make bench``: build time, memory and page size at 30, 300 and 1,000 meetings.

For each size it generates synthetic data (``bench/generate.py``: every meeting with an
announcement and a realistic Danish programme) in a temporary copy of the project, with a
Git history of the meetings file (the file growing over a series of commits, then a few
edits), and measures:

* the build with the project's hooks: ``mkdocs build --strict`` in a subprocess: wall and
  CPU seconds (user + system, git included) and peak RSS, all from ``wait4``;
* the floor: the very same pages written out as plain Markdown (exported from an
  instrumented build, ``bench/instrumented.py``), built by MkDocs and Material alone with the
  hooks and the theme overrides removed from a copy of mkdocs.yml (same nav). Its one hook,
  ``floor_hooks.py``, gives it the compiled-template cache the build has, so the margin is
  not won by the floor compiling Material's templates while the build does not;
* the plain floor (issue 21): the same data as plain pages (``bench/plain.py``: one simple
  page per meeting, no tables, HTML blocks or admonitions), built the same way: what the
  richer pages and everything the project adds cost together;
* the project's own code: the time its hooks take inside a build (every hook event timed),
  and stage by stage when called directly (``bench/stages.py``): load, validate, render,
  calendar, news, Atom, Git history, and the feed generation time (.ics + Atom);
* bytes per meeting page (the mean size of ``moeder/<id>/index.html``).

The three builds run in rounds, back to back and rotating which goes first, for at least
``--repeat`` rounds and at least PAIR_SECONDS per size. The time ratio is the median over the
rounds of the build's over the floor's CPU seconds (the build is single-threaded, so on an
idle machine CPU ≈ wall, and other work on a shared machine disturbs it less); the table
shows the median wall and CPU times as well.

Targets: build time at most 1.25x the floor's, peak memory at most 2x the floor's, and
bytes per meeting page flat (largest/smallest at most 1.10) as the number of meetings grows.
It prints the tables and exits 1 if a target is missed.

    .venv/bin/python bench/run.py [--sizes 30 300 1000] [--repeat 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path
from statistics import mean, median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate
import plain

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
SITE_URL = "https://landdistriktskoordinatorer.dk/"
TIME_RATIO, MEMORY_RATIO, BYTES_SPREAD = 1.25, 2.0, 1.10
HISTORY_GROWTH_COMMITS = 8  # the file grows in this many commits …
HISTORY_EDITS = 4  # … then this many commits edit meetings already there
FLOOR = ("mkdocs.floor.yml", "site-floor")
PLAIN = ("mkdocs.plain.yml", "site-plain")  # the second floor: the same data as plain pages
FLOOR_HOOKS = BENCH / "floor_hooks.py"  # the floors' template cache, as the build has
SIZES = (30, 300, 1000)  # meetings; tests/test_bench.py checks the generator at each
PAIR_SECONDS, MAX_PAIRS = 60.0, 25
# The plain floor is read, not a target: measured in the first rounds only, which keeps
# ``make bench`` near twelve minutes (at 1,000 meetings each of its builds is ~13 s).
PLAIN_ROUNDS = 4


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system, the process and its children (git)
    peak_mb: float


@dataclass
class Result:
    size: int
    pages: int = 0
    build: list[Run] = field(default_factory=list)
    floor: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    hooks_s: float = 0.0
    by_event: dict[str, float] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    bytes_per_meeting_page: float = 0.0

    @property
    def build_s(self) -> float:
        return median(r.seconds for r in self.build)

    @property
    def floor_s(self) -> float:
        return median(r.seconds for r in self.floor)

    @property
    def build_cpu(self) -> float:
        return median(r.cpu for r in self.build)

    @property
    def floor_cpu(self) -> float:
        return median(r.cpu for r in self.floor)

    @property
    def plain_cpu(self) -> float:
        return median(r.cpu for r in self.plain)

    @property
    def plain_ratio(self) -> float:
        """The median over runs of build/plain floor CPU seconds (each triple back to back)."""
        builds = self.build[: len(self.plain)]  # the rounds that had a plain floor
        return median(b.cpu / p.cpu for b, p in zip(builds, self.plain, strict=True))

    @property
    def rich_ratio(self) -> float:
        """What the richer pages alone cost MkDocs: floor/plain floor CPU seconds (median)."""
        floors = self.floor[: len(self.plain)]
        return median(f.cpu / p.cpu for f, p in zip(floors, self.plain, strict=True))

    @property
    def time_ratio(self) -> float:
        """The median over pairs of build/floor CPU seconds (each pair ran back to back)."""
        return median(b.cpu / f.cpu for b, f in zip(self.build, self.floor, strict=True))

    @property
    def build_mb(self) -> float:
        return median(r.peak_mb for r in self.build)

    @property
    def floor_mb(self) -> float:
        return median(r.peak_mb for r in self.floor)


def epoch() -> int:
    """SOURCE_DATE_EPOCH: noon on the benchmark's 'today' (the last meetings are upcoming)."""
    return int(datetime.combine(generate.TODAY, clock_time(10, 0), UTC).timestamp())


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch()), "NO_MKDOCS_2_WARNING": "1"}


def measure(command: list[str], cwd: Path) -> tuple[Run, str]:
    """Run a command; its wall time and its peak resident memory (the process and children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        if len(output) > 6000:  # the cause is usually first, the last words last
            output = f"{output[:4000]}\n[…]\n{output[-2000:]}"
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}\n{output}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024), output  # ru_maxrss: KiB on Linux


def child_json(command: list[str], cwd: Path) -> dict[str, Any]:
    _, output = measure(command, cwd)
    last = output.strip().splitlines()[-1]
    result: dict[str, Any] = json.loads(last)
    return result


def git(project: Path, *args: str, stdin: bytes | None = None) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=project,
        input=stdin,
        check=True,
        capture_output=True,
    )


def make_history(project: Path, members_text: str, chunks: list[str]) -> int:
    """A Git history of data/meetings.yaml, written with one ``git fast-import``.

    The file grows over HISTORY_GROWTH_COMMITS commits to all meetings, then
    HISTORY_EDITS commits each change the time of an upcoming meeting and change it back
    (so SEQUENCE rises). The last commit equals the working tree. Returns the commit count.
    """
    full = "meetings:\n" + "".join(chunks)
    versions = [
        "meetings:\n" + "".join(chunks[: max(1, len(chunks) * k // HISTORY_GROWTH_COMMITS)])
        for k in range(1, HISTORY_GROWTH_COMMITS + 1)
    ]
    for k in range(HISTORY_EDITS):
        target = chunks[-1 - (k % 3)]
        edited = target.replace("start: '10:00'", "start: '09:30'", 1)
        if k % 2 == 0:
            versions.append(full.replace(target, edited, 1))
        else:
            versions.append(full)
    if versions[-1] != full:
        versions.append(full)
    stream = bytearray()
    when = int(datetime(2016, 1, 4, 9, tzinfo=UTC).timestamp())
    members = members_text.encode()
    stream += b"blob\nmark :1\ndata %d\n%s\n" % (len(members), members)
    for index, text in enumerate(versions):
        data = text.encode()
        mark = 2 * index + 2
        stream += b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data)
        message = f"Møder: version {index + 1}".encode()
        who = b"Bench <bench@example.invalid> %d +0000\n" % (when + index * 86400 * 30)
        stream += b"commit refs/heads/main\nmark :%d\n" % (mark + 1)
        stream += b"author " + who + b"committer " + who
        stream += b"data %d\n%s\n" % (len(message), message)
        if index:
            stream += b"from :%d\n" % (mark - 1)
        else:
            stream += b"M 100644 :1 data/members.yaml\n"
        stream += b"M 100644 :%d data/meetings.yaml\n\n" % mark
    git(project, "init", "-q")
    git(project, "fast-import", "--quiet", stdin=bytes(stream))
    git(project, "read-tree", "HEAD")
    return len(versions)


def floor_config(text: str, docs_dir: str = "floor-docs") -> str:
    """mkdocs.yml without the hooks and the theme overrides, reading docs from ``docs_dir``,
    with one hook of its own: ``floor_hooks.py``, the template cache our build has too (a
    floor that compiles Material's templates on every build would be a handicap)."""
    lines = text.splitlines()
    kept: list[str] = []
    skipping = False
    for line in lines:
        if re.match(r"^hooks:\s*$", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = False
        if re.match(r"^\s+custom_dir:", line):
            continue
        kept.append(line)
    return "\n".join(kept) + f"\nhooks:\n  - {FLOOR_HOOKS.name}\ndocs_dir: {docs_dir}\n"


def prepare(size: int, work: Path) -> tuple[Path, int]:
    """A project copy with generated data and its Git history; the floor's docs exported."""
    project = work / f"project-{size}"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("hooks", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    members_text, chunks = generate.meeting_chunks(size)
    (project / "data").mkdir()
    (project / "data" / "members.yaml").write_text(members_text, encoding="utf-8")
    (project / "data" / "meetings.yaml").write_text("meetings:\n" + "".join(chunks), "utf-8")
    commits = make_history(project, members_text, chunks)
    # Python caches the hooks' bytecode after a project's first build (MkDocs and Material's
    # was compiled when pip installed them), unless PYTHONDONTWRITEBYTECODE is set, as it is
    # on some CI machines: compile it here, so every measured build is like an editor's
    # second one and not a compile of the project's own modules. Without SOURCE_DATE_EPOCH,
    # or compileall writes .pyc files checked by hash on every import (Python's own are
    # checked by time).
    plain = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(project / "hooks")], check=True, env=plain
    )
    shutil.copy(FLOOR_HOOKS, project / FLOOR_HOOKS.name)
    (project / "mkdocs.floor.yml").write_text(
        floor_config((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    return project, commits


def bench_size(size: int, work: Path, repeat: int) -> Result:
    result = Result(size)
    project, commits = prepare(size, work)
    print(f"  {size} meetings: data and {commits} commits of history in {project}", flush=True)

    info = child_json(
        [PYTHON, str(BENCH / "instrumented.py"), "mkdocs.yml", "site-instrumented", "floor-docs"],
        project,
    )
    result.pages, result.hooks_s, result.by_event = info["pages"], info["hooks_s"], info["by_event"]
    stages = child_json([PYTHON, str(BENCH / "stages.py"), str(project), SITE_URL], project)
    result.stages = stages["stages"]
    plain.write(project / "data", project / "floor-docs", project / "plain-docs")
    (project / PLAIN[0]).write_text(
        floor_config((project / "mkdocs.yml").read_text(encoding="utf-8"), "plain-docs"),
        encoding="utf-8",
    )

    # One untimed build of the floor fills the floors' template cache (both floors' hook
    # keeps it in one folder; the instrumented build filled the project's), so no measured
    # build compiles a template. Then in rounds of three (build, floor, plain floor; the
    # plain floor in the first PLAIN_ROUNDS), back to back, the order rotating, so other load
    # on the machine hits them alike; at least ``repeat`` rounds, more for small sizes (short
    # builds are the noisiest), until the size has had PAIR_SECONDS of measuring.
    build = [PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet"]
    configs = {"build": ("mkdocs.yml", "site"), "floor": FLOOR, "plain": PLAIN}
    runs = {"build": result.build, "floor": result.floor, "plain": result.plain}
    measure([*build, "-f", FLOOR[0], "-d", FLOOR[1]], project)
    started = time.perf_counter()
    index = 0
    names = list(configs)
    while index < repeat or (time.perf_counter() - started < PAIR_SECONDS and index < MAX_PAIRS):
        for which in names[index % 3 :] + names[: index % 3]:
            if which == "plain" and index >= PLAIN_ROUNDS:
                continue
            config, site = configs[which]
            run, _ = measure([*build, "-f", config, "-d", site], project)
            runs[which].append(run)
        index += 1

    meeting_pages = [
        p / "index.html"
        for p in (project / "site" / "moeder").iterdir()
        if (p / "index.html").is_file()
    ]
    assert len(meeting_pages) == size, f"{len(meeting_pages)} meeting pages, expected {size}"
    result.bytes_per_meeting_page = mean(p.stat().st_size for p in meeting_pages)
    built_pages = len(list((project / "site").rglob("*.html")))
    for _, site in (FLOOR, PLAIN):
        floor_pages = len(list((project / site).rglob("*.html")))
        assert floor_pages == built_pages, (
            f"{site} has {floor_pages} pages, the build {built_pages}"
        )
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, IndexError):
        memory = ""
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def by_time(seconds: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(seconds.items(), key=lambda item: -item[1])


def table(results: list[Result]) -> tuple[str, list[str]]:
    """The Markdown tables, and the targets missed."""
    missed: list[str] = []
    spread = max(r.bytes_per_meeting_page for r in results) / min(
        r.bytes_per_meeting_page for r in results
    )
    lines = [
        "| meetings | pages | build s | floor s | build CPU s | floor CPU s | ratio | "
        "own code s | peak MB | floor MB | ratio | bytes / meeting page | feeds s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        t_ratio, m_ratio = r.time_ratio, r.build_mb / r.floor_mb
        lines.append(
            f"| {r.size:,} | {r.pages:,} | {r.build_s:.2f} | {r.floor_s:.2f} | "
            f"{r.build_cpu:.2f} | {r.floor_cpu:.2f} | **{t_ratio:.2f}×** | {r.hooks_s:.2f} | "
            f"{r.build_mb:.0f} | {r.floor_mb:.0f} | **{m_ratio:.2f}×** | "
            f"{r.bytes_per_meeting_page:,.0f} | {r.stages.get('feeds', 0):.3f} |"
        )
        if t_ratio > TIME_RATIO:
            missed.append(f"{r.size} meetings: build {t_ratio:.2f}× the floor (≤ {TIME_RATIO}×)")
        if m_ratio > MEMORY_RATIO:
            missed.append(f"{r.size} meetings: memory {m_ratio:.2f}× the floor (≤ {MEMORY_RATIO}×)")
    if spread > BYTES_SPREAD:
        missed.append(
            f"bytes per meeting page vary {spread:.2f}× across sizes (max {BYTES_SPREAD}×)"
        )
    names = ["imports", "load", "validate", "render", "calendar", "news", "atom", "history"]
    names.append("total")
    lines += [
        "",
        "The second floor: the same data as plain pages, MkDocs alone (``plain.py``); "
        "CPU seconds, medians:",
        "",
        "| meetings | build CPU s | floor CPU s | plain floor CPU s | build / plain | "
        "floor / plain |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.size:,} | {r.build_cpu:.2f} | {r.floor_cpu:.2f} | {r.plain_cpu:.2f} | "
        f"**{r.plain_ratio:.2f}×** | {r.rich_ratio:.2f}× |"
        for r in results
    ]
    lines += [
        "",
        "The project's own code by stage, called directly (seconds):",
        "",
        "| meetings | " + " | ".join(names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    for r in results:
        cells = [f"{r.stages[n]:.3f}" if n in r.stages else "–" for n in names]
        lines.append(f"| {r.size:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Inside the build, by hook event (seconds): "
        + "; ".join(
            f"{r.size:,}: "
            + ", ".join(
                f"{k} {v:.2f}" for k, v in sorted(r.by_event.items(), key=lambda kv: -kv[1])
            )
            for r in results
        ),
        "",
        "Fastest build over fastest floor (CPU; interference only ever slows a build down): "
        + "; ".join(
            f"{r.size:,}: {min(b.cpu for b in r.build) / min(f.cpu for f in r.floor):.2f}×"
            for r in results
        ),
        "",
        "Time ratio of each pair, lowest to highest (the table shows their median): "
        + "; ".join(
            f"{r.size:,}: "
            + " ".join(
                f"{ratio:.2f}"
                for ratio in sorted(b.cpu / f.cpu for b, f in zip(r.build, r.floor, strict=True))
            )
            for r in results
        ),
        "",
        f"Bytes per meeting page: largest/smallest {spread:.2f}× (target ≤ {BYTES_SPREAD}×).",
    ]
    return "\n".join(lines), missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--repeat", type=int, default=7, help="rounds of builds per size (at least)"
    )
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: temp dir)")
    args = parser.parse_args()
    for size in args.sizes:  # before minutes of building: a size the generator cannot make
        try:
            generate.spacing(size)
        except ValueError as exc:
            parser.error(str(exc))

    print(f"Benchmark on {machine()}", flush=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="netvaerk-bench-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        results = [bench_size(size, work, args.repeat) for size in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text, missed = table(results)
    print()
    rounds = ", ".join(f"{r.size:,}: {len(r.build)}" for r in results)
    print(f"Taken {datetime.now(UTC):%Y-%m-%d} on {machine()}.")
    print(f"Rounds of builds (with hooks, floor, plain floor) per size: {rounds}.")
    print()
    print(text)
    print()
    if missed:
        print("Targets missed:\n" + "\n".join(f"- {m}" for m in missed))
        return 1
    print(
        f"All targets met: build ≤ {TIME_RATIO}× and memory ≤ {MEMORY_RATIO}× the floor, "
        "bytes per meeting page flat."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
