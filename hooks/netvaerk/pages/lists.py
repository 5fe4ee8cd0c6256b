"""The meeting list at /moeder/: upcoming meetings as cards, then the archive by year.

The page itself is hand-written (``docs/moeder/index.md``: title, intro, headings); these
are the blocks it pulls in by placeholder, and the cards the home page shares."""

from __future__ import annotations

from itertools import groupby

from netvaerk.content.derive import Derived
from netvaerk.model import Meeting
from netvaerk.text import urls
from netvaerk.text.danish import date_range
from netvaerk.text.markup import md_text
from netvaerk.text.meeting_text import date_html, meeting_time, meeting_when
from netvaerk.text.statuses import status_badge, status_label


def meeting_card(meeting: Meeting, from_src: str) -> str:
    """A card for lists: date badge, theme linked, time and place, summary."""
    link = urls.link(from_src, urls.meeting_page(meeting.slug))
    lines = [
        f'<article class="nk-card nk-card--{meeting.status.value}" markdown>',
        "",
        f'<p class="nk-card__date">{status_badge(meeting)}'
        f"{date_html(meeting, date_range(meeting.date, meeting.end_date))}</p>",
        "",
        f"### [{md_text(meeting.title)}]({link})",
        "",
        f"{meeting_time(meeting)} · {md_text(meeting.place_text)}",
    ]
    if meeting.summary:
        lines += ["", md_text(meeting.summary)]
    lines += ["", "</article>"]
    return "\n".join(lines)


def cards(meetings: list[Meeting], from_src: str) -> str:
    body = "\n\n".join(meeting_card(m, from_src) for m in meetings)
    return f'<div class="nk-cards" markdown>\n\n{body}\n\n</div>\n'


def upcoming_meetings_block(derived: Derived) -> str:
    """``<!-- netvaerk:upcoming-meetings -->`` on /moeder/: every upcoming meeting as a card."""
    upcoming = [f.meeting for f in derived.upcoming]
    return cards(upcoming, urls.MEETINGS) if upcoming else "Der er ingen planlagte møder lige nu.\n"


def archive_block(derived: Derived) -> str:
    """``<!-- netvaerk:archive -->`` on /moeder/: past meetings by year (nothing if none)."""
    src = urls.MEETINGS
    past = [f.meeting for f in derived.past]
    if not past:
        return ""
    parts = ["## Arkiv\n"]
    for year, group in groupby(past, key=lambda m: m.date.year):
        parts.append(f"### {year}\n")
        lines = []
        for meeting in group:
            link = urls.link(src, urls.meeting_page(meeting.slug))
            label = status_label(meeting)
            flag = f" ({label.lower()})" if label else ""
            lines.append(
                f"- [{md_text(meeting.title)}]({link}){flag}, "
                f"{date_html(meeting, meeting_when(meeting))}"
                f" – {md_text(meeting.place_text)}"
            )
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def meetings_blocks(derived: Derived) -> dict[str, str]:
    """The generated blocks of the hand-written /moeder/ (``docs/moeder/index.md``); their
    links are relative to that page."""
    return {
        "upcoming-meetings": upcoming_meetings_block(derived),
        "archive": archive_block(derived),
    }
