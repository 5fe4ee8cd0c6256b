"""The 98 Danish municipalities (official codes and regions), carried as the project's data.

Used to check that a member's code, name and region agree. The CSV beside this module is
a copy of the national municipality code list.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files
from typing import Any, NamedTuple

# What a member's name may end with, dropped in this order before it is compared.
NAME_SUFFIXES = (" regionskommune", " kommune")


class Municipality(NamedTuple):
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
    for suffix in NAME_SUFFIXES:
        key = key.removesuffix(suffix)
    return key


def name_matches(municipality: Municipality, name: str) -> bool:
    """Whether ``name`` ("Københavns Kommune", "Silkeborg") names ``municipality``."""
    return _key(name) in name_keys(municipality)


def name_keys(municipality: Municipality) -> tuple[str, str]:
    """The folded names that name ``municipality``: »silkeborg«, and the genitive
    »københavns« (as in »Københavns Kommune«)."""
    official = municipality.name.casefold()
    return official, official + "s"


def find_by_name(name: str) -> Municipality | None:
    """The municipality a member's name refers to, if it is one of the 98."""
    return next((m for m in municipalities().values() if name_matches(m, name)), None)


@cache
def tables() -> dict[str, dict[str, dict[str, Any]]]:
    """The official list as the rule books' lookup tables (``content/relations.py``'s
    ``row``), for ``make check`` and, as JSON, the browser editor: ``municipalities`` by
    code (as text), and ``municipality_names`` by folded name (``name_keys``; the first
    municipality by code wins, as in ``find_by_name``)."""
    by_code: dict[str, dict[str, Any]] = {}
    by_name: dict[str, dict[str, Any]] = {}
    for code, found in municipalities().items():
        by_code[str(code)] = {"name": found.name, "region": found.region}
        for key in name_keys(found):
            by_name.setdefault(key, {"code": str(code)})
    return {"municipalities": by_code, "municipality_names": by_name}
