"""The calendar feeds: ``/kalender.ics`` with every meeting, and ``/moeder/<id>.ics`` each.

Subscribers keep these events for years, so what identifies and dates them must never move
(design.md §3–4): the UID is ``<id>@<site host>``, never a list position. SEQUENCE counts
how often the event changed and LAST-MODIFIED says when it last did, both from the meeting's
committed versions (``content/history.py``, validated once by ``content/derive.py``): each
version that still validates is rendered into the same event content as the meeting now
(``event_content``: every property but the three that date it), and a version whose content
differs from the one before is a change. So a property added to the event moves SEQUENCE by
construction, and what the DESCRIPTION shows (status, summary, programme, registration,
online link) counts; the organiser and the site address do not, as every version is rendered
with today's. An uncommitted edit is one more
change, stamped at the build time. DTSTAMP equals LAST-MODIFIED, so the bytes are the same
on every rebuild of one commit; nothing here reads the clock (the build time comes with the
history). Times carry ``TZID=Europe/Copenhagen`` with a VTIMEZONE that every client reads
(``vtimezone.py``). Clients differ: Google drops ``STATUS:CANCELLED`` events and Outlook
ignores STATUS, so the summary says "AFLYST: " too; almost no client shows CONFERENCE, so
the online link is in the description as well. Serialisation (CRLF, escaping, folding at 75
octets without splitting æ, ø, å) is left to the ``icalendar`` library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from icalendar import (
    Calendar,
    Component,
    Conference,
    Event,
    vCalAddress,
    vCategory,
    vDDDTypes,
    vInt,
    vText,
    vUri,
)
from icalendar.enums import STATUS

from netvaerk.content.derive import Derived, MeetingFacts
from netvaerk.content.site import Site
from netvaerk.feeds.published import Published, floor, lines_of_event
from netvaerk.feeds.vtimezone import EU_RULE_SINCE, vtimezone
from netvaerk.model import TIMEZONE, Meeting, Status, resolve_slots, unambiguous
from netvaerk.text import urls
from netvaerk.text.danish import long_date, time_range
from netvaerk.text.meeting_text import CALENDAR_NAME, event_summary
from netvaerk.text.statuses import STATUS_TEXT

PRODID = "-//Kommunernes Netværk for Landdistriktskoordinatorer//netvaerk//DA"
# How often subscribers should fetch the feed: a cancellation should reach them the same day.
REFRESH = timedelta(hours=12)
CATEGORY = "Netværksmøde"
_ATTENDANCE = {"offline": "Fysisk møde", "online": "Onlinemøde", "mixed": "Hybridmøde"}
# STATUS and CATEGORIES take a few values, each made once as icalendar's value type and
# shared by every event that has it (−1.8 M at 30 meetings); do not modify them.
_STATUS = {
    Status.PLANNED: vText(STATUS.CONFIRMED),
    Status.CANCELLED: vText(STATUS.CANCELLED),
    Status.POSTPONED: vText(STATUS.TENTATIVE),
}
_CATEGORIES = {kind: vCategory([CATEGORY, label]) for kind, label in _ATTENDANCE.items()}
# Event.new's keyword → the VEVENT property and the icalendar value type that ``add`` would
# infer for its value (None: the value already is one). ``meeting_event`` adds the values
# typed instead of calling Event.new, whose setters set all of its 25 properties, infer each
# value's type and look up each time's TZID twice: the same bytes (tests/test_calendar.py)
# at half the cost, −13 M at 30 meetings.
_PROPERTIES: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "uid": ("UID", vText),
    "start": ("DTSTART", vDDDTypes),
    "end": ("DTEND", vDDDTypes),
    "summary": ("SUMMARY", vText),
    "status": ("STATUS", None),
    "description": ("DESCRIPTION", vText),
    "location": ("LOCATION", vText),
    "url": ("URL", vUri),
    "categories": ("CATEGORIES", None),
    "organizer": ("ORGANIZER", None),
}
_END = b"END:VCALENDAR\r\n"
_FOLD_AT = 75  # octets: icalendar folds a content line that reaches this (RFC 5545 3.1)
_time_range = cache(time_range)  # Babel formats slowly; a feed repeats the same few times


EventContent = dict[str, Any]  # the keyword arguments of Event.new, but the three stamps


class Revision(NamedTuple):
    """How often a meeting's calendar event changed, and when it last did."""

    sequence: int
    modified: datetime  # aware, UTC


def site_host(site_url: str) -> str:
    """The host part of the site URL, for UIDs; 'localhost' when no site URL is set."""
    return (urlsplit(site_url).hostname or "localhost").lower()


def event_uid(meeting: Meeting, site_url: str) -> str:
    return f"{meeting.slug}@{site_host(site_url)}"


