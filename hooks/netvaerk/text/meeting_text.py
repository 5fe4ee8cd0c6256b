"""Plain Danish text about one meeting: when it is, and one sentence about it.

Shared by the pages, the news items and feed, and the search-engine metadata, none of which
may import the others' renderers (``make check`` reads news without building pages).
"""

from __future__ import annotations

from netvaerk.model import Meeting, Status
from netvaerk.text.danish import clock_in_text, date_range, day_month_long, kl, weekday
from netvaerk.text.markup import html_text
from netvaerk.text.places import place_in_sentence, place_moved
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
        f"{weekday(meeting.date)} kl. {clock_in_text(meeting.start)} til "
        f"{weekday(meeting.last_day)} kl. {clock_in_text(meeting.end)}"
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


def page_offers(meeting: Meeting) -> str:
    """What the meeting's page has to offer beyond the facts, for the links that lead there:
    'program og tilmelding', 'programmet', 'tilmelding', or '' when it has neither (issue
    18.3: a link text must not promise what the page does not have). Sign-up counts only
    while the meeting is planned: a called-off meeting's page shows none."""
    programme = bool(meeting.programme)
    signup = meeting.registration is not None and meeting.status == Status.PLANNED
    if programme and signup:
        return "program og tilmelding"
    return "programmet" if programme else "tilmelding" if signup else ""


def event_summary(meeting: Meeting) -> str:
    """A meeting's title in calendars: "AFLYST: " or "UDSKUDT: " in front when it does not
    take place (Outlook ignores STATUS), the same in the feed and in add-to-calendar links."""
    text = STATUS_TEXT.get(meeting.status)
    return (text.summary_prefix if text else "") + meeting.title


def moved_notice(before: Meeting, after: Meeting) -> str:
    """What changed since the meeting was published, in plain Danish, or '' if nothing did.

    'Flyttet fra torsdag den 27. maj kl. 10.00–15.00.' (the date, with the old time when
    that changed too), 'Flyttet fra kl. 10.00 til kl. 12.30.' (the time alone), and 'Nyt
    sted: Skive Bibliotek (i stedet for Skive Rådhus).' The place only when members must go
    somewhere else (``places.place_moved``), the old one named once, as the page showed it.
    """
    sentences: list[str] = []
    same_time = (before.start, before.end) == (after.start, after.end)
    if (before.date, before.end_date) != (after.date, after.end_date):
        when = meeting_when(before)
        if before.date.year != after.date.year:
            when += f" {before.date.year}"
        if not same_time:
            when += f" {meeting_time(before)}"
        sentences.append(f"Flyttet fra {when}.")
    elif not same_time:
        if before.end == after.end and before.end_date is None:
            old, new = f"kl. {clock_in_text(before.start)}", f"kl. {clock_in_text(after.start)}"
        else:
            old, new = meeting_time(before), meeting_time(after)
        sentences.append(f"Flyttet fra {old} til {new}.")
    if place_moved(before, after):
        sentences.append(
            f"Nyt sted: {place_in_sentence(after)} (i stedet for {place_in_sentence(before)})."
        )
    return " ".join(sentences)


def date_html(meeting: Meeting, text: str) -> str:
    """A meeting's date (``text``) as HTML: a postponed meeting's struck through and said
    to be the original one, so that nobody takes it for the date that holds."""
    if meeting.status != Status.POSTPONED:
        return html_text(text)
    return f"oprindeligt <del>{html_text(text)}</del>"
