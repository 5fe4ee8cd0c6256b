"""SEQUENCE and LAST-MODIFIED of each meeting's calendar event, from the Git history.

A calendar client updates an event it already has only when SEQUENCE rises (design.md §4),
and the feed must be byte-identical across rebuilds of one commit, so neither may come from
the clock. Both come from the history of ``data/meetings.yaml``: a meeting's SEQUENCE counts
the commits after its first that changed what a calendar shows (date, times, place, online
link, status, title); LAST-MODIFIED is the time of the last commit that changed it.

The history is read in one pass: one ``git log`` lists the file's versions along the first
parent (a merged pull request counts once, at its merge), one ``git cat-file --batch``
reads every distinct version, and each version is parsed once. The work grows linearly with
the number of commits; a meeting item that is the same text as in an earlier version is
not parsed again. Versions are parsed with ``yamlsource.load_plain``, which keeps every
scalar as the text the editor wrote, so ``9:00`` and ``09.00`` compare as the same time,
and refuses what the editors' files may not hold (aliases, deep nesting): a committed
version it cannot read is skipped, and ``Committed.skipped`` names it for the build log, so
one bad commit never breaks later builds.

Uncommitted edits to a meeting count as one more change, stamped with the build time.
Without usable history (no Git, not a repository, a shallow clone, the file not yet
committed) every SEQUENCE is 0 and every stamp is the build time (``SOURCE_DATE_EPOCH``),
and ``History.note`` says why, so the build can say so once.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netvaerk.content.yamlsource import YamlRefused, load_plain

# What a calendar client shows of a meeting; a change to any of these is a new SEQUENCE.
CALENDAR_FIELDS = ("title", "date", "end_date", "start", "end", "status", "venue", "online")
_NULL = frozenset(("", "~", "null", "Null", "NULL"))  # YAML's nulls, as the base loader reads them
_TITLE = CALENDAR_FIELDS.index("title")  # its place in a fingerprint (fields before it: none)
_SUBFIELDS = {"venue": ("name", "address"), "online": ("platform", "url")}
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_NO_BLOB = "0" * 40
# What meeting_chunks reads: comment lines, then "meetings:"; the first line that is not
# blank or a comment. Tabs and line breaks other than \n: the file is parsed whole.
_HEAD = re.compile(r"(?: *(?:#[^\n]*)?\n)*meetings:(?: +#[^\n]*)? *(?:\n|\Z)")
_FIRST_CONTENT = re.compile(r"(?:^|\n)( *)[^ \n#]")
_NOT_SIMPLE = ("\t", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_GIT_TIMEOUT = 60  # seconds; a healthy repository answers in well under one

Fingerprint = tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    """How often a meeting's calendar event changed, and when it last did."""

    sequence: int
    modified: datetime  # aware, UTC


@dataclass(frozen=True)
class Version:
    """One committed version of the meetings file."""

    commit: str
    committed: datetime  # aware, UTC
    text: str | None  # None: the file was deleted in this commit


@dataclass(frozen=True)
class Committed:
    """What Git says the meetings were before the file as it is now (rules.check_kept_ids)."""

    # id → title in the newest committed version that differs from the file now: with
    # uncommitted edits the last commit; in a build of a commit (CI) the version before it
    titles: Mapping[str, str] = field(default_factory=dict)
    pairs: frozenset[tuple[str, str]] = frozenset()  # every (id, title) any version had
    skipped: tuple[str, ...] = ()  # commits whose version could not be read (skipped)

    def skipped_note(self) -> str:
        """One informational line about the skipped versions, or ''."""
        if not self.skipped:
            return ""
        shown = ", ".join(commit[:10] for commit in self.skipped[:5])
        more = f" og {len(self.skipped) - 5} til" if len(self.skipped) > 5 else ""
        return (
            f"Kalenderen: {len(self.skipped)} gemt(e) udgave(r) af meetings.yaml i Git kan ikke "
            f"læses (commit {shown}{more}) og er sprunget over; det er ikke en fejl i filen, "
            "som den er nu."
        )


@dataclass(frozen=True)
class History:
    """Revisions by meeting id, and what meetings without one get."""

    revisions: Mapping[str, Revision] = field(default_factory=dict)
    default: datetime = datetime(1970, 1, 1, tzinfo=UTC)  # stamp of a meeting without history
    note: str = ""  # why there is no usable history; empty when there is
    committed: Committed = field(default_factory=Committed)  # for rules.check_kept_ids

    def of(self, slug: str) -> Revision:
        return self.revisions.get(slug) or Revision(0, self.default)

    def explanation(self) -> str:
        """One line for the build log when there is no usable history, else ''."""
        if not self.note:
            return ""
        return (
            f"Kalenderen: ingen Git-historik for møderne ({self.note}); alle SEQUENCE er 0, "
            "og LAST-MODIFIED er byggetidspunktet (SOURCE_DATE_EPOCH, hvis det er sat)."
        )