def programme_lines(meeting: Meeting) -> list[str]:
    """The programme as plain lines: '12.30–12.45 Velkommen … (Claus Leick)'."""
    lines: list[str] = []
    day = 0
    for slot in resolve_slots(meeting):
        item = slot.item
        if meeting.end_date is not None and item.day != day:
            day = item.day
            lines.append(f"Dag {day}, {long_date(meeting.day_date(day))}:")
        line = f"{_time_range(item.start, slot.end)} {item.title}"
        if item.speakers:
            line += f" ({', '.join(item.speakers)})"
        lines.append(line)
    return lines


def event_description(meeting: Meeting, site_url: str) -> str:
    """Plain text: status, summary, programme, registration, online link, page URL."""
    paragraphs: list[str] = []
    status = STATUS_TEXT.get(meeting.status)
    head = [text for text in (status and status.calendar_note, meeting.summary) if text]
    if head:
        paragraphs.append("\n".join(head))
    programme = programme_lines(meeting)
    if programme:
        paragraphs.append("\n".join(["Program:", *programme]))
    practical: list[str] = []
    reg = meeting.registration
    if reg is not None and meeting.status == Status.PLANNED:
        line = f"Tilmelding: {reg.url.removeprefix('mailto:')}"
        if reg.deadline:
            line += f" (senest {long_date(reg.deadline)})"
        practical.append(line)
    link = meeting.join_url
    if link and meeting.online:
        practical.append(f"Deltag online ({meeting.online.platform}): {link}")
    if practical:
        paragraphs.append("\n".join(practical))
    paragraphs.append(f"Mere om mødet: {urls.meeting_url(site_url, meeting.slug)}")
    return "\n\n".join(paragraphs)


def organizer(site: Site) -> vCalAddress | None:
    """The network as ORGANIZER: the facilitators' names and the network's address.

    Clients expect a ``mailto:`` here (RFC 5545 CAL-ADDRESS; Outlook shows it as the sender
    and offers to write to it), so without the network's address in members.yaml there is
    no ORGANIZER at all rather than a web address in its place.
    """
    if site.contact_email is None:
        return None
    value = vCalAddress(f"mailto:{site.contact_email}")
    if site.organisers:
        value.params["CN"] = " og ".join(o.name for o in site.organisers)
    return value


def event_content(meeting: Meeting, site: Site, site_url: str) -> EventContent:
    """What a calendar client shows of a meeting: every property of its VEVENT but the three
    that date it (DTSTAMP, LAST-MODIFIED, SEQUENCE). A two-day meeting runs from the first
    start to the last end."""
    link = meeting.join_url
    return {
        "uid": event_uid(meeting, site_url),
        "start": unambiguous(meeting.starts_at),  # the autumn hour in UTC (model)
        "end": unambiguous(meeting.ends_at),
        "summary": event_summary(meeting),
        "status": _STATUS[meeting.status],
        "description": event_description(meeting, site_url),
        "location": meeting.place_text,
        "url": urls.meeting_url(site_url, meeting.slug),
        "categories": _CATEGORIES[meeting.attendance],
        "organizer": organizer(site),
        "conferences": (
            [Conference(link, feature="VIDEO", label=meeting.online.platform)]
            if link and meeting.online
            else None
        ),
    }


