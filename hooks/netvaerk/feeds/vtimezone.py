"""The VTIMEZONE of the calendar feeds: Europe/Copenhagen in the RRULE form every client reads.

Python parsers resolve ``TZID=Europe/Copenhagen`` through their own zoneinfo, but ical.js
(Thunderbird, web calendars), Outlook and Google read the VTIMEZONE in the file. icalendar's
``add_missing_timezones()`` writes transitions as multi-valued RDATEs, of which ical.js reads
only the first value: every summer meeting then lands an hour off (design.md §4). So the
zone is written the way Outlook and Google write it: a DAYLIGHT and a STANDARD observance
with a yearly RRULE.

Meetings are dated 1990–2100 (the model refuses others), and in those years Denmark has had
two rules, both changing at 01:00 UTC on a last Sunday: summer time from March to September
(1981–1995), and from March to October (the EU rule, since 1996). The shipped data starts in
2021, so a feed carries only the EU rule, as Outlook and Google write it; a feed with a
meeting before 1996 gets the September rule as a second STANDARD observance that ends
(``UNTIL``) in 1995. ``tests/test_vtimezone.py`` checks both against ``zoneinfo`` for every
transition of every year in the range. Each form is built once per process and reused by
every calendar file: do not modify the result.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

TZID = "Europe/Copenhagen"
CET, CEST = timedelta(hours=1), timedelta(hours=2)
EU_RULE_SINCE = 1996  # summer time ends on the last Sunday of October
SEPTEMBER_RULE = (1981, 1995)  # before: the last Sunday of September
_LAST_SUNDAY = "-1SU"


def _observance(
    kind: type[TimezoneStandard] | type[TimezoneDaylight],
    start: datetime,
    month: int,
    until: datetime | None = None,
) -> TimezoneStandard | TimezoneDaylight:
    """A yearly change on the last Sunday of ``month``, first at local wall time ``start``."""
    summer = kind is TimezoneDaylight
    rule: dict[str, object] = {"FREQ": "YEARLY", "BYDAY": _LAST_SUNDAY, "BYMONTH": month}
    if until is not None:
        rule["UNTIL"] = until
    part = kind()
    part.add("dtstart", start)
    part.add("rrule", vRecur(rule))
    part.add("tzname", "CEST" if summer else "CET")
    part.add("tzoffsetfrom", CET if summer else CEST)
    part.add("tzoffsetto", CEST if summer else CET)
    return part


def vtimezone(first_year: int = EU_RULE_SINCE) -> Timezone:
    """The zone for events from ``first_year`` on (the EU rule alone from 1996)."""
    if first_year < SEPTEMBER_RULE[0]:
        raise ValueError(f"no VTIMEZONE for {TZID} before {SEPTEMBER_RULE[0]}")
    return _build(with_september_rule=first_year < EU_RULE_SINCE)


@cache
def _build(*, with_september_rule: bool) -> Timezone:
    tz = Timezone()
    tz.add("tzid", TZID)
    if with_september_rule:
        first, last = SEPTEMBER_RULE
        tz.add_component(_observance(TimezoneDaylight, datetime(first, 3, 29, 2), 3))
        tz.add_component(
            _observance(
                TimezoneStandard,
                datetime(first, 9, 27, 3),
                9,
                until=datetime(last, 9, 24, 1, tzinfo=UTC),  # the last change, in UTC
            )
        )
    else:
        tz.add_component(_observance(TimezoneDaylight, datetime(EU_RULE_SINCE, 3, 31, 2), 3))
    tz.add_component(_observance(TimezoneStandard, datetime(EU_RULE_SINCE, 10, 27, 3), 10))
    return tz
