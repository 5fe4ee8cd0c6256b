"""The members page at /medlemmer/: members by region, a chart, the organisers.

The page itself is hand-written (``docs/medlemmer/index.md``: title, intro, headings); these
are the blocks it pulls in by placeholder."""

from __future__ import annotations

from collections import Counter

from netvaerk.content.site import Site
from netvaerk.model import REGIONS, Member
from netvaerk.pages import TEMPLATES
from netvaerk.text import urls
from netvaerk.text.danish import short_date
from netvaerk.text.markup import md_text, md_url
from netvaerk.text.templating import render


def region_chart(counts: Counter[str]) -> str:
    """An inline SVG bar chart of members per region (no external requests)."""
    width, bar_h, gap, label_w = 560, 28, 10, 150
    top = max(counts.values(), default=1) or 1
    bars = [
        {
            "region": region,
            "n": counts.get(region, 0),
            "y": i * (bar_h + gap),
            "w": round((width - label_w - 50) * counts.get(region, 0) / top),
        }
        for i, region in enumerate(REGIONS)
    ]
    return render(
        TEMPLATES,
        "region_chart.html",
        width=width,
        height=len(REGIONS) * (bar_h + gap),
        bar_h=bar_h,
        label_w=label_w,
        bars=bars,
        summary=", ".join(f"Region {r}: {counts.get(r, 0)}" for r in REGIONS),
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


def members_by_region(site: Site) -> str:
    """``<!-- netvaerk:members-by-region -->``: a section per region with its members."""
    parts = []
    for region in REGIONS:
        members = sorted((m for m in site.members if m.region == region), key=lambda m: m.name)
        if not members:
            continue
        parts.append(f"## Region {region} ({len(members)})\n")
        parts += [member_entry(m, site, urls.MEMBERS) for m in members]
    return "\n".join(parts)


def organiser_names(site: Site) -> str:
    """``<!-- netvaerk:organisers -->``: the organisers, linked, as 'KL og …' (inline)."""
    return " og ".join(
        f"[{md_text(o.name)}]({md_url(o.url)})" if o.url else md_text(o.name)
        for o in site.organisers
    )


def members_blocks(site: Site) -> dict[str, str]:
    """The generated blocks of the hand-written /medlemmer/ (``docs/medlemmer/index.md``);
    their links are relative to that page."""
    return {
        "member-count": str(len(site.members)),
        "members-chart": region_chart(Counter(m.region for m in site.members)),
        "members-by-region": members_by_region(site),
        "organisers": organiser_names(site),
    }
