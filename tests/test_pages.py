"""Renderer tests: the Markdown for generated pages, from model objects, without a build."""

from __future__ import annotations

from datetime import date

import icalendar
import markdown
import pytest
import yaml
from factories import meeting, member, site

from netvaerk.content.history import History
from netvaerk.content.news import announcements
from netvaerk.content.site import Site
from netvaerk.feeds.atom import entry_markdown
from netvaerk.feeds.calendar import calendar_files
from netvaerk.model import Organiser
from netvaerk.pages.agenda import programme_table
from netvaerk.pages.home import home_blocks, insert_blocks
from netvaerk.pages.lists import archive_block, meetings_blocks
from netvaerk.pages.meeting import meeting_page, registration_block
from netvaerk.pages.members import members_blocks
from netvaerk.pages.news_pages import announcement_page
from netvaerk.pages.subscribe import add_to_calendar
from netvaerk.text.markup import md_text
from netvaerk.text.meeting_text import meeting_when


def test_title_from_yaml_is_escaped_in_front_matter_and_heading() -> None:
    m = meeting(title='Land & by <script>alert("x")</script> | *vigtigt*')
    text = meeting_page(m, site(m), date(2027, 1, 1))
    assert "<script>" not in text
    assert "title: Land &amp; by &lt;script&gt;" in text
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    assert r"\|" in heading and r"\*vigtigt\*" in heading


def test_cancelled_meeting_is_unmistakable() -> None:
    m = meeting(status="cancelled")
    text = meeting_page(m, site(m), date(2027, 1, 1))
    assert '!!! danger "Mødet er aflyst"' in text
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Aflyst: Tema"


def test_postponed_meeting_has_warning() -> None:
    m = meeting(status="postponed")
    assert "Mødet er udskudt" in meeting_page(m, site(m), date(2027, 1, 1))


@pytest.mark.parametrize(
    ("status", "label", "sentence"),
    [("cancelled", "Aflyst", "Mødet er aflyst"), ("postponed", "Udskudt", "Mødet er udskudt")],
)
def test_page_and_calendar_event_of_a_called_off_meeting_say_the_same(
    status: str, label: str, sentence: str
) -> None:
    m = meeting(status=status)
    page = meeting_page(m, site(m), date(2027, 1, 1))
    event = icalendar.Calendar.from_ical(calendar_files(site(m), "", History())["kalender.ics"])
    vevent = event.walk("VEVENT")[0]
    assert yaml.safe_load(page.split("---\n")[1])["title"] == f"{label}: Tema"
    assert str(vevent["SUMMARY"]) == f"{label.upper()}: Tema"
    assert f'"{sentence}"' in page  # the notice's heading
    assert str(vevent["DESCRIPTION"]).startswith(f"{sentence}.")
    listed = archive_block(site(m), date(2028, 1, 1))  # in the archive, flagged
    assert f"({label.lower()})" in listed


def test_registration_shown_before_and_hidden_after_the_meeting() -> None:
    m = meeting(registration={"url": "https://example.dk/t", "deadline": "2027-02-20"})
    before = registration_block(m, date(2027, 2, 1))
    assert "Tilmeld dig" in before and "20. februar 2027" in before
    late = registration_block(m, date(2027, 2, 25))
    assert "Tilmeldingsfristen var" in late
    assert registration_block(m, date(2027, 3, 4)) == ""
    assert (
        registration_block(
            meeting(status="cancelled", registration={"url": "https://e.dk"}), date(2027, 1, 1)
        )
        == ""
    )


def test_programme_table_is_accessible_and_fills_end_times() -> None:
    m = meeting(
        programme=[
            {"start": "10:00", "title": "Velkommen"},
            {"start": "10:30", "title": "Kaffe", "kind": "break"},
            {"start": "10:45", "title": "Oplæg", "speakers": "Ida Eksempel"},
        ]
    )
    table = programme_table(m)
    assert "<caption>" in table
    assert table.count('scope="col"') == 3
    assert table.count('scope="row"') == 3
    assert 'class="nk-break"' in table
    # Ends default to the next item's start, the last one to the meeting's end.
    assert "10.00–10.30" in table and "10.30–10.45" in table and "10.45–15.00" in table
    assert "Ida Eksempel" in table


def test_programme_table_empty_without_programme() -> None:
    assert programme_table(meeting()) == ""


