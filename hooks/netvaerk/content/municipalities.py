"""The 98 Danish municipalities (official codes and regions), carried as the project's data.

Used to check that a member's code, name and region agree. The CSV beside this module is
a copy of the national municipality code list.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_SUFFIXES = (" regionskommune", " kommune")


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    region: str  # without the "Region " prefix


@cache
def municipalities() -> dict[int, Municipality]:
    """All municipalities by code."""
    text = files(__package__).joinpath("data/kommuner.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        int(row["code"]): Municipality(
            int(row["code"]), row["name"], row["region"].removeprefix("Region ")
        )
        for row in rows
    }


def _key(name: str) -> str:
    key = name.strip().casefold()
    for suffix in _SUFFIXES:
        key = key.removesuffix(suffix)
    return key


def name_matches(municipality: Municipality, name: str) -> bool:
    """Whether ``name`` ("Københavns Kommune", "Silkeborg") names ``municipality``."""
    key, official = _key(name), municipality.name.casefold()
    return key in (official, official + "s") or key.removesuffix("s") == official


def find_by_name(name: str) -> Municipality | None:
    """The municipality a member's name refers to, if it is one of the 98."""
    return next((m for m in municipalities().values() if name_matches(m, name)), None)