def same_words(text: str) -> str:
    """Text as fingerprints hold it: runs of spaces and line breaks made one space. Compare
    a title with ``Committed.titles`` through this."""
    return " ".join(text.split())


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return repr(value)
    return same_words(str(value)) if value is not None else ""


def _clock(value: Any) -> str:
    text = _text(value)
    match = _CLOCK.match(text)
    return f"{int(match[1]):02d}:{match[2]}" if match else text


def fingerprint(raw: Mapping[str, Any]) -> Fingerprint:
    """The calendar-relevant fields of one raw meeting record, normalised."""
    parts: list[str] = []
    for name in CALENDAR_FIELDS:
        value = raw.get(name)
        if name in _SUBFIELDS:
            sub = value if isinstance(value, dict) else {}
            present = "1" if value is not None else ""
            parts += [present, *(_text(sub.get(key)) for key in _SUBFIELDS[name])]
        elif name in ("start", "end"):
            parts.append(_clock(value))
        elif name == "status":
            parts.append(_text(value).lower() or "planned")
        else:
            parts.append(_text(value))
    return tuple(parts)


def _keyed(raw: Any) -> tuple[str, Fingerprint] | None:
    """(meeting id, fingerprint) of a raw record; the id is ``id``, else ``date``."""
    if not isinstance(raw, dict):
        return None
    key = _text(raw.get("id"))
    if key in _NULL:  # `id: ~` is no id to the model either: the date is the id
        key = _text(raw.get("date"))
    return (key, fingerprint(raw)) if key else None


def fingerprints(text: str) -> dict[str, Fingerprint] | None:
    """Meeting id → fingerprint for a whole file; None if the text is not valid YAML."""
    try:
        data = load_plain(text)  # strings only
    except YamlRefused:
        return None
    meetings = data.get("meetings") if isinstance(data, dict) else None
    found = (_keyed(raw) for raw in (meetings if isinstance(meetings, list) else []))
    return dict(entry for entry in found if entry is not None)


def meeting_chunks(text: str) -> list[str] | None:
    """The text of each item of the ``meetings:`` list, or None if the file is not that simple.

    Simple is how editors write the file: comments, then ``meetings:`` at the start of a
    line, then block items (``- id: …``) at one indentation and nothing after the list.
    Anything else (flow style, a bare ``-`` line, tabs, more keys or documents) is None, and
    the caller parses the whole file. This runs over every version of the file, so it is a
    few regular expressions (C), not a loop over lines.
    """
    text = text.replace("\r\n", "\n")
    if any(char in text for char in _NOT_SIMPLE):
        return None
    head = _HEAD.match(text)
    if head is None:
        return None
    body = text[head.end() :]
    first = _FIRST_CONTENT.search(body)
    if first is None:
        return []
    indent = " " * len(first[1])
    if not body.startswith("- ", first.end(1)):
        return None
    lines = "\n" + body  # each line after a \n, so no multi-line ^ (slow) is needed
    if re.search(rf"\n(?!{indent} |{indent}- | *(?:#|\n|\Z))", lines):
        return None  # a line outside the list: less indented, or not an item at its level
    *items, last = lines.split(f"\n{indent}- ")[1:]  # [0]: blank and comment lines only
    return [f"{indent}- {item}\n" for item in items] + [f"{indent}- {last}"]


def _blank_or_comment(line: str) -> bool:
    content = line.strip()
    return not content or content.startswith("#")


_ITEM_KEYS = frozenset(("id", *CALENDAR_FIELDS))


def calendar_part(chunk: str) -> str:
    """The lines of one meeting item that can change its fingerprint.

    The programme, descriptions and announcement are most of an item's text and none of its
    calendar fields, so only the item's top-level keys that matter (and what is nested under
    them) are kept; parsing that is about half the work. Anything unusual keeps it all.
    """
    lines = chunk.splitlines(keepends=True)
    item_indent = len(lines[0]) - len(lines[0].lstrip(" "))
    key_indent = item_indent + 2
    kept: list[str] = []
    keep = False
    for number, line in enumerate(lines):
        content = line.lstrip(" ")
        width = len(line) - len(content)
        if number == 0:
            content, width = content[2:], key_indent  # the first key, after "- "
        elif _blank_or_comment(content):
            continue
        if width == key_indent:
            keep = content.split(":", 1)[0].strip() in _ITEM_KEYS
            if keep and not kept:
                line = " " * item_indent + "- " + content
        elif width < key_indent:
            return chunk
        if keep:
            kept.append(line)
    return "".join(kept) if kept else chunk


