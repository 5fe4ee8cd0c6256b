"""``calendar.meeting_event`` builds a VEVENT with ``add()`` and typed values, and shares the
STATUS and CATEGORIES values between events; what it writes must be exactly what
icalendar's own ``Event.new`` writes for the same content, each event on its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from factories import meeting
from icalendar import Event
from icalendar.enums import STATUS

from netvaerk.content.site import Site
from netvaerk.feeds.calendar import Revision, event_content, ical_bytes, meeting_event
from netvaerk.model import Network, Organiser

SITE_URL = "https://example.org/"
ONLINE = {"platform": "Teams", "url": "https://teams.example.org/l/meetup-join/æøå,1;2"}
MEETINGS = [
    meeting(
        id="fysisk",
        summary="Om landsbyer, færger; og øer\\ – en lang opsummering " * 3,
        venue={"name": "Rådhuset, sal 2; bygning B", "address": "Torvet 1, 8800 Viborg"},
    ),
    meeting(id="online", venue=None, online=ONLINE, status="cancelled"),
    meeting(id="hybrid", online=ONLINE, status="postponed"),
    meeting(
        id="program",
        date="2027-10-30",
        end_date="2027-10-31",
        end="02:30",
        programme=[
            {"start": "10:00", "end": "11:00", "title": "Velkomst", "speakers": ["Åse Ørsted"]},
            {"day": 2, "start": "01:00", "title": "Natløb"},
        ],
    ),
]
SITES = [
    Site(meetings=(), members=(), organisers=()),
    Site(
        meetings=(),
        members=(),
        organisers=(Organiser(id="kl", name="KL"), Organiser(id="lf", name="LF")),
        network=Network(email="netvaerk@example.org"),
    ),
]


def new_event(content: dict[str, Any], revision: Revision) -> Event:
    """The event as ``Event.new`` makes it, from plain values (strings, lists)."""
    plain = {
        **content,
        "status": STATUS(str(content["status"])),
        "categories": [str(category) for category in content["categories"]],
    }
    return Event.new(
        **plain,
        stamp=revision.modified,
        last_modified=revision.modified,
        sequence=revision.sequence,
    )


@pytest.mark.parametrize("site", SITES, ids=["without-organiser", "with-organiser"])
def test_each_event_is_what_event_new_writes(site: Site) -> None:
    stamps = [
        Revision(0, datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        Revision(7, datetime(2026, 7, 1, 12, tzinfo=timezone(timedelta(hours=2)))),
    ]
    written = []
    for revision in stamps:
        for each in MEETINGS:
            content = event_content(each, site, SITE_URL)
            expected = new_event(content, revision).to_ical()
            assert ical_bytes(meeting_event(each, site, SITE_URL, revision, content)) == expected
            assert ical_bytes(meeting_event(each, site, SITE_URL, revision)) == expected
            written.append(expected)
    # The shared values are the same after every event has been written with them.
    again = [
        ical_bytes(meeting_event(each, site, SITE_URL, revision))
        for revision in stamps
        for each in MEETINGS
    ]
    assert again == written
    assert b"STATUS:CANCELLED" in written[1] and b"STATUS:TENTATIVE" in written[2]
    assert b"CATEGORIES:Netv\xc3\xa6rksm\xc3\xb8de,Hybridm\xc3\xb8de" in written[2]
    assert b"LAST-MODIFIED:20260701T100000Z" in written[-1]
