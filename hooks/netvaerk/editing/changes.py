"""``make changes``: what a change to the data does, in Danish, for the one who reviews it.

Compares the validated content at a Git revision (default: where the branch left
``origin/main``) with the working tree, and says what readers and subscribers will notice:
new, moved, cancelled and postponed meetings, changed programmes, new members and contacts
made public, news that comes out and when, and what the calendar will show. The pull-request
workflow writes the same text to the job summary.

``describe`` is the pure comparison (two loaded contents in, Markdown lines out); the rest
reads the files of a revision with Git into a temporary folder and loads them with the
project's own loader (``content/load.py``), so both sides are read exactly as a build would.

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.editing.changes [--base REV] [project-root]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netvaerk.content import clock
from netvaerk.content.load import load_content
from netvaerk.content.news import NEWS_DIR, NewsItem, announcements
from netvaerk.content.problems import DataError, format_problems
from netvaerk.content.site import Site
from netvaerk.model import Contact, Meeting, Member, Status, resolve_slots
from netvaerk.text.danish import clock as clock_text
from netvaerk.text.danish import day_month_long, kl, long_date, short_date
from netvaerk.text.meeting_text import event_summary
from netvaerk.text.statuses import STATUS_TEXT


@dataclass(frozen=True)
class Content:
    """One side of the comparison: the data files and the editors' news files."""

    site: Site
    written: tuple[NewsItem, ...] = ()


EMPTY = Content(Site(meetings=(), members=(), organisers=()))

# Fields a subscriber's calendar shows (feeds/calendar.py): a change to one updates the event.
_CALENDAR_FIELDS = (
    "title",
    "date",
    "end_date",
    "start",
    "end",
    "status",
    "venue",
    "online",
    "summary",
    "programme",
    "registration",
)
# Other meeting fields, by their Danish names, for "also changed".
_OTHER_FIELDS = {
    "summary": "kort beskrivelse (summary)",
    "description": "beskrivelse",
    "registration": "tilmelding",
    "online": "onlinelink",
}
# A called-off meeting's word is the one every other output uses (text/statuses.py).
_STATUS_WORDS = {
    Status.PLANNED: "holdes som planlagt",
    **{status: text.label.lower() for status, text in STATUS_TEXT.items()},
}


def _title(meeting: Meeting) -> str:
    return f"»{meeting.title}«"


def _when(meeting: Meeting) -> str:
    """'torsdag den 22. april 2027 kl. 10.00–15.00', or from one day to the next."""
    if meeting.end_date is None:
        return f"{long_date(meeting.date)} {kl(meeting.start, meeting.end)}"
    return (
        f"fra {long_date(meeting.date)} kl. {clock_text(meeting.start)} "
        f"til {long_date(meeting.last_day)} kl. {clock_text(meeting.end)}"
    )


def _still_mentions(old: Meeting, new: Meeting) -> list[str]:
    """Reminders when a moved meeting's texts still name its old day ('28. januar')."""
    day = day_month_long(old.date)
    if old.date == new.date:
        return []
    texts = {
        "invitationen (`announcement`)": new.announcement
        and f"{new.announcement.title or ''} {new.announcement.body or ''}",
        "beskrivelsen (`description`)": new.description,
        "den korte beskrivelse (`summary`)": new.summary,
    }
    return [
        f"  - Husk at rette {where}: den nævner stadig »{day}«."
        for where, text in texts.items()
        if text and day in " ".join(text.split())
    ]


def _calendar_line(meeting: Meeting) -> str:
    return f"  - Abonnenter ser: »{event_summary(meeting)}« {_when(meeting)}"


def _changed(old: Meeting, new: Meeting, fields: Iterable[str]) -> list[str]:
    return [name for name in fields if getattr(old, name) != getattr(new, name)]


def _slot_texts(meeting: Meeting) -> dict[tuple[int, str, int], str]:
    """Each programme item by (day, title, how many items of that title came before): its
    time and speakers as text. Two breaks called »Kaffe« are two items."""
    texts: dict[tuple[int, str, int], str] = {}
    for slot in resolve_slots(meeting):
        item = slot.item
        seen = sum(1 for day, title, _ in texts if (day, title) == (item.day, item.title))
        day = f"dag {item.day}, " if meeting.end_date else ""
        speakers = f" ({', '.join(item.speakers)})" if item.speakers else ""
        texts[(item.day, item.title, seen)] = f"{day}{kl(item.start, slot.end)}{speakers}"
    return texts


