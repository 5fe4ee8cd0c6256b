"""The corrected value, where it is obvious, for an editor's slip.

Dates written the Danish way (``22-04-2027``, ``22.04.2027``, ``22/4 2027``, ``22. april
2027``), times with ``kl.`` or without a separator (``kl. 10``, ``1000``), and a known field
at the wrong indentation (``host`` beside ``venue`` instead of under it). Each function
returns the suggestion or None: a guess that is not certain is no help, so there is none;
nor is one the model would refuse too (a date outside 1990–2100), or the input again.

A value that differs from a right one only by an invisible character (a zero-width space,
a word joiner, a byte-order mark, a soft hyphen: Unicode's format characters, which come
with text copied from Word, Outlook or a web page) is told which one it holds, by its code
point (``invisible_hint``): »mente du »planned«?« under ``planned`` would be the input
again, as far as the editor can see.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from pydantic import BaseModel

from netvaerk.model import FIRST_DATE, LAST_DATE
from netvaerk.text.fields import FieldFacts, fields, record_at, walk, words_of

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan"),
            ("februar", "feb"),
            ("marts", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+(?:den\s+)?|den\s+)?"
# Day first: 22-04-2027, 22.04.2027, 22/4 2027, 22/4-2027, 22.4.27
_DAY_FIRST = re.compile(_WEEKDAY + r"(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./ ]\s*(\d{4}|\d{2})\.?")
# Year first, but not ÅÅÅÅ-MM-DD: 2027/04/22, 2027.4.22, 2027-4-22
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})")
# With the month's name: 22. april 2027, 22 apr. 2027, torsdag den 22. april 2027
_NAMED = re.compile(_WEEKDAY + r"(\d{1,2})\.?\s*([a-zæøå]+)\.?\s*(\d{4})")


def visible(value: Any) -> Any:
    """``value`` without its invisible (format) characters; anything but text as it is."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in value if unicodedata.category(c) != "Cf")


def invisible_hint(value: Any) -> str:
    """'der står et usynligt tegn (U+200B) i »planned«, …: slet det', or '' when ``value``
    holds no invisible character."""
    if not isinstance(value, str) or visible(value) == value:
        return ""
    char = next(c for c in value if unicodedata.category(c) == "Cf")
    return (
        f"der står et usynligt tegn (U+{ord(char):04X}) i »{value}«, som ofte kommer med "
        "ved kopiering: slet det"
    )


def suggest_date(value: Any) -> str | None:
    """'2027-04-22' for '22-04-2027', '22.04.2027', '22/4 2027' or '22. april 2027'."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().casefold().split())
    parts: tuple[int, int, int] | None = None
    if match := _DAY_FIRST.fullmatch(text):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        parts = (year, int(match[2]), int(match[1]))
    elif match := _YEAR_FIRST.fullmatch(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif (match := _NAMED.fullmatch(text)) and match[2] in _MONTHS:
        parts = (int(match[3]), _MONTHS[match[2]], int(match[1]))
    if parts is None:
        return None
    try:
        day = date(*parts)
    except ValueError:  # 31-02-2027: no guess is obvious
        return None
    if not FIRST_DATE <= day <= LAST_DATE or day.isoformat() == text:
        return None  # refused as well, or what was written: no help (issue 18.6)
    return day.isoformat()


_KL = r"(?:kl\.?|klokken)?\s*"
_CLOCK_FORMS = [
    re.compile(_KL + r"(\d{1,2})"),  # kl. 10, 10
    re.compile(_KL + r"(\d{1,2})\s*[:.,]\s*(\d{2})(?:[:.]00)?"),  # kl. 10.30, 10:30:00, 10,30
    re.compile(_KL + r"(\d{1,2})(\d{2})"),  # 1000, 930
]


def suggest_clock(value: Any) -> str | None:
    """'10:00' for 'kl. 10', '10', '1000' or '10:00:00'; '09:30' for 'kl. 9.30'."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = " ".join(str(value).strip().casefold().split())
    for form in _CLOCK_FORMS:
        if match := form.fullmatch(text):
            hour, minute = int(match[1]), int(match[2]) if match.lastindex == 2 else 0
            if hour <= 23 and minute <= 59:
                return f"{hour:02d}:{minute:02d}"
    return None


def _homes(model: type[BaseModel], key: str) -> list[tuple[str, ...]]:
    """Every path in ``model`` (a record: a meeting or a member) whose group has ``key``."""
    groups = [(), *(f.path for f in walk(model) if f.nested is not None)]
    return [path for path in groups if key in {f.name for f in _group(model, path)}]


def _group(model: type[BaseModel], path: tuple[str, ...]) -> list[FieldFacts]:
    record = record_at(model, path)
    return fields(record) if record is not None else []


def where_it_belongs(record: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """For an unknown key at ``loc`` inside ``record`` (a meeting or a member): where that
    field is allowed, or None when it is known nowhere in the record.

    ``host`` directly under a meeting: "»host« hører til under »venue:« …"; ``start`` inside
    ``venue``: it belongs to the meeting itself, level with its first field.
    """
    key, here = str(loc[-1]), tuple(str(p) for p in loc[:-1] if not isinstance(p, int))
    homes = [h for h in _homes(record, key) if h != here]
    if not homes:
        return None
    outer = [h for h in homes if here[: len(h)] == h]  # indented too far: move it out
    if outer:
        nearest = max(outer, key=len)
        if not nearest:
            first = next(f.name for f in fields(record) if f.required)
            itself = words_of(record).itself or "punktet"
            return f"»{key}« hører til i {itself} selv: ryk det ud på linje med »{first}:«"
        return f"»{key}« hører til direkte under »{nearest[-1]}:«: ryk det ud"
    names = [f"»{h[-1]}:«" for h in homes if h]
    where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" eller {names[-1]}"
    inside = "ryk det ind under den" if len(names) == 1 else "ryk det ind under den rigtige"
    return f"»{key}« hører til under {where}: {inside}"
