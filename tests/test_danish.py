"""Danish dates and times (Babel, ``da_DK``).

Expected values are worked out from the calendar, not copied from the program: 2021-01-28 is
a Thursday (the network's first meeting), so 2021-01-01 is a Friday (27 days = 3 weeks and
6 days earlier), 2021-01-25 a Monday, 2021-01-31 a Sunday, 2021-05-20 a Thursday (Jan 28 + 112
days = 16 weeks), 2021-12-31 a Friday (364 days = 52 weeks after Jan 1) and 2022-01-01 a
Saturday; 2024-01-01 is a Monday, so the leap day 2024-02-29 (59 days = 8 weeks and 3 days
later) is a Thursday.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from babel.dates import format_date
from factories import meeting

from netvaerk.model import Status
from netvaerk.text import danish, statuses

EN_DASH = "\u2013"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 1, 28), "torsdag den 28. januar 2021"),
        (date(2021, 1, 1), "fredag den 1. januar 2021"),
        (date(2021, 5, 20), "torsdag den 20. maj 2021"),
        (date(2021, 12, 31), "fredag den 31. december 2021"),
        (date(2022, 1, 1), "lørdag den 1. januar 2022"),
        (date(2024, 2, 29), "torsdag den 29. februar 2024"),
    ],
)
def test_long_date(day: date, expected: str) -> None:
    assert danish.long_date(day) == expected


def test_weekday_names_monday_to_sunday() -> None:
    monday = date(2021, 1, 25)
    names = [danish.weekday(monday + timedelta(days=i)) for i in range(7)]
    assert names == ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


def test_month_names() -> None:
    names = [danish.day_month_long(date(2021, month, 1))[3:] for month in range(1, 13)]
    assert names == [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ]


def test_short_dates_without_leading_zeros() -> None:
    assert danish.short_date(date(2021, 1, 28)) == "28. januar 2021"
    assert danish.day_month_long(date(2021, 1, 28)) == "28. januar"
    assert danish.day_month_long(date(2021, 5, 1)) == "1. maj"  # no leading zero on the day


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2021, 1, 28), None, "torsdag den 28. januar 2021"),
        (date(2021, 1, 28), date(2021, 1, 28), "torsdag den 28. januar 2021"),
        # same month: the month and year once, at the end
        (date(2021, 1, 28), date(2021, 1, 29), "torsdag den 28. og fredag den 29. januar 2021"),
        # across months: each month named, the year once
        (
            date(2021, 1, 31),
            date(2021, 2, 1),
            "søndag den 31. januar og mandag den 1. februar 2021",
        ),
        # across years: both dates in full
        (
            date(2021, 12, 31),
            date(2022, 1, 1),
            "fredag den 31. december 2021 og lørdag den 1. januar 2022",
        ),
    ],
)
def test_date_range(first: date, last: date | None, expected: str) -> None:
    assert danish.date_range(first, last) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (time(12, 30), "12.30"),
        (time(15, 30), "15.30"),
        (time(9, 0), "09.00"),
        (time(0, 5), "00.05"),
        (time(23, 59), "23.59"),
    ],
)
def test_clock_uses_a_dot_and_24_hours(moment: time, expected: str) -> None:
    assert danish.clock(moment) == expected


def test_time_ranges_use_an_en_dash() -> None:
    assert danish.DASH == EN_DASH
    assert danish.time_range(time(12, 30), time(12, 45)) == f"12.30{EN_DASH}12.45"
    assert danish.time_range(time(12, 30), None) == "12.30"
    assert danish.kl(time(12, 30), time(15, 30)) == f"kl. 12.30{EN_DASH}15.30"
    assert danish.kl(time(9, 0), None) == "kl. 9.00"  # running text: no leading zero
    assert danish.kl(time(9, 30), time(12, 0)) == f"kl. 9.30{EN_DASH}12.00"
    assert danish.time_range(time(9, 30), time(12, 0)) == f"09.30{EN_DASH}12.00"  # a column
    assert "-" not in danish.kl(time(12, 30), time(15, 30))


@pytest.mark.parametrize(
    ("day", "week"),
    [
        # 2021-01-01 (Friday) to 2021-01-03 (Sunday) still belong to ISO week 53 of 2020;
        # ISO week 1 of 2021 starts on Monday 2021-01-04.
        (date(2021, 1, 3), "53"),
        (date(2021, 1, 4), "1"),
        (date(2021, 1, 28), "4"),
        (date(2021, 12, 31), "52"),
    ],
)
def test_locale_gives_iso_week_numbers(day: date, week: str) -> None:
    assert danish.LOCALE == "da_DK"
    assert format_date(day, "w", locale=danish.LOCALE) == week


# The words for called-off meetings (text/statuses.py, issue 12): said once, with the reason.


def test_notice_of_a_cancelled_meeting_is_its_reason_or_nothing() -> None:
    assert statuses.notice_lines(meeting(status="cancelled")) == []
    reason = meeting(status="cancelled", summary="For få tilmeldte.")
    assert statuses.notice_lines(reason) == ["For få tilmeldte."]
    assert statuses.status_notice(reason) == (
        '!!! danger "Mødet er aflyst"\n\n    For få tilmeldte.\n'
    )


def test_notice_of_a_postponed_meeting_adds_what_happens_next() -> None:
    assert statuses.notice_lines(meeting(status="postponed", summary="Værten melder fra.")) == [
        "Værten melder fra.",
        "Den nye dato kommer her og i kalenderen, så snart den er fastlagt.",
    ]


def test_planned_meeting_has_no_notice_and_no_label() -> None:
    planned = meeting(summary="Et godt møde.")
    assert statuses.notice_lines(planned) == []
    assert statuses.status_notice(planned) == "" and statuses.status_label(planned) == ""


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.POSTPONED])
def test_status_words_are_plain_danish_sentences(status: Status) -> None:
    words = statuses.STATUS_TEXT[status]
    assert words.sentence.startswith("Mødet er ") and words.sentence.endswith(".")
    assert words.heading == words.sentence[:-1]
    assert words.summary_prefix == f"{words.label.upper()}: "
    # A subscribed calendar updates itself; a downloaded file does not.
    assert words.calendar_advice.startswith("Abonnerer du på netværkets kalender, ")
    assert "Har du hentet mødet som fil, skal du selv " in words.calendar_advice
    assert "kalenderfilen" not in words.calendar_advice
