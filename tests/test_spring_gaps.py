"""The spring gaps the browser editor refuses (``editing.browser_rules.spring_gaps``) are the
wall-clock times that do not occur in Denmark, by the plainest definition: every minute of
every day of the files' date range asked of ``model.exists_locally``.

The table is read off the zone's transitions, which is cheap; this test probes instead,
which is slow but cannot be wrong the same way.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from netvaerk.editing.browser_rules import spring_gaps
from netvaerk.model import FIRST_DATE, LAST_DATE, exists_locally, local_moment


def _probed() -> dict[str, list[int]]:
    """ISO date → [first missing minute, first minute after it] for every day with a
    minute that does not exist, found by asking about every minute of the days whose UTC
    offset grows (only when the clocks go forward can one be missing)."""
    found: dict[str, list[int]] = {}
    day = FIRST_DATE
    while day <= LAST_DATE:
        following = day + timedelta(days=1)
        before = local_moment(day, time(0)).utcoffset() or timedelta()
        if (local_moment(following, time(0)).utcoffset() or timedelta()) > before:
            missing = [
                minute
                for minute in range(24 * 60)
                if not exists_locally(day, time(minute // 60, minute % 60))
            ]
            if missing:
                assert missing == list(range(missing[0], missing[-1] + 1)), day  # one gap a day
                found[day.isoformat()] = [missing[0], missing[-1] + 1]
        day = following
    return found


def test_the_spring_gaps_are_every_minute_that_does_not_occur() -> None:
    probed = _probed()
    assert probed["2027-03-28"] == [120, 180]
    assert len(probed) == LAST_DATE.year - FIRST_DATE.year + 1  # one each spring
    assert spring_gaps() == probed
    assert list(spring_gaps()) == sorted(probed)  # in date order, as the JSON has them
    assert date.fromisoformat(next(iter(probed))).year == FIRST_DATE.year
