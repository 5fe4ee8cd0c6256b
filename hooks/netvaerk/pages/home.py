"""The generated blocks of the hand-written home page (``docs/index.md``), and how any
page pulls blocks in by ``<!-- netvaerk:name -->`` placeholder."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from netvaerk.content.site import Site
from netvaerk.pages.lists import cards
from netvaerk.text import urls
from netvaerk.text.danish import date_range
from netvaerk.text.markup import md_text
from netvaerk.text.meeting_text import meeting_time


def next_meeting_block(site: Site, today: date) -> str:
    meeting = site.next_meeting(today)
    if meeting is None:
        return '<div class="nk-next" markdown>\n\nDer er ingen planlagte møder lige nu.\n\n</div>\n'
    link = urls.link(urls.HOME, urls.meeting_page(meeting.slug))
    lines = [
        '<section class="nk-next" aria-labelledby="nk-next-title" markdown>',
        "",
        '<p class="nk-next__label" id="nk-next-title">Næste møde</p>',
        "",
        f'<p class="nk-next__theme" markdown>[{md_text(meeting.title)}]({link})</p>',
        "",
        f"**{md_text(date_range(meeting.date, meeting.end_date))}**, {meeting_time(meeting)}  ",
        md_text(meeting.place_text),
    ]
    if meeting.summary:
        lines += ["", md_text(meeting.summary)]
    lines += [
        "",
        f"[Se program og tilmelding]({link}){{ .md-button .md-button--primary }}",
        "",
        "</section>",
    ]
    return "\n".join(lines) + "\n"


def upcoming_block(site: Site, today: date) -> str:
    nxt = site.next_meeting(today)
    rest = [m for m in site.upcoming(today) if m is not nxt]
    if not rest:
        return ""
    return (
        "## Kommende møder\n\n"
        + cards(rest[:3], urls.HOME)
        + (f"\n[Alle møder og arkivet]({urls.link(urls.HOME, urls.MEETINGS)})\n")
    )


def facts_block() -> str:
    return (
        '<div class="nk-about" markdown>\n\n'
        "- **Tre møder om året**, normalt heldagsmøder.\n"
        "- **På skift hos medlemskommunerne**, og indimellem online på Teams.\n"
        "- **Medlemskab pr. kommune**: kommunen melder sig ind for et år ad gangen, "
        "og dens landdistriktskoordinatorer deltager i møderne.\n"
        "- **Faciliteret af KL og Landdistrikternes Fællesråd.**\n\n</div>\n"
    )


PLACEHOLDER = re.compile(r"<!--\s*netvaerk:([a-z-]+)\s*-->")


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


def home_blocks(site: Site, today: date) -> dict[str, str]:
    """Generated blocks for ``docs/index.md``, keyed by their placeholder name."""
    return {
        "next-meeting": next_meeting_block(site, today),
        "upcoming": upcoming_block(site, today),
        "facts": facts_block(),
    }