def _programme(old: Meeting, new: Meeting) -> list[str]:
    """Sub-items saying what changed in the programme, item by item."""
    before, after = _slot_texts(old), _slot_texts(new)
    if not before:
        return [f"  - Programmet er lagt på: {len(after)} punkter."]
    if not after:
        return ["  - Programmet er fjernet."]
    lines = []
    for key, text in after.items():
        if key not in before:
            lines.append(f"  - Nyt programpunkt: »{key[1]}«, {text}.")
        elif before[key] != text:
            lines.append(f"  - Programpunktet »{key[1]}«: {before[key]} → {text}.")
    lines += [f"  - Fjernet fra programmet: »{k[1]}«." for k in before if k not in after]
    return lines or ["  - Programmets rækkefølge eller tekster er ændret."]


def _meeting_changes(old: Meeting, new: Meeting) -> list[str]:
    """Bullets for one meeting that is in both versions; [] when nothing shows."""
    lines: list[str] = []
    subject = _title(new)
    if old.status != new.status:
        word = _STATUS_WORDS[new.status]
        head = "Genoptaget" if new.status == Status.PLANNED else word.capitalize()
        lines.append(f"- **{head}:** {subject}, {_when(new)}. Mødet er nu {word}.")
        if new.status != Status.PLANNED and not new.summary:
            lines.append("  - Husk en kort besked i `summary`, fx hvorfor og hvad der sker nu.")
    if (old.date, old.end_date, old.start, old.end) != (new.date, new.end_date, new.start, new.end):
        lines.append(f"- **Flyttet:** {subject}: før {_when(old)}, nu {_when(new)}.")
        lines += _still_mentions(old, new)
    if old.place_text != new.place_text:
        lines.append(
            f"- **Nyt sted:** {subject}: fra {old.place_text or 'intet sted'} "
            f"til {new.place_text or 'intet sted'}."
        )
    if old.title != new.title:
        lines.append(f"- **Nyt tema:** {_title(old)} hedder nu {subject}.")
    programme = _programme(old, new) if old.programme != new.programme else []
    if programme:
        lines += [f"- **Programmet er ændret:** {subject}.", *programme]
    added = [f"»{m.title}«" for m in new.materials if m not in old.materials]
    gone = [f"»{m.title}«" for m in old.materials if m not in new.materials]
    if added:
        lines.append(f"- **Materialer lagt på:** {subject}: {', '.join(added)}.")
    if gone:
        lines.append(f"- **Materialer fjernet:** {subject}: {', '.join(gone)}.")
    others = [_OTHER_FIELDS[n] for n in _changed(old, new, _OTHER_FIELDS)]
    if old.place_text != new.place_text and "onlinelink" in others:
        others.remove("onlinelink")
    if others:
        lines.append(f"- **Også ændret i** {subject}: {', '.join(others)}.")
    if lines and _changed(old, new, _CALENDAR_FIELDS):
        lines.append(_calendar_line(new))
    return lines


def meeting_lines(old: Site, new: Site) -> list[str]:
    """New, removed and changed meetings, in date order."""
    before = {m.slug: m for m in old.meetings}
    after = {m.slug: m for m in new.meetings}
    lines = []
    for meeting in new.meetings:
        previous = before.get(meeting.slug)
        if previous is None:
            status = _STATUS_WORDS[meeting.status]
            flag = "" if meeting.status == Status.PLANNED else f" (mødet er {status})"
            lines.append(
                f"- **Nyt møde:** {_title(meeting)}, {_when(meeting)}, {meeting.place_text}{flag}."
            )
            if meeting.programme:
                lines.append(f"  - Med program: {len(meeting.programme)} punkter.")
            lines.append(_calendar_line(meeting))
        elif previous != meeting:
            lines += _meeting_changes(previous, meeting)
    for meeting in old.meetings:
        if meeting.slug not in after:
            lines.append(
                f"- **Slettet:** {_title(meeting)}, {_when(meeting)}. Siden forsvinder, og "
                "mødet forsvinder fra abonnenternes kalendere uden besked. Skal det aflyses, "
                "så lad det stå med `status: cancelled` i stedet."
            )
    return lines


