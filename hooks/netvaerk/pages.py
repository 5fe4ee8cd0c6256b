"""Markdown for the generated pages: meeting pages, the meeting list, the members page and
the blocks inserted into the hand-written home page.

Each function takes the validated ``Site`` and the build date and returns Markdown text;
links to other pages are relative Markdown links so MkDocs validates them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from itertools import groupby
from typing import Any

import yaml

from . import urls
from .agenda import programme_table
from .danish import date_range, long_date, short_date
from .markup import html_text, md_text, md_url
from .meeting_text import meeting_summary, meeting_time, meeting_when
from .model import REGIONS, Meeting, Member, Status
from .site import Site
from .statuses import STATUS_TEXT
from .subscribe import add_to_calendar

try:  # libyaml's emitter: about six times faster, and every generated page has front matter
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Dumper = yaml.SafeDumper

# How Material's admonitions colour the notice of a meeting that does not take place.
_NOTICE_KIND = {Status.CANCELLED: "danger", Status.POSTPONED: "warning"}


def status_label(meeting: Meeting) -> str:
    """'Aflyst' or 'Udskudt', or '' for a planned meeting."""
    text = STATUS_TEXT.get(meeting.status)
    return text.label if text else ""


def front_matter(title: str, description: str | None = None, **extra: object) -> str:
    """YAML front matter; title and description are HTML-escaped: the theme does not escape
    them (``<title>``, ``<meta name="description" content="…">``)."""
    meta: dict[str, object] = {"title": html_text(title)}
    if description:
        meta["description"] = html_text(description)
    meta.update(extra)
    text = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return "---\n" + text + "---\n\n"


def status_notice(meeting: Meeting) -> str:
    """An unmistakable box for a cancelled or postponed meeting, '' for a planned one."""
    text = STATUS_TEXT.get(meeting.status)
    if text is None:
        return ""
    return f'!!! {_NOTICE_KIND[meeting.status]} "{text.heading}"\n\n    {text.detail}\n'


def status_badge(meeting: Meeting) -> str:
    label = status_label(meeting)
    return (
        f'<span class="nk-status nk-status--{meeting.status.value}">{label}</span> '
        if label
        else ""
    )


def meeting_facts(meeting: Meeting, site: Site, from_src: str, with_theme: bool = False) -> str:
    """The key facts as a definition list: when, where, host, online (and the theme, linked
    to the meeting page, for pages about the meeting such as its invitation)."""
    rows: list[tuple[str, str]] = []
    if with_theme:
        target = urls.link(from_src, urls.meeting_page(meeting.slug))
        rows.append(("Tema", f"[{md_text(meeting.title)}]({target})"))
    rows += [
        ("Dato", md_text(date_range(meeting.date, meeting.end_date))),
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
    if meeting.status != Status.PLANNED:
        rows.append(("Status", status_label(meeting)))
    body = "\n\n".join(f"{term}\n:   {value}" for term, value in rows)
    return f'<div class="nk-facts" markdown>\n\n{body}\n\n</div>\n'


def registration_block(meeting: Meeting, today: date) -> str:
    """Sign-up call to action; only for a planned meeting that has not happened yet."""
    reg = meeting.registration
    if reg is None or meeting.status != Status.PLANNED or meeting.last_day < today:
        return ""
    lines = ["## Tilmelding", ""]
    if reg.deadline and reg.deadline < today:
        lines.append(f"Tilmeldingsfristen var {long_date(reg.deadline)}.")
        return "\n".join(lines) + "\n"
    if reg.deadline:
        lines += [f"Tilmeld dig senest **{long_date(reg.deadline)}**.", ""]
    if reg.price:
        lines += [f"Pris: {md_text(reg.price)}", ""]
    lines.append(f"[Tilmeld dig]({md_url(reg.url)}){{ .md-button .md-button--primary }}")
    return "\n".join(lines) + "\n"


def programme_and_signup(meeting: Meeting, today: date) -> list[str]:
    """The programme section and the sign-up call to action, as on the meeting's own page."""
    table = programme_table(meeting)
    parts = ["## Program\n\n" + table] if table else []
    block = registration_block(meeting, today)
    return [*parts, block] if block else parts


