"""The page of one meeting: facts, calendar links, description, programme, sign-up,
materials. Its parts are shared with the meeting's invitation (``news_pages``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markupsafe import Markup

from netvaerk.content.derive import MeetingFacts
from netvaerk.content.site import Site
from netvaerk.model import Meeting, Status
from netvaerk.pages import TEMPLATES
from netvaerk.pages.agenda import programme_table
from netvaerk.pages.subscribe import add_to_calendar
from netvaerk.text import urls
from netvaerk.text.danish import date_range, long_date
from netvaerk.text.markup import front_matter, html_text, md_text, md_url
from netvaerk.text.meeting_text import date_html, meeting_summary, meeting_time, moved_notice
from netvaerk.text.safe_markdown import checked
from netvaerk.text.statuses import status_label, status_notice
from netvaerk.text.templating import render


def meeting_facts(meeting: Meeting, site: Site, from_src: str, with_theme: bool = False) -> str:
    """The key facts as a definition list: when, where, host, online (and the theme, linked
    to the meeting page, for pages about the meeting such as its invitation)."""
    rows: list[tuple[str, str]] = []
    if with_theme:
        target = urls.link(from_src, urls.meeting_page(meeting.slug))
        rows.append(("Tema", f"[{md_text(meeting.title)}]({target})"))
    rows += [
        ("Dato", date_html(meeting, date_range(meeting.date, meeting.end_date))),
        ("Tid", meeting_time(meeting)),
    ]
    if meeting.venue:
        where = md_text(meeting.venue.name)
        if meeting.venue.address:
            where += f", {md_text(meeting.venue.address)}"
        rows.append(("Sted", where))
        host = site.member(meeting.venue.host)
        if host is not None:
            target = urls.link(from_src, urls.MEMBERS, host.id)
            rows.append(("Vært", f"[{md_text(host.name)}]({target})"))
    if meeting.online:
        online = f"{md_text(meeting.online.platform)}"
        if meeting.join_url:
            online += f" – [deltag via linket]({md_url(meeting.join_url)})"
        rows.append(("Online", online))
    # A definition list in Markdown; the values are escaped where they hold editors' text.
    before, after = _facts_frame()
    return before + "\n\n".join(f"{term}\n:   {value}" for term, value in rows) + after


@cache
def _facts_frame() -> tuple[str, str]:
    """The HTML around the facts, from its template, rendered once: a Jinja render for
    every meeting page and invitation cost a 1,000-meeting build about 0.1 s."""
    before, after = render(TEMPLATES, "meeting_facts.html", rows=Markup("\0")).split("\0")
    return before, after


def moved_box(facts: MeetingFacts) -> str:
    """'Mødet er flyttet' with what changed since it was published (``published_before``:
    that version, ``content/moves.py``); only while it is ahead and not cancelled."""
    meeting, before = facts.meeting, facts.published_before
    if before is None or meeting.status == Status.CANCELLED or facts.over:
        return ""
    text = moved_notice(before, meeting)
    return f'!!! nk-moved "Mødet er flyttet"\n\n    {md_text(text)}\n' if text else ""


def registration_block(facts: MeetingFacts) -> str:
    """Sign-up call to action; only for a planned meeting that has not happened yet."""
    reg = facts.meeting.registration
    if reg is None or not facts.ahead:
        return ""
    lines = ["## Tilmelding", ""]
    if reg.deadline and facts.registration_closed:
        lines.append(f"Tilmeldingen er lukket. Fristen var {long_date(reg.deadline)}.")
        return "\n".join(lines) + "\n"
    if reg.deadline:
        lines += [f"Tilmeld dig senest **{long_date(reg.deadline)}**.", ""]
    if reg.price:
        lines += [f"Pris: {md_text(reg.price)}", ""]
    lines.append(f"[Tilmeld dig]({md_url(reg.url)}){{ .md-button .md-button--primary }}")
    return "\n".join(lines) + "\n"


def programme_and_signup(facts: MeetingFacts) -> list[str]:
    """The programme section and the sign-up call to action, as on the meeting's own page."""
    table = programme_table(facts.meeting)
    parts = ["## Program\n\n" + table] if table else []
    block = registration_block(facts)
    return [*parts, block] if block else parts


def meeting_page(
    facts: MeetingFacts, site: Site, site_url: str = "", programme: Sequence[str] | None = None
) -> str:
    """The page of one meeting, as its facts on the build's day say (``content/derive.py``);
    ``programme``: its ``programme_and_signup``, if already made (for its invitation)."""
    meeting = facts.meeting
    src = urls.meeting_page(meeting.slug)
    title = meeting.title
    if meeting.status != Status.PLANNED:
        title = f"{status_label(meeting)}: {title}"
    parts = [front_matter(title, meeting_summary(meeting)), f"# {md_text(meeting.title)}\n"]
    parts.append(status_notice(meeting))
    parts.append(moved_box(facts))
    parts.append(meeting_facts(meeting, site, src))
    parts.append(add_to_calendar(facts, site_url))
    if meeting.summary and meeting.status == Status.PLANNED:  # else the notice's reason
        parts.append(f'<p class="nk-lead">{html_text(meeting.summary)}</p>\n')
    if meeting.description:
        parts.append(checked(meeting.description.strip()) + "\n")
    parts += programme_and_signup(facts) if programme is None else programme
    if meeting.materials:
        # A file in docs/materialer/ is linked relative to this page, so MkDocs copies it.
        targets = [urls.link(src, m.url) if m.in_repository else m.url for m in meeting.materials]
        items = "\n".join(
            f"- [{md_text(m.title)}]({md_url(target)})"
            for m, target in zip(meeting.materials, targets, strict=True)
        )
        parts.append(f"## Materialer\n\n{items}\n")
    parts.append(f"[← Alle møder]({urls.link(src, urls.MEETINGS)})\n")
    return "\n".join(parts)
