"""Which meeting or member a problem is about, in the editor's words.

A path like ``meetings[7].start`` makes the editor count records; the title and date of the
meeting (``mødet »Lokal udvikling« (28. januar 2021)``) or the name of the member say at
once which one it is. The names come from the raw YAML, so a record that failed validation
is named too, by whatever it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from netvaerk.content.problems import Problem
from netvaerk.text.danish import short_date

# Patterns as source, compiled by re on first use: only problems are named.
_RECORD = r"^(?P<key>meetings|members|organisers)\[(?P<index>\d+)\]"
ORDINALS = {"meetings": "møde", "members": "medlem", "organisers": "facilitator"}
# Control characters (C0 but for white space, DEL, C1): a name quoted in a message must not
# carry them into a terminal, a workflow annotation or a YAML comment.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"


def _text(value: Any) -> str:
    """A short, one-line rendering of a raw YAML value (a title may be anything)."""
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(re.sub(_CONTROL, "", str(value)).split())
        return text if len(text) <= 60 else text[:59] + "…"
    return ""


# How a problem names its meeting (the browser editor's glue names it so too:
# editing/browser_rules.py hands these over).
MEETING_NAMES = {
    "title_day": "mødet »{title}« ({day})",
    "title": "mødet »{title}«",
    "day": "mødet den {day}",
}
RECORD_NAMES = {
    "members": "medlemmet »{name}«",
    "organisers": "facilitatoren »{name}«",
    "position": "{ordinal} nr. {number} i listen",
}


def record_name(key: str, index: int, record: Any) -> str:
    """'mødet »Lokal udvikling« (28. januar 2021)', 'medlemmet »Silkeborg Kommune«', or by
    position when the record has neither (``møde nr. 8 i listen``)."""
    fields = record if isinstance(record, dict) else {}
    if key == "meetings":
        title, day = _text(fields.get("title")), _text(fields.get("date"))
        if title and day:
            return MEETING_NAMES["title_day"].format(title=title, day=day)
        if title:
            return MEETING_NAMES["title"].format(title=title)
        if day:
            return MEETING_NAMES["day"].format(day=day)
    else:
        name = _text(fields.get("name")) or _text(fields.get("id"))
        if name:
            return RECORD_NAMES[key].format(name=name)
    return RECORD_NAMES["position"].format(ordinal=ORDINALS[key], number=index + 1)


def name_records(problems: Iterable[Problem], files: Mapping[str, Any]) -> list[Problem]:
    """``problems``, each inside a record given that record's name; ``files`` maps a data
    file as problems show it (``data/meetings.yaml``) to its raw YAML value."""
    named = []
    for problem in problems:
        match = re.match(_RECORD, problem.field)
        data = files.get(problem.file)
        records = data.get(match["key"]) if match and isinstance(data, dict) else None
        if match and isinstance(records, list) and int(match["index"]) < len(records):
            index = int(match["index"])
            subject = record_name(match["key"], index, records[index])
            problem = problem._replace(subject=subject)
        named.append(problem)
    return named
