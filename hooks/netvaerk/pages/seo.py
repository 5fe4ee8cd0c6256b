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
from datetime import date, time
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any, NamedTuple

from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.model import Meeting, Organiser, Registration, Status, Venue, local_moment
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
# The network as an Organization: the home page's JSON-LD, and the publisher of news.
ORGANIZATION_ID_FRAGMENT = "#netvaerk"
# The network's logo for search engines (a square PNG, design/logo.svg drawn at 512 px).
LOGO_SIZE = 512
# A registration price in kroner: '450 kr.', '1.200 kr', 'kr. 450,-', 'Gratis'. Free text that
# is not a sum ('Indgår i kommunens medlemskab') is said in words instead (Offer.description).
_PRICE = re.compile(
    r"^\s*(?:kr\.?\s*)?(?P<sum>\d{1,3}(?:\.\d{3})*|\d+)(?:,(?P<ore>\d{2}|-))?\s*"
    r"(?:kr\.?|kroner|DKK)?\s*(?:ekskl\.|inkl\.)?[^\d]*$",
    re.IGNORECASE,
)
_FREE = re.compile(r"^\s*(gratis|0\s*kr\.?)\s*$", re.IGNORECASE)
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


def organization_id(site_url: str) -> str:
    """The network's JSON-LD ``@id``: the home page's URL with ``#netvaerk``."""
    return urls.public_url(site_url, urls.HOME) + ORGANIZATION_ID_FRAGMENT


def organization_data(
    site_url: str, site_name: str, contact_email: str | None, organisers: Iterable[Organiser]
) -> dict[str, Any]:
    """The network as a schema.org Organization: name, home page, logo and contact.

    The home page carries it whole; news items name it as their publisher. The facilitators
    are its ``parentOrganization`` (KL and Landdistrikternes Fællesråd run the network).
    """
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": organization_id(site_url),
        "name": site_name,
        "url": urls.public_url(site_url, urls.HOME),
        "logo": {
            "@type": "ImageObject",
            "url": urls.public_url(site_url, urls.LOGO),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }
    if contact_email is not None:
        data["email"] = contact_email
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "sekretariat",
            "email": contact_email,
            "availableLanguage": "da",
        }
    parents = _organisations(organisers)
    if parents:
        data["parentOrganization"] = parents
    return data


def organization_jsonld(
    site_url: str, site_name: str, contact_email: str | None, organisers: Iterable[Organiser]
) -> str:
    """The Organization as JSON-LD text for the home page."""
    data = organization_data(site_url, site_name, contact_email, organisers)
    return script_json({"@context": SCHEMA, **data})


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


def price_in_kroner(text: str | None) -> Decimal | None:
    """A registration's free-text price as a sum in kroner, or None if it is not one."""
    if text is None:
        return None
    if _FREE.match(text):
        return Decimal(0)
    found = _PRICE.match(text)
    if found is None:
        return None
    ore = found["ore"] if found["ore"] not in (None, "-") else "00"
    return Decimal(f"{found['sum'].replace('.', '')}.{ore}").normalize()


def offer_data(registration: Registration) -> dict[str, Any]:
    """The registration as a schema.org Offer: where to sign up, until when, at what price.

    The deadline is the last day to sign up, so the offer is valid through that day's end
    (Danish time). A price that is a sum becomes ``price`` in DKK; other words about the
    price ('Indgår i kommunens medlemskab') stay words, in ``description``.
    """
    offer: dict[str, Any] = {"@type": "Offer", "url": registration.url}
    if registration.deadline is not None:
        offer["validThrough"] = local_moment(registration.deadline, time(23, 59)).isoformat()
    price = price_in_kroner(registration.price)
    if price is not None:
        offer["price"] = format(price, "f")
        offer["priceCurrency"] = "DKK"
    elif registration.price is not None:
        offer["description"] = registration.price
    return offer


def performers(meeting: Meeting) -> list[dict[str, str]]:
    """The programme's speakers, each once, in the order they first speak."""
    names: dict[str, None] = {}
    for item in meeting.programme:
        for name in item.speakers:
            names.setdefault(name, None)
    return [{"@type": "Person", "name": name} for name in names]


def event_data(meeting: Meeting, site_url: str, organisers: Iterable[Organiser]) -> dict[str, Any]:
    """The meeting as a schema.org Event (a plain dict, ready for JSON). Registration is an
    ``offers`` only while the meeting is on (as on the page and in the calendar)."""
    page_url = urls.public_url(site_url, urls.meeting_page(meeting.slug))
    locations = _locations(meeting, page_url)
    extra: dict[str, Any] = {}
    if meeting.registration is not None and meeting.status == Status.PLANNED:
        extra["offers"] = offer_data(meeting.registration)
    speakers = performers(meeting)
    if speakers:
        extra["performer"] = speakers
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
        **extra,
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
        "publisher": organization_data(site_url, site_name, None, ()),
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


class PageHead(NamedTuple):
    """What one page adds to its head beyond the defaults."""

    og_type: str = "website"
    published: date | None = None
    jsonld: str | None = None


def page_heads(
    site: Site, items: Sequence[NewsItem], site_url: str, site_name: str
) -> dict[str, PageHead]:
    """Source path → head additions: an Event for meetings, a NewsArticle for news, the
    network's Organization on the home page."""
    home = organization_jsonld(site_url, site_name, site.contact_email, site.organisers)
    heads = {urls.HOME: PageHead(jsonld=home)}
    for meeting in site.meetings:
        event = event_jsonld(meeting, site_url, site.organisers)
        heads[urls.meeting_page(meeting.slug)] = PageHead(jsonld=event)
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
    if text is None or ("<" not in text and "&" not in text):  # most titles: nothing to parse
        return " ".join((text or "").split())  # (the parser's cost, twice for every page)
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
