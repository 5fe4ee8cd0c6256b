"""``make changes`` on the project's own Git history (issue 18.1): the tool a reviewer reads
in every pull request must be right on the data it will meet, not only on fixtures.

For every commit that touches ``data/`` or ``docs/nyheder/``, the comparison with its parent
must name exactly the meetings, members and news items whose parsed YAML (PyYAML's
``safe_load``, not the project's loader) or file differs, and a commit that changes nothing
in the data must say so. The suite runs in a clone with full history; a shallow clone or a
download without ``.git`` fails here with the reason, never silently.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from netvaerk.editing.changes import EMPTY, compare_revisions, describe, main, read_revision

TODAY = date(2026, 12, 6)
NOTHING = "Ændringen rører ingen møder, medlemmer eller nyheder på siden."
WATCHED = ("data/", "docs/nyheder/")


def git(*args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "core.quotePath=false", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def history() -> list[str]:
    """Every commit that touches the data, oldest first; the history must be complete."""
    assert git("rev-parse", "--is-shallow-repository").strip() == "false", (
        "the suite needs the full Git history: git fetch --unshallow"
    )
    commits = git("log", "--reverse", "--format=%H", "--", *WATCHED).split()
    assert commits, "no commit touches data/ or docs/nyheder/"
    return commits


def parent(commit: str) -> str | None:
    parents = git("rev-list", "--parents", "-n", "1", commit).split()[1:]
    return parents[0] if parents else None


def raw(revision: str | None, path: str) -> Any:
    """The parsed YAML of ``path`` at ``revision`` (None: not there)."""
    if revision is None or path not in git("ls-tree", "-r", "--name-only", revision, "--", path):
        return None
    return yaml.safe_load(git("show", f"{revision}:{path}"))


def records(revision: str | None, path: str, key: str) -> dict[str, dict[str, Any]]:
    """The records under ``key`` by id (meetings without one: by date)."""
    data = raw(revision, path) or {}
    found = {}
    for item in data.get(key) or []:
        ident = item.get("id") if item.get("id") is not None else item.get("date")
        found[str(ident)] = item
    return found


def news(revision: str | None) -> dict[str, str]:
    """The editors' news files by path, as text."""
    if revision is None:
        return {}
    names = git("ls-tree", "-r", "--name-only", revision, "--", "docs/nyheder").split("\n")
    return {n: git("show", f"{revision}:{n}") for n in names if n.endswith(".md")}


def news_title(text: str) -> str:
    """``title:`` of the front matter, else the first ``# heading``."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front) or {}
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^# (.+)$", body, re.MULTILINE)
    assert heading is not None
    return heading[1].strip()


def shown(member: dict[str, Any]) -> dict[str, Any]:
    """A member as the site can show it: contacts only with ``public: true``."""
    contacts = [c for c in member.get("contacts") or [] if c.get("public") is True]
    return {**member, "contacts": contacts}


MEETINGS, MEMBERS, NEWS = "### Møder", "### Medlemmer", "### Nyheder og invitationer"


def section(out: str, heading: str) -> str:
    """One section of the summary ('' when it is not there)."""
    parts = re.split(r"^(?=### )", out, flags=re.MULTILINE)
    return next((p for p in parts if p.startswith(heading + "\n")), "")


def expected_mentions(
    old: str | None, new: str
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The names the summary must mention and those it must not, from the parsed files,
    each with the sections it may be named in: a meeting under »Møder« or, for its
    invitation, under »Nyheder«; a member under »Medlemmer«; a news file under »Nyheder«."""
    mention: set[tuple[str, str]] = set()
    quiet: set[tuple[str, str]] = set()
    before = records(old, "data/meetings.yaml", "meetings")
    after = records(new, "data/meetings.yaml", "meetings")
    for ident in before.keys() | after.keys():
        meeting = after.get(ident) or before[ident]
        names = {(f"»{meeting['title']}«", MEETINGS + NEWS)}
        if (meeting.get("announcement") or {}).get("title"):
            names.add((f"»{meeting['announcement']['title']}«", NEWS))
        (mention if before.get(ident) != after.get(ident) else quiet).update(names)
    old_members = records(old, "data/members.yaml", "members")
    new_members = records(new, "data/members.yaml", "members")
    for ident in old_members.keys() | new_members.keys():
        member = new_members.get(ident) or old_members[ident]
        a, b = old_members.get(ident), new_members.get(ident)
        same = a is not None and b is not None and shown(a) == shown(b)
        (quiet if same else mention).add((str(member["name"]), MEMBERS))
    old_news, new_news = news(old), news(new)
    for path in old_news.keys() | new_news.keys():
        title = f"»{news_title(new_news.get(path) or old_news[path])}«"
        (quiet if old_news.get(path) == new_news.get(path) else mention).add((title, NEWS))
    return mention, quiet - mention


