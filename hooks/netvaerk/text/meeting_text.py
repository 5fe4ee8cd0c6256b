"""Plain Danish text about one meeting: when it is, and one sentence about it.

Shared by the pages, the news items and feed, and the search-engine metadata, none of which
may import the others' renderers (``make check`` reads news without building pages).
"""

from __future__ import annotations

from netvaerk.model import Meeting
from netvaerk.text.danish import clock, date_range, day_month_long, kl, weekday
from netvaerk.text.statuses import STATUS_TEXT

# The calendar's name in subscribers' calendar lists and in the subscribe links.
CALENDAR_NAME = "Kommunernes Netværk for Landdistriktskoordinatorer"


def meeting_summary(meeting: Meeting) -> str:
    """One plain sentence about the meeting: its summary, or when it is."""
    return meeting.summary or f"Netværksmøde {date_range(meeting.date, meeting.end_date)}."


def meeting_time(meeting: Meeting) -> str:
    """'kl. 12.30–15.30', or for two days 'torsdag kl. 13.00 til fredag kl. 12.00'."""
    if meeting.end_date is None:
        return kl(meeting.start, meeting.end)
    return (
        f"{weekday(meeting.date)} kl. {clock(meeting.start)} til "
        f"{weekday(meeting.last_day)} kl. {clock(meeting.end)}"
    )


def meeting_when(meeting: Meeting) -> str:
    """'torsdag den 28. januar', 'den 27.–28. maj' or 'den 31. maj–1. juni' for archive
    lines under a year heading."""
    first, last = meeting.date, meeting.last_day
    if meeting.end_date is None:
        return f"{weekday(first)} den {day_month_long(first)}"
    if first.month == last.month:
        return f"den {first.day}.–{day_month_long(last)}"
    return f"den {day_month_long(first)}–{day_month_long(last)}"


def event_summary(meeting: Meeting) -> str:
    """A meeting's title in calendars: "AFLYST: " or "UDSKUDT: " in front when it does not
    take place (Outlook ignores STATUS), the same in the feed and in add-to-calendar links."""
    text = STATUS_TEXT.get(meeting.status)
    return (text.summary_prefix if text else "") + meeting.title
