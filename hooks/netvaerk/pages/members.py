"""The members page at /medlemmer/: members by region, a chart, the organisers.

The page itself is hand-written (``docs/medlemmer/index.md``: title, intro, headings); these
are the blocks it pulls in by placeholder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from netvaerk.content.derive import Derived, MeetingFacts
from netvaerk.content.site import Site
from netvaerk.model import REGIONS, Meeting, Member, Status
from netvaerk.pages import TEMPLATES
from netvaerk.text import urls
from netvaerk.text.danish import genitive, short_date
from netvaerk.text.markup import md_text, md_url
from netvaerk.text.statuses import status_label
from netvaerk.text.templating import render


def region_chart(counts: Counter[str]) -> str:
    """A bar chart of members per region (no external requests). The words and numbers are
    HTML text at body size, so they stay legible on a phone (an SVG's text shrinks with
    it); only the bars are drawn, each an SVG as wide as its share of the largest region."""
    top = max(counts.values(), default=1) or 1
    bars = [{"region": region, "n": counts.get(region, 0)} for region in REGIONS]
    return render(TEMPLATES, "region_chart.html", top=top, bars=bars)


def hosting(meetings: Sequence[MeetingFacts]) -> tuple[list[Meeting], list[Meeting]]:
    """A host's meetings as (held, ahead): "Har lagt hus til" is for meetings that took
    place, "Er vært for" for those still to come, a postponed one included whatever its
    old date. A cancelled meeting had no host: it is in neither."""
    held = [f.meeting for f in meetings if f.meeting.status == Status.PLANNED and f.over]
    ahead = [f.meeting for f in meetings if f.meeting.status == Status.POSTPONED or f.ahead]
    return held, ahead


def _meeting_links(meetings: Sequence[Meeting], from_src: str) -> str:
    """'Tema (28. januar 2027), Andet tema (udskudt)'."""
    return ", ".join(
        f"[{md_text(m.title)}]({urls.link(from_src, urls.meeting_page(m.slug))})"
        f" ({status_label(m).lower() if m.status == Status.POSTPONED else short_date(m.date)})"
        for m in meetings
    )


def member_entry(member: Member, site: Site, from_src: str, derived: Derived) -> str:
    """One member as a card: its name as heading (the anchor ``#<id>``), the year it joined,
    its web site in a link that names it ('Silkeborg Kommunes hjemmeside': a screen reader's
    list of links must say whose), hosted meetings and the contacts that may be shown."""
    lines = [
        '<div class="nk-member" markdown>',
        "",
        f"### {md_text(member.name)} {{#{member.id}}}",
        "",
    ]
    facts = []
    if member.since:
        facts.append(f"Medlem siden {member.since}")
    if member.url:
        facts.append(f"[{md_text(genitive(member.name))} hjemmeside]({md_url(member.url)})")
    if facts:
        lines += [" · ".join(facts), ""]
    held, ahead = hosting([derived.of(m) for m in site.hosted_by(member.id)])
    if held:
        lines += [f"Har lagt hus til: {_meeting_links(held, from_src)}", ""]
    if ahead:
        lines += [f"Er vært for: {_meeting_links(ahead, from_src)}", ""]
    for contact in member.public_contacts:
        text = f"**{md_text(contact.name)}**"
        if contact.role:
            text += f", {md_text(contact.role)}"
        if contact.email:
            text += f" · [{md_text(contact.email)}]({md_url('mailto:' + contact.email)})"
        if contact.phone:  # a phone number is read as one: it never wraps inside
            text += f' · Tlf. <span class="nk-nowrap">{md_text(contact.phone)}</span>'
        lines += [f"- {text}"]
    if member.public_contacts:
        lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)


def members_by_region(site: Site, derived: Derived) -> str:
    """``<!-- netvaerk:members-by-region -->``: a section per region with its members."""
    parts = []
    for region in REGIONS:
        members = sorted((m for m in site.members if m.region == region), key=lambda m: m.name)
        if not members:
            continue
        parts.append(f"## Region {region} ({len(members)})\n")
        parts.append('<div class="nk-members" markdown>\n')
        parts += [member_entry(m, site, urls.MEMBERS, derived) for m in members]
        parts.append("</div>\n")
    return "\n".join(parts)


def organiser_names(site: Site) -> str:
    """``<!-- netvaerk:organisers -->``: the organisers, linked, as 'KL og …' (inline)."""
    return " og ".join(
        f"[{md_text(o.name)}]({md_url(o.url)})" if o.url else md_text(o.name)
        for o in site.organisers
    )


def members_blocks(site: Site, derived: Derived) -> dict[str, str]:
    """The generated blocks of the hand-written /medlemmer/ (``docs/medlemmer/index.md``);
    their links are relative to that page."""
    return {
        "member-count": str(len(site.members)),
        "members-chart": region_chart(Counter(m.region for m in site.members)),
        "members-by-region": members_by_region(site, derived),
        "organisers": organiser_names(site),
    }
