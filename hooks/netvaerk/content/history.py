"""Each meeting's committed versions, from the Git history of ``data/meetings.yaml``.

A calendar client updates an event it already has only when SEQUENCE rises (design.md §4),
and the feed must be byte-identical across rebuilds of one commit, so neither SEQUENCE nor
LAST-MODIFIED may come from the clock; and a page says when a meeting moved after it was
published. Both need what a meeting was before. This module gives, per meeting id, its
distinct committed versions (commit time and the item as the build reads it) and whether
the file as it is now holds another text for it. What counts as a change is decided where
the change shows: the calendar (``feeds/calendar.py``) compares the events it renders from
the validated versions, the pages (``content/moves.py``) the published version's date,
time and place.

The history is read in one pass: one ``git log`` lists the file's versions along the first
parent (a merged pull request counts once, at its merge), one ``git cat-file --batch``
reads every distinct version. The items of a simple file (``meeting_chunks``) are read one
by one and remembered by their text, so an item that is word for word the same as in an
earlier version is not read again, and only its id and title are read at first
(``yamlsource.load_plain``, strings only); the whole item is read and validated only when a
meeting has more than one version, and at most once per distinct text. Both readers refuse
what the editors' files may not hold (aliases, deep nesting): a committed version that
cannot be read is skipped, and ``Committed.skipped`` names it for the build log, so one bad
commit never breaks later builds.

Without usable history (no Git, not a repository, a shallow clone, the file not yet
committed) every meeting has no versions, and ``History.note`` says why, so the build can
say so once.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from pydantic import ValidationError

from netvaerk.content.yamlsource import YamlRefused, load_plain, parse_yaml
from netvaerk.model import Meeting, slug_of

_NULL = frozenset(("", "~", "null", "Null", "NULL"))  # YAML's nulls, as the base loader reads them
_NO_BLOB = "0" * 40
# What meeting_chunks reads: comment lines, then "meetings:"; the first line that is not
# blank or a comment. Tabs and line breaks other than \n: the file is parsed whole.
_HEAD = re.compile(r"(?: *(?:#[^\n]*)?\n)*meetings:(?: +#[^\n]*)? *(?:\n|\Z)")
_FIRST_CONTENT = re.compile(r"(?:^|\n)( *)[^ \n#]")
_NOT_SIMPLE = ("\t", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_GIT_TIMEOUT = 60  # seconds; a healthy repository answers in well under one


class Version(NamedTuple):
    """One committed version of the meetings file."""

    commit: str
    committed: datetime  # aware, UTC
    text: str | None  # None: the file was deleted in this commit


class Committed(NamedTuple):
    """What Git says the meetings were before the file as it is now (rules.check_kept_ids)."""

    # id → title in the newest committed version that differs from the file now: with
    # uncommitted edits the last commit; in a build of a commit (CI) the version before it
    titles: Mapping[str, str] = MappingProxyType({})  # (read-only: every default shares it)
    pairs: frozenset[tuple[str, str]] = frozenset()  # every (id, title) any version had
    # id → its last day (ISO) in the version of ``titles``, for the ids gone from the file
    last_days: Mapping[str, str] = MappingProxyType({})
    skipped: tuple[str, ...] = ()  # commits whose version could not be read (skipped)
    # In Git, but the history cannot be read (why, in Danish): the build warns (History.lost)
    lost: str = ""

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


class Item:
    """One distinct text of one meeting item; read whole and validated only when asked.

    Two items are the same when their text is (``same``): the item's YAML for a simple
    file, the base loader's reading of it otherwise.
    """

    def __init__(self, same: str, read: Callable[[], Any]) -> None:
        self.same = same
        self._read = read

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Item) and other.same == self.same

    def __hash__(self) -> int:
        return hash(self.same)

    @cached_property
    def meeting(self) -> Meeting | None:
        """The item validated as the build validates it; None if it does not (any more)."""
        raw = self._read()
        if not isinstance(raw, dict):
            return None
        try:
            return Meeting.model_validate(raw)
        except ValidationError:
            return None


class MeetingHistory(NamedTuple):
    """One meeting's committed versions: each time its text changed, oldest first."""

    versions: tuple[tuple[datetime, Item], ...] = ()
    uncommitted: bool = False  # the file now holds another text for it than the last commit

    def validated(self, current: Meeting) -> list[tuple[datetime, Meeting]]:
        """The versions that still validate, with their commit times; the last committed
        text, when the file still has it, is ``current`` (the meeting as built; not read)."""
        last = len(self.versions) - 1
        found = [
            (when, current if index == last and not self.uncommitted else item.meeting)
            for index, (when, item) in enumerate(self.versions)
        ]
        return [(when, meeting) for when, meeting in found if meeting is not None]