def test_meeting_list_blocks_upcoming_and_archive_by_year() -> None:
    old = meeting(id="gammel", date="2025-05-01", title="Gammelt møde")
    older = meeting(id="aeldre", date="2024-05-01", title="Ældre møde")
    new = meeting(id="nyt", date="2027-05-01", title="Nyt møde")
    blocks = meetings_blocks(site(old, new, older), date(2026, 11, 30))
    upcoming, archive = blocks["upcoming-meetings"], blocks["archive"]
    assert "Nyt møde" in upcoming and "(nyt.md)" in upcoming
    assert "Gammelt" not in upcoming and "Nyt møde" not in archive
    assert archive.startswith("## Arkiv\n")
    assert archive.index("### 2025") < archive.index("Gammelt møde") < archive.index("### 2024")
    assert "(gammel.md)" in archive
    after = meetings_blocks(site(new), date(2027, 6, 1))
    assert after["upcoming-meetings"] == "Der er ingen planlagte møder lige nu.\n"
    assert meetings_blocks(site(new), date(2026, 1, 1))["archive"] == ""


def test_members_page_publishes_only_consented_contacts() -> None:
    silkeborg = member(
        id="silkeborg",
        name="Silkeborg Kommune",
        contacts=[
            {"name": "Synlig Person", "email": "synlig@example.dk", "public": True},
            {"name": "Skjult Person", "email": "skjult@example.dk"},
        ],
    )
    hosted = meeting(venue={"name": "Rådhus", "host": "silkeborg"}, title="Værtsmødet")
    blocks = members_blocks(
        Site(
            meetings=(hosted,),
            members=(silkeborg, member()),
            organisers=(
                Organiser(id="kl", name="KL", url="https://www.kl.dk"),
                Organiser(id="ldf", name="Landdistrikternes Fællesråd"),
            ),
        )
    )
    assert blocks["member-count"] == "2"
    assert blocks["organisers"] == "[KL](<https://www.kl.dk>) og Landdistrikternes Fællesråd"
    text = "\n".join(blocks.values())
    assert "Synlig Person" in text and "synlig@example.dk" in text
    assert "Skjult" not in text and "skjult@example.dk" not in text
    assert "## Region Midtjylland (2)" in text
    assert "Værtsmødet" in text and "../moeder/2027-03-03.md" in text
    assert "{#silkeborg}" in text
    assert "<svg" in text and "Region Midtjylland: 2" in text


def test_home_next_meeting_skips_cancelled() -> None:
    cancelled = meeting(id="aflyst", date="2027-01-10", title="Aflyst møde", status="cancelled")
    planned = meeting(id="planlagt", date="2027-02-10", title="Planlagt møde")
    blocks = home_blocks(site(cancelled, planned), date(2026, 12, 1))
    assert "Planlagt møde" in blocks["next-meeting"]
    assert "Aflyst møde" not in blocks["next-meeting"]


def test_insert_blocks_fills_known_and_reports_unknown() -> None:
    text, unknown = insert_blocks(
        "a\n<!-- netvaerk:facts -->\n<!--netvaerk:nope-->", {"facts": "FAKTA"}
    )
    assert "FAKTA" in text and "<!--netvaerk:nope-->" in text
    assert unknown == ["nope"]


def test_text_starting_with_a_danish_date_is_not_a_list() -> None:
    html = markdown.markdown(md_text("28. januar mødes vi i Thisted."))
    assert "<ol>" not in html and "28. januar" in html


def test_archive_line_of_a_two_day_meeting_across_months() -> None:
    m = meeting(date="2027-05-31", end_date="2027-06-01", start="13:00", end="12:00")
    assert meeting_when(m) == "den 31. maj–1. juni"
    same = meeting(date="2027-05-27", end_date="2027-05-28", start="13:00", end="12:00")
    assert meeting_when(same) == "den 27.–28. maj"


def test_no_sign_up_button_after_the_deadline() -> None:
    m = meeting(registration={"url": "https://example.dk/t", "deadline": "2027-02-20"})
    late = registration_block(m, date(2027, 2, 25))
    assert "Tilmeldingsfristen var" in late and "](<https://example.dk/t>)" not in late


def test_called_off_meetings_offer_no_new_calendar_events() -> None:
    planned = add_to_calendar(meeting(), "https://example.dk/")
    cancelled = add_to_calendar(meeting(status="cancelled"), "https://example.dk/")
    assert "Google Kalender" in planned and "Google Kalender" not in cancelled
    assert ".ics" in cancelled  # the file still updates an imported event to cancelled


def test_invitation_to_a_cancelled_meeting_says_so() -> None:
    m = meeting(
        status="cancelled",
        announcement={"date": "2027-01-10", "title": "Kom til mødet"},
    )
    [item] = announcements(site(m))
    assert "Mødet er aflyst" in announcement_page(item, site(m), date(2027, 1, 15))


def test_feed_entry_of_a_cancelled_meeting_says_so() -> None:
    m = meeting(status="cancelled", announcement={"date": "2027-01-10"})
    [item] = announcements(site(m))
    html = markdown.markdown(entry_markdown(item), extensions=["admonition"])
    assert "Mødet er aflyst" in html
