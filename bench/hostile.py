"""Hostile input against ``make check`` (`make bench-hostile`): time and peak memory.

Each case is a copy of the project whose ``data/meetings.yaml`` (or a news file in
``docs/nyheder/``) is an attack, checked by ``netvaerk.check`` in a fresh process;
the time is the check itself (after imports), the memory the process's peak resident set
(``wait4``'s ``ru_maxrss``). The shipped data is the baseline. Every attack must be refused
(problems reported, no traceback) in under a second. Markdown just inside the limits of
``text/safe_markdown.py`` is accepted; for those cases the slowest field is also rendered
as MkDocs renders it (its Markdown extensions, toc included), which must take under a
second too. This is a benchmark to read, not a timed test.

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
# A news file instead of the meetings (with the shipped meetings).
NEWS = "news: "


def described(text: str, field: str = "description") -> str:
    """One meeting whose Markdown ``field`` (description or announcement body) is ``text``."""
    head = (
        "meetings:\n  - id: angreb\n    title: Angreb\n    date: 2026-10-01\n"
        "    start: 10:00\n    end: 15:00\n    venue:\n      name: Rådhuset\n"
    )
    if field == "body":
        head += "    announcement:\n      date: 2026-09-01\n      body: |\n"
        return head + "".join(f"        {line}\n" for line in text.split("\n"))
    return head + "    description: |\n" + "".join(f"      {line}\n" for line in text.split("\n"))


def news(body: str) -> str:
    return NEWS + "---\ndate: 2026-11-01\n---\n\n# Nyt\n\n" + body + "\n"


PROSE = "Dette er en almindelig tekst med et [link](https://www.kl.dk) og **fed** tekst. " * 10
DIVS = "<div markdown>\n" * 1000 + "x\n" + "</div>\n" * 1000

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
    # Issue 17: editors' Markdown that would take minutes or recurse, refused before rendering.
    "description: [ x 30,000": described("[" * 30_000),
    "invitation body: [ x 15,000": described("[" * 15_000, "body"),
    "description: <a x 5,000": described("<a " * 5_000),
    "description: [a]( x 4,000": described("[a](" * 4_000),
    "description: - x 1,000 on one line": described("- " * 1000),
    "description: 1,000 nested <div markdown>": described(DIVS.rstrip("\n")),
    "description: 40,000 characters": described("x" * 40_000),
    "news body: - x 1,000, no summary": news("- " * 1000),
    "news body: 1,000 nested <div markdown>": news(DIVS),
    # Just inside the limits: accepted, and rendered (the "render s" column).
    "description: [ x 446 (at the limit)": described("[" * 446),
    "description: 10 [ then 10,000 characters": described("[" * 10 + "ab " * 3_330),
    "description: 29,900 characters of prose": described(
        ("\n\n".join([PROSE] * 40))[:29_900].rstrip()
    ),
    "news body: *a x 9,950 (29,850 characters)": news("*a " * 9_950),
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
import markdown
from netvaerk.check import collect_problems
start = time.perf_counter()
notes = []
problems = collect_problems(Path(sys.argv[1]), notes)
took = time.perf_counter() - start
render = None
if not problems and len(sys.argv) > 2:  # accepted: the slowest field, rendered as MkDocs does
    extensions = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
    render = 0.0
    for text in json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")):
        began = time.perf_counter()
        markdown.Markdown(extensions=extensions).convert(text)
        render = max(render, time.perf_counter() - began)
print(json.dumps({"seconds": took, "problems": len(problems) + len(notes), "render": render,
                  "first": str(problems[0]) if problems else " ".join(notes)}))
"""


def markdown_texts(project: Path) -> list[str]:
    """The Markdown fields of the copy's meetings and the bodies of its news files."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from netvaerk.content.yamlsource import read_yaml

    texts: list[str] = []
    doc, _ = read_yaml(project / "data" / "meetings.yaml", "data/meetings.yaml", project)
    for meeting in doc.data.get("meetings") or [] if doc is not None else []:
        texts.append(str(meeting.get("description") or ""))
        texts.append(str((meeting.get("announcement") or {}).get("body") or ""))
        texts += [str(item.get("description") or "") for item in meeting.get("programme") or []]
    for path in sorted((project / "docs" / "nyheder").glob("*.md")):
        texts.append(path.read_text(encoding="utf-8").split("---\n", 2)[-1])
    return [text for text in texts if text]


def run(case: str | None, work: Path) -> dict[str, object]:
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs")
    meetings = project / "data" / "meetings.yaml"
    if case is not None and case.startswith(NEWS):
        (project / "docs" / "nyheder" / "angreb.md").write_text(
            case.removeprefix(NEWS), encoding="utf-8"
        )
    elif case is not None and case.startswith(COMMITTED):
        shipped = meetings.read_text(encoding="utf-8")
        git(project, "init", "-q", "-b", "main")
        meetings.write_text(case.removeprefix(COMMITTED), encoding="utf-8")
        git(project, "add", "data/meetings.yaml")
        git(project, "commit", "-q", "-m", "attack")
        meetings.write_text(shipped, encoding="utf-8")
    elif case is not None:
        meetings.write_text(case, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    texts = work / "texts.json"
    texts.write_text(json.dumps(markdown_texts(project)), encoding="utf-8")
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(project), str(texts)],
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
    head = f"{'case':<46} {'check s':>8} {'render s':>9} {'peak MB':>8} {'problems':>9}"
    print(f"{head}  refused or rendered < 1 s")
    # "problems" counts the history's note too: a skipped version is information, no error.
    ok = True
    for name, baseline, row in rows:
        seconds, count = float(str(row["seconds"])), int(str(row["problems"]))
        render = row.get("render")
        shown = f"{float(str(render)):>9.3f}" if render is not None else f"{'—':>9}"
        if baseline:
            verdict = "—"
        elif count:
            verdict = "refused" if seconds < 1 else "NO"
        else:
            verdict = "rendered" if render is not None and seconds < 1 and render < 1 else "NO"
        ok = ok and verdict != "NO"
        print(f"{name:<46} {seconds:>8.3f} {shown} {row['peak_mb']:>8.1f} {count:>9}  {verdict}")
    for name, baseline, row in rows:
        if not baseline:
            print(f"  {name}: {row['first']}"[:160])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
