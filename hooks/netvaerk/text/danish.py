"""Danish dates and times for pages, via Babel's ``da_DK`` locale.

"torsdag den 28. januar 2021", "kl. 12.30–15.30". ``da_DK`` rather than ``da``: the
plain language locale gets ISO week numbers wrong.

Times come in two forms: "09.30" where times stand in a column (the programme table, the
calendar's programme lines: aligned), "kl. 9.30" in running text, as Danish writes it
(Retskrivningsordbogen: »kl. 9.30«, no leading zero).

Babel parses its pattern and looks up the locale on every call, and a site with many
meetings asks for the same few dates and times tens of thousands of times (every programme
row has two clock times), so the results are cached: the functions are pure.
"""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time

LOCALE = "da_DK"
# One Locale object for every call: given the name, Babel parses it into a new Locale in
# format_date and again for each field it formats (~520 parses for 140 dates at 30 meetings).
_LOCALE = Locale.parse(LOCALE)
SHORT_DATE_PATTERN = "d. MMMM y"
LONG_DATE_PATTERN = "EEEE 'den' d. MMMM y"
DASH = "\u2013"  # en dash for ranges


@lru_cache(maxsize=8192)
def long_date(day: date) -> str:
    """'torsdag den 28. januar 2021'."""
    return format_date(day, LONG_DATE_PATTERN, locale=_LOCALE)


@lru_cache(maxsize=8192)
def short_date(day: date) -> str:
    """'28. januar 2021'."""
    return format_date(day, SHORT_DATE_PATTERN, locale=_LOCALE)


@lru_cache(maxsize=8192)
def day_month_long(day: date) -> str:
    """'28. januar'."""
    return format_date(day, "d. MMMM", locale=_LOCALE)


@lru_cache(maxsize=8192)
def weekday(day: date) -> str:
    return format_date(day, "EEEE", locale=_LOCALE)


@lru_cache(maxsize=8192)
def date_range(first: date, last: date | None) -> str:
    """One day, or a two-day range: 'torsdag den 28. og fredag den 29. januar 2021'."""
    if last is None or last == first:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        head = format_date(first, "EEEE 'den' d.", locale=_LOCALE)
        return f"{head} og {long_date(last)}"
    if first.year == last.year:
        head = format_date(first, "EEEE 'den' d. MMMM", locale=_LOCALE)
        return f"{head} og {long_date(last)}"
    return f"{long_date(first)} og {long_date(last)}"


@lru_cache(maxsize=8192)
def clock(moment: time) -> str:
    """'12.30'."""
    return format_time(moment, "HH.mm", locale=_LOCALE)


@lru_cache(maxsize=8192)
def clock_in_text(moment: time) -> str:
    """'9.30', '12.30': a time in a sentence, without the table's leading zero."""
    return format_time(moment, "H.mm", locale=_LOCALE)


def time_range(start: time, end: time | None) -> str:
    """'09.30–15.30' for a column, or just the start when the end is unknown."""
    return f"{clock(start)}{DASH}{clock(end)}" if end is not None else clock(start)


def kl(start: time, end: time | None) -> str:
    """'kl. 9.30–15.30' in running text, or 'kl. 9.30' when the end is unknown."""
    if end is None:
        return f"kl. {clock_in_text(start)}"
    return f"kl. {clock_in_text(start)}{DASH}{clock_in_text(end)}"


def genitive(name: str) -> str:
    """A name in the Danish genitive: 'Silkeborg Kommunes', 'Ærø Kommunes'; a name that ends
    in s, x or z takes an apostrophe ('Lars'' → "Lars'")."""
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"
