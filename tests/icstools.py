"""Test helpers for the calendar feeds: three independent parsers and a throw-away Git repo.

Every feed is read by ``icalendar``, by ``ical`` (a separate pydantic-based implementation)
and by ical.js (Mozilla's parser, used by Thunderbird and web calendars) through
``tests/js/parse.mjs``. The Python parsers resolve TZID through the system's zoneinfo;
ical.js knows no zones but the VTIMEZONE in the file, so only it can catch a wrong one.
Each helper fails the test on any complaint a parser makes.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from gates import INSTALL_HINT, NODE_MODULES
from ical.calendar import Calendar as IcalCalendar
from ical.calendar_stream import IcsCalendarStream

PARSE_MJS = Path(__file__).resolve().parent / "js" / "parse.mjs"
ICAL_JS = NODE_MODULES / "ical.js" / "package.json"


def parse_icalendar(data: bytes) -> icalendar.Calendar:
    """Parse with ``icalendar``; fail on any error it records or warning it raises."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        calendar = icalendar.Calendar.from_ical(data)
    assert not [str(w.message) for w in caught], "icalendar warned"
    problems = [(c.name, c.errors) for c in calendar.walk() if c.errors]
    assert not problems, f"icalendar found errors: {problems}"
    assert isinstance(calendar, icalendar.Calendar)
    return calendar


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def parse_ical(data: bytes) -> IcalCalendar:
    """Parse with ``ical``; fail on any warning it logs or raises."""
    handler = _Collect()
    logger = logging.getLogger("ical")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    finally:
        logger.removeHandler(handler)
    assert not [str(w.message) for w in caught], "ical warned"
    assert not handler.records, f"ical logged warnings: {handler.records}"
    return calendar


def ical_js(paths: Iterable[Path]) -> dict[str, Any]:
    """What ical.js reads from each file: ``{str(path): {name, timezones, events}}``.

    Fails (never skips) when node or the npm packages are missing.
    """
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (Node 20 is needed for ical.js)", pytrace=False)
    if not ICAL_JS.exists():
        pytest.fail(f"ical.js not found in {NODE_MODULES}: {INSTALL_HINT}", pytrace=False)
    done = subprocess.run(
        [node, str(PARSE_MJS), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"ical.js failed: {done.stderr}"
    result = json.loads(done.stdout)
    assert result["warnings"] == [], f"ical.js complained: {result['warnings']}"
    files: dict[str, Any] = result["files"]
    return files


def unescape_text(raw: str) -> str:
    """RFC 5545 TEXT unescaping, for X- properties the parsers hand back raw."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


def utc(moment: datetime) -> datetime:
    assert moment.tzinfo is not None, f"{moment} is floating (no time zone)"
    return moment.astimezone(UTC)


def js_utc(text: str) -> datetime:
    """An ISO instant printed by ical.js ('2026-03-29T07:00:00.000Z')."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


class GitRepo:
    """A Git repository for tests, isolated from the user's and system's configuration."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
        }
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: datetime | None = None) -> str:
        env = dict(self.env)
        if when is not None:
            stamp = f"{int(when.timestamp())} +0000"
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
        return done.stdout

    def commit(self, relative: str, text: str, when: datetime, message: str = "edit") -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.git("add", relative)
        self.git("commit", "-q", "-m", message, when=when)


def write_commits(repo: GitRepo, count: int, meetings: int, first: datetime) -> None:
    """``count`` commits of a file of ``meetings`` meetings, an hour apart from ``first``;
    commit n retitles meeting n % meetings (all of them are created by commit 0).

    Written with one ``git fast-import`` (a git call per commit would take seconds).
    """
    revision = [0] * meetings
    stream = bytearray()
    for n in range(count):
        revision[n % meetings] = n
        text = "meetings:\n" + "".join(
            f"  - id: m{i}\n    title: Møde {i}, udgave {revision[i]}\n"
            f"    date: 2026-01-{1 + i % 28:02d}\n    start: 10:00\n    end: 15:00\n"
            f"    venue:\n      name: Rådhus {i}\n"
            for i in range(meetings)
        )
        content, message = text.encode(), f"v{n}".encode()
        stamp = int((first + timedelta(hours=n)).timestamp())
        stream += f"commit refs/heads/main\nmark :{n + 1}\n".encode()
        stream += f"committer Test <test@example.org> {stamp} +0000\n".encode()
        stream += f"data {len(message)}\n".encode() + message + b"\n"
        if n:
            stream += f"from :{n}\n".encode()
        stream += b"M 100644 inline data/meetings.yaml\n"
        stream += f"data {len(content)}\n".encode() + content + b"\n"
    subprocess.run(
        ["git", "fast-import", "--quiet"],
        cwd=repo.root,
        env=repo.env,
        input=bytes(stream),
        check=True,
    )
    repo.git("reset", "-q", "--hard", "main")