def _contact_text(contact: Contact, member: Member) -> str:
    role = f", {contact.role}" if contact.role else ""
    shown = [w for w, v in (("e-mail", contact.email), ("telefon", contact.phone)) if v]
    also = f" (med {' og '.join(shown)})" if shown else ""
    return f"{contact.name}{role}, {member.name}{also}"


def member_lines(old: Site, new: Site) -> list[str]:
    """New and removed members, and contact persons that appear on or leave the site."""
    before = {m.id: m for m in old.members}
    after = {m.id: m for m in new.members}
    lines = []
    for member in new.members:
        previous = before.get(member.id)
        if previous is None:
            lines.append(f"- **Nyt medlem:** {member.name} (Region {member.region}).")
        elif previous != member:
            changed = [
                word
                for name, word in (("name", "navn"), ("region", "region"), ("url", "hjemmeside"))
                if getattr(previous, name) != getattr(member, name)
            ]
            if changed:
                lines.append(f"- **Ændret medlem:** {member.name}: {', '.join(changed)}.")
        was_public = {c.name for c in previous.public_contacts} if previous else set()
        for contact in member.public_contacts:
            if contact.name not in was_public:
                lines.append(
                    f"- **Kontaktperson vises nu på siden:** {_contact_text(contact, member)}. "
                    "Personen skal have givet samtykke."
                )
        now_public = {c.name for c in member.public_contacts}
        for name in sorted(was_public - now_public):
            lines.append(f"- **Kontaktperson vises ikke længere:** {name}, {member.name}.")
    for member in old.members:
        if member.id not in after:
            lines.append(f"- **Medlem fjernet:** {member.name}.")
    return lines


def _out(item: NewsItem, today: date) -> str:
    if item.date <= today:
        return f"udkommer, så snart ændringen er udgivet (dateret {short_date(item.date)})"
    return f"udkommer den {short_date(item.date)}"


def news_lines(old: Content, new: Content, today: date) -> list[str]:
    """Invitations and news files that are new, moved in time, rewritten or removed."""
    before = {i.slug: i for i in (*announcements(old.site), *old.written)}
    after = {i.slug: i for i in (*announcements(new.site), *new.written)}
    lines = []
    for item in sorted(after.values(), key=lambda i: (i.date, i.slug)):
        kind = "Invitation" if item.meeting is not None else "Nyhed"
        where = "" if item.meeting is not None else f" (`{item.file}`)"
        previous = before.get(item.slug)
        if previous is None:
            lines.append(f"- **{kind}:** »{item.title}«{where} {_out(item, today)}.")
        elif previous.date != item.date:
            was = "var ude" if previous.date <= today else "skulle udkomme"
            lines.append(
                f"- **{kind} flyttet:** »{item.title}« {was} den {short_date(previous.date)} "
                f"og {_out(item, today)}."
            )
        elif (previous.title, previous.body) != (item.title, item.body):
            lines.append(f"- **{kind} rettet:** »{item.title}«: overskrift eller tekst.")
    for slug, item in before.items():
        if slug not in after:
            kind = "Invitation" if item.meeting is not None else "Nyhed"
            lines.append(f"- **{kind} fjernet:** »{item.title}« forsvinder fra siden og feedet.")
    return lines


def describe(old: Content, new: Content, today: date, base: str = "") -> list[str]:
    """The Danish summary of the change from ``old`` to ``new`` as Markdown lines."""
    since = f" (sammenlignet med {base})" if base else ""
    lines = [f"## Hvad ændringen gør{since}", ""]
    sections = [
        ("Møder", meeting_lines(old.site, new.site)),
        ("Medlemmer", member_lines(old.site, new.site)),
        ("Nyheder og invitationer", news_lines(old, new, today)),
    ]
    found = [(heading, body) for heading, body in sections if body]
    if not found:
        return [*lines, "Ændringen rører ingen møder, medlemmer eller nyheder på siden."]
    for heading, body in found:
        lines += [f"### {heading}", "", *body, ""]
    lines.append(
        "Abonnenternes kalendere henter ændringerne selv, typisk inden for et døgn efter, "
        "at siden er udgivet."
    )
    return lines


