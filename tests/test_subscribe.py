"""Subscribing and "Føj til kalender" (issue 3.4): the links, read back by URL and HTML parsers.

Google and Outlook links are taken apart with ``urllib.parse`` and their times turned into
instants with ``zoneinfo``; the boxes are read from the built pages with ``html.parser``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from factories import ROOT, Project, facts
from icstools import parse_icalendar

from netvaerk.content.derive import derive
from netvaerk.content.loading import load_site
from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.feeds.atom import entry_markdown
from netvaerk.model import Meeting
from netvaerk.pages.home import next_meeting_block
from netvaerk.pages.subscribe import (
    OUTLOOK_365,
    OUTLOOK_COM,
    add_to_calendar,
    google_event_url,
    google_subscribe_url,
    outlook_event_url,
    outlook_subscribe_url,
    remembering_quote,
    webcal_url,
)
from netvaerk.text.markup import md_url

SITE = "https://landdistriktskoordinatorer.dk/"
FEED = SITE + "kalender.ics"
HOST = "landdistriktskoordinatorer.dk"

DST_MEETING = Meeting.model_validate(
    {
        "id": "sommertid",
        "title": "Møde & snak på dagen for sommertid",
        "date": "2026-03-29",
        "start": "09:00",
        "end": "12:30",
        "venue": {"name": "Ærø Rådhus", "address": "Statene 2, 5970 Ærøskøbing"},
        "online": {"platform": "Teams", "url": "https://teams.example.org/x?y=1&z=2"},
        "summary": "Kort om mødet.",
    }
)


def query(url: str) -> dict[str, str]:
    values = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), values
    return {key: value[0] for key, value in values.items()}


def where(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc, parts.path


def test_webcal_is_the_feed_with_another_scheme() -> None:
    assert where(webcal_url(FEED)) == ("webcal", HOST, "/kalender.ics")


def test_google_subscribe_link() -> None:
    url = google_subscribe_url(FEED)
    assert where(url) == ("https", "calendar.google.com", "/calendar/r")
    assert query(url) == {"cid": f"webcal://{HOST}/kalender.ics"}


def test_outlook_subscribe_links() -> None:
    name = "Kommunernes Netværk"
    for host in ("outlook.live.com", "outlook.office.com"):
        url = outlook_subscribe_url(FEED, name, f"https://{host}/calendar/0")
        assert where(url) == ("https", host, "/calendar/0/addfromweb")
        assert query(url) == {"url": FEED, "name": name}
        assert "+" not in url  # Outlook would show a plus where a space was meant


def test_google_event_link_has_the_local_times_of_a_dst_day() -> None:
    url = google_event_url(DST_MEETING, SITE)
    assert where(url) == ("https", "calendar.google.com", "/calendar/render")
    params = query(url)
    assert params["action"] == "TEMPLATE"
    assert params["text"] == "Møde & snak på dagen for sommertid"
    zone = ZoneInfo(params["ctz"])
    start, end = (
        datetime.strptime(part, "%Y%m%dT%H%M%S").replace(tzinfo=zone)
        for part in params["dates"].split("/")
    )
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # CEST, UTC+2
    assert end.astimezone(UTC) == datetime(2026, 3, 29, 10, 30, tzinfo=UTC)
    assert params["location"] == "Ærø Rådhus, Statene 2, 5970 Ærøskøbing og online (Teams)"
    assert "https://teams.example.org/x?y=1&z=2" in params["details"]
    assert f"{SITE}moeder/sommertid/" in params["details"]


def test_outlook_event_links_have_the_right_instants() -> None:
    for host in ("outlook.live.com", "outlook.office.com"):
        url = outlook_event_url(DST_MEETING, SITE, f"https://{host}/calendar/0")
        assert where(url) == ("https", host, "/calendar/0/deeplink/compose")
        params = query(url)
        assert params["subject"] == "Møde & snak på dagen for sommertid"
        assert datetime.fromisoformat(params["startdt"]) == datetime(2026, 3, 29, 7, tzinfo=UTC)
        assert datetime.fromisoformat(params["enddt"]) == datetime(2026, 3, 29, 10, 30, tzinfo=UTC)
        assert f"{SITE}moeder/sommertid/" in params["body"]
        assert "+" not in url


def test_cancelled_event_links_say_so() -> None:
    cancelled = Meeting.model_validate({**DST_MEETING.model_dump(), "status": "cancelled"})
    assert query(google_event_url(cancelled, SITE))["text"].startswith("AFLYST: ")
    assert "teams.example.org" not in query(google_event_url(cancelled, SITE))["details"]


def test_a_meeting_s_links_quoted_together_are_the_links_quoted_one_by_one() -> None:
    """``add_to_calendar`` quotes the texts its three links share once (``remembering_quote``)."""
    quoted = remembering_quote()
    together = [
        google_event_url(DST_MEETING, SITE, quoted),
        outlook_event_url(DST_MEETING, SITE, OUTLOOK_COM, quoted),
        outlook_event_url(DST_MEETING, SITE, OUTLOOK_365, quoted),
    ]
    assert together == [
        google_event_url(DST_MEETING, SITE),
        outlook_event_url(DST_MEETING, SITE, OUTLOOK_COM),
        outlook_event_url(DST_MEETING, SITE, OUTLOOK_365),
    ]
    box = add_to_calendar(facts(DST_MEETING, date(2026, 1, 1)), SITE)
    assert all(f"]({md_url(url)})" in box for url in together)
    # What it keeps is kept apart by how it was quoted.
    assert (quoted("a/b&c", ""), quoted("a/b&c", "/")) == ("a%2Fb%26c", "a/b%26c")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    inside: list[str]  # classes of the enclosing elements, outermost first
    text: str = ""


@dataclass
class Collector(HTMLParser):
    """Every a, input and button of a page, with the classes of what encloses it."""

    elements: list[Element] = field(default_factory=list)
    stack: list[tuple[str, list[str]]] = field(default_factory=list)
    open_link: Element | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        inside = [c for _, classes in self.stack for c in classes]
        if tag in ("a", "input", "button"):
            element = Element(tag, values, inside)
            self.elements.append(element)
            if tag == "a":
                self.open_link = element
        if tag not in ("input", "img", "br", "hr", "meta", "link"):
            self.stack.append((tag, values.get("class", "").split()))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "a":
            self.open_link = None

    def handle_data(self, data: str) -> None:
        if self.open_link is not None:
            self.open_link.text += data


def elements(html: str, container: str) -> list[Element]:
    collector = Collector()
    collector.feed(html)
    return [e for e in collector.elements if container in e.inside]


def check_subscribe_box(html: str) -> None:
    links = {e.attrs["href"] for e in elements(html, "nk-subscribe") if e.tag == "a"}
    webcal = next(h for h in links if h.startswith("webcal:"))
    assert where(webcal) == ("webcal", HOST, "/kalender.ics")
    google = next(h for h in links if urlsplit(h).netloc == "calendar.google.com")
    assert query(google)["cid"] == webcal
    outlook = [h for h in links if urlsplit(h).netloc.startswith("outlook.")]
    assert {urlsplit(h).netloc for h in outlook} == {"outlook.live.com", "outlook.office.com"}
    assert all(query(h)["url"] == FEED for h in outlook)
    (field_,) = [e for e in elements(html, "nk-subscribe") if e.tag == "input"]
    assert field_.attrs["value"] == FEED and "readonly" in field_.attrs
    (button,) = [e for e in elements(html, "nk-subscribe") if e.tag == "button"]
    assert button.attrs["type"] == "button"
    assert button.attrs["data-copy-target"] == field_.attrs["id"]


def test_home_page_and_meeting_list_offer_the_subscription(built_site: Project) -> None:
    check_subscribe_box(built_site.page(""))
    check_subscribe_box(built_site.page("moeder/"))


def test_meeting_page_offers_its_own_calendar_file(built_site: Project) -> None:
    slug = "2027-01-28"  # ahead of the build's today, 2026-11-30
    page_url = f"http://example.test/moeder/{slug}/"
    html = built_site.page(f"moeder/{slug}/")
    links = [e for e in elements(html, "nk-addcal") if e.tag == "a"]
    hrefs = [e.attrs["href"] for e in links]
    ics = next(h for h in hrefs if h.endswith(".ics"))
    path = urlsplit(urljoin(page_url, ics)).path
    assert path == f"/moeder/{slug}.ics"
    data = (built_site.site_dir / path.lstrip("/")).read_bytes()
    (event,) = parse_icalendar(data).walk("VEVENT")
    assert str(event["UID"]) == f"{slug}@{HOST}"
    google = next(h for h in hrefs if urlsplit(h).netloc == "calendar.google.com")
    assert query(google)["dates"] == "20270128T100000/20270128T150000"  # from the data file
    outlook = [h for h in hrefs if urlsplit(h).path.endswith("/deeplink/compose")]
    assert len(outlook) == 2
    assert {query(h)["startdt"] for h in outlook} == {"2027-01-28T09:00:00Z"}


def test_every_meeting_page_links_an_existing_calendar_file(built_site: Project) -> None:
    """Every meeting ahead links its own file; one that is over (before the build's
    today, 2026-11-30) links none, but its file stays for those who have it."""
    site_dir: Path = built_site.site_dir
    pages = sorted(p.parent for p in (site_dir / "moeder").glob("*/index.html"))
    assert pages
    ahead = 0
    for page in pages:
        html = (page / "index.html").read_text(encoding="utf-8")
        hrefs = [e.attrs["href"] for e in elements(html, "nk-addcal") if e.tag == "a"]
        ics = [h for h in hrefs if h.endswith(".ics")]
        over = page.name < "2026-11-30"  # the shipped meetings' ids are their dates
        assert ics == ([] if over else [f"../{page.name}.ics"]), page.name
        assert (site_dir / "moeder" / f"{page.name}.ics").is_file()
        ahead += not over
    assert 0 < ahead < len(pages)


def _promises(text: str) -> tuple[bool, bool]:
    """Whether a link text promises a programme and a sign-up."""
    lowered = text.casefold()
    return "program" in lowered, "tilmeld" in lowered


def _has(meeting: Meeting) -> tuple[bool, bool]:
    return bool(meeting.programme), meeting.registration is not None and meeting.status == "planned"


def test_event_links_promise_only_what_each_meeting_of_the_project_has() -> None:
    """Issue 18.3 on the project's own data: the Google and Outlook event text names the
    page by what it has; the online meeting of 2027-09-23 has neither programme nor sign-up."""
    site = load_site(ROOT / "data")
    seen = set()
    for meeting in site.meetings:
        for url, key in (
            (google_event_url(meeting, SITE), "details"),
            (outlook_event_url(meeting, SITE), "body"),
        ):
            details = query(url)[key]
            page = f"moeder/{meeting.slug}/"
            [line] = [part for part in details.split("\n\n") if part.endswith(page)]
            label = line.split(": ", 1)[0]
            promised = _promises(label)
            assert all(
                has or not promise for promise, has in zip(promised, _has(meeting), strict=True)
            ), (
                meeting.slug,
                label,
            )
            seen.add(label)
    assert "Mere om mødet" in seen  # 2027-09-23: neither
    assert "Program og tilmelding" in seen


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({}, "Mere om mødet"),
        ({"programme": [{"start": "10:00", "title": "Velkommen"}]}, "Programmet"),
        ({"registration": {"url": "https://example.dk/"}}, "Tilmelding"),
        ({"registration": {"url": "https://example.dk/"}, "status": "cancelled"}, "Mere om mødet"),
        (
            {
                "registration": {"url": "https://example.dk/"},
                "programme": [{"start": "10:00", "title": "Velkommen"}],
            },
            "Program og tilmelding",
        ),
    ],
)
def test_the_link_text_in_calendars_feed_and_home_page(fields: dict[str, Any], label: str) -> None:
    base = {"id": "m", "title": "M", "date": "2027-09-23", "start": "10:00", "end": "12:00"}
    meeting = Meeting.model_validate({**base, "online": {"platform": "Teams"}, **fields})
    details = query(google_event_url(meeting, SITE))["details"]
    assert details.endswith(f"\n{label}: {SITE}moeder/m/") or details == f"{label}: {SITE}moeder/m/"
    item = NewsItem("m-invitation", date(2027, 9, 1), "M", "", "Kom.\n", meeting=meeting)
    atom_link = re.search(r"\[([^\]]+)\]\(\.\./moeder/m\.md\)", entry_markdown(item))
    assert atom_link is not None
    texts = [atom_link[1]]
    if meeting.status == "planned":  # the home page's next meeting is never a called-off one
        button = next_meeting_block(derive(Site((meeting,), (), ()), date(2027, 9, 1)))
        home_link = re.search(r"\[([^\]]+)\]\(moeder/m\.md\)\{ \.md-button", button)
        assert home_link is not None
        texts.append(home_link[1])
    for text in texts:
        assert _promises(text) == _promises(label), text
