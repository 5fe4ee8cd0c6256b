"""``make changes`` on the project's own Git history (issue 18.1): the tool a reviewer reads
in every pull request must be right on the data it will meet, not only on fixtures.

For every commit whose diff against its (first) parent touches ``data/`` or
``docs/nyheder/`` (merge commits too: a pull request's merge is the diff a reviewer reads),
the comparison with that parent must name exactly the meetings, members, facilitators, the
network's address and news items whose parsed YAML (PyYAML's ``safe_load``, not the
project's loader) or file differs, and a commit that changes nothing in the data must say
so. The suite runs in a clone with full history; a shallow clone or a download without
``.git`` fails here with the reason, never silently.
"""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import ROOT

from netvaerk.editing.changes import (
    EMPTY,
    Content,
    describe,
    main,
    read_revision,
)

TODAY = date(2026, 12, 6)
NOTHING = "Ændringen rører ingen møder, medlemmer eller nyheder på siden."
WATCHED = ("data/", "docs/nyheder/")
MEMBERS_FILE = "data/members.yaml"


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


def touching(log: str) -> list[str]:
    """The commits of ``git log --format=%x00%H --name-only`` output that name a watched
    file, in the log's order."""
    found = []
    for entry in log.split("\0")[1:]:
        commit, *names = entry.split()
        if any(name.startswith(WATCHED) for name in names):
            found.append(commit)
    return found


@pytest.fixture(scope="module")
def history() -> list[str]:
    """Every commit whose diff against its first parent touches the data (the first commit:
    against nothing), oldest first; the history must be complete. ``git log -- data`` would
    simplify the history and leave out merges such as 76b6e98 (branch 'visitors'), which
    brought the network's address and three programme changes onto main."""
    assert git("rev-parse", "--is-shallow-repository").strip() == "false", (
        "the suite needs the full Git history: git fetch --unshallow"
    )
    log = git("log", "--reverse", "--format=%x00%H", "--name-only", "--diff-merges=first-parent")
    commits = touching(log)
    assert commits, "no commit touches data/ or docs/nyheder/"
    simplified = git("log", "--format=%H", "--", *WATCHED).split()
    assert set(simplified) <= set(commits)
    return commits


@functools.cache
def parent(commit: str) -> str | None:
    parents = git("rev-list", "--parents", "-n", "1", commit).split()[1:]
    return parents[0] if parents else None


@functools.cache
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


@functools.cache
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


@dataclass(frozen=True)
class Record:
    """A meeting, member or news file of either version: the names the summary calls it by
    (each with the sections it may be named in) and whether its parsed YAML or file differs."""

    kind: str  # as in Content.unread: meetings, members, news, network; and organisers
    ident: str
    names: frozenset[tuple[str, str]]
    changed: bool


def records_of(old: str | None, new: str) -> list[Record]:
    """Every record of both versions, from the parsed files: a meeting is named under
    »Møder« or, by its invitation, under »Nyheder«; a member under »Medlemmer«; a news file
    under »Nyheder«."""
    found = []
    before = records(old, "data/meetings.yaml", "meetings")
    after = records(new, "data/meetings.yaml", "meetings")
    for ident in before.keys() | after.keys():
        meeting = after.get(ident) or before[ident]
        names = {(f"»{meeting['title']}«", MEETINGS + NEWS)}
        if (meeting.get("announcement") or {}).get("title"):
            names.add((f"»{meeting['announcement']['title']}«", NEWS))
        changed = before.get(ident) != after.get(ident)
        found.append(Record("meetings", ident, frozenset(names), changed))
    old_members = records(old, "data/members.yaml", "members")
    new_members = records(new, "data/members.yaml", "members")
    for ident in old_members.keys() | new_members.keys():
        member = new_members.get(ident) or old_members[ident]
        a, b = old_members.get(ident), new_members.get(ident)
        same = a is not None and b is not None and shown(a) == shown(b)
        names = frozenset({(str(member["name"]), MEMBERS)})
        found.append(Record("members", ident, names, not same))
    old_members_file, new_members_file = raw(old, MEMBERS_FILE), raw(new, MEMBERS_FILE)
    emails = [
        (f or {}).get("network", {}).get("email") for f in (old_members_file, new_members_file)
    ]
    if any(emails):
        name = str(emails[1] or emails[0])
        found.append(
            Record("network", "email", frozenset({(name, MEMBERS)}), emails[0] != emails[1])
        )
    old_organisers = records(old, MEMBERS_FILE, "organisers")
    new_organisers = records(new, MEMBERS_FILE, "organisers")
    for ident in old_organisers.keys() | new_organisers.keys():
        organiser = new_organisers.get(ident) or old_organisers[ident]
        changed = old_organisers.get(ident) != new_organisers.get(ident)
        names = frozenset({(str(organiser["name"]), MEMBERS)})
        found.append(Record("organisers", ident, names, changed))
    old_news, new_news = news(old), news(new)
    for path in old_news.keys() | new_news.keys():
        title = f"»{news_title(new_news.get(path) or old_news[path])}«"
        changed = old_news.get(path) != new_news.get(path)
        found.append(Record("news", Path(path).stem, frozenset({(title, NEWS)}), changed))
    return found


