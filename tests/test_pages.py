"""Renderer tests: the Markdown for generated pages, from model objects, without a build."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any

import icalendar
import markdown
import pytest
import yaml
from factories import ROOT, derived, facts, meeting, member, site

from netvaerk.content.derive import derive
from netvaerk.content.history import History
from netvaerk.content.news import announcements
from netvaerk.content.site import Site
from netvaerk.feeds.atom import entry_markdown
from netvaerk.feeds.calendar import calendar_files
from netvaerk.model import Kind, Organiser
from netvaerk.pages.agenda import kind_label, programme_table
from netvaerk.pages.home import home_blocks, insert_blocks
from netvaerk.pages.lists import archive_block, meetings_blocks
from netvaerk.pages.meeting import meeting_page, registration_block
from netvaerk.pages.members import hosting, members_blocks
from netvaerk.pages.news_pages import announcement_page
from netvaerk.pages.subscribe import add_to_calendar, subscribe_box
from netvaerk.text.markup import front_matter, md_text
from netvaerk.text.meeting_text import meeting_when


def test_title_from_yaml_is_escaped_in_front_matter_and_heading() -> None:
    m = meeting(title='Land & by <script>alert("x")</script> | *vigtigt*')
    text = meeting_page(facts(m, date(2027, 1, 1)), site(m))
    assert "<script>" not in text
    assert "title: Land &amp; by &lt;script&gt;" in text
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    assert r"\|" in heading and r"\*vigtigt\*" in heading


def test_cancelled_meeting_is_unmistakable() -> None:
    m = meeting(status="cancelled")
    text = meeting_page(facts(m, date(2027, 1, 1)), site(m))
    assert '!!! danger "Mødet er aflyst"' in text
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Aflyst: Tema"


def test_postponed_meeting_has_warning() -> None:
    m = meeting(status="postponed")
    assert "Mødet er udskudt" in meeting_page(facts(m, date(2027, 1, 1)), site(m))


@pytest.mark.parametrize(
    ("status", "label", "sentence"),
    [("cancelled", "Aflyst", "Mødet er aflyst"), ("postponed", "Udskudt", "Mødet er udskudt")],
)
def test_page_and_calendar_event_of_a_called_off_meeting_say_the_same(
    status: str, label: str, sentence: str
) -> None:
    m = meeting(status=status)
    page = meeting_page(facts(m, date(2027, 1, 1)), site(m))
    event = icalendar.Calendar.from_ical(
        calendar_files(site(m), "", derived(m, today=date(2027, 1, 1), history=History()))[
            "kalender.ics"
        ]
    )
    vevent = event.walk("VEVENT")[0]
    assert yaml.safe_load(page.split("---\n")[1])["title"] == f"{label}: Tema"
    assert str(vevent["SUMMARY"]) == f"{label.upper()}: Tema"
    assert f'"{sentence}"' in page  # the notice's heading
    assert str(vevent["DESCRIPTION"]).startswith(f"{sentence}.")
    listed = archive_block(derived(m, today=date(2028, 1, 1)))  # in the archive, flagged
    assert f"({label.lower()})" in listed


def test_registration_shown_before_and_hidden_after_the_meeting() -> None:
    m = meeting(registration={"url": "https://example.dk/t", "deadline": "2027-02-20"})
    before = registration_block(facts(m, date(2027, 2, 1)))
    assert "Tilmeld dig" in before and "20. februar 2027" in before
    late = registration_block(facts(m, date(2027, 2, 25)))
    assert "Tilmeldingen er lukket. Fristen var lørdag den 20. februar 2027." in late
    assert registration_block(facts(m, date(2027, 3, 4))) == ""
    assert (
        registration_block(
            facts(
                meeting(status="cancelled", registration={"url": "https://e.dk"}), date(2027, 1, 1)
            )
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
    blocks = meetings_blocks(derived(old, new, older, today=date(2026, 11, 30)))
    upcoming, archive = blocks["upcoming-meetings"], blocks["archive"]
    assert "Nyt møde" in upcoming and "(nyt.md)" in upcoming
    assert "Gammelt" not in upcoming and "Nyt møde" not in archive
    assert archive.startswith("## Arkiv\n")
    assert archive.index("### 2025") < archive.index("Gammelt møde") < archive.index("### 2024")
    assert "(gammel.md)" in archive
    after = meetings_blocks(derived(new, today=date(2027, 6, 1)))
    assert after["upcoming-meetings"] == "Der er ingen planlagte møder lige nu.\n"
    assert meetings_blocks(derived(new, today=date(2026, 1, 1)))["archive"] == ""


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
    members_site = Site(
        meetings=(hosted,),
        members=(silkeborg, member()),
        organisers=(
            Organiser(id="kl", name="KL", url="https://www.kl.dk"),
            Organiser(id="ldf", name="Landdistrikternes Fællesråd"),
        ),
    )
    blocks = members_blocks(members_site, derive(members_site, date(2027, 1, 1)))
    assert blocks["member-count"] == "2"
    assert blocks["organisers"] == "[KL](<https://www.kl.dk>) og Landdistrikternes Fællesråd"
    text = "\n".join(blocks.values())
    assert "Synlig Person" in text and "synlig@example.dk" in text
    assert "Skjult" not in text and "skjult@example.dk" not in text
    assert "## Region Midtjylland (2)" in text
    assert "Værtsmødet" in text and "../moeder/2027-03-03.md" in text
    assert "{#silkeborg}" in text
    assert '<span class="nk-sr-only">Region </span>Midtjylland' in text
    assert '<span class="nk-chart__n">2</span>' in text


def test_home_next_meeting_skips_cancelled() -> None:
    cancelled = meeting(id="aflyst", date="2027-01-10", title="Aflyst møde", status="cancelled")
    planned = meeting(id="planlagt", date="2027-02-10", title="Planlagt møde")
    blocks = home_blocks(
        site(cancelled, planned), derived(cancelled, planned, today=date(2026, 12, 1))
    )
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


@pytest.mark.parametrize(
    "text",
    [
        "Tema: del 2 - [udkast] (*vigtigt*) #1 + `kode` {x} !_",
        "2. marts\n3. april og 4.5 mio.",
        "Back\\slash | tabel & <b>fed</b>",
        "Ingen tegn",
    ],
)
def test_md_text_shows_editors_text_as_written(text: str) -> None:
    """Rendered by Python-Markdown, the escaped text reads as the editor wrote it: no
    emphasis, list, link, code or tag made of its punctuation."""
    html = markdown.markdown(md_text(text), extensions=["tables"])  # as mkdocs.yml has it
    assert html.startswith("<p>") and html.endswith("</p>")
    shown = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in shown.replace("&lt;", "")  # no element at all
    unescaped = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == text


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Tema: del 2", "- en liste? nej # ingen kommentar"),
        ("yes", "123"),
        ("'citat' og \"citat\" & <b>", None),
        ("~", "null"),
        ("Landdistrikter " * 12, "ord " * 60),  # folded over lines by the emitter
        ("  mellemrum  ", "æøå – 😀\u00ad"),
    ],
)
def test_front_matter_reads_back_as_mkdocs_reads_it(title: str, description: str | None) -> None:
    from mkdocs.utils.meta import get_data

    text = front_matter(title, description)
    rest, meta = get_data(text + "# Overskrift\n")
    expected = {"title": escape(title)}
    if description:
        expected["description"] = escape(description)
    assert meta == expected
    assert rest.strip() == "# Overskrift"


def test_archive_line_of_a_two_day_meeting_across_months() -> None:
    m = meeting(date="2027-05-31", end_date="2027-06-01", start="13:00", end="12:00")
    assert meeting_when(m) == "den 31. maj–1. juni"
    same = meeting(date="2027-05-27", end_date="2027-05-28", start="13:00", end="12:00")
    assert meeting_when(same) == "den 27.–28. maj"


def test_no_sign_up_button_after_the_deadline() -> None:
    m = meeting(registration={"url": "https://example.dk/t", "deadline": "2027-02-20"})
    late = registration_block(facts(m, date(2027, 2, 25)))
    assert (
        "Tilmeldingen er lukket. Fristen var lørdag den 20. februar 2027." in late
        and "](<https://example.dk/t>)" not in late
    )


def test_called_off_meetings_offer_no_new_calendar_events() -> None:
    today = date(2027, 1, 1)
    planned = add_to_calendar(facts(meeting(), today), "https://example.dk/")
    cancelled = add_to_calendar(facts(meeting(status="cancelled"), today), "https://example.dk/")
    assert "Google Kalender" in planned and "Google Kalender" not in cancelled
    assert ".ics" in cancelled  # the file still updates an imported event to cancelled


def test_invitation_to_a_cancelled_meeting_says_so() -> None:
    m = meeting(
        status="cancelled",
        announcement={"date": "2027-01-10", "title": "Kom til mødet"},
    )
    [item] = announcements(site(m))
    assert "Mødet er aflyst" in announcement_page(item, facts(m, date(2027, 1, 15)), site(m))


def test_feed_entry_of_a_cancelled_meeting_says_so() -> None:
    m = meeting(status="cancelled", announcement={"date": "2027-01-10"})
    [item] = announcements(site(m))
    html = markdown.markdown(entry_markdown(item), extensions=["admonition"])
    assert "Mødet er aflyst" in html


# Danish wording (issue 12) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "title", "label"),
    [
        (Kind.MEAL, "Frokost", ""),
        (Kind.MEAL, "Opsamling og frokost", ""),
        (Kind.MEAL, "Middag på hotellet", ""),
        (Kind.BREAK, "Kaffe", ""),
        (Kind.BREAK, "Kort pause", ""),
        (Kind.BREAK, "KAFFEPAUSE", ""),
        (Kind.BREAK, "Ankomst, kaffe og velkommen til Thisted", ""),
        (Kind.BREAK, "Gåtur i byen", "Pause"),
        (Kind.MEAL, "Sandwich og netværk", "Måltid"),
        (Kind.SESSION, "Frokostordninger i landsbyerne", ""),
        (Kind.SESSION, "Oplæg", ""),
    ],
)
def test_kind_label_only_when_the_title_does_not_say_it(kind: Kind, title: str, label: str) -> None:
    assert kind_label(kind, title) == label


def test_programme_table_labels_a_break_only_when_its_title_is_silent() -> None:
    m = meeting(
        programme=[
            {"start": "10:00", "title": "Velkommen"},
            {"start": "10:30", "title": "Kaffe", "kind": "break"},
            {"start": "10:45", "title": "Gåtur", "kind": "break"},
            {"start": "11:00", "title": "Frokost", "kind": "meal"},
        ]
    )
    table = programme_table(m)
    assert "Pause: Kaffe" not in table and "Måltid:" not in table
    assert '<span class="nk-kind">Pause:</span> Gåtur' in table


def test_programme_table_without_speakers_has_no_speaker_column() -> None:
    m = meeting(
        end_date="2027-03-04",
        programme=[
            {"start": "10:00", "title": "Velkommen", "day": 1},
            {"start": "10:00", "title": "Opsamling", "day": 2},
        ],
    )
    table = programme_table(m)
    assert "Oplægsholder" not in table and "nk-speakers" not in table
    assert table.count('scope="col"') == 2
    assert 'colspan="2"' in table  # the day rows span the two columns


def test_programme_table_speaker_column_is_plural_and_repeated_for_phones() -> None:
    m = meeting(
        programme=[
            {"start": "10:00", "title": "Velkommen"},
            {"start": "10:30", "title": "Oplæg", "speakers": ["Ida Eksempel", "Ole Prøve"]},
            {"start": "11:00", "title": "Debat", "speakers": "Eva Test"},
        ]
    )
    table = programme_table(m)
    assert '<th scope="col" class="nk-speakers">Oplægsholdere</th>' in table
    assert '<td class="nk-speakers">Ida Eksempel, Ole Prøve</td>' in table
    assert '<td class="nk-speakers"></td>' in table  # the welcome has no speaker
    # The phone's copy under the title, with a label for screen readers in the right number.
    assert '<span class="nk-sr-only">Oplægsholdere: </span>Ida Eksempel, Ole Prøve' in table
    assert '<span class="nk-sr-only">Oplægsholder: </span>Eva Test' in table


def rendered(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["admonition", "def_list", "md_in_html"])


def test_cancelled_meeting_says_it_once_with_the_reason() -> None:
    m = meeting(status="cancelled", summary="For få tilmeldte.")
    page = meeting_page(facts(m, date(2027, 1, 1)), site(m))
    html = rendered(page.split("---\n", 2)[2])
    assert html.count("Mødet er aflyst") == 1 and "Aflyst" not in html
    assert '<p class="admonition-title">Mødet er aflyst</p>\n<p>For få tilmeldte.</p>' in html
    assert html.count("For få tilmeldte.") == 1  # not again as the lead
    assert "ikke afholdt" not in html and "<dt>Status</dt>" not in html


def test_cancelled_meeting_without_a_reason_is_a_heading_only() -> None:
    m = meeting(status="cancelled")
    html = rendered(meeting_page(facts(m, date(2027, 1, 1)), site(m)).split("---\n", 2)[2])
    assert '<p class="admonition-title">Mødet er aflyst</p>\n</div>' in html


def test_postponed_meeting_gives_reason_and_what_happens_next() -> None:
    m = meeting(status="postponed", summary="Vi venter på en ny lokalplan.")
    html = rendered(meeting_page(facts(m, date(2027, 1, 1)), site(m)).split("---\n", 2)[2])
    assert (
        '<p class="admonition-title">Mødet er udskudt</p>\n<p>Vi venter på en ny lokalplan.</p>'
        "\n<p>Den nye dato kommer her og i kalenderen, så snart den er fastlagt.</p>"
    ) in html


def test_reason_of_a_cancelled_meeting_is_escaped_in_the_notice() -> None:
    m = meeting(status="cancelled", summary="Vært <b>mangler</b> *stadig*")
    html = rendered(meeting_page(facts(m, date(2027, 1, 1)), site(m)).split("---\n", 2)[2])
    assert "Vært &lt;b&gt;mangler&lt;/b&gt; *stadig*" in html


def test_calendar_advice_distinguishes_subscribed_from_downloaded() -> None:
    today = date(2027, 1, 1)
    cancelled = add_to_calendar(facts(meeting(status="cancelled"), today), "https://example.dk/")
    assert "Abonnerer du på netværkets kalender, kommer aflysningen med af sig selv." in cancelled
    assert "Har du hentet mødet som fil, skal du selv slette det i din kalender." in cancelled
    assert "opdaterer kalenderfilen" not in cancelled
    postponed = add_to_calendar(facts(meeting(status="postponed"), today), "https://example.dk/")
    assert "får du den nye dato af sig selv" in postponed
    assert "nk-addcal__note" not in add_to_calendar(facts(meeting(), today), "https://example.dk/")


def test_members_page_tense_follows_the_build_date() -> None:
    held = meeting(
        id="held", date="2026-05-01", title="Holdt", venue={"name": "R", "host": "skive"}
    )
    ahead = meeting(
        id="ahead", date="2027-05-01", title="Kommer", venue={"name": "R", "host": "skive"}
    )
    off = meeting(
        id="off",
        date="2027-06-01",
        title="Aflyst",
        status="cancelled",
        venue={"name": "R", "host": "skive"},
    )
    later = meeting(
        id="later",
        date="2026-06-01",
        title="Udskudt",
        status="postponed",
        venue={"name": "R", "host": "skive"},
    )
    blocks = members_blocks(
        site(held, later, ahead, off, members=(member(),)),
        derived(held, later, ahead, off, members=(member(),), today=date(2027, 1, 1)),
    )
    text = blocks["members-by-region"]
    assert "Har lagt hus til: [Holdt](../moeder/held.md) (1. maj 2026)\n" in text
    assert (
        "Er vært for: [Udskudt](../moeder/later.md) (udskudt), "
        "[Kommer](../moeder/ahead.md) (1. maj 2027)\n"
    ) in text
    assert "Aflyst" not in text


def test_hosting_on_the_meeting_day_is_still_ahead() -> None:
    day = meeting(date="2027-03-03")
    assert hosting([facts(day, date(2027, 3, 3))]) == ([], [day])
    assert hosting([facts(day, date(2027, 3, 4))]) == ([day], [])
    assert hosting([facts(meeting(status="cancelled"), date(2020, 1, 1))]) == ([], [])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "Rådhuset"),
        ({"venue": None, "online": {"platform": "Teams"}}, "Online (Teams)"),
        (
            {"venue": {"name": "Rådhuset", "address": "Torvet 1"}, "online": {"platform": "Zoom"}},
            "Rådhuset, Torvet 1 og online (Zoom)",
        ),
    ],
)
def test_place_text_lower_case_online_after_a_venue(fields: dict[str, Any], expected: str) -> None:
    assert meeting(**fields).place_text == expected


def test_home_facts_describe_membership() -> None:
    facts = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")  # hand-written
    assert "**Medlemskab pr. kommune**" in facts and "Tilmelding" not in facts


def test_subscribe_box_uses_danish_quotation_marks() -> None:
    box = subscribe_box("https://example.dk/")
    assert "»Tilføj«" in box and "»Importér«" in box and "»Fra internettet«" in box
    assert not re.search(r"«\w|\w»", box)  # never the other way round, «…»
