"""The fixed VTIMEZONE against ``zoneinfo``, for every year a meeting may have (1990–2100).

The observances are expanded with ``dateutil.rrule`` (not icalendar's own code) into
transition instants in UTC (local wall time minus TZOFFSETFROM), and compared with the
transitions of ``zoneinfo``'s Europe/Copenhagen, found by bisection to the second. Equal
lists of (instant, offset before, offset after) mean equal offsets at every moment of the
range. ical.js reading the same VTIMEZONE is checked in ``test_calendar.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from dateutil.rrule import rrulestr

from netvaerk.feeds.vtimezone import EU_RULE_SINCE, TZID, vtimezone
from netvaerk.model import TIMEZONE

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years the model accepts
Change = tuple[datetime, timedelta, timedelta]  # UTC instant, offset before, offset after


def zoneinfo_changes(begin: datetime, end: datetime) -> list[Change]:
    """Every change of the zone's UTC offset in [begin, end), from ``zoneinfo``."""
    changes = []
    step = timedelta(hours=12)
    moment = begin
    offset = moment.astimezone(TIMEZONE).utcoffset()
    while moment < end:
        later = moment + step
        after = later.astimezone(TIMEZONE).utcoffset()
        if after != offset:
            low, high = moment, later  # offset(low) == offset, offset(high) != offset
            while high - low > timedelta(seconds=1):
                mid = low + (high - low) / 2
                if mid.astimezone(TIMEZONE).utcoffset() == offset:
                    low = mid
                else:
                    high = mid
            assert offset is not None and after is not None
            changes.append((high.replace(microsecond=0), offset, after))
            offset = after
        moment = later
    return changes


def vtimezone_changes(tz: icalendar.Timezone, begin: datetime, end: datetime) -> list[Change]:
    """Every change the VTIMEZONE states in [begin, end), by expanding its RRULEs."""
    changes = []
    for observance in tz.subcomponents:
        assert observance.name in ("STANDARD", "DAYLIGHT")
        assert "RDATE" not in observance  # ical.js reads only the first of an RDATE list
        before = observance["TZOFFSETFROM"].td
        after = observance["TZOFFSETTO"].td
        rule = observance["RRULE"]
        # UNTIL is an instant in UTC (RFC 5545 3.3.10), DTSTART a local wall time, in the
        # offset before the change: dateutil cannot mix them, so UNTIL is applied here.
        until = rule.pop("UNTIL", [end])[0]
        start = observance["DTSTART"].dt
        assert start.tzinfo is None
        for local in rrulestr(rule.to_ical().decode(), dtstart=start):
            instant = (local - before).replace(tzinfo=UTC)
            if instant >= end or instant > until:
                break
            if instant >= begin:
                changes.append((instant, before, after))
    return sorted(changes)


def parsed(tz: icalendar.Timezone) -> icalendar.Timezone:
    """The component as a client gets it: serialised and read back."""
    component = icalendar.Timezone.from_ical(tz.to_ical())
    assert isinstance(component, icalendar.Timezone)
    return component


def test_the_zone_is_the_model_s() -> None:
    assert TZID == TIMEZONE.key == str(vtimezone()["TZID"])


@pytest.mark.parametrize("first_year", [FIRST_YEAR - 1, EU_RULE_SINCE])
def test_every_transition_of_every_year_agrees_with_zoneinfo(first_year: int) -> None:
    """From January of ``first_year`` (a meeting in January 1990 makes the feed start in
    1989) to the end of 2100; the offset in force at the start is the first change's."""
    begin = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)
    expected = zoneinfo_changes(begin, end)
    assert len(expected) == 2 * (LAST_YEAR + 1 - first_year)
    assert vtimezone_changes(parsed(vtimezone(first_year)), begin, end) == expected


def test_the_eu_rule_alone_is_two_observances_as_outlook_and_google_write_them() -> None:
    tz = parsed(vtimezone())
    assert [c.name for c in tz.subcomponents] == ["DAYLIGHT", "STANDARD"]
    assert vtimezone(2020) is vtimezone() is vtimezone(EU_RULE_SINCE)  # built once
    assert "UNTIL" not in tz.to_ical().decode()


def test_before_1996_summer_time_ended_in_september_and_the_feed_says_so() -> None:
    tz = parsed(vtimezone(1995))
    assert [c.name for c in tz.subcomponents] == ["DAYLIGHT", "STANDARD", "STANDARD"]
    september = tz.subcomponents[1]
    assert september["RRULE"]["BYMONTH"] == [9]
    assert september["RRULE"]["UNTIL"] == [datetime(1995, 9, 24, 1, tzinfo=UTC)]
    # Without the September rule, 1990–1995 would be a month off: the test above has teeth.
    eu_only = parsed(vtimezone())
    begin, end = datetime(1990, 1, 1, tzinfo=UTC), datetime(1996, 1, 1, tzinfo=UTC)
    assert vtimezone_changes(eu_only, begin, end) != zoneinfo_changes(begin, end)


def test_no_vtimezone_for_years_it_does_not_cover() -> None:
    with pytest.raises(ValueError):
        vtimezone(1980)
