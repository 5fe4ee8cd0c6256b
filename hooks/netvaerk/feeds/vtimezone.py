"""The VTIMEZONE of the calendar feeds, in the RRULE form every client reads.

Python parsers resolve ``TZID=Europe/Copenhagen`` through their own zoneinfo, but ical.js
(Thunderbird, web calendars), Outlook and Google read the VTIMEZONE in the file. icalendar's
``add_missing_timezones()`` writes transitions as multi-valued RDATEs, of which ical.js reads
only the first value: every summer meeting then lands an hour off (design.md §4). So the
zone is written the way Outlook and Google write it: one STANDARD and one DAYLIGHT
observance with a yearly RRULE, taken from the POSIX TZ footer of the zone's TZif data
(``CET-1CEST,M3.5.0,M10.5.0/3``), starting in the first year since which that rule has held
without a break (checked against ``zoneinfo``; 1996 for Copenhagen). Events older than
that get the zone's earlier changes from the same TZif data, one observance per change.
It is built once per process (once per start year for such an archive) and reused by
every calendar file.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX: 0 = Sunday
_NAME = r"(?:<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
_RULE = r"M\d{1,2}\.\d\.\d(?:/" + _OFFSET + r")?"
_POSIX = re.compile(
    rf"^(?P<std>{_NAME})(?P<std_off>{_OFFSET})"
    rf"(?:(?P<dst>{_NAME})(?P<dst_off>{_OFFSET})?,(?P<start>{_RULE}),(?P<end>{_RULE}))?$"
)
# The rule is checked against zoneinfo from this year backwards (a fixed year, so the
# result never depends on the clock) and never assumed to hold before 1970.
_CHECK_FROM_YEAR = 2037
_EARLIEST_YEAR = 1970


@dataclass(frozen=True)
class Transition:
    """A POSIX ``Mm.w.d/time`` rule: weekday ``d`` of week ``w`` (5 = last) of month ``m``."""

    month: int
    week: int
    weekday: int  # 0 = Sunday
    seconds: int  # local wall time of the change, in the offset in force before it

    def on(self, year: int) -> datetime:
        """The local wall time of the change in ``year`` (naive)."""
        if self.week == 5:
            nxt = date(year + (self.month == 12), self.month % 12 + 1, 1)
            day = nxt - timedelta(days=1)
            day -= timedelta(days=(day.isoweekday() % 7 - self.weekday) % 7)
        else:
            day = date(year, self.month, 1)
            day += timedelta(days=(self.weekday - day.isoweekday() % 7) % 7)
            day += timedelta(weeks=self.week - 1)
        return datetime(day.year, day.month, day.day) + timedelta(seconds=self.seconds)

    def byday(self) -> str:
        return f"{-1 if self.week == 5 else self.week}{_WEEKDAYS[self.weekday]}"


@dataclass(frozen=True)
class PosixZone:
    """A parsed POSIX TZ string: standard time, and daylight time with its two rules."""

    std_name: str
    std_offset: timedelta  # east of UTC
    dst_name: str | None = None
    dst_offset: timedelta | None = None
    dst_start: Transition | None = None
    dst_end: Transition | None = None


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _transition(text: str) -> Transition:
    rule, _, at = text.partition("/")
    month, week, weekday = (int(p) for p in rule[1:].split("."))
    seconds = _seconds(at) if at else 2 * 3600
    if not (1 <= month <= 12 and 1 <= week <= 5 and 0 <= weekday <= 6 and 0 <= seconds < 86400):
        raise ValueError(f"unsupported POSIX TZ rule {text!r}")
    return Transition(month, week, weekday, seconds)


def parse_posix(text: str) -> PosixZone:
    """Parse a POSIX TZ string such as ``CET-1CEST,M3.5.0,M10.5.0/3``.

    Only the ``M`` rule form is supported: it is what every zone with daylight saving
    time in the tz database uses today.
    """
    match = _POSIX.match(text.strip())
    if match is None:
        raise ValueError(f"unsupported POSIX TZ string {text!r}")
    std_offset = timedelta(seconds=-_seconds(match["std_off"]))  # POSIX counts west
    if match["dst"] is None:
        return PosixZone(match["std"].strip("<>"), std_offset)
    dst_offset = (
        timedelta(seconds=-_seconds(match["dst_off"]))
        if match["dst_off"]
        else std_offset + timedelta(hours=1)
    )
    return PosixZone(
        match["std"].strip("<>"),
        std_offset,
        match["dst"].strip("<>"),
        dst_offset,
        _transition(match["start"]),
        _transition(match["end"]),
    )


def posix_footer(key: str) -> str:
    """The POSIX TZ footer (last line) of a zone's TZif data from the ``tzdata`` package."""
    resource = files("tzdata").joinpath("zoneinfo", *key.split("/"))
    data = resource.read_bytes()
    if not data.startswith(b"TZif") or data[4:5] < b"2":
        raise ValueError(f"{key}: TZif data without a POSIX footer")
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii")


def _holds(zone: ZoneInfo, rule: PosixZone, year: int) -> bool:
    """Whether ``zone`` follows ``rule`` for the whole of ``year``."""
    if rule.dst_start is None or rule.dst_end is None or rule.dst_offset is None:
        moments = [datetime(year, 1, 1, tzinfo=UTC), datetime(year, 7, 1, tzinfo=UTC)]
        return all(m.astimezone(zone).utcoffset() == rule.std_offset for m in moments)
    changes = (
        (rule.dst_start.on(year) - rule.std_offset, rule.std_offset, rule.dst_offset),
        (rule.dst_end.on(year) - rule.dst_offset, rule.dst_offset, rule.std_offset),
    )
    for naive_utc, before, after in changes:
        at = naive_utc.replace(tzinfo=UTC)
        if (at - timedelta(hours=1)).astimezone(zone).utcoffset() != before:
            return False
        if at.astimezone(zone).utcoffset() != after:
            return False
    return True


