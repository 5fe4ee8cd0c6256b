"""Problems found in the editors' files, and how they are reported.

Every check (YAML syntax, pydantic validation, cross-field rules) produces ``Problem``
values instead of raising, so one run can report every mistake at once as
``data/<file>.yaml:<line>: <field>: <message>``. A problem inside a meeting or a member
names it by its title and date or its name (``subject``, filled in by ``content/naming.py``)
instead of its place in the list: ``mødet »Lokal udvikling« (28. januar 2021) › start``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

Loc = tuple[str | int, ...]


class Problem(NamedTuple):
    """One mistake in one file, located by line and field path.

    ``field`` is the path in the file (``meetings[7].programme[0].start``), for programs and
    tests; ``subject`` names the record it is in for people, and ``place`` is what they read.
    """

    file: str
    line: int
    field: str
    message: str
    subject: str = ""  # 'mødet »Lokal udvikling« (28. januar 2021)'; '' outside a record

    @property
    def place(self) -> str:
        """The field as an editor reads it: the record by name, then the field inside it
        with list positions counted from 1 (``mødet »X« (28. januar 2021) › programme
        punkt 2 › title``); the bare path when there is no subject."""
        if not self.subject:
            return self.field
        inner = re.sub(_RECORD, "", self.field, count=1)
        inner = re.sub(_INDEX, lambda m: f" punkt {int(m[1]) + 1}", inner)
        return " › ".join([self.subject, *filter(None, inner.split("."))])

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        place = self.place
        return f"{where}: {place}: {self.message}" if place else f"{where}: {self.message}"


# Every problem in the project at a path: ``make check``'s ``collect_problems``
# (``netvaerk/check.py``). It renders the generated pages to find their anchors, so it lives
# above pages/; the editors' tools in editing/ are handed it as this parameter.
Check = Callable[[Path], list[Problem]]


# The record at the front of a field path: 'meetings[7]' of 'meetings[7].start'.
# (Source, compiled by re on first use: a build with no problem never needs them.)
_RECORD = r"^\w+\[\d+\]\.?"
_INDEX = r"\[(\d+)\]"


class DataError(Exception):
    """Raised when the data cannot be used; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_loc(loc: Loc) -> str:
    """Render a location like ``meetings[2].programme[0].start``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def format_problems(problems: Iterable[Problem], consequence: str = "siden er ikke bygget") -> str:
    """All problems, one per line, with a Danish heading for the editor."""
    lines = [str(p) for p in problems]
    count = len(lines)
    head = f"Datafilerne indeholder {count} fejl – {consequence}:"
    return "\n".join([head, *("  " + line for line in lines)])
