"""Links of news items that are not out yet, checked today (the scheduled item's publication
day must not be the day the strict build stops).

A news file dated after today and a meeting's announcement with a later publication date are
left out of today's build, so MkDocs never looks at their links until they come out. ``make
check`` (``collect_problems``) judges them now, against the site as it will be on their own
publication day as far as today's files tell it (``content/load.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import MINIMAL_MEETINGS, epoch, minimal_project

from netvaerk.check import collect_problems

TODAY = "2026-12-06"
FUTURE = "2030-01-10"
LATER = "2030-02-01"
PAST = "2026-11-01"
MEETING = "2030-03-05"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch(TODAY)))
    monkeypatch.delenv("NETVAERK_PREVIEW_DATE", raising=False)


def news(root: Path, name: str, day: str, body: str) -> None:
    (root / "docs" / "nyheder" / name).write_text(
        f"---\ndate: {day}\nsummary: Kort.\n---\n\n# {name}\n\n{body}\n", encoding="utf-8"
    )


def found(root: Path) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.message) for p in collect_problems(root)]


@pytest.mark.parametrize(
    "link",
    ["[x](../findes-ikke.md)", "[x](../moeder/2021-01-28.md#findes-ikke)", "[x](#findes-ikke)"],
)
def test_a_future_item_with_a_broken_link_is_named_as_a_published_one_is(
    tmp_path: Path, link: str
) -> None:
    published = minimal_project(tmp_path / "udkommet")
    news(published, "nyhed.md", PAST, f"Tekst.\n\nSe {link}.")
    future = minimal_project(tmp_path / "planlagt")
    news(future, "nyhed.md", FUTURE, f"Tekst.\n\nSe {link}.")
    expected = found(published)
    assert len(expected) == 1
    assert expected[0][:2] == ("docs/nyheder/nyhed.md", 10)
    assert "virker ikke" in expected[0][2]
    assert found(future) == expected


def test_a_future_item_with_good_links_is_no_problem(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    (root / "docs" / "om.md").write_text("# Om os\n\n## Kontakt\n", encoding="utf-8")
    news(root, "nyhed.md", FUTURE, "Se [a](../om.md#kontakt), [b](#nyhedmd) og [c](index.md).")
    assert found(root) == []


def test_a_link_to_a_future_item_that_comes_out_later_is_named(tmp_path: Path) -> None:
    """Between the two dates the link would be broken: the first item's build would stop."""
    root = minimal_project(tmp_path)
    news(root, "foerst.md", FUTURE, "Se [senere](senere.md).")
    news(root, "senere.md", LATER, "Se [først](foerst.md#foerstmd).")
    problems = found(root)
    assert [p[:2] for p in problems] == [("docs/nyheder/foerst.md", 8)]
    assert "'senere.md' virker ikke" in problems[0][2]


def test_a_published_item_may_not_link_to_a_future_one(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    news(root, "nu.md", PAST, "Se [senere](senere.md).")
    news(root, "senere.md", FUTURE, "Tekst.")
    assert [p[:2] for p in found(root)] == [("docs/nyheder/nu.md", 8)]


def invitation(body: str, day: str) -> str:
    return MINIMAL_MEETINGS.replace("2021-01-28", MEETING).replace(
        "    venue:",
        f"    announcement:\n      date: {day}\n      body: |\n"
        + "".join(f"        {line}\n" for line in body.splitlines())
        + "    venue:",
    )


@pytest.mark.parametrize(
    "link", ["[x](../findes-ikke.md)", "[x](#findes-ikke)", "[x](../om.md#findes-ikke)"]
)
def test_a_scheduled_invitation_with_a_broken_link_is_named_as_a_published_one_is(
    tmp_path: Path, link: str
) -> None:
    published = minimal_project(tmp_path / "udkommet")
    future = minimal_project(tmp_path / "planlagt")
    for root, day in ((published, PAST), (future, FUTURE)):
        (root / "docs" / "om.md").write_text("# Om os\n", encoding="utf-8")
        (root / "data" / "meetings.yaml").write_text(
            invitation(f"Velkommen.\nSe {link}.", day), encoding="utf-8"
        )
    expected = found(published)
    assert len(expected) == 1
    assert expected[0][0] == "data/meetings.yaml"
    assert "virker ikke" in expected[0][2]
    assert found(future) == expected


def test_a_scheduled_invitation_may_link_to_a_news_item_out_by_then(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    news(root, "nyhed.md", FUTURE, "Tekst.")
    meetings = invitation("Se [nyheden](nyhed.md#nyhedmd).", LATER)
    (root / "data" / "meetings.yaml").write_text(meetings, encoding="utf-8")
    assert found(root) == []
    meetings = invitation("Se [nyheden](nyhed.md#nyhedmd).", "2030-01-09")  # a day early
    (root / "data" / "meetings.yaml").write_text(meetings, encoding="utf-8")
    assert [p[0] for p in found(root)] == ["data/meetings.yaml"]
