"""The generated blocks of the hand-written home page (``docs/index.md``), and how any
page pulls blocks in by ``<!-- netvaerk:name -->`` placeholder."""

from __future__ import annotations

import re
from collections.abc import Mapping

from netvaerk.content.derive import Derived
from netvaerk.content.placeholders import PLACEHOLDER
from netvaerk.content.site import Site
from netvaerk.pages import TEMPLATES
from netvaerk.pages.lists import cards
from netvaerk.text import urls
from netvaerk.text.danish import date_range
from netvaerk.text.markup import md_text, md_url
from netvaerk.text.meeting_text import meeting_time, page_offers
from netvaerk.text.templating import render


def next_meeting_block(derived: Derived) -> str:
    facts = derived.next_meeting
    if facts is None:
        return render(TEMPLATES, "next_meeting.html", meeting=None)
    meeting = facts.meeting
    return render(
        TEMPLATES,
        "next_meeting.html",
        meeting=meeting,
        link=urls.link(urls.HOME, urls.meeting_page(meeting.slug)),
        when=date_range(meeting.date, meeting.end_date),
        time=meeting_time(meeting),
        offers=page_offers(meeting),
    )


def upcoming_block(derived: Derived) -> str:
    nxt = derived.next_meeting
    rest = [f.meeting for f in derived.upcoming if f is not nxt]
    if not rest:
        return ""
    return (
        "## Kommende møder\n\n"
        + cards(rest[:3], urls.HOME)
        + (f"\n[Alle møder og arkivet]({urls.link(urls.HOME, urls.MEETINGS)})\n")
    )


def insert_blocks(markdown: str, blocks: Mapping[str, str]) -> tuple[str, list[str]]:
    """Replace ``<!-- netvaerk:name -->`` placeholders; also return unknown names."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name not in blocks:
            unknown.append(name)
            return match[0]
        return blocks[name]

    return PLACEHOLDER.sub(replace, markdown), unknown


def contact_link(site: Site) -> str:
    """``<!-- netvaerk:contact -->``: the network's address as a mail link (inline), or the
    organisers' names, linked, when members.yaml gives no address."""
    if site.contact_email is not None:
        address = site.contact_email
        return f"[{md_text(address)}]({md_url('mailto:' + address)})"
    return " og ".join(
        f"[{md_text(o.name)}]({md_url(o.url)})" if o.url else md_text(o.name)
        for o in site.organisers
    )


def home_blocks(site: Site, derived: Derived) -> dict[str, str]:
    """Generated blocks for ``docs/index.md``, keyed by their placeholder name; ``contact``
    is for any page (the accessibility statement, news)."""
    return {
        "next-meeting": next_meeting_block(derived),
        "upcoming": upcoming_block(derived),
        "contact": contact_link(site),
    }