# --- reading a revision with Git -------------------------------------------------------


class ChangesError(Exception):
    """Something the editor must fix before the comparison can run (Danish message)."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise ChangesError("git er ikke installeret") from None
    if done.returncode != 0:
        raise ChangesError(done.stderr.strip().splitlines()[0] if done.stderr.strip() else "git")
    return done.stdout


def default_base(root: Path) -> str:
    """Where this branch left ``origin/main``, or ``HEAD`` without one."""
    try:
        _git(root, "rev-parse", "--verify", "-q", "origin/main^{commit}")
    except ChangesError:
        return "HEAD"
    return _git(root, "merge-base", "HEAD", "origin/main").strip()


def materialise(root: Path, base: str, target: Path) -> None:
    """The data files and news files of ``base`` written under ``target`` (data/, docs/)."""
    listed = _git(root, "ls-tree", "-r", "--name-only", base, "--", "data", f"docs/{NEWS_DIR}")
    (target / "data").mkdir(parents=True)
    (target / "docs" / NEWS_DIR).mkdir(parents=True)
    for name in listed.splitlines():
        if name.startswith("data/") or name.endswith(".md"):
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = _git(root, "show", f"{base}:./{name}")
            path.write_text(text, encoding="utf-8")
    for needed in ("meetings.yaml", "members.yaml"):
        if not (target / "data" / needed).exists():  # not there yet: an empty list
            key = needed.removesuffix(".yaml")
            (target / "data" / needed).write_text(f"{key}: []\n", encoding="utf-8")


def load(data_dir: Path, docs_dir: Path) -> Content:
    site, written = load_content(data_dir, docs_dir)
    return Content(site, tuple(written))


def compare(root: Path, base: str | None, today: date) -> list[str]:
    """``describe`` for the project at ``root``: the working tree against ``base``."""
    try:
        _git(root, "rev-parse", "--git-dir")
    except ChangesError:
        raise ChangesError(
            f"{root} er ikke en mappe i Git; make changes sammenligner med det, der er gemt i Git"
        ) from None
    chosen = base or default_base(root)
    try:
        new = load(root / "data", root / "docs")
    except DataError as exc:
        problems = format_problems(exc.problems, "ændringen kan ikke beskrives")
        raise ChangesError(f"{problems}\nRet fejlene først (make check).") from None
    try:
        short = _git(root, "rev-parse", "--short", "--verify", "-q", f"{chosen}^{{commit}}")
    except ChangesError:
        raise ChangesError(f"»{chosen}« er ikke en version i Git (BASE=…)") from None
    short = short.strip()
    name = base or ("origin/main" if chosen != "HEAD" else "HEAD")
    label = name if name.startswith(short) else f"{name}, {short}"
    with tempfile.TemporaryDirectory(prefix="netvaerk-changes-") as folder:
        materialise(root, chosen, Path(folder))
        try:
            old = load(Path(folder) / "data", Path(folder) / "docs")
        except DataError:
            old = EMPTY  # the old version could not be built either: everything is new
            label += "; den version har fejl, så alt regnes som nyt"
    return describe(old, new, today, label)


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.editing.changes",
        description="Beskriv på dansk, hvad ændringen af datafilerne og nyhederne gør.",
    )
    parser.add_argument("--base", help="Git-version at sammenligne med (standard: origin/main)")
    parser.add_argument(
        "root", nargs="?", default=".", type=Path, help="projektets mappe (standard: .)"
    )
    args = parser.parse_args(argv)
    try:
        lines = compare(args.root, args.base or None, clock.today())
    except (ChangesError, clock.ClockError) as exc:
        print(exc, file=sys.stderr)
        return 1
    text = "\n".join(lines) + "\n"
    out(text.rstrip("\n"))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") == "true" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
