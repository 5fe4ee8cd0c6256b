"""content/municipalities.py: the 98 Danish municipalities since 2007, with their official
codes and regions, and how a member's name is matched to one of them.

The expected facts are the national register's (Danmarks Statistik, »Kommuner og regioner«),
not read from the module's CSV.
"""

from __future__ import annotations

from collections import Counter

import pytest

from netvaerk.content.municipalities import find_by_name, municipalities, name_matches


def test_there_are_98_municipalities_in_the_five_regions() -> None:
    every = municipalities()
    assert len(every) == 98
    assert Counter(m.region for m in every.values()) == {
        "Hovedstaden": 29,
        "Sjælland": 17,
        "Syddanmark": 22,
        "Midtjylland": 19,
        "Nordjylland": 11,
    }
    assert all(code == m.code for code, m in every.items())


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        (101, "København", "Hovedstaden"),
        (147, "Frederiksberg", "Hovedstaden"),
        (400, "Bornholm", "Hovedstaden"),
        (461, "Odense", "Syddanmark"),
        (563, "Fanø", "Syddanmark"),
        (740, "Silkeborg", "Midtjylland"),
        (751, "Aarhus", "Midtjylland"),
        (779, "Skive", "Midtjylland"),
        (825, "Læsø", "Nordjylland"),
        (851, "Aalborg", "Nordjylland"),
        (360, "Lolland", "Sjælland"),
    ],
)
def test_codes_names_and_regions_are_the_official_ones(code: int, name: str, region: str) -> None:
    found = municipalities()[code]
    assert (found.name, found.region) == (name, region)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Silkeborg Kommune", 740),
        ("Silkeborg", 740),
        ("  silkeborg KOMMUNE ", 740),
        ("Københavns Kommune", 101),  # the genitive of the official name
        ("Bornholms Regionskommune", 400),
        ("Aarhus Kommune", 751),  # a name that ends in s itself
        ("Frederiksberg Kommune", 147),  # not Frederikssund or Frederikshavn
        ("Vesthimmerlands Kommune", 820),
        ("Læsø Kommune", 825),
    ],
)
def test_a_member_s_name_finds_its_municipality(written: str, code: int) -> None:
    found = find_by_name(written)
    assert found is not None and found.code == code
    assert name_matches(municipalities()[code], written)


@pytest.mark.parametrize(
    "written",
    ["Region Midtjylland", "Silke", "Silkeborg Amt", "Kommunernes Landsforening", ""],
)
def test_a_name_that_is_no_municipality_finds_none(written: str) -> None:
    assert find_by_name(written) is None


def test_a_name_matches_only_its_own_municipality() -> None:
    every = municipalities()
    assert not name_matches(every[779], "Silkeborg Kommune")  # Skive
    assert not name_matches(every[751], "Aarhu")