def summary(old: str | None, new: str) -> str:
    if old is None:  # the first commit of the data: compared with nothing
        return "\n".join(describe(EMPTY, read_revision(ROOT, new, TODAY), TODAY))
    return "\n".join(compare_revisions(ROOT, old, new, TODAY))


def test_every_commit_of_the_data_says_exactly_what_its_diff_changed(history: list[str]) -> None:
    for commit in history:
        old = parent(commit)
        out = summary(old, commit)
        mention, quiet = expected_mentions(old, commit)
        where = f"commit {commit[:7]}:\n{out}"
        assert "alt regnes som nyt" not in out, where
        assert "Kan ikke afgøres" not in out, where  # every version of this history is readable
        for name, sections in sorted(mention):
            named = any(name in section(out, h) for h in (MEETINGS, MEMBERS, NEWS) if h in sections)
            assert named, f"{name} changed but is not named; {where}"
        for name, sections in sorted(quiet):
            named = any(name in section(out, h) for h in (MEETINGS, MEMBERS, NEWS) if h in sections)
            assert not named, f"{name} did not change but is named; {where}"
        assert (NOTHING in out) == (not mention), where


def test_a_commit_whose_data_changed_only_in_comments_says_nothing_changed(
    history: list[str],
) -> None:
    """Such a commit is in this history (the schema comment of 17d581c): the parsed YAML of
    both versions is equal, and the summary must say that nothing on the site changes."""
    comment_only = [
        c
        for c in history
        if parent(c) is not None
        and all(raw(parent(c), f) == raw(c, f) for f in ("data/meetings.yaml", "data/members.yaml"))
        and news(parent(c)) == news(c)
    ]
    assert comment_only, "no commit in the history changes the data only in comments"
    for commit in comment_only:
        assert summary(parent(commit), commit).endswith(NOTHING)


def test_commits_that_do_not_touch_the_data_change_nothing() -> None:
    """The last ten commits of the main line that leave data/ and docs/ alone, and the
    unchanged repository against HEAD: never »alt er nyt«."""
    untouched = git("log", "--first-parent", "--format=%H", "-n", "60", "--", ".").split()
    touching = set(git("log", "--format=%H", "-n", "200", "--", "data", "docs").split())
    chosen = [c for c in untouched if c not in touching and parent(c) is not None][:10]
    assert len(chosen) == 10
    for commit in chosen:
        assert summary(parent(commit), commit).endswith(NOTHING), commit
    assert summary("HEAD", "HEAD").endswith(NOTHING)


def test_the_first_commit_of_the_data_is_all_new_and_nothing_else(history: list[str]) -> None:
    """The only commit compared with nothing: each of its meetings and members is new."""
    first = history[0]
    out = summary(parent(first), first)
    meetings = records(parent(first), "data/meetings.yaml", "meetings")
    assert parent(first) is None or not meetings  # the data begins here
    created = records(first, "data/meetings.yaml", "meetings")
    assert out.count("**Nyt møde:**") == len(created) > 0
    members = records(first, "data/members.yaml", "members")
    assert out.count("**Nyt medlem:**") == len(members)
    public = sum(
        1 for m in members.values() for c in m.get("contacts") or [] if c.get("public") is True
    )
    assert out.count("**Kontaktperson vises nu på siden:**") == public


def test_a_revision_is_read_with_the_docs_of_its_own_tree() -> None:
    """The news item's link to ../moeder/index.md and the materials need the whole docs/ of
    that revision: HEAD, which builds, must read without a single problem."""
    side = read_revision(ROOT, "HEAD", TODAY)
    assert side.problems == ()
    assert not any(side.unread.values())
    assert {i.slug for i in side.written} == {Path(p).stem for p in news("HEAD")}
    assert len(side.site.meetings) == len(records("HEAD", "data/meetings.yaml", "meetings"))


def test_the_command_compares_two_revisions_with_head(
    history: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m netvaerk.editing.changes --base A --head B``, as a reviewer runs it."""
    commit = history[-1]
    old = parent(commit)
    assert old is not None
    assert main(["--base", old, "--head", commit, str(ROOT)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"## Hvad ændringen gør (sammenlignet med {old[:7]}")
    assert printed.rstrip("\n").splitlines()[2:] == summary(old, commit).splitlines()[2:]