def _load_item(text: str) -> Any:
    """The one list item in ``text`` (strings only), or None if it is not exactly that."""
    try:
        data = load_plain(text)
    except YamlRefused:
        return None
    return data[0] if isinstance(data, list) and len(data) == 1 else None


class Fingerprinter:
    """Fingerprints of many versions of one file, parsing each distinct meeting once.

    Consecutive versions share almost every meeting word for word, so the items of a simple
    file (``meeting_chunks``) are parsed one by one and remembered by their text; this keeps
    hundreds of commits of a long file cheap. A file that is not simple, or an item that
    does not parse on its own (an alias of an anchor in another item), is parsed whole.
    """

    def __init__(self) -> None:
        self._items: dict[str, tuple[str, Fingerprint] | None] = {}
        self._files: dict[str, dict[str, Fingerprint] | None] = {}

    def __call__(self, text: str) -> dict[str, Fingerprint] | None:
        if text not in self._files:
            self._files[text] = self._by_item(text)
        return self._files[text]

    def _by_item(self, text: str) -> dict[str, Fingerprint] | None:
        chunks = meeting_chunks(text)
        if chunks is None:
            return fingerprints(text)
        result: dict[str, Fingerprint] = {}
        for chunk in chunks:
            if chunk not in self._items:
                data = _load_item(calendar_part(chunk)) or _load_item(chunk)
                if data is None:
                    return fingerprints(text)
                self._items[chunk] = _keyed(data)
            entry = self._items[chunk]
            if entry is not None:
                result[entry[0]] = entry[1]
        return result


def revisions(
    versions: Iterable[Version],
    current: str | None,
    now: datetime,
    parse: Fingerprinter | None = None,
) -> dict[str, Revision]:
    """Revisions from the committed versions (oldest first) and the working-tree text.

    A meeting's first version is SEQUENCE 0; every later version whose fingerprint differs
    from the one before adds one. A version that is not valid YAML is skipped. ``current``
    (the file as it is now) counts as one more version at ``now`` when it differs.
    """
    last: dict[str, Fingerprint] = {}
    sequence: dict[str, int] = {}
    modified: dict[str, datetime] = {}
    parse = parse or Fingerprinter()

    def apply(found: Mapping[str, Fingerprint], when: datetime) -> None:
        for key, print_ in found.items():
            before = last.get(key)
            if before == print_:
                continue
            sequence[key] = sequence[key] + 1 if key in sequence else 0
            modified[key] = when
            last[key] = print_

    for version in versions:
        if version.text is None:
            continue  # deleted: a meeting that comes back unchanged is no change
        found = parse(version.text)
        if found is not None:
            apply(found, version.committed)
    if current is not None:
        found = parse(current)
        if found is not None:
            apply(found, max([now, *modified.values()]))
    return {key: Revision(sequence[key], modified[key]) for key in sequence}


