"""Issue 4: the Atom feed at /nyheder/feed.xml, read back with feedparser."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import feedparser
import pytest
import time_machine
from factories import Project
from htmlscan import all_links, head

from netvaerk.content.news import NewsItem
from netvaerk.feeds.atom import FEED_ENTRIES, news_feed

SITE = "https://landdistriktskoordinatorer.dk/"
FEED = SITE + "nyheder/feed.xml"


def read_feed(project: Project) -> feedparser.FeedParserDict:
    return feedparser.parse((project.site_dir / "nyheder" / "feed.xml").read_bytes())


def test_shipped_feed_is_valid_atom_with_the_published_news(built_site: Project) -> None:
    feed = read_feed(built_site)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Nyheder – Kommunernes Netværk for Landdistriktskoordinatorer"
    assert feed.feed.id == SITE + "nyheder/"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": FEED, "alternate": SITE + "nyheder/"}
    assert feed.feed.author == "KL og Landdistrikternes Fællesråd"
    # Built on 2026-11-30: the Thisted invitation (out on 2026-12-07) is not in it yet.
    assert [e.title for e in feed.entries] == [
        "Netværkets plan for 2027",
        "Bliv en del af Kommunernes Netværk for Landdistriktskoordinatorer",
    ]
    assert [e.link for e in feed.entries] == [
        SITE + "nyheder/planen-for-2027/",
        SITE + "nyheder/2021-01-28-invitation/",
    ]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    # Midnight Danish time: 2026-11-16 00:00 CET is 2026-11-15 23:00 UTC.
    assert feed.entries[0].updated_parsed[:5] == (2026, 11, 15, 23, 0)
    assert feed.entries[1].updated_parsed[:5] == (2021, 1, 21, 23, 0)
    assert feed.feed.updated_parsed == feed.entries[0].updated_parsed
    assert feed.entries[0].summary.startswith("Netværket mødes tre gange i 2027")


def test_entry_content_is_html_with_absolute_links(built_site: Project) -> None:
    feed = read_feed(built_site)
    plan, invitation = feed.entries
    [body] = invitation.content
    assert body.type == "text/html"
    assert "Temaet er lokal udvikling i en coronatid." in body.value
    assert "kl. 12.30–15.30" in body.value
    assert (SITE + "moeder/2021-01-28/", "Se program og tilmelding på mødets side") in (
        all_links(body.value)
    )
    plan_links = [href for href, _ in all_links(plan.content[0].value)]
    # The relative link to the meeting list became absolute; the mail link stays as written.
    assert plan_links == [SITE + "moeder/", "mailto:kontakt@landdistriktskoordinatorer.dk"]
    for entry in feed.entries:
        for href, _ in all_links(entry.content[0].value):
            assert href.startswith((SITE, "mailto:")), href


@pytest.mark.build
def test_feed_is_byte_identical_across_rebuilds_and_ids_survive_title_edits(
    project: Project,
) -> None:
    project.build(today="2026-11-30")
    first = (project.site_dir / "nyheder" / "feed.xml").read_bytes()
    # Half a year later by the machine's clock, with every source file touched then: only
    # SOURCE_DATE_EPOCH and the files' content may decide the feed (a controlled clock, no sleep).
    later = datetime(2027, 6, 1, 9, 30, tzinfo=UTC)
    for source in [*(project.root / "data").iterdir(), *(project.root / "docs").rglob("*.md")]:
        os.utime(source, (later.timestamp(), later.timestamp()))
    with time_machine.travel(later, tick=False):
        project.build(today="2026-11-30")
    assert (project.site_dir / "nyheder" / "feed.xml").read_bytes() == first

    ids_before = [e.id for e in read_feed(project).entries]
    meetings = (project.root / "data" / "meetings.yaml").read_text("utf-8")
    project.write(
        "data/meetings.yaml",
        meetings.replace(
            "title: Bliv en del af Kommunernes Netværk for Landdistriktskoordinatorer",
            "title: Velkommen til netværkets første møde",
        ),
    )
    project.build(today="2026-11-30")
    feed = read_feed(project)
    assert "Velkommen til netværkets første møde" in [e.title for e in feed.entries]
    assert [e.id for e in feed.entries] == ids_before


@pytest.mark.build
def test_markup_in_titles_survives_the_feed(project: Project) -> None:
    project.write(
        "docs/nyheder/tegn.md",
        """
        ---
        date: 2026-11-20
        title: "Kommuner & lokalråd: <samarbejde> \\"på tværs\\""
        summary: "Om a < b & c > d."
        ---

        Tekst med [et relativt link](planen-for-2027.md) og [et til](../om.md).
        """,
    )
    project.build(today="2026-11-30")
    feed = read_feed(project)
    assert feed.bozo == 0
    entry = feed.entries[0]
    assert entry.title == 'Kommuner & lokalråd: <samarbejde> "på tværs"'
    assert entry.summary == "Om a < b & c > d."
    page = head(project.page("nyheder/tegn/"))
    assert page.title.startswith('Kommuner & lokalråd: <samarbejde> "på tværs" – ')
    assert page.meta("property", "og:title") == [entry.title]
    assert page.meta("name", "description") == ["Om a < b & c > d."]
    hrefs = [href for href, _ in all_links(entry.content[0].value)]
    assert hrefs == [SITE + "nyheder/planen-for-2027/", SITE + "om/"]


def test_empty_feed_is_valid() -> None:
    xml = news_feed([], site_url=SITE, site_name="Netværket", organisers=[], today=date(2027, 1, 1))
    feed = feedparser.parse(xml)
    assert feed.bozo == 0
    assert feed.entries == []
    assert feed.feed.updated_parsed[:3] == (2026, 12, 31)  # midnight CET on 1 January


def test_feed_keeps_the_latest_entries_as_the_archive_grows() -> None:
    first = date(2020, 1, 1)
    items = [
        NewsItem(f"nyt-{n:03d}", first + timedelta(days=n), f"Nyt {n}", "", "Tekst.\n")
        for n in reversed(range(FEED_ENTRIES + 10))
    ]
    feed = feedparser.parse(
        news_feed(items, site_url=SITE, site_name="N", organisers=[], today=date(2027, 1, 1))
    )
    assert feed.bozo == 0
    assert len(feed.entries) == FEED_ENTRIES
    assert feed.entries[0].title == f"Nyt {FEED_ENTRIES + 9}"
    assert feed.entries[-1].title == "Nyt 10"
