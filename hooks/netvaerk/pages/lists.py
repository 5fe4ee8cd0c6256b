"""The meeting list at /moeder/: upcoming meetings as cards, then the archive by year."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from netvaerk.content.site import Site
from netvaerk.model import Meeting
from netvaerk.text import urls
from netvaerk.text.danish import date_range
from netvaerk.text.markup import front_matter, md_text
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


def meetings_index(site: Site, today: date) -> str:
    """/moeder/: upcoming meetings as cards, then the archive by year."""
    src = urls.MEETINGS
    parts = [
        front_matter("Møder", "Netværkets kommende møder og arkivet over tidligere møder."),
        "# Møder\n",
        "Netværket mødes tre gange om året. Her er de kommende møder og arkivet.\n",
        "<!-- netvaerk:subscribe -->\n",
        "## Kommende møder\n",
    ]
    upcoming = site.upcoming(today)
    parts.append(cards(upcoming, src) if upcoming else "Der er ingen planlagte møder lige nu.\n")
    past = site.past(today)
    if past:
        parts.append("## Arkiv\n")
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
