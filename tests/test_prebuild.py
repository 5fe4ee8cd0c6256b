"""prebuild.py: ``python -m netvaerk.prebuild OUT`` gives an engine without hooks the whole
site as source files (README.md, "Engines"), run in-process through its ``main``.

The project is a copy of the shipped one with the small data of ``factories.MINIMAL_*`` (one
meeting on 2021-01-28, two members), so each run takes a fraction of a second; that an engine
builds the same site from the result is test_engines.py's (a build).
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from factories import MINIMAL_MEETINGS, MINIMAL_MEMBERS, Project, epoch

from netvaerk import prebuild

SITE_URL = "https://landdistriktskoordinatorer.dk/"  # mkdocs.yml's site_url


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    project = Project(tmp_path / "project")
    project.write("data/meetings.yaml", MINIMAL_MEETINGS)
    project.write("data/members.yaml", MINIMAL_MEMBERS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    return project


def run(project: Project, out: Path, *args: str) -> int:
    return prebuild.main(["--project", str(project.root), *args, str(out)])


def test_the_sources_hold_every_generated_page_and_feed_with_placeholders_filled(
    small: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(small, out) == 0
    assert capsys.readouterr().err == ""
    for src in ("index.md", "om.md", "moeder/index.md", "medlemmer/index.md", "nyheder/index.md"):
        assert (out / src).is_file(), src
    pages = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.md")}
    assert [src for src, text in pages.items() if "<!-- netvaerk:" in text] == []
    assert "Lokal udvikling" in pages["moeder/2021-01-28.md"]
    assert "Silkeborg Rådhus" in pages["moeder/2021-01-28.md"]
    assert "Silkeborg Kommune" in pages["medlemmer/index.md"]
    # The calendars, read by icalendar: the meeting at 12:30 Danish time, in both files.
    for ics in ("kalender.ics", "moeder/2021-01-28.ics"):
        calendar = icalendar.Calendar.from_ical((out / ics).read_bytes())
        [event] = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == "Lokal udvikling"
        assert event["DTSTART"].dt.isoformat() == "2021-01-28T12:30:00+01:00"
    assert SITE_URL in (out / "nyheder" / "feed.xml").read_text("utf-8")


def test_the_site_url_may_be_given_instead_of_mkdocs_yml_s(small: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(small, out, "--site-url", "https://example.org/netvaerk/") == 0
    feed = (out / "nyheder" / "feed.xml").read_text("utf-8")
    assert "https://example.org/netvaerk/" in feed and SITE_URL not in feed


def test_news_is_dated_and_news_dated_after_today_is_left_out(
    small: Project, tmp_path: Path
) -> None:
    small.write("docs/nyheder/senere.md", "---\ndate: 2026-12-24\n---\n\n# Jul i netværket\n")
    out = tmp_path / "out"
    assert run(small, out) == 0
    assert not (out / "nyheder" / "senere.md").exists()
    assert "Jul i netværket" not in (out / "nyheder" / "index.md").read_text("utf-8")
    published = (out / "nyheder" / "planen-for-2027.md").read_text("utf-8")
    assert "16. november 2026" in published  # the date line the glue gives a news page


def test_bad_data_stops_it_in_danish_and_leaves_the_output_as_it_was(
    small: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.md").write_text("# Sidste gode udgave\n", encoding="utf-8")
    small.write("data/meetings.yaml", MINIMAL_MEETINGS.replace("start: 12:30", "start: 25:30"))
    assert run(small, out) == 1
    err = capsys.readouterr().err
    assert "data/meetings.yaml:4" in err and "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["old.md"]


def test_an_unknown_placeholder_is_named_at_its_line_and_nothing_is_written(
    small: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small.write("docs/om.md", "# Om\n\n<!-- netvaerk:ukendt -->\n")
    assert run(small, tmp_path / "out") == 1
    assert "docs/om.md:3: ukendt pladsholder <!-- netvaerk:ukendt -->" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_hand_written_file_where_a_generated_one_goes_is_refused(
    small: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small.write("docs/kalender.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    out = tmp_path / "out"
    assert run(small, out) == 1
    assert "docs/kalender.ics" in capsys.readouterr().err
    assert not out.exists()