def meeting_event(
    meeting: Meeting,
    site: Site,
    site_url: str,
    revision: Revision,
    content: EventContent | None = None,
) -> Event:
    """One meeting as a VEVENT (``content``: its ``event_content``, if already made), as
    ``Event.new(**content, stamp=…, last_modified=…, sequence=…)`` writes it (``_PROPERTIES``)."""
    if content is None:
        content = event_content(meeting, site, site_url)
    event = Event()
    for key, value in content.items():
        if value is None:
            continue
        if key == "conferences":
            for conference in value:
                event.add("CONFERENCE", conference.to_uri())
            continue
        name, kind = _PROPERTIES[key]
        event.add(name, value if kind is None else kind(value))
    stamp = vDDDTypes(revision.modified.astimezone(UTC))  # as the RFC wants; one value for both
    event.add("DTSTAMP", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("SEQUENCE", vInt(revision.sequence))
    return event


def revision(
    facts: MeetingFacts,
    content: EventContent,
    render: Callable[[Meeting], EventContent],
    edited: datetime,
) -> Revision:
    """SEQUENCE and LAST-MODIFIED of an event whose content is now ``content``.

    The first committed version that validates is SEQUENCE 0; every later one whose
    rendered content differs from the one before adds one, at its commit time. The file as
    it is now counts as one more version at ``edited`` when its text differs from the last
    commit and so does the content. The versions are the meeting's facts
    (``MeetingFacts.versions``, validated once by the derive stage); the last committed text,
    when the file still has it, is the meeting itself, and is not rendered again.
    """
    versions = facts.versions
    if not versions:
        return Revision(0, edited)
    if len(versions) == 1 and not facts.uncommitted:
        return Revision(0, versions[0][0])
    sequence, modified, before = -1, edited, None
    for when, meeting in versions:
        shown = content if meeting is facts.meeting else render(meeting)
        if shown != before:
            sequence, modified, before = sequence + 1, when, shown
    if facts.uncommitted and content != before:
        sequence, modified = sequence + 1, edited
    return Revision(max(sequence, 0), modified)


def revisions(
    site: Site, site_url: str, derived: Derived
) -> dict[str, tuple[EventContent, Revision]]:
    """Each meeting's event content and revision, by meeting id."""

    def render(meeting: Meeting) -> EventContent:
        return event_content(meeting, site, site_url)

    found = {}
    for facts in derived.meetings:
        content = render(facts.meeting)
        found[facts.slug] = (content, revision(facts, content, render, derived.edited_at))
    return found


def ical_bytes(component: Component) -> bytes:
    """``component.to_ical()``, byte for byte, without icalendar's folding of lines that need
    none: it folds at 75 octets by encoding a line one character at a time (the largest
    single cost of the feeds), so a content line shorter than that is its own UTF-8."""
    lines = []
    for line in component.content_lines():
        if line:
            raw = line.encode("utf-8")
            lines.append(raw if len(raw) < _FOLD_AT else bytes(line.to_ical()))
    return b"\r\n".join(lines) + b"\r\n"


def _calendar(**properties: object) -> Calendar:
    """A VCALENDAR with its properties only (``_head`` puts the components after them)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for name, value in properties.items():
        # icalendar leaves X- properties unescaped unless told they are TEXT.
        if name.startswith("x_") and isinstance(value, str):
            value = vText(value)
        calendar.add(name.replace("_", "-"), value)
    return calendar


def _zone_start(meetings: Iterable[Meeting]) -> int:
    """The year the VTIMEZONE must cover from: the year before the first meeting (its
    offset may come from a change that year), or just the EU rule's years."""
    return min([EU_RULE_SINCE, *(meeting.date.year - 1 for meeting in meetings)])


@cache
def _vtimezone_bytes(first_year: int) -> bytes:
    return ical_bytes(vtimezone(first_year))


@cache
def _single_head(first_year: int) -> bytes:
    """The start of a meeting's own file (no name: see ``calendar_files``)."""
    return _head(_calendar(), first_year)


def _head(calendar: Calendar, first_year: int) -> bytes:
    """A component-less calendar's bytes up to its END line, then the VTIMEZONE."""
    text = ical_bytes(calendar)
    assert text.endswith(_END)
    return text[: -len(_END)] + _vtimezone_bytes(first_year)


def _feed_head(site: Site, site_url: str, last_modified: datetime) -> bytes:
    names = " og ".join(o.name for o in site.organisers)
    description = f"Møderne i {CALENDAR_NAME}" + (f", faciliteret af {names}." if names else ".")
    calendar = _calendar(
        uid=f"kalender@{site_host(site_url)}",
        name=CALENDAR_NAME,
        x_wr_calname=CALENDAR_NAME,
        description=description,
        x_wr_caldesc=description,
        x_wr_timezone=TIMEZONE.key,
        last_modified=last_modified,
        url=urls.public_url(site_url, urls.HOME),
        source=urls.calendar_url(site_url),
    )
    for name in ("refresh-interval", "x-published-ttl"):
        calendar.add(name, REFRESH, parameters={"VALUE": "DURATION"})
    return _head(calendar, _zone_start(site.meetings))


def calendar_files(
    site: Site,
    site_url: str,
    derived: Derived,
    published: Mapping[str, Published] | None = None,
) -> dict[str, bytes]:
    """The whole feed and one file per meeting, by source path.

    Each event is serialised once by icalendar, and each file is the calendar's own lines,
    the VTIMEZONE and its events, as icalendar writes a calendar with those components
    (serialising every event twice made a 1,000-meeting build a second slower).
    A meeting's own file is for importing one event, so it has no NAME or X-WR-CALNAME:
    with them, Outlook opens the file as a separate calendar instead of adding the event.
    ``published``: the events subscribers hold, by UID; no SEQUENCE goes below them
    (``published.py``).
    """
    found = revisions(site, site_url, derived)
    events = {}
    for meeting in site.meetings:
        content, rev = found[meeting.slug]
        event = ical_bytes(meeting_event(meeting, site, site_url, rev, content))
        held = (published or {}).get(content["uid"])
        sequence = rev.sequence
        if held is not None:  # read back only to compare with what subscribers hold
            sequence = floor(rev.sequence, lines_of_event(event), held)
        if sequence != rev.sequence:
            rev = Revision(sequence, rev.modified)
            found[meeting.slug] = (content, rev)
            event = ical_bytes(meeting_event(meeting, site, site_url, rev, content))
        events[meeting.slug] = event
    newest = max((r.modified for _, r in found.values()), default=derived.built_at)
    files = {urls.CALENDAR: _feed_head(site, site_url, newest) + b"".join(events.values()) + _END}
    for meeting in site.meetings:
        head = _single_head(_zone_start([meeting]))
        files[urls.meeting_calendar(meeting.slug)] = head + events[meeting.slug] + _END
    return files