def rule_since(key: str, rule: PosixZone) -> int:
    """The first year from which ``zone`` has followed ``rule`` every year (1970 at most)."""
    zone = ZoneInfo(key)
    year = _CHECK_FROM_YEAR
    while year > _EARLIEST_YEAR and _holds(zone, rule, year - 1):
        year -= 1
    return year


def _observance(
    kind: type[TimezoneStandard] | type[TimezoneDaylight],
    name: str,
    offset_from: timedelta,
    offset_to: timedelta,
    start: datetime,
    rrule: dict[str, object] | None,
) -> TimezoneStandard | TimezoneDaylight:
    part = kind()
    part.add("dtstart", start)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    part.add("tzname", name)
    if rrule is not None:
        part.add("rrule", vRecur(rrule))
    return part


@dataclass(frozen=True)
class Change:
    """One transition of a zone, from its TZif data."""

    at: datetime  # aware, UTC
    before: timedelta
    after: timedelta
    dst: bool
    name: str


@cache
def tzif_changes(key: str) -> tuple[Change, ...]:
    """Every transition listed in the zone's TZif data (the 64-bit block of version 2+)."""
    data = files("tzdata").joinpath("zoneinfo", *key.split("/")).read_bytes()

    def counts(at: int) -> tuple[int, ...]:
        return struct.unpack(">6l", data[at + 20 : at + 44])

    isut, isstd, leap, times, types, chars = counts(0)
    v2 = 44 + times * 5 + types * 6 + chars + leap * 8 + isstd + isut
    isut, isstd, leap, times, types, chars = counts(v2)
    at = v2 + 44
    moments = struct.unpack(f">{times}q", data[at : at + times * 8])
    at += times * 8
    indices = data[at : at + times]
    at += times
    kinds = [struct.unpack(">lBB", data[at + 6 * i : at + 6 * i + 6]) for i in range(types)]
    names = data[at + types * 6 : at + types * 6 + chars]
    changes = []
    before = timedelta(seconds=kinds[0][0])
    for moment, index in zip(moments, indices, strict=True):
        offset, dst, name_at = kinds[index]
        name = names[name_at : names.index(b"\0", name_at)].decode("ascii")
        after = timedelta(seconds=offset)
        changes.append(Change(datetime.fromtimestamp(moment, UTC), before, after, bool(dst), name))
        before = after
    return tuple(changes)


def _history(key: str, first_year: int, until: datetime) -> list[Change]:
    """The zone's changes before ``until`` that events from ``first_year`` on need: those
    from that year on, and the last one before it (the offset in force when it began)."""
    begin = datetime(first_year, 1, 1, tzinfo=UTC)
    earlier = [c for c in tzif_changes(key) if c.at < until]
    keep = [c for c in earlier if c.at >= begin]
    previous = [c for c in earlier if c.at < begin]
    return previous[-1:] + keep


@cache
def _rule(key: str) -> tuple[PosixZone, int]:
    rule = parse_posix(posix_footer(key))
    return rule, rule_since(key, rule)


def rule_years(key: str = "Europe/Copenhagen") -> int:
    """The first year that the zone's yearly rule covers; older events need more."""
    return _rule(key)[1]


def vtimezone(key: str = "Europe/Copenhagen", first_year: int | None = None) -> Timezone:
    """The zone as a VTIMEZONE component for events from ``first_year`` on.

    The yearly rule covers the years since it began (1996 for Copenhagen); events from
    before that need the zone's earlier changes, one observance each (a single DTSTART, no
    RDATE list). Built once per start year, which is the rule's unless events are older:
    do not modify the result.
    """
    _, since = _rule(key)
    return _build(key, since if first_year is None else min(first_year, since))


@cache
def _build(key: str, first_year: int) -> Timezone:
    rule, since = _rule(key)
    tz = Timezone()
    tz.add("tzid", key)
    if rule.dst_start is None or rule.dst_end is None or rule.dst_offset is None:
        observances = [
            _observance(
                TimezoneStandard,
                rule.std_name,
                rule.std_offset,
                rule.std_offset,
                datetime(since, 1, 1),
                None,
            )
        ]
        rule_begins = datetime(since, 1, 1, tzinfo=UTC) - rule.std_offset
    else:
        observances = []
        for kind, name, before, after, change in (
            (
                TimezoneDaylight,
                rule.dst_name or "",
                rule.std_offset,
                rule.dst_offset,
                rule.dst_start,
            ),
            (TimezoneStandard, rule.std_name, rule.dst_offset, rule.std_offset, rule.dst_end),
        ):
            yearly = {"FREQ": "YEARLY", "BYMONTH": change.month, "BYDAY": change.byday()}
            observances.append(_observance(kind, name, before, after, change.on(since), yearly))
        rule_begins = min(
            rule.dst_start.on(since).replace(tzinfo=UTC) - rule.std_offset,
            rule.dst_end.on(since).replace(tzinfo=UTC) - rule.dst_offset,
        )
    if first_year < since:
        for old in _history(key, first_year, rule_begins):
            local = (old.at + old.before).replace(tzinfo=None)
            kind = TimezoneDaylight if old.dst else TimezoneStandard
            tz.add_component(_observance(kind, old.name, old.before, old.after, local, None))
    for observance in observances:
        tz.add_component(observance)
    return tz
