"""The second floor (issue 21): the same data as plain pages, built by MkDocs alone.

The first floor (``floor-docs``, exported by ``instrumented.py``) is the project's own final
Markdown built without the hooks: it measures what the hooks' code costs. It cannot show
what the richer pages cost, because it has them too (definition lists, tables, HTML blocks
that ``md_in_html`` parses again, admonitions). This floor writes the same facts as the
simplest Markdown a person would write by hand: one page per meeting with a heading, short
paragraphs and plain lists; one per published news item; plain lists for the meetings, the
news and the members. The same pages exist (a page for every page of the first floor, so
the same search index entries and sitemap), and every other file of the first floor is kept
as it is (the editors' own pages, the calendars, the feed, the styles), so the difference
between the two floors is the richness of the generated pages alone.

It reads the data with PyYAML alone, not with the project's model: a floor must not run the
code it measures. Which news items are out is taken from the first floor's files (what
the build published), not decided again here.

    python bench/plain.py <data dir> <floor docs dir> <plain docs dir>
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

NEWS_SUFFIX = "-invitation.md"  # a meeting's announcement page, nyheder/<id>-invitation.md


def _when(meeting: dict[str, Any]) -> str:
    day = str(meeting["date"])
    if meeting.get("end_date"):
        day += f" til {meeting['end_date']}"
    return f"{day}, {meeting['start']}–{meeting['end']}"


def _place(meeting: dict[str, Any]) -> str:
    parts = []
    if venue := meeting.get("venue"):
        parts.append(f"{venue['name']}, {venue['address']}")
    if online := meeting.get("online"):
        parts.append(f"online ({online['platform']}): <{online['url']}>")
    return " og ".join(parts)


def meeting_page(meeting: dict[str, Any]) -> str:
    """One meeting's facts: heading, paragraphs and plain lists, nothing else."""
    lines = [f"# {meeting['title']}", "", meeting["summary"], ""]
    if status := meeting.get("status"):
        lines += [f"Status: {status}", ""]
    lines += [f"Tid: {_when(meeting)}", "", f"Sted: {_place(meeting)}", ""]
    lines += [meeting["description"], ""]
    if registration := meeting.get("registration"):
        lines += [
            f"Tilmelding: <{registration['url']}>, senest {registration['deadline']}. "
            f"Pris: {registration.get('price', '')}",
            "",
        ]
    if programme := meeting.get("programme"):
        lines += ["## Program", ""]
        for item in programme:
            day = f"dag {item['day']}, " if item.get("day") else ""
            speakers = f" ({', '.join(item['speakers'])})" if item.get("speakers") else ""
            lines.append(f"- {day}{item['start']}–{item['end']}: {item['title']}{speakers}")
            if item.get("description"):
                lines.append(f"  {item['description']}")
        lines.append("")
    if materials := meeting.get("materials"):
        lines += ["## Materialer", ""]
        lines += [f"- [{m['title']}]({m['url']})" for m in materials]
        lines.append("")
    return "\n".join(lines)


def news_page(meeting: dict[str, Any]) -> str:
    news = meeting["announcement"]
    return (
        f"# {news['title']}\n\n{news['date']}\n\n{news['body']}\n\n"
        f"[Om mødet](../moeder/{meeting['id']}.md)\n"
    )


def members_page(members: list[dict[str, Any]]) -> str:
    lines = ["# Medlemmer", ""]
    for member in members:
        lines.append(f"- [{member['name']}]({member['url']}), {member['region']}")
        for contact in member.get("contacts", []):
            if contact.get("public"):
                lines.append(
                    f"    - {contact['name']}, {contact['role']}, "
                    f"<{contact['email']}>, {contact.get('phone', '')}"
                )
    return "\n".join(lines) + "\n"


def write(data_dir: Path, floor_docs: Path, out: Path) -> int:
    """Write the plain docs to ``out`` (replacing it); the number of Markdown pages."""
    meetings = yaml.safe_load((data_dir / "meetings.yaml").read_text("utf-8"))["meetings"]
    members = yaml.safe_load((data_dir / "members.yaml").read_text("utf-8"))["members"]
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(floor_docs, out)
    published = sorted(p.name for p in (floor_docs / "nyheder").glob(f"*{NEWS_SUFFIX}"))
    by_id = {str(m["id"]): m for m in meetings}
    pages: dict[str, str] = {}
    for meeting in meetings:
        pages[f"moeder/{meeting['id']}.md"] = meeting_page(meeting)
    for name in published:
        pages[f"nyheder/{name}"] = news_page(by_id[name.removesuffix(NEWS_SUFFIX)])
    written_news = sorted(
        p.name
        for p in (floor_docs / "nyheder").glob("*.md")
        if p.name != "index.md" and not p.name.endswith(NEWS_SUFFIX)
    )
    pages["nyheder/index.md"] = "# Nyheder\n\n" + "".join(
        f"- [{name.removesuffix('.md')}]({name})\n"
        for name in [*reversed(published), *written_news]
    )
    pages["moeder/index.md"] = "# Møder\n\n" + "".join(
        f"- [{m['date']}: {m['title']}]({m['id']}.md)\n" for m in reversed(meetings)
    )
    pages["medlemmer/index.md"] = members_page(members)
    pages["index.md"] = (
        "# Kommunernes Netværk for Landdistriktskoordinatorer\n\n"
        "- [Møder](moeder/index.md)\n- [Nyheder](nyheder/index.md)\n"
        "- [Medlemmer](medlemmer/index.md)\n- [Om netværket](om.md)\n"
    )
    for name, text in pages.items():
        target = out / name
        if not target.is_file():  # every page replaces one of the first floor's, no new page
            raise SystemExit(f"plain floor: {name} is not a page of {floor_docs}")
        target.write_text(text, encoding="utf-8")
    return len(list(out.rglob("*.md")))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    print(write(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