def unsure(revision: str | None, kind: str, ident: str) -> bool:
    """Whether the project's reader could not read that record of ``revision`` (today's
    rules may refuse what an old commit holds): the summary must then say it cannot tell."""
    if revision is None:
        return False
    ids = unread(revision).get(kind, frozenset())
    return ids is None or ident in ids


@functools.cache
def side(revision: str) -> Content:
    """A revision as ``compare_revisions`` reads it, read once for all the tests."""
    return read_revision(ROOT, revision, TODAY)


def unread(revision: str) -> Mapping[str, frozenset[str] | None]:
    return side(revision).unread


def named(out: str, name: str, sections: str) -> bool:
    return any(name in section(out, h) for h in (MEETINGS, MEMBERS, NEWS) if h in sections)


def summary(old: str | None, new: str) -> str:
    """``compare_revisions``' lines (``describe`` of both sides as it reads them; the
    command itself: the last test), or the first commit's against nothing."""
    return "\n".join(describe(EMPTY if old is None else side(old), side(new), TODAY))


def test_every_commit_of_the_data_says_exactly_what_its_diff_changed(history: list[str]) -> None:
    """Each changed record is named, no unchanged one is, and »nothing changed« exactly when
    nothing did. A record one version holds but the reader refuses is said to be unsure, by
    name; one that neither version can read is named so only when the diff changed it."""
    for commit in history:
        old = parent(commit)
        out = summary(old, commit)
        where = f"commit {commit[:7]}:\n{out}"
        assert "alt regnes som nyt" not in out, where
        found = records_of(old, commit)
        for record in found:
            refused = (
                unsure(old, record.kind, record.ident),
                unsure(commit, record.kind, record.ident),
            )
            if any(refused):
                told = [
                    line
                    for line in out.splitlines()
                    if "Kan ikke afgøres" in line
                    and (record.ident in line or any(n in line for n, _ in record.names))
                ]
                if record.changed or not all(refused):
                    assert told, f"{record.ident} is not said to be unsure; {where}"
                else:
                    assert not told, f"{record.ident} is unchanged and unread in both; {where}"
                continue
            for name, sections in sorted(record.names):
                if record.changed:
                    assert named(out, name, sections), f"{name} changed, not named; {where}"
                elif not any(r.changed and (name, sections) in r.names for r in found):
                    assert not named(out, name, sections), f"{name} is unchanged; {where}"
        assert (NOTHING in out) == (not any(r.changed for r in found)), where


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
    line = git("log", "--first-parent", "--format=%H", "-n", "60").split()
    # Against the first parent (a pull request's merge commit changes what its branch did).
    chosen = [
        c
        for c in line
        if parent(c) is not None
        and not git("diff", "--name-only", f"{c}^", c, "--", "data", "docs")
    ][:10]
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
