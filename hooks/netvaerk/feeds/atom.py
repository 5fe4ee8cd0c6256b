"""The news as an Atom 1.0 feed (RFC 4287) at ``/nyheder/feed.xml``.

Built with ``xml.etree.ElementTree`` so every text is escaped by the serializer. The feed is
a pure function of the published items: entry ids are the items' absolute page URLs (the URLs
are a promise, design.md §3), and every date comes from the items, never from the clock, so
two builds of the same data give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date, datetime, time

from netvaerk.content.news import NewsItem
from netvaerk.model import TIMEZONE, Meeting, Organiser
from netvaerk.text import rendering, urls
from netvaerk.text.danish import date_range
from netvaerk.text.markup import md_text
from netvaerk.text.meeting_text import meeting_time, page_offers
from netvaerk.text.statuses import status_notice

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Feed readers poll the feed and keep what they have seen: the latest items are enough, and
# the file stays small as the archive grows. The index page lists every item.
FEED_ENTRIES = 50


def feed_title(site_name: str) -> str:
    return f"Nyheder – {site_name}" if site_name else "Nyheder"


def timestamp(day: date) -> str:
    """Midnight of ``day`` in Danish time, as RFC 3339: '2021-01-22T00:00:00+01:00'."""
    return datetime.combine(day, time(0), TIMEZONE).isoformat()


def _link_text(meeting: Meeting) -> str:
    """'Se program og tilmelding på mødets side', or what the page has (``page_offers``)."""
    offers = page_offers(meeting)
    return f"Se {offers} på mødets side" if offers else "Læs mere på mødets side"


def entry_markdown(item: NewsItem) -> str:
    """The entry's content: the item's body, and for an announcement when and where."""
    meeting = item.meeting
    if meeting is None:
        return item.body
    link = urls.link(item.src, urls.meeting_page(meeting.slug))
    facts = (
        f"**Tid:** {md_text(date_range(meeting.date, meeting.end_date))}, "
        f"{meeting_time(meeting)}  \n**Sted:** {md_text(meeting.place_text)}"
    )
    notice = status_notice(meeting)  # a feed reader must see that the meeting is called off
    return f"{notice}\n{item.body}\n\n{facts}\n\n[{_link_text(meeting)}]({link})\n"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def news_feed(
    items: Sequence[NewsItem],
    *,
    site_url: str,
    site_name: str,
    organisers: Sequence[Organiser],
    today: date,
) -> bytes:
    """The feed of the latest ``FEED_ENTRIES`` published ``items`` (given newest first)."""
    feed = ET.Element("feed", {"xmlns": ATOM_NS, _XML_LANG: "da"})
    _text(feed, "id", urls.public_url(site_url, urls.NEWS))
    _text(feed, "title", feed_title(site_name))
    newest = max((i.date for i in items), default=today)
    _text(feed, "updated", timestamp(newest))
    ET.SubElement(
        feed, "link", rel="self", type=MEDIA_TYPE, href=urls.public_url(site_url, urls.NEWS_FEED)
    )
    ET.SubElement(
        feed, "link", rel="alternate", type="text/html", href=urls.public_url(site_url, urls.NEWS)
    )
    author = ET.SubElement(feed, "author")
    _text(author, "name", " og ".join(o.name for o in organisers) or site_name or "Netværket")
    for item in items[:FEED_ENTRIES]:
        page = urls.public_url(site_url, item.src)
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", page)
        _text(entry, "title", item.title, type="text")
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=page)
        _text(entry, "published", timestamp(item.date))
        _text(entry, "updated", timestamp(item.date))
        if item.excerpt:
            _text(entry, "summary", item.excerpt, type="text")
        html = rendering.standalone_html(entry_markdown(item), item.src, site_url)
        _text(entry, "content", html, type="html")
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"
