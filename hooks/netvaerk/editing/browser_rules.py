"""The meetings' cross-field rules for the browser editor, as JSON from their one source.

In production the editor is a static page with no server behind it, so ``make check``
cannot run before a save. ``content/rules.py`` writes each cross-field rule as data
(``MEETING_RULES``); this module hands that rule book to ``admin/netvaerk-rules.js``
together with what a browser cannot work out alone: which fields are dates and clock times
(from the model), their defaults, the Danish month and weekday names and date pattern the
messages use (Babel's), the hours the clocks skip in spring (zoneinfo's), and the books'
lookup tables (the official list of municipalities). The build
embeds it in ``/admin/index.html``.
"""

from __future__ import annotations

import calendar
import typing
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache
from itertools import pairwise
from typing import Any, Literal

from babel.dates import get_day_names, get_month_names
from pydantic import BaseModel

from netvaerk.content.naming import MEETING_NAMES, ORDINALS, RECORD_NAMES
from netvaerk.content.rules import MATERIAL_RULES, MEETING_RULES, MEMBER_RULES, ORGANISER_RULES
from netvaerk.model import (
    CLOCK_PATTERN,
    FIRST_DATE,
    LAST_DATE,
    MATERIALS_DIR,
    TIMEZONE,
    Material,
    Meeting,
    Member,
    Organiser,
    ProgrammeItem,
)
from netvaerk.text.danish import LOCALE, LONG_DATE_PATTERN, SHORT_DATE_PATTERN
from netvaerk.text.fields import FieldFacts, field_at, walk


def field_kinds(model: type[BaseModel]) -> tuple[dict[str, str], dict[str, Any]]:
    """Dotted path → ``date``/``clock``/``int`` for every typed field of ``model`` and its
    groups (not its lists: they are records of their own), and the defaults of the fields
    that have one (a form leaves them out)."""
    kinds: dict[str, str] = {}
    defaults: dict[str, Any] = {}
    for facts in walk(model):
        if any(f.many for f in _ancestors(model, facts.path)):
            continue
        path = ".".join(facts.path)
        if facts.is_date:
            kinds[path] = "date"
        elif facts.is_clock:
            kinds[path] = "clock"
        elif typing.get_origin(facts.base) is Literal and all(
            isinstance(v, int) for v in typing.get_args(facts.base)
        ):
            kinds[path] = "int"
        default = facts.info.default
        if isinstance(default, Enum):
            default = default.value
        if isinstance(default, str | int) and not isinstance(default, bool):
            defaults[path] = default
    return kinds, defaults


def _ancestors(model: type[BaseModel], path: tuple[str, ...]) -> list[FieldFacts]:
    """The fields above the one at ``path`` (a group's field has its group above it)."""
    found = [field_at(model, path[:end]) for end in range(1, len(path))]
    return [f for f in found if f is not None]


@lru_cache(maxsize=1)
def spring_gaps() -> dict[str, list[int]]:
    """Each day of the files' date range with wall-clock times that do not occur in Denmark:
    ISO date → [first missing minute, first minute after the gap] (model.exists_locally).

    Read off the zone's transitions rather than probing the clock of every day: the UTC
    offset at the start of each month (UTC), and in a month where it grows, the second it
    grows found by halving; the wall clock then jumps from that instant read with the old
    offset to the same instant read with the new one (02:00 to 03:00 in Denmark). Equal to
    probing every minute (tests/test_spring_gaps.py), at a third of the cost."""

    def offset(second: int) -> timedelta | None:
        return datetime.fromtimestamp(second, TIMEZONE).utcoffset()

    firsts = [(y, m) for y in range(FIRST_DATE.year, LAST_DATE.year + 1) for m in range(1, 13)]
    firsts.append((LAST_DATE.year + 1, 1))  # the end of the range's last December
    months = [calendar.timegm((year, month, 1, 0, 0, 0)) for year, month in firsts]
    gaps: dict[str, list[int]] = {}
    for (low, before), (high, after) in pairwise((second, offset(second)) for second in months):
        if before is None or after is None or after <= before:
            continue  # no change, or the clocks went back (no gap then)
        while high - low > 1:  # the first second with the new offset: high
            middle = (low + high) // 2
            low, high = (middle, high) if offset(middle) == before else (low, middle)
        change = datetime.fromtimestamp(high, UTC).replace(tzinfo=None)
        start, end = change + before, change + after
        midnight = datetime.combine(start.date(), time(0))
        minutes = [(moment - midnight) // timedelta(minutes=1) for moment in (start, end)]
        gaps[start.date().isoformat()] = minutes
    return gaps


# Every rule book, in make check's order: the meetings', their materials', the members'.
BOOKS = (MEETING_RULES, MATERIAL_RULES, MEMBER_RULES, ORGANISER_RULES)


def browser_rules(files: Iterable[str] = ()) -> dict[str, Any]:
    """Everything ``admin/netvaerk-rules.js`` needs to refuse what ``make check`` refuses.

    ``files``: the source paths of the files in ``docs/`` (the build's); those under
    ``materialer/`` are the ones a material may name (a file uploaded in the editor before
    the save is added by the editor's glue)."""
    kinds: dict[str, dict[str, str]] = {}
    defaults: dict[str, dict[str, Any]] = {}
    for name, model in (
        ("meeting", Meeting),
        ("programme", ProgrammeItem),
        ("materials", Material),
        ("member", Member),
        ("organiser", Organiser),
    ):
        kinds[name], defaults[name] = field_kinds(model)
    sunday_first = date(2023, 1, 1)  # a Sunday: JavaScript's getUTCDay() counts from it
    weekdays = get_day_names("wide", locale=LOCALE)
    return {
        "books": [book.as_json() for book in BOOKS],
        "kinds": kinds,
        "defaults": defaults,
        "files": sorted(f for f in files if f.startswith(f"{MATERIALS_DIR}/")),
        "tables": {
            name: table
            for book in BOOKS
            if book.tables is not None
            for name, table in book.tables().items()
        },
        "clock": f"^{CLOCK_PATTERN}$",
        "dates": {
            "long": LONG_DATE_PATTERN,
            "short": SHORT_DATE_PATTERN,
            "months": [get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13)],
            "weekdays": [weekdays[(sunday_first + timedelta(days=d)).weekday()] for d in range(7)],
        },
        "gaps": spring_gaps(),
        "names": {**MEETING_NAMES, **RECORD_NAMES, "ordinals": ORDINALS},
    }
