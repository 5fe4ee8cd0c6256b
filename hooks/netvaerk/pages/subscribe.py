"""Links that put the meetings into people's own calendars, and the boxes that offer them.

Each client wants its own door (design.md §4): Apple Calendar and most desktop programs
open ``webcal://``; Google only subscribes through ``calendar/r?cid=webcal://…``; Outlook on
the web has an "add from web" page, and the new Outlook strips ``webcal:``, so the plain
https address is offered too, with a copy button. Most members work in Microsoft 365, so
the work Outlook (outlook.office.com) has its own links beside Outlook.com. A single meeting
is offered as its .ics file (a relative link, so MkDocs checks it) and as Google and Outlook
"new event" links filled in with the meeting's Danish local times.

Every function is pure: URLs in, URL or Markdown out. The copy button is enhanced by
``docs/javascripts/copy.js`` (first-party; no requests to anyone else).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from netvaerk.content.derive import MeetingFacts
from netvaerk.model import TIMEZONE, Meeting, Status, unambiguous
from netvaerk.pages import TEMPLATES
from netvaerk.text import urls
from netvaerk.text.markup import md_url
from netvaerk.text.meeting_text import CALENDAR_NAME, event_summary, page_offers
from netvaerk.text.statuses import STATUS_TEXT
from netvaerk.text.templating import render

GOOGLE = "https://calendar.google.com/calendar"
OUTLOOK_COM = "https://outlook.live.com/calendar/0"
OUTLOOK_365 = "https://outlook.office.com/calendar/0"

Quote = Callable[..., str]  # urlencode's quote_via: (text, safe, encoding, errors) -> str


def _query(params: dict[str, str], quote_via: Quote = quote) -> str:
    """A query string with spaces as %20 (Outlook shows a '+' literally)."""
    return urlencode(params, quote_via=quote_via)


def remembering_quote() -> Quote:
    """``quote`` that keeps what it has quoted, for the links of one meeting: Google's and
    both Outlooks' carry the same summary, details and place, and ``quote`` goes through a
    text byte by byte in Python (the 30-meeting bench's links: 14.7 → 10.2 M, callgrind)."""
    return functools.cache(quote)


def webcal_url(https_url: str) -> str:
    """The same address with the ``webcal://`` scheme that opens a calendar program."""
    return "webcal://" + https_url.split("://", 1)[-1]


def google_subscribe_url(feed: str) -> str:
    """Google Calendar's "add by URL" for a feed: ``…/calendar/r?cid=webcal://…``."""
    return f"{GOOGLE}/r?cid={quote(webcal_url(feed), safe=':/')}"


def outlook_subscribe_url(feed: str, name: str, base: str = OUTLOOK_COM) -> str:
    """Outlook on the web's "add from web" page with the feed and its name filled in."""
    return f"{base}/addfromweb?{_query({'url': feed, 'name': name})}"


def event_details(meeting: Meeting, site_url: str) -> str:
    """A short plain-text body for "new event" links: summary, online link, page URL
    (named by what the page has, ``page_offers``).

    The full programme stays in the .ics file; a long body makes URLs some servers refuse.
    """
    lines = [meeting.summary] if meeting.summary else []
    link = meeting.join_url
    if link and meeting.online:
        lines.append(f"Deltag online ({meeting.online.platform}): {link}")
    offers = page_offers(meeting) or "mere om mødet"
    lines.append(f"{offers[0].upper()}{offers[1:]}: {urls.meeting_url(site_url, meeting.slug)}")
    return "\n\n".join(lines)


def google_event_url(meeting: Meeting, site_url: str, quote_via: Quote = quote) -> str:
    """Google Calendar's "new event" page, in Danish local time (``ctz``)."""
    dates = f"{_google_time(meeting.starts_at)}/{_google_time(meeting.ends_at)}"
    params = {
        "action": "TEMPLATE",
        "text": event_summary(meeting),
        "dates": dates,
        "ctz": TIMEZONE.key,
        "details": event_details(meeting, site_url),
        "location": meeting.place_text,
    }
    return f"{GOOGLE}/render?{_query(params, quote_via)}"


def _google_time(moment: datetime) -> str:
    """Local time, or UTC ('…Z') for the autumn hour that occurs twice (model.unambiguous)."""
    moment = unambiguous(moment)
    form = "%Y%m%dT%H%M%SZ" if moment.tzinfo is UTC else "%Y%m%dT%H%M%S"
    return moment.strftime(form)


def outlook_event_url(
    meeting: Meeting, site_url: str, base: str = OUTLOOK_COM, quote_via: Quote = quote
) -> str:
    """Outlook on the web's "new event" form; times in UTC, so no offset to mis-read."""
    utc = "%Y-%m-%dT%H:%M:%SZ"
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event_summary(meeting),
        "startdt": meeting.starts_at.astimezone(UTC).strftime(utc),
        "enddt": meeting.ends_at.astimezone(UTC).strftime(utc),
        "body": event_details(meeting, site_url),
        "location": meeting.place_text,
        "allday": "false",
    }
    return f"{base}/deeplink/compose?{_query(params, quote_via)}"