_NO_HISTORY = MeetingHistory()


class History(NamedTuple):
    """Each meeting's versions by id, and the stamps of what Git cannot date."""

    meetings: Mapping[str, MeetingHistory] = MappingProxyType({})
    default: datetime = datetime(1970, 1, 1, tzinfo=UTC)  # the build time
    note: str = ""  # why there is no usable history; empty when there is
    committed: Committed = Committed()  # for rules.check_kept_ids
    # The project is in Git, but its history cannot be read (a shallow clone, no git):
    # the build must warn, since calendar clients will then miss changes.
    lost: bool = False
    edited: datetime | None = None  # uncommitted edits: the build time, never before a commit

    def of(self, slug: str) -> MeetingHistory:
        return self.meetings.get(slug, _NO_HISTORY)

    @property
    def edited_at(self) -> datetime:
        return self.edited or self.default

    def explanation(self) -> str:
        """One line for the build log when there is no usable history, else ''."""
        if not self.note:
            return ""
        if self.lost:
            return (
                f"Kalenderen: Git-historikken for møderne kan ikke læses ({self.note}), så alle "
                "SEQUENCE er 0: abonnenternes kalendere opdager måske ikke, at et møde er "
                "ændret, og vagten mod ændrede mødeadresser er slået fra. Byg fra en fuld klon "
                "(git fetch --unshallow) med git installeret."
            )
        return (
            f"Kalenderen: ingen Git-historik for møderne ({self.note}); alle SEQUENCE er 0, "
            "og LAST-MODIFIED er byggetidspunktet (SOURCE_DATE_EPOCH, hvis det er sat)."
        )


def same_words(text: str) -> str:
    """Text with runs of spaces and line breaks made one space, as titles are compared
    (``Committed.titles``)."""
    return " ".join(text.split())


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return repr(value)
    return same_words(str(value)) if value is not None else ""


class Entry(NamedTuple):
    """What the history reads of every version of an item: its id and title."""

    key: str
    title: str
    item: Item


def _entry(raw: Any, item: Item) -> Entry | None:
    """The id and title of a record read by the base loader (strings only)."""
    if not isinstance(raw, dict):
        return None
    key = _text(raw.get("id"))
    if key in _NULL:  # `id: ~` is no id to the model either: the date is the id
        key = ""
    key = slug_of(key or None, _text(raw.get("date")))
    return Entry(key, _text(raw.get("title")), item) if key else None


def _read_item(text: str) -> Any:
    """The one list item in ``text`` as the build's reader gives it, or None."""
    doc, problems = parse_yaml(text, "")
    if doc is None or problems or not isinstance(doc.data, list) or len(doc.data) != 1:
        return None
    return doc.data[0]


def _whole_file(text: str) -> dict[str, Entry] | None:
    """Meeting id → entry for a whole file; None if the text is not valid YAML."""
    try:
        data = load_plain(text)  # strings only
    except YamlRefused:
        return None
    meetings = data.get("meetings") if isinstance(data, dict) else None
    read: list[Any] = []  # the build reader's items, read once when an item is first asked

    def item_at(index: int) -> Any:
        if not read:
            doc, problems = parse_yaml(text, "")
            found = doc.data.get("meetings") if doc and isinstance(doc.data, dict) else None
            read.append(found if isinstance(found, list) and not problems else [])
        items = read[0]
        return items[index] if index < len(items) else None

    result: dict[str, Entry] = {}
    for index, raw in enumerate(meetings if isinstance(meetings, list) else []):
        entry = _entry(raw, Item(repr(raw), partial(item_at, index)))
        if entry is not None:
            result[entry.key] = entry
    return result


