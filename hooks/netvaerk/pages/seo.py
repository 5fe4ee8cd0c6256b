"""What search engines and link previews read in a page's head.

Meeting pages carry a schema.org ``Event`` as JSON-LD, so a search engine can show the date,
place and status; every page gets Open Graph tags for previews in mail and social media. The
theme emits the canonical link and the meta description itself (from ``site_url`` and the
page's ``description``); ``overrides/main.html`` adds what this module computes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.model import Meeting, Organiser, Status, Venue
from netvaerk.text import urls
from netvaerk.text.meeting_text import meeting_summary

SCHEMA = "https://schema.org"
OG_LOCALE = "da_DK"
EVENT_STATUS = {
    Status.PLANNED: f"{SCHEMA}/EventScheduled",
    Status.CANCELLED: f"{SCHEMA}/EventCancelled",
    Status.POSTPONED: f"{SCHEMA}/EventPostponed",
}
ATTENDANCE_MODE = {
    "offline": f"{SCHEMA}/OfflineEventAttendanceMode",
    "online": f"{SCHEMA}/OnlineEventAttendanceMode",
    "mixed": f"{SCHEMA}/MixedEventAttendanceMode",
}
# 'Søvej 1, 8600 Silkeborg': the last part is a Danish postcode and town.
_POSTCODE_TOWN = re.compile(r"^(?P<code>\d{4})\s+(?P<town>.+)$")
# Characters that must not appear raw inside <script>: '</script>' or '<!--' would end it.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script_json(data: Any) -> str:
    """JSON that is safe as the text of a ``<script>`` element (and still the same JSON)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def postal_address(venue: Venue) -> dict[str, str]:
    """The venue's address as a schema.org PostalAddress, split where it can be."""
    address = {"@type": "PostalAddress", "addressCountry": "DK"}
    if venue.address is None:
        return address
    parts = [p.strip() for p in venue.address.split(",") if p.strip()]
    town = _POSTCODE_TOWN.match(parts[-1]) if parts else None
    if town is not None:
        address["postalCode"] = town["code"]
        address["addressLocality"] = town["town"]
        parts = parts[:-1]
    if parts:
        address["streetAddress"] = ", ".join(parts)
    return address


def _locations(meeting: Meeting, page_url: str) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if meeting.venue is not None:
        places.append(
            {"@type": "Place", "name": meeting.venue.name, "address": postal_address(meeting.venue)}
        )
    if meeting.online is not None:
        # The join link only while the meeting is on (as on the page); else the page itself.
        url = meeting.join_url or page_url
        places.append({"@type": "VirtualLocation", "url": url})
    return places


def event_data(meeting: Meeting, site_url: str, organisers: Iterable[Organiser]) -> dict[str, Any]:
    """The meeting as a schema.org Event (a plain dict, ready for JSON)."""
    page_url = urls.public_url(site_url, urls.meeting_page(meeting.slug))
    locations = _locations(meeting, page_url)
    organizer = []
    for organiser in organisers:
        entry = {"@type": "Organization", "name": organiser.name}
        if organiser.url:
            entry["url"] = organiser.url
        organizer.append(entry)
    return {
        "@context": SCHEMA,
        "@type": "Event",
        "name": meeting.title,
        "description": meeting_summary(meeting),
        "startDate": meeting.starts_at.isoformat(),
        "endDate": meeting.ends_at.isoformat(),
        "eventStatus": EVENT_STATUS[meeting.status],
        "eventAttendanceMode": ATTENDANCE_MODE[meeting.attendance],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organizer,
        "url": page_url,
        "inLanguage": "da",
    }


def event_jsonld(meeting: Meeting, site_url: str, organisers: Iterable[Organiser]) -> str:
    """The Event as JSON-LD text for ``<script type="application/ld+json">``."""
    return script_json(event_data(meeting, site_url, organisers))


@dataclass(frozen=True)
class PageHead:
    """What one page adds to its head beyond the defaults."""

    og_type: str = "website"
    published: date | None = None
    jsonld: str | None = None


def page_heads(site: Site, items: Sequence[NewsItem], site_url: str) -> dict[str, PageHead]:
    """Source path → head additions: JSON-LD for meetings, article type for news."""
    heads = {
        urls.meeting_page(m.slug): PageHead(jsonld=event_jsonld(m, site_url, site.organisers))
        for m in site.meetings
    }
    for item in items:
        heads[item.src] = PageHead(og_type="article", published=item.date)
    return heads


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


def plain(text: str | None) -> str:
    """Page text that may hold markup or entities ('A &amp; B') as plain text ('A & B')."""
    parser = _PlainText()
    parser.feed(text or "")
    parser.close()
    return " ".join(parser.text.split())


def open_graph(
    *,
    title: str | None,
    description: str | None,
    url: str | None,
    site_name: str,
    is_home: bool,
    head: PageHead,
) -> list[tuple[str, str]]:
    """Open Graph properties as plain text pairs; the template escapes them."""
    properties = [
        ("og:type", head.og_type),
        ("og:title", site_name if is_home or not title else plain(title)),
        ("og:description", plain(description)),
        ("og:site_name", site_name),
        ("og:locale", OG_LOCALE),
    ]
    if url:
        properties.append(("og:url", url))
    if head.published is not None:
        properties.append(("article:published_time", head.published.isoformat()))
    return [(key, value) for key, value in properties if value]
