"""What search engines and link previews read in a page's head.

Meeting pages carry a schema.org ``Event`` as JSON-LD, so a search engine can show the date,
place and status; news pages carry a ``NewsArticle`` (an invitation's is ``about`` its
meeting's Event, by the Event's ``@id``). Every page gets Open Graph and Twitter card tags for
previews in mail and social media, with the network's share card (``urls.SHARE_IMAGE``, drawn
in design/delekort.svg) as the image. The theme emits the canonical link and the meta
description itself (from ``site_url`` and the page's ``description``);
``overrides/main.html`` adds what this module computes.
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
SHARE_IMAGE_WIDTH = 1200
SHARE_IMAGE_HEIGHT = 630
SHARE_IMAGE_TYPE = "image/png"
SHARE_IMAGE_ALT = (
    "Kommunernes Netværk for Landdistriktskoordinatorer: møder, nyheder og medlemmer. "
    "KL og Landdistrikternes Fællesråd."
)
# The fragment that makes a meeting page's Event addressable from other pages' JSON-LD.
EVENT_ID_FRAGMENT = "#event"
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


def share_image_url(site_url: str) -> str:
    """The absolute URL of the network's share card (Open Graph, Twitter, schema.org)."""
    return urls.public_url(site_url, urls.SHARE_IMAGE)


def event_id(meeting: Meeting, site_url: str) -> str:
    """The Event's JSON-LD ``@id``: its page's URL with ``#event``."""
    return urls.public_url(site_url, urls.meeting_page(meeting.slug)) + EVENT_ID_FRAGMENT


def _organisations(organisers: Iterable[Organiser]) -> list[dict[str, str]]:
    found = []
    for organiser in organisers:
        entry = {"@type": "Organization", "name": organiser.name}
        if organiser.url:
            entry["url"] = organiser.url
        found.append(entry)
    return found


def _locations(meeting: Meeting, page_url: str) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if meeting.venue is not None:
        places.append(
            {"@type": "Place", "name": meeting.venue.name, "address": postal_address(meeting.venue)}
        )
    if meeting.online is not None:
        # The join link when there is one and the meeting is on (as on the page): a
        # cancelled or postponed meeting's old link must not look current. Else the page.
        url = meeting.join_url or page_url
        places.append({"@type": "VirtualLocation", "url": url})
    return places


def event_data(meeting: Meeting, site_url: str, organisers: Iterable[Organiser]) -> dict[str, Any]:
    """The meeting as a schema.org Event (a plain dict, ready for JSON)."""
    page_url = urls.public_url(site_url, urls.meeting_page(meeting.slug))
    locations = _locations(meeting, page_url)
    return {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": event_id(meeting, site_url),
        "name": meeting.title,
        "description": meeting_summary(meeting),
        "startDate": meeting.starts_at.isoformat(),
        "endDate": meeting.ends_at.isoformat(),
        "eventStatus": EVENT_STATUS[meeting.status],
        "eventAttendanceMode": ATTENDANCE_MODE[meeting.attendance],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": _organisations(organisers),
        "image": [share_image_url(site_url)],
        "url": page_url,
        "inLanguage": "da",
    }


def event_jsonld(meeting: Meeting, site_url: str, organisers: Iterable[Organiser]) -> str:
    """The Event as JSON-LD text for ``<script type="application/ld+json">``."""
    return script_json(event_data(meeting, site_url, organisers))


def article_data(
    item: NewsItem, site_url: str, site_name: str, organisers: Sequence[Organiser]
) -> dict[str, Any]:
    """A news item as a schema.org NewsArticle; an invitation is ``about`` its meeting."""
    page_url = urls.public_url(site_url, item.src)
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.excerpt,
        "datePublished": item.date.isoformat(),
        "image": [share_image_url(site_url)],
        "url": page_url,
        "mainEntityOfPage": page_url,
        "inLanguage": "da",
        "author": _organisations(organisers),
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url},
    }
    if item.meeting is not None:
        meeting = item.meeting
        data["about"] = {
            "@type": "Event",
            "@id": event_id(meeting, site_url),
            "name": meeting.title,
            "startDate": meeting.starts_at.isoformat(),
            "url": urls.public_url(site_url, urls.meeting_page(meeting.slug)),
        }
    return data


def article_jsonld(
    item: NewsItem, site_url: str, site_name: str, organisers: Sequence[Organiser]
) -> str:
    """The NewsArticle as JSON-LD text for ``<script type="application/ld+json">``."""
    return script_json(article_data(item, site_url, site_name, organisers))


@dataclass(frozen=True)
class PageHead:
    """What one page adds to its head beyond the defaults."""

    og_type: str = "website"
    published: date | None = None
    jsonld: str | None = None


def page_heads(
    site: Site, items: Sequence[NewsItem], site_url: str, site_name: str
) -> dict[str, PageHead]:
    """Source path → head additions: an Event for meetings, a NewsArticle for news."""
    heads = {
        urls.meeting_page(m.slug): PageHead(jsonld=event_jsonld(m, site_url, site.organisers))
        for m in site.meetings
    }
    for item in items:
        jsonld = article_jsonld(item, site_url, site_name, site.organisers)
        heads[item.src] = PageHead(og_type="article", published=item.date, jsonld=jsonld)
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
    site_url: str,
    is_home: bool,
    head: PageHead,
) -> list[tuple[str, str]]:
    """Open Graph and Twitter card properties as plain text pairs; the template escapes
    them and writes ``twitter:*`` as ``name=``, the rest as ``property=``."""
    properties = [
        ("og:type", head.og_type),
        ("og:title", site_name if is_home or not title else plain(title)),
        ("og:description", plain(description)),
        ("og:site_name", site_name),
        ("og:locale", OG_LOCALE),
    ]
    if url:
        properties.append(("og:url", url))
    properties += share_card(site_url)
    if head.published is not None:
        properties.append(("article:published_time", head.published.isoformat()))
    return [(key, value) for key, value in properties if value]


def share_card(site_url: str) -> list[tuple[str, str]]:
    """The share image for Open Graph, and a large Twitter card that shows it."""
    if not site_url:  # a relative og:image is not read by anyone: leave it out
        return []
    return [
        ("og:image", share_image_url(site_url)),
        ("og:image:type", SHARE_IMAGE_TYPE),
        ("og:image:width", str(SHARE_IMAGE_WIDTH)),
        ("og:image:height", str(SHARE_IMAGE_HEIGHT)),
        ("og:image:alt", SHARE_IMAGE_ALT),
        ("twitter:card", "summary_large_image"),
    ]