class GitUnavailable(Exception):
    """The history cannot be read; the message says why, in Danish for the build log."""


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    command = [
        "git",
        "-c",
        "color.ui=never",
        "-c",
        "log.showSignature=false",
        "-c",
        "core.quotePath=false",
        *args,
    ]
    try:
        done = subprocess.run(
            command, cwd=cwd, input=stdin, capture_output=True, timeout=_GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise GitUnavailable("git er ikke installeret") from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(f"git svarede ikke inden for {_GIT_TIMEOUT} sekunder") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(message[0] if message else f"git {args[0]} fejlede")
    return done.stdout


def _log(file: Path) -> list[tuple[str, datetime, str | None]]:
    """(commit, time, blob or None if deleted) for each first-parent commit, oldest first."""
    out = _git(
        [
            "log",
            "--first-parent",
            "--reverse",
            "--no-renames",
            "--no-color",
            "--raw",
            "--no-abbrev",
            "--format=%x1e%H %ct",
            "--",
            file.name,
        ],
        file.parent,
    ).decode("utf-8", "replace")
    entries: list[tuple[str, datetime, str | None]] = []
    for record in out.split("\x1e")[1:]:
        lines = record.strip("\n").splitlines()
        commit, seconds = lines[0].split()
        raw = next((line for line in lines[1:] if line.startswith(":")), None)
        if raw is None:
            continue  # touched by a merge but no change against the first parent
        blob = raw.split()[3]
        entries.append(
            (
                commit,
                datetime.fromtimestamp(int(seconds), UTC),
                None if blob == _NO_BLOB else blob,
            )
        )
    return entries


def _blobs(ids: list[str], cwd: Path) -> dict[str, str]:
    """The contents of the given blobs, read through one ``git cat-file --batch``."""
    if not ids:
        return {}
    out = _git(["cat-file", "--batch"], cwd, ("\n".join(ids) + "\n").encode())
    texts: dict[str, str] = {}
    position = 0
    for blob in ids:
        header_end = out.index(b"\n", position)
        name, kind, size = out[position:header_end].decode().split()
        if name != blob or kind != "blob":
            raise GitUnavailable(f"git cat-file gav {kind} for {blob}")
        start = header_end + 1
        texts[blob] = (
            out[start : start + int(size)].decode("utf-8", "replace").removeprefix("\ufeff")
        )
        position = start + int(size) + 1
    return texts


def read_versions(file: Path) -> list[Version]:
    """Every committed version of ``file`` along the first parent, oldest first.

    Raises ``GitUnavailable`` when Git cannot give the whole history.
    """
    try:
        shallow = _git(["rev-parse", "--is-shallow-repository"], file.parent).strip()
    except GitUnavailable as exc:
        if "not a git repository" in str(exc):
            raise GitUnavailable(
                "projektet ligger ikke i et Git-arkiv (fx en downloadet zip)"
            ) from None
        raise
    if shallow == b"true":
        raise GitUnavailable("arkivet er en kort klon (shallow clone) uden hele historikken")
    entries = _log(file)
    if not entries:
        raise GitUnavailable(f"{file.name} er ikke committet endnu")
    ids = list(dict.fromkeys(blob for _, _, blob in entries if blob is not None))
    texts = _blobs(ids, file.parent)
    return [
        Version(commit, when, texts[blob] if blob is not None else None)
        for commit, when, blob in entries
    ]


def read_history(file: Path, now: datetime) -> History:
    """The history of the meetings file; ``now`` stamps what Git cannot date."""
    try:
        regular = file.is_file()  # not a pipe or device: reading one would never end
        current = file.read_text(encoding="utf-8").removeprefix("\ufeff") if regular else None
    except (OSError, UnicodeDecodeError):
        current = None
    try:
        versions = read_versions(file)
    except GitUnavailable as exc:
        return History({}, now, str(exc))
    parse = Fingerprinter()  # shared: committed() reads the versions revisions has parsed
    return History(
        revisions(versions, current, now, parse),
        now,
        committed=_with_skipped(committed(versions, current, parse), versions, parse),
    )


def _with_skipped(found: Committed, versions: Sequence[Version], parse: Fingerprinter) -> Committed:
    """``found`` with the commits whose version ``parse`` could not read."""
    skipped = tuple(v.commit for v in versions if v.text is not None and (parse(v.text) is None))
    return replace(found, skipped=skipped) if skipped else found


def read_committed(file: Path) -> Committed:
    """``History.committed`` alone, for checking the data without building; empty without
    Git."""
    if not file.is_file():  # missing, or a pipe or device that would never end
        return Committed()
    try:
        current = file.read_text(encoding="utf-8").removeprefix("\ufeff")
        versions, parse = read_versions(file), Fingerprinter()
        return _with_skipped(committed(versions, current, parse), versions, parse)
    except (OSError, UnicodeDecodeError, GitUnavailable):
        return Committed()


def committed(
    versions: Sequence[Version], current: str | None, parse: Fingerprinter | None = None
) -> Committed:
    """The titles of the newest committed version whose text differs from ``current``, and
    every (id, title) pair of that version and all before it (spaces normalised)."""
    if current is None:
        return Committed()
    parse = parse or Fingerprinter()
    now = current.replace("\r\n", "\n")
    for index in range(len(versions) - 1, -1, -1):
        text = versions[index].text
        if text is not None and text.replace("\r\n", "\n") != now:
            titles = {key: p[_TITLE] for key, p in (parse(text) or {}).items()}
            earlier = (parse(v.text) or {} for v in versions[: index + 1] if v.text is not None)
            pairs = frozenset((key, p[_TITLE]) for each in earlier for key, p in each.items())
            return Committed(titles, pairs)
    return Committed()