def meeting_chunks(text: str) -> list[str] | None:
    """The text of each item of the ``meetings:`` list, or None if the file is not that simple.

    Simple is how editors write the file: comments, then ``meetings:`` at the start of a
    line, then block items (``- id: …``) at one indentation and nothing after the list.
    Anything else (flow style, a bare ``-`` line, tabs, more keys or documents) is None, and
    the caller parses the whole file. This runs over every version of the file, so it is a
    few regular expressions (C), not a loop over lines.
    """
    text = _unix_lines(text)
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


def _unix_lines(text: str) -> str:
    """``text`` with Windows line breaks made \\n. Looking for a carriage return costs less
    than a replace that finds none (with ``key_part``'s skip, -2 M at 30 meetings)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def _blank_or_comment(line: str) -> bool:
    content = line.strip()
    return not content or content.startswith("#")


_ITEM_KEYS = frozenset(("id", "date", "title"))  # what _entry reads


def key_part(chunk: str) -> str:
    """The lines of one meeting item that ``_entry`` reads: its id, date and title.

    The programme, descriptions and announcement are most of an item's text, so only the
    item's top-level keys that matter (and what is nested under them) are kept; parsing
    that is a fraction of the work. Anything unusual keeps it all.
    """
    lines = chunk.splitlines(keepends=True)
    item_indent = len(lines[0]) - len(lines[0].lstrip(" "))
    key_indent = item_indent + 2
    nested = " " * (key_indent + 1)
    kept: list[str] = []
    keep = False
    for number, line in enumerate(lines):
        # Nested under a key not kept (most lines): nothing to look at, not even how far the
        # line is indented (with ``_unix_lines``, -2 M at 30 meetings).
        if number and not keep and line.startswith(nested):
            continue
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


class Reader:
    """The entries of many versions of one file, reading each distinct meeting item once.

    Consecutive versions share almost every meeting word for word, so the items of a simple
    file (``meeting_chunks``) are read one by one and remembered by their text; this keeps
    hundreds of commits of a long file cheap. A file that is not simple, or an item that
    does not parse on its own (an alias of an anchor in another item), is read whole.
    """

    def __init__(self) -> None:
        self._items: dict[str, Entry | None] = {}
        self._files: dict[str, dict[str, Entry] | None] = {}

    def __call__(self, text: str) -> dict[str, Entry] | None:
        """Meeting id → entry of one version; None if it is not valid YAML."""
        if text not in self._files:
            self._files[text] = self._by_item(text)
        return self._files[text]

    def _by_item(self, text: str) -> dict[str, Entry] | None:
        chunks = meeting_chunks(text)
        if chunks is None:
            return _whole_file(text)
        result: dict[str, Entry] = {}
        for chunk in chunks:
            if chunk not in self._items:
                data = _load_item(key_part(chunk)) or _load_item(chunk)
                if data is None:
                    return _whole_file(text)
                self._items[chunk] = _entry(data, Item(chunk, partial(_read_item, chunk)))
            entry = self._items[chunk]
            if entry is not None:
                result[entry.key] = entry
        return result


def meeting_histories(
    versions: Iterable[Version], current: str | None, parse: Reader | None = None
) -> dict[str, MeetingHistory]:
    """Each meeting's versions from the committed versions (oldest first) and the file now.

    A version that is not valid YAML is skipped; a meeting that is deleted and comes back
    with the same text has not changed.
    """
    parse = parse or Reader()
    found: dict[str, list[tuple[datetime, Item]]] = {}
    for version in versions:
        entries = parse(version.text) if version.text is not None else None
        for key, entry in (entries or {}).items():
            seen = found.setdefault(key, [])
            if not seen or seen[-1][1] != entry.item:
                seen.append((version.committed, entry.item))
    now = (parse(current) if current is not None else None) or {}
    return {
        key: MeetingHistory(tuple(seen), key in now and now[key].item != seen[-1][1])
        for key, seen in found.items()
    }


class GitUnavailable(Exception):
    """The history cannot be read; the message says why, in Danish for the build log.

    ``expected``: there is no history to read (not a repository, e.g. a downloaded zip, or
    the file not committed yet), as opposed to history that is there but cannot be read.
    """

    def __init__(self, message: str, expected: bool = False) -> None:
        super().__init__(message)
        self.expected = expected


def _in_repository(folder: Path) -> bool:
    """Whether ``folder`` is inside a Git work tree (a ``.git`` folder or file above it)."""
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


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
        raise GitUnavailable("git er ikke installeret", not _in_repository(cwd)) from None
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
            if _in_repository(file.parent):  # a .git that git cannot open: history lost
                raise GitUnavailable(
                    "der er en .git, men git kan ikke åbne arkivet, den peger på"
                ) from None
            raise GitUnavailable(
                "projektet ligger ikke i et Git-arkiv (fx en downloadet zip)", expected=True
            ) from None
        raise
    if shallow == b"true":
        raise GitUnavailable("arkivet er en kort klon (shallow clone) uden hele historikken")
    entries = _log(file)
    if not entries:
        raise GitUnavailable(f"{file.name} er ikke committet endnu", expected=True)
    ids = list(dict.fromkeys(blob for _, _, blob in entries if blob is not None))
    texts = _blobs(ids, file.parent)
    return [
        Version(commit, when, texts[blob] if blob is not None else None)
        for commit, when, blob in entries
    ]


def read_history(file: Path, now: datetime) -> History:
    """The history of the meetings file; ``now`` is the build time."""
    try:
        regular = file.is_file()  # not a pipe or device: reading one would never end
        current = file.read_text(encoding="utf-8").removeprefix("\ufeff") if regular else None
    except (OSError, UnicodeDecodeError):
        current = None
    return history_of(file, now, current)


def history_of(file: Path, now: datetime, current: str | None) -> History:
    """The history of the meetings file, whose text now is ``current`` (None: unreadable)
    as the build has read it once (``load.read_project``); ``now`` is the build time."""
    try:
        versions = read_versions(file)
    except GitUnavailable as exc:
        return History({}, now, str(exc), lost=not exc.expected)
    parse = Reader()  # shared: committed() reads the versions meeting_histories has read
    return History(
        meeting_histories(versions, current, parse),
        now,
        committed=_with_skipped(committed(versions, current, parse), versions, parse),
        edited=max(now, versions[-1].committed),
    )


def _with_skipped(found: Committed, versions: Sequence[Version], parse: Reader) -> Committed:
    """``found`` with the commits whose version ``parse`` could not read."""
    skipped = tuple(v.commit for v in versions if v.text is not None and (parse(v.text) is None))
    return found._replace(skipped=skipped) if skipped else found


def read_committed(file: Path) -> Committed:
    """``History.committed`` alone, for checking the data without building; empty without
    Git (with ``lost`` set when there is Git but its history cannot be read)."""
    if not file.is_file():  # missing, or a pipe or device that would never end
        return Committed()
    try:
        current = file.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return Committed()
    return committed_of(file, current)


def committed_of(file: Path, current: str | None) -> Committed:
    """``read_committed`` of the file whose text now is ``current``, as already read."""
    if current is None:
        return Committed()
    try:
        versions, parse = read_versions(file), Reader()
        return _with_skipped(committed(versions, current, parse), versions, parse)
    except GitUnavailable as exc:
        return Committed(lost="" if exc.expected else str(exc))


def committed(
    versions: Sequence[Version], current: str | None, parse: Reader | None = None
) -> Committed:
    """The titles of the newest committed version whose text differs from ``current``, and
    every (id, title) pair of that version and all before it (spaces normalised)."""
    if current is None:
        return Committed()
    parse = parse or Reader()
    now = _unix_lines(current)
    for index in range(len(versions) - 1, -1, -1):
        text = versions[index].text
        if text is not None and _unix_lines(text) != now:
            found = parse(text) or {}
            titles = {key: e.title for key, e in found.items()}
            earlier = (parse(v.text) or {} for v in versions[: index + 1] if v.text is not None)
            pairs = frozenset((key, e.title) for each in earlier for key, e in each.items())
            # Only of the ids gone from the file now (rules.check_published_ids): reading an
            # item as the build does costs, and the file already read ``current``.
            kept = set(parse(current) or {})
            last_days = {
                key: meeting.last_day.isoformat()
                for key, e in found.items()
                if key not in kept and (meeting := e.item.meeting) is not None
            }
            return Committed(titles, pairs, last_days)
    return Committed()