def subscribe_box(site_url: str) -> str:
    """'Abonnér på kalenderen' for the home page and /moeder/ (HTML inside Markdown)."""
    feed = urls.calendar_url(site_url)
    clients = [
        (
            webcal_url(feed),
            "Apple Kalender og andre kalenderprogrammer",
            "Tryk på linket. Kalenderen på din telefon eller computer åbner og spørger, "
            "om du vil abonnere.",
        ),
        (
            google_subscribe_url(feed),
            "Google Kalender",
            "Log ind med din Google-konto og tryk på »Tilføj«.",
        ),
        (
            outlook_subscribe_url(feed, CALENDAR_NAME, OUTLOOK_COM),
            "Outlook.com",
            "Log ind med din private Microsoft-konto og tryk på »Importér«.",
        ),
        (
            outlook_subscribe_url(feed, CALENDAR_NAME, OUTLOOK_365),
            "Outlook på arbejdet (Microsoft 365)",
            "Log ind med din arbejdskonto og tryk på »Importér«.",
        ),
    ]
    return render(
        TEMPLATES,
        "subscribe_box.html",
        feed=feed,
        clients=[{"href": href, "label": label, "how": how} for href, label, how in clients],
    )


def add_to_calendar(facts: MeetingFacts, site_url: str) -> str:
    """'Føj til kalender' for a meeting page: the .ics file, Google and Outlook links;
    nothing for a meeting that is over."""
    if facts.over:
        return ""
    meeting = facts.meeting
    src = urls.meeting_page(meeting.slug)
    ics = urls.link(src, urls.meeting_calendar(meeting.slug))
    status = STATUS_TEXT.get(meeting.status)
    note = f'<p class="nk-addcal__note">{status.calendar_advice}</p>\n\n' if status else ""
    title = "Mødet i din kalender" if status else "Føj til kalender"
    links = [f"- [Hent kalenderfil (.ics)]({ics}){{ type=text/calendar }}"]
    if meeting.status == Status.PLANNED:  # a new event for a called-off meeting helps no one
        quoted = remembering_quote()
        google = google_event_url(meeting, site_url, quoted)
        outlook_com = outlook_event_url(meeting, site_url, OUTLOOK_COM, quoted)
        outlook_365 = outlook_event_url(meeting, site_url, OUTLOOK_365, quoted)
        links += [
            f"- [Google Kalender]({md_url(google)})",
            f"- [Outlook.com]({md_url(outlook_com)})",
            f"- [Outlook på arbejdet (Microsoft 365)]({md_url(outlook_365)})",
        ]
    return (
        '<div class="nk-addcal" role="group" aria-labelledby="foej-til-kalender" markdown>\n\n'
        f'<p class="nk-addcal__title" id="foej-til-kalender">{title}</p>\n\n'
        f"{note}" + "\n".join(links) + "\n\n</div>\n"
    )