def meeting_page(meeting: Meeting, site: Site, today: date, site_url: str = "") -> str:
    """The page of one meeting."""
    src = urls.meeting_page(meeting.slug)
    title = meeting.title
    if meeting.status != Status.PLANNED:
        title = f"{status_label(meeting)}: {title}"
    parts = [front_matter(title, meeting_summary(meeting)), f"# {md_text(meeting.title)}\n"]
    parts.append(status_notice(meeting))
    parts.append(meeting_facts(meeting, site, src))
    parts.append(add_to_calendar(meeting, site_url))
    if meeting.summary:
        parts.append(f'<p class="nk-lead">{html_text(meeting.summary)}</p>\n')
    if meeting.description:
        parts.append(meeting.description.strip() + "\n")
    parts += programme_and_signup(meeting, today)
    if meeting.materials:
        items = "\n".join(f"- [{md_text(m.title)}]({md_url(m.url)})" for m in meeting.materials)
        parts.append(f"## Materialer\n\n{items}\n")
    parts.append(f"[← Alle møder]({urls.link(src, urls.MEETINGS)})\n")
    return "\n".join(parts)


def meeting_card(meeting: Meeting, from_src: str) -> str:
    """A card for lists: date badge, theme linked, time and place, summary."""
    link = urls.link(from_src, urls.meeting_page(meeting.slug))
    lines = [
        f'<article class="nk-card nk-card--{meeting.status.value}" markdown>',
        "",
        f'<p class="nk-card__date">{status_badge(meeting)}'
        f"{html_text(date_range(meeting.date, meeting.end_date))}</p>",
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
                    f"- [{md_text(meeting.title)}]({link}){flag}, {meeting_when(meeting)}"
                    f" – {md_text(meeting.place_text)}"
                )
            parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def region_chart(counts: Counter[str]) -> str:
    """An inline SVG bar chart of members per region (no external requests)."""
    width, bar_h, gap, label_w = 560, 28, 10, 150
    top = max(counts.values(), default=1) or 1
    rows = []
    for i, region in enumerate(REGIONS):
        y = i * (bar_h + gap)
        n = counts.get(region, 0)
        w = round((width - label_w - 50) * n / top)
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{region}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 19}">{n}</text>'
        )
    height = len(REGIONS) * (bar_h + gap)
    summary = ", ".join(f"Region {r}: {counts.get(r, 0)}" for r in REGIONS)
    return (
        f'<figure class="nk-chart"><svg role="img" aria-labelledby="nk-chart-title" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="nk-chart-title">Medlemskommuner pr. region: {summary}</title>'
        + "".join(rows)
        + "</svg><figcaption>Medlemskommuner pr. region</figcaption></figure>\n"
    )


def member_entry(member: Member, site: Site, from_src: str) -> str:
    lines = [f"### {md_text(member.name)} {{#{member.id}}}", ""]
    facts = []
    if member.since:
        facts.append(f"Medlem siden {member.since}")
    if member.url:
        facts.append(f"[Hjemmeside]({md_url(member.url)})")
    if facts:
        lines += [" · ".join(facts), ""]
    hosted = site.hosted_by(member.id)
    if hosted:
        links = ", ".join(
            f"[{md_text(m.title)}]({urls.link(from_src, urls.meeting_page(m.slug))})"
            f" ({short_date(m.date)})"
            for m in hosted
        )
        lines += [f"Har lagt hus til: {links}", ""]
    for contact in member.public_contacts:
        text = f"**{md_text(contact.name)}**"
        if contact.role:
            text += f", {md_text(contact.role)}"
        if contact.email:
            text += f" · [{md_text(contact.email)}]({md_url('mailto:' + contact.email)})"
        if contact.phone:
            text += f" · Tlf. {md_text(contact.phone)}"
        lines += [f"- {text}"]
    if member.public_contacts:
        lines.append("")
    return "\n".join(lines)


def members_page(site: Site) -> str:
    """/medlemmer/: members by region with counts, the organisers, a chart."""
    src = urls.MEMBERS
    counts = Counter(m.region for m in site.members)
    total = len(site.members)
    parts = [
        front_matter(
            "Medlemmer", "Kommunerne i Kommunernes Netværk for Landdistriktskoordinatorer."
        ),
        "# Medlemmer\n",
        f"{total} kommuner er med i netværket. Kommunerne melder sig ind for et år ad gangen, "
        "og deres landdistriktskoordinatorer deltager i møderne.\n",
        region_chart(counts),
    ]
    for region in REGIONS:
        members = sorted((m for m in site.members if m.region == region), key=lambda m: m.name)
        if not members:
            continue
        parts.append(f"## Region {region} ({len(members)})\n")
        parts += [member_entry(m, site, src) for m in members]
    if site.organisers:
        parts.append("## Facilitatorer\n")
        parts.append(
            "Netværket faciliteres i fællesskab af "
            + " og ".join(
                f"[{md_text(o.name)}]({md_url(o.url)})" if o.url else md_text(o.name)
                for o in site.organisers
            )
            + ".\n"
        )
    return "\n".join(parts)


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
        "- **Tilmelding pr. kommune**: kommunen melder sig ind for et år ad gangen, "
        "og dens landdistriktskoordinatorer deltager.\n"
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
