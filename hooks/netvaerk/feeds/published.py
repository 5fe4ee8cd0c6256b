"""SEQUENCE never goes down for an event a subscriber already holds: the published calendar
is its floor.

A calendar client updates an event it has only when SEQUENCE rises (design.md §4), and the
build counts SEQUENCE from the Git history of ``data/meetings.yaml`` (``content/history.py``).
History can shrink under the build: a squash of three commits turns SEQUENCE 3 into 1, a
shallow clone or a ``.git`` that points nowhere leaves none. Git cannot say what clients hold;
the calendar that was published can. So the deploy hands the build the live ``kalender.ics``
(``NETVAERK_UDGIVET_KALENDER=<file>``), and for each event in it (by UID):

- the same content as now (every line but DTSTAMP, LAST-MODIFIED and SEQUENCE): SEQUENCE is
  at least the published one;
- other content: SEQUENCE is at least the published one plus one, so clients take the change.

The rule needs no state in the repository and holds whatever happened to the history; it is
the highest value ever published as long as each deploy starts from the one before it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

PUBLISHED_VARIABLE = "NETVAERK_UDGIVET_KALENDER"
# The properties that date an event rather than say what it is (calendar.py: the stamps).
_STAMPS = frozenset({"DTSTAMP", "LAST-MODIFIED", "SEQUENCE"})
_MAX_BYTES = 50_000_000


class PublishedError(ValueError):
    """The published calendar cannot be read; the message is Danish."""


class Published(NamedTuple):
    """One published event: its SEQUENCE and its content lines (stamps left out)."""

    sequence: int
    content: tuple[str, ...]


def _lines(ics: bytes) -> list[str]:
    """The calendar's content lines, unfolded (RFC 5545 §3.1)."""
    text = ics.decode("utf-8").replace("\r\n", "\n")
    return text.replace("\n ", "").replace("\n\t", "").split("\n")


def _name(line: str) -> str:
    cut = min((i for i in (line.find(";"), line.find(":")) if i >= 0), default=len(line))
    return line[:cut].upper()


def events(ics: bytes) -> dict[str, Published]:
    """Every VEVENT of a calendar by UID. Raises ``PublishedError`` if it is no calendar."""
    try:
        lines = _lines(ics)
    except UnicodeDecodeError:
        raise PublishedError("er ikke UTF-8") from None
    if not lines or lines[0] != "BEGIN:VCALENDAR":
        raise PublishedError("er ikke en kalender (første linje er ikke BEGIN:VCALENDAR)")
    found: dict[str, Published] = {}
    block: list[str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            block = []
        elif line == "END:VEVENT" and block is not None:
            props = {_name(entry): entry.partition(":")[2] for entry in block}
            uid, sequence = props.get("UID"), props.get("SEQUENCE", "0")
            if not uid or not sequence.isdigit():
                raise PublishedError(f"har en begivenhed uden UID eller SEQUENCE ({uid})")
            found[uid] = Published(int(sequence), content(block))
            block = None
        elif block is not None:
            block.append(line)
    return found


def content(lines: list[str]) -> tuple[str, ...]:
    """The lines of one event that say what it is: all but the stamps."""
    return tuple(line for line in lines if _name(line) not in _STAMPS)


def lines_of_event(event_ics: bytes) -> tuple[str, ...]:
    """``content`` of one serialised VEVENT (BEGIN to END)."""
    inner = [line for line in _lines(event_ics) if line][1:-1]
    return content(inner)


def floor(sequence: int, now: tuple[str, ...], published: Published | None) -> int:
    """The SEQUENCE to publish: the history's ``sequence``, raised to what clients hold."""
    if published is None:
        return sequence
    if now == published.content:
        return max(sequence, published.sequence)
    return max(sequence, published.sequence + 1)


def from_environ(environ: Mapping[str, str] = os.environ) -> dict[str, Published]:
    """The published events named by ``NETVAERK_UDGIVET_KALENDER``, or none when it is unset
    (a local build: nothing it makes reaches a subscriber)."""
    value = environ.get(PUBLISHED_VARIABLE, "").strip()
    if not value:
        return {}
    path = Path(value)
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise PublishedError(f"{PUBLISHED_VARIABLE}={value}: filen er for stor")
        ics = path.read_bytes()
    except OSError as exc:
        raise PublishedError(
            f"{PUBLISHED_VARIABLE}={value}: den udgivne kalender kan ikke læses "
            f"({exc.strerror}); uden den kan SEQUENCE falde for abonnenterne"
        ) from None
    try:
        return events(ics)
    except PublishedError as exc:
        raise PublishedError(f"{PUBLISHED_VARIABLE}={value}: filen {exc}") from None
