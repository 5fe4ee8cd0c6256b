"""Problems found in the editors' files, and how they are reported.

Every check (YAML syntax, pydantic validation, cross-field rules) produces ``Problem``
values instead of raising, so one run can report every mistake at once as
``data/<file>.yaml:<line>: <field>: <message>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by line and field path."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


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
