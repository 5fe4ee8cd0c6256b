"""``make changes``: what a change to the data does, in Danish, for the one who reviews it.

Compares the validated content at a Git revision (default: where the branch left
``origin/main``) with the working tree, and says what readers and subscribers will notice:
new, moved, cancelled and postponed meetings, changed programmes, new members and contacts
made public, news that comes out and when, and what the calendar will show. The pull-request
workflow writes the same text to the job summary.

``describe`` is the pure comparison (two loaded contents in, Markdown lines out); the rest
reads the revision's ``data/`` and whole ``docs/`` tree with Git (``git archive``) into a
temporary folder and loads them with the project's own loader (``content/load.py``), so both
sides are read exactly as a build would: a news item's link to ``../moeder/index.md`` or a
meeting's file in ``docs/materialer/`` is found there as in the build.

An old version that the loader refuses (today's rules may be stricter than the ones it was
written under) is not »all new«: its problems are shown, the records that can be read are
compared, and what cannot be told is said to be so (``Content.unread``). The same holds for
the newer side when two revisions are compared (``compare_revisions``, which the tests run
over the project's own history).

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.editing.changes [--base REV] [project-root]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netvaerk.content import clock
from netvaerk.content.load import load_content
from netvaerk.content.loading import Against, read_site
from netvaerk.content.news import NEWS_DIR, NewsItem, announcements, is_out
from netvaerk.content.news_files import load_news
from netvaerk.content.problems import DataError, Problem, format_problems
from netvaerk.content.site import Site
from netvaerk.content.yamlsource import read_yaml
from netvaerk.model import Contact, Meeting, Member, Status, resolve_slots
from netvaerk.text.danish import clock as clock_text
from netvaerk.text.danish import day_month_long, kl, long_date, short_date
from netvaerk.text.fields import field_at
from netvaerk.text.meeting_text import event_summary
from netvaerk.text.places import place_in_sentence, place_moved

# What ``Content.unread`` says could not be read: every record of that kind.
ALL: None = None


@dataclass(frozen=True)
class Content:
    """One side of the comparison: the data files and the editors' news files.

    ``unread`` names, under ``meetings``, ``members`` and ``news``, the ids (news: slugs) of
    records that exist in the files but could not be read, or ``ALL`` (None) when none of
    that kind could (``network``: ``ALL`` when members.yaml's ``network`` could not be
    read); ``problems`` says why. A complete reading has neither.
    """

    site: Site
    written: tuple[NewsItem, ...] = ()
    unread: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    # The unread records as written (kind -> id -> the parsed YAML, news: the file's text),
    # so that one unread on both sides is named only when the diff changed it.
    unread_text: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def same_text(self, other: Content, kind: str, key: str) -> bool:
        """Whether both sides hold ``key`` of ``kind``, unread, with the same text."""
        mine, theirs = self.unread_text.get(kind, {}), other.unread_text.get(kind, {})
        return key in mine and key in theirs and mine[key] == theirs[key]

    def unknown(self, kind: str, key: str) -> bool:
        """Whether the record ``key`` of ``kind`` may be in the files without being read."""
        ids = self.unread.get(kind, frozenset())
        return ids is ALL or key in ids

    def all_unread(self, kind: str) -> bool:
        return kind in self.unread and self.unread[kind] is ALL

    def complete(self) -> bool:
        """Whether every record was read (``ALL`` counts as unread: it is falsy)."""
        return not any(ids is ALL or ids for ids in self.unread.values())


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
# Other meeting fields, for "also changed" by the labels the editor's form shows.
_OTHER_FIELDS = ("summary", "description", "registration", "online")


def _field_word(*path: str) -> str:
    """A meeting field as the form names it, 'kort resumé' (the model's ``title``)."""
    facts = field_at(Meeting, path)
    return facts.label.lower() if facts else path[-1]


def _status_word(status: Status) -> str:
    """'aflyst': the model's word, which the form and every other output use."""
    return status.label.lower()


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
    """Reminders when a moved meeting's texts still name its old day ('28. januar') and not
    its new one: a text the editor has already rewritten (»flyttet fra 28. januar til 4.
    februar«) needs no reminder."""
    day, new_day = day_month_long(old.date), day_month_long(new.date)
    if old.date == new.date:
        return []
    texts = {
        "invitationen (`announcement`)": new.announcement
        and f"{new.announcement.title or ''} {new.announcement.body or ''}",
        "beskrivelsen (`description`)": new.description,
        "det korte resumé (`summary`)": new.summary,
    }
    return [
        f"  - Husk at rette {where}: den nævner stadig »{day}«."
        for where, text in texts.items()
        if text and day in " ".join(text.split()) and new_day not in " ".join(text.split())
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
        word = _status_word(new.status)
        head = "Genoptaget" if new.status == Status.PLANNED else word.capitalize()
        lines.append(f"- **{head}:** {subject}, {_when(new)}. Mødet er nu {word}.")
        if new.status != Status.PLANNED and not new.summary:
            lines.append("  - Husk en kort besked i `summary`, fx hvorfor og hvad der sker nu.")
    if (old.date, old.end_date, old.start, old.end) != (new.date, new.end_date, new.start, new.end):
        lines.append(f"- **Flyttet:** {subject}: før {_when(old)}, nu {_when(new)}.")
        lines += _still_mentions(old, new)
    moved = place_moved(old, new)
    if moved:
        lines.append(
            f"- **Nyt sted:** {subject}: fra {place_in_sentence(old)} til {place_in_sentence(new)}."
        )
    elif _venue_text(old) != _venue_text(new):
        lines.append(
            f"- **Stedets navn eller adresse rettet:** {subject}: fra {_venue_text(old)} "
            f"til {_venue_text(new)}. Samme sted, så siden siger ikke, at mødet er flyttet."
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
    changed = [n for n in _changed(old, new, _OTHER_FIELDS) if not (moved and n == "online")]
    others = [_field_word(n) for n in changed]
    if old.venue and new.venue and old.venue.host != new.venue.host:
        others.append(_field_word("venue", "host"))
    if others:
        lines.append(f"- **Også ændret i** {subject}: {', '.join(others)}.")
    if lines and _changed(old, new, _CALENDAR_FIELDS):
        lines.append(_calendar_line(new))
    return lines


def _venue_text(meeting: Meeting) -> str:
    """The venue as the meeting's page shows it (»Sted«): name, address; '' without one."""
    venue = meeting.venue
    return ", ".join(p for p in (venue.name, venue.address) if p) if venue else ""


_UNREAD = "kan ikke afgøres, for {side} version af {what} kunne ikke læses (se fejlene øverst)"


def _cannot_tell(kind: str, old: Content) -> str:
    side = "den gamle" if old.all_unread(kind) else "den nye"
    return _UNREAD.format(side=side, what=f"data/{kind}.yaml")


def _unread_elsewhere(
    kind: str, word: str, sides: tuple[Content, Content], keys: tuple[Iterable[str], ...]
) -> list[str]:
    """Records one side could not read and the other does not have (``keys``: the ids each
    side did read): maybe removed, maybe added; their ids are all there is to name them by."""
    old, new = sides
    lines = []
    both = (old.unread.get(kind) or frozenset()) & (new.unread.get(kind) or frozenset())
    for ident in sorted(both):
        if not old.same_text(new, kind, ident):
            lines.append(
                f"- **Kan ikke afgøres:** {word} »{ident}« kunne ikke læses i nogen af "
                "versionerne, og dets tekst i filen er ændret (se fejlene øverst)."
            )
    for side, other, known, verb in ((old, new, keys[1], "slettet"), (new, old, keys[0], "nyt")):
        for ident in sorted(side.unread.get(kind) or ()):
            if ident not in set(known) and not other.unknown(kind, ident):
                lines.append(
                    f"- **Kan ikke afgøres:** {word} »{ident}« kunne ikke læses i den "
                    f"{'gamle' if side is old else 'nye'} version og findes ikke i den "
                    f"{'nye' if side is old else 'gamle'}: måske {verb} (se fejlene øverst)."
                )
    return lines


def meeting_lines(old: Content, new: Content) -> list[str]:
    """New, removed and changed meetings, in date order; what cannot be told, said so."""
    if old.all_unread("meetings") or new.all_unread("meetings"):
        return [f"- **Møderne {_cannot_tell('meetings', old)}.**"]
    before = {m.slug: m for m in old.site.meetings}
    after = {m.slug: m for m in new.site.meetings}
    lines = []
    for meeting in new.site.meetings:
        previous = before.get(meeting.slug)
        if previous is None and old.unknown("meetings", meeting.slug):
            lines.append(
                f"- **Kan ikke afgøres:** {_title(meeting)} ({meeting.slug}) er måske ændret; "
                "mødet kunne ikke læses i den gamle version (se fejlene øverst)."
            )
        elif previous is None:
            status = _status_word(meeting.status)
            flag = "" if meeting.status == Status.PLANNED else f" (mødet er {status})"
            lines.append(
                f"- **Nyt møde:** {_title(meeting)}, {_when(meeting)}, "
                f"{place_in_sentence(meeting)}{flag}."
            )
            if meeting.programme:
                lines.append(f"  - Med program: {len(meeting.programme)} punkter.")
            lines.append(_calendar_line(meeting))
        elif previous != meeting:
            lines += _meeting_changes(previous, meeting)
    for meeting in old.site.meetings:
        if meeting.slug not in after and new.unknown("meetings", meeting.slug):
            lines.append(
                f"- **Kan ikke afgøres:** {_title(meeting)} ({meeting.slug}) er måske ændret; "
                "mødet kunne ikke læses i den nye version (se fejlene øverst)."
            )
        elif meeting.slug not in after:
            lines.append(
                f"- **Slettet:** {_title(meeting)}, {_when(meeting)}. Siden forsvinder, og "
                "mødet forsvinder fra abonnenternes kalendere uden besked. Skal det aflyses, "
                "så lad det stå med `status: cancelled` i stedet."
            )
    return lines + _unread_elsewhere("meetings", "mødet", (old, new), (before, after))


def _contact_text(contact: Contact, member: Member) -> str:
    role = f", {contact.role}" if contact.role else ""
    shown = [w for w, v in (("e-mail", contact.email), ("telefon", contact.phone)) if v]
    also = f" (med {' og '.join(shown)})" if shown else ""
    return f"{contact.name}{role}, {member.name}{also}"


# Member fields the members page shows, by their Danish names (contacts: below).
_MEMBER_FIELDS = (
    ("name", "navn"),
    ("region", "region"),
    ("code", "kommunekode"),
    ("since", "medlem siden"),
    ("url", "hjemmeside"),
)


def now_public(member: Member) -> set[str]:
    return {c.name for c in member.public_contacts}


def organiser_lines(old: Site, new: Site) -> list[str]:
    """The facilitators (KL, Landdistrikternes Fællesråd): new, changed, removed."""
    before = {o.id: o for o in old.organisers}
    after = {o.id: o for o in new.organisers}
    lines = [
        f"- **Facilitator {'tilføjet' if o.id not in before else 'ændret'}:** {o.name}."
        for o in new.organisers
        if before.get(o.id) != o
    ]
    return lines + [
        f"- **Facilitator fjernet:** {o.name}." for o in old.organisers if o.id not in after
    ]


_NETWORK = "netværkets e-mail"


def network_lines(old: Content, new: Content) -> list[str]:
    """The network's address (members.yaml ``network``): every calendar event's ORGANIZER,
    the footer of every page and the accessibility statement show it."""
    if old.all_unread("network") or new.all_unread("network"):
        side = "den gamle" if old.all_unread("network") else "den nye"
        return [
            f"- **Kan ikke afgøres:** {_NETWORK} (`network`) kunne ikke læses i {side} "
            "version (se fejlene øverst)."
        ]
    before, after = old.site.contact_email, new.site.contact_email
    shown = (
        "Den står i sidefoden og i tilgængelighedserklæringen, og abonnenternes kalendere "
        "viser den som arrangør af hvert møde."
    )
    if before == after:
        return []
    if before is None:
        return [f"- **{_NETWORK.capitalize()} tilføjet:** {after}. {shown}"]
    if after is None:
        return [
            f"- **{_NETWORK.capitalize()} fjernet:** {before}. Siden viser ingen adresse til "
            "netværket, og kalenderne viser ingen arrangør."
        ]
    return [f"- **{_NETWORK.capitalize()} ændret:** fra {before} til {after}. {shown}"]


def member_lines(old: Content, new: Content) -> list[str]:
    """New and removed members, and contact persons that appear on or leave the site."""
    if old.all_unread("members") or new.all_unread("members"):
        return [f"- **Medlemmerne {_cannot_tell('members', old)}.**", *network_lines(old, new)]
    before = {m.id: m for m in old.site.members}
    after = {m.id: m for m in new.site.members}
    lines = []
    for member in new.site.members:
        previous = before.get(member.id)
        if previous is None and old.unknown("members", member.id):
            lines.append(
                f"- **Kan ikke afgøres:** {member.name} er måske ændret; medlemmet kunne ikke "
                "læses i den gamle version (se fejlene øverst)."
            )
            continue
        if previous is None:
            lines.append(f"- **Nyt medlem:** {member.name} (Region {member.region}).")
        elif previous != member:
            changed = [
                word
                for name, word in _MEMBER_FIELDS
                if getattr(previous, name) != getattr(member, name)
            ]
            still = {c.name for c in previous.public_contacts}
            if [c for c in previous.public_contacts if c.name in now_public(member)] != [
                c for c in member.public_contacts if c.name in still
            ]:
                changed.append("kontaktpersoners oplysninger")
            if changed:
                lines.append(f"- **Ændret medlem:** {member.name}: {', '.join(changed)}.")
        was_public = {c.name for c in previous.public_contacts} if previous else set()
        for contact in member.public_contacts:
            if contact.name not in was_public:
                lines.append(
                    f"- **Kontaktperson vises nu på siden:** {_contact_text(contact, member)}. "
                    "Personen skal have givet samtykke."
                )
        for name in sorted(was_public - now_public(member)):
            lines.append(f"- **Kontaktperson vises ikke længere:** {name}, {member.name}.")
    lines += network_lines(old, new) + organiser_lines(old.site, new.site)
    for member in old.site.members:
        if member.id not in after and new.unknown("members", member.id):
            lines.append(
                f"- **Kan ikke afgøres:** {member.name} er måske ændret; medlemmet kunne ikke "
                "læses i den nye version (se fejlene øverst)."
            )
        elif member.id not in after:
            lines.append(f"- **Medlem fjernet:** {member.name}.")
    return lines + _unread_elsewhere("members", "medlemmet", (old, new), (before, after))


def _out(item: NewsItem, today: date) -> str:
    if is_out(item.date, today):
        return f"udkommer, så snart ændringen er udgivet (dateret {short_date(item.date)})"
    return f"udkommer den {short_date(item.date)}"


def _news_unknown(side: Content, item: NewsItem) -> bool:
    """Whether ``side`` may hold ``item`` without having read it."""
    if item.meeting is not None:
        return side.unknown("meetings", item.meeting.slug)
    return side.unknown("news", item.slug)


def _unread_news(old: Content, new: Content) -> list[str]:
    """News files that could not be read on one side and exist on the other."""
    lines = []
    for side, other, word in ((old, new, "gamle"), (new, old, "nye")):
        ids = side.unread.get("news") or frozenset()
        for item in other.written:
            if item.slug in ids:
                lines.append(
                    f"- **Kan ikke afgøres:** »{item.title}« (`{item.file}`) kunne ikke læses "
                    f"i den {word} version (se fejlene øverst)."
                )
    both = (old.unread.get("news") or frozenset()) & (new.unread.get("news") or frozenset())
    for slug in sorted(s for s in both if not old.same_text(new, "news", s)):
        lines.append(
            f"- **Kan ikke afgøres:** `{NEWS_DIR}/{slug}.md` kunne ikke læses i nogen af "
            "versionerne (se fejlene øverst)."
        )
    return lines


def news_lines(old: Content, new: Content, today: date) -> list[str]:
    """Invitations and news files that are new, moved in time, rewritten or removed."""
    before = {i.slug: i for i in (*announcements(old.site), *old.written)}
    after = {i.slug: i for i in (*announcements(new.site), *new.written)}
    lines = []
    for item in sorted(after.values(), key=lambda i: (i.date, i.slug)):
        kind = "Invitation" if item.meeting is not None else "Nyhed"
        where = "" if item.meeting is not None else f" (`{item.file}`)"
        previous = before.get(item.slug)
        if previous is None and _news_unknown(old, item):
            continue  # its meeting or its file could not be read: said there
        if previous is None:
            lines.append(f"- **{kind}:** »{item.title}«{where} {_out(item, today)}.")
        elif previous.date != item.date:
            was = "var ude" if is_out(previous.date, today) else "skulle udkomme"
            lines.append(
                f"- **{kind} flyttet:** »{item.title}« {was} den {short_date(previous.date)} "
                f"og {_out(item, today)}."
            )
        elif (previous.title, previous.body) != (item.title, item.body):
            lines.append(f"- **{kind} rettet:** »{item.title}«: overskrift eller tekst.")
        elif item.meeting is not None and previous.meeting != item.meeting:
            # The invitation's page shows the meeting's facts and programme (news_pages.py).
            lines.append(
                f"- **Invitation opdateret:** »{item.title}« viser mødets ændringer "
                "(se under Møder)."
            )
    for slug, item in before.items():
        if slug not in after and _news_unknown(new, item):
            continue
        if slug not in after:
            kind = "Invitation" if item.meeting is not None else "Nyhed"
            lines.append(f"- **{kind} fjernet:** »{item.title}« forsvinder fra siden og feedet.")
    return lines + _unread_news(old, new)


def describe(old: Content, new: Content, today: date, base: str = "") -> list[str]:
    """The Danish summary of the change from ``old`` to ``new`` as Markdown lines."""
    since = f" (sammenlignet med {base})" if base else ""
    lines = [f"## Hvad ændringen gør{since}", ""]
    for side, word in ((old, "gamle"), (new, "nye")):
        if side.problems and side.complete():
            lines += [
                f"Den {word} version har {len(side.problems)} fejl efter de nuværende regler "
                f"(fx `{side.problems[0]}`), men alle møder, medlemmer og nyheder i den kunne "
                "læses og er sammenlignet.",
                "",
            ]
        elif side.problems:
            lines += [
                f"Den {word} version kan ikke læses helt med de nuværende regler "
                f"({len(side.problems)} fejl), så det, der står i fejlene, kan ikke "
                "sammenlignes; resten er sammenlignet:",
                "",
                *(f"- `{problem}`" for problem in side.problems),
                "",
            ]
    sections = [
        ("Møder", meeting_lines(old, new)),
        ("Medlemmer", member_lines(old, new)),
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


def _git_bytes(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, timeout=60, check=False
        )
    except FileNotFoundError:
        raise ChangesError("git er ikke installeret") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise ChangesError(message.splitlines()[0] if message else "git")
    return done.stdout


def _inside(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    """``tarfile.data_filter``, leaving out a member it refuses instead of failing."""
    try:
        return tarfile.data_filter(member, path)
    except tarfile.FilterError:
        return None


def materialise(root: Path, revision: str, target: Path) -> None:
    """``data/`` and the whole ``docs/`` of ``revision`` written under ``target``, as the
    build would read them from a checkout of it (news links, materials, hand-written pages).

    ``git archive`` gives the files byte for byte (a PDF in ``docs/materialer/`` too);
    ``tarfile``'s ``data`` filter leaves out what it refuses (a link out of ``target``),
    so the loader finds that file missing and says so, as it refuses such a link in a
    checkout.
    """
    listed = _git(root, "ls-tree", "--name-only", revision, "--", "data", "docs").split()
    if listed:
        archive = _git_bytes(root, "archive", "--format=tar", revision, "--", *listed)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter=_inside)
    (target / "data").mkdir(parents=True, exist_ok=True)
    (target / "docs" / NEWS_DIR).mkdir(parents=True, exist_ok=True)
    for needed in ("meetings.yaml", "members.yaml"):
        if not (target / "data" / needed).exists():  # not there yet: an empty list
            key = needed.removesuffix(".yaml")
            (target / "data" / needed).write_text(f"{key}: []\n", encoding="utf-8")


def load(data_dir: Path, docs_dir: Path, today: date | None = None) -> Content:
    """Both files and the news, read as the build reads them; ``DataError`` on any problem."""
    site, written = load_content(data_dir, docs_dir, today=today)
    return Content(site, tuple(written))


def read(data_dir: Path, docs_dir: Path, today: date | None = None) -> Content:
    """``load``, or as much as can be read, with the problems and what was left unread."""
    try:
        return load(data_dir, docs_dir, today)
    except DataError as exc:
        problems = tuple(exc.problems)
    # the records, without the cross-file checks
    reading = read_site(data_dir, against=Against(today=today))
    written, found = load_news(docs_dir)
    news = frozenset(
        p.file.removeprefix(f"docs/{NEWS_DIR}/").removesuffix(".md")
        for p in found
        if p.file.startswith(f"docs/{NEWS_DIR}/")
    )
    unread: dict[str, frozenset[str] | None] = {**reading.unread, "news": news}
    if any(p.field == "network" or p.field.startswith("network.") for p in problems):
        unread["network"] = ALL  # not there, or not read: which, cannot be told
    texts = {
        kind: _raw_records(data_dir / f"{kind}.yaml", kind, ids)
        for kind, ids in unread.items()
        if kind in ("meetings", "members") and ids
    }
    texts["news"] = {
        slug: (docs_dir / NEWS_DIR / f"{slug}.md").read_text(encoding="utf-8", errors="replace")
        for slug in news
    }
    return Content(reading.site, tuple(written), unread, problems, texts)


def _raw_records(path: Path, kind: str, ids: frozenset[str]) -> dict[str, Any]:
    """The records ``ids`` under ``kind`` as the file holds them (parsed, not validated),
    keyed as ``Content.unread`` names them: the id, else the date, else »nr. N«."""
    doc, _ = read_yaml(path, path.name)
    raw = doc.data.get(kind) if doc is not None and isinstance(doc.data, dict) else None
    found: dict[str, Any] = {}
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(item, dict):
            key = str(item.get("id") if item.get("id") is not None else item.get("date"))
        else:
            key = f"nr. {index + 1}"
        if key in ids:
            found[key] = item
    return found


def _label(root: Path, revision: str, name: str) -> str:
    try:
        short = _git(root, "rev-parse", "--short", "--verify", "-q", f"{revision}^{{commit}}")
    except ChangesError:
        raise ChangesError(f"»{revision}« er ikke en version i Git (BASE=…)") from None
    short = short.strip()
    return name if name.startswith(short) else f"{name}, {short}"


def _in_git(root: Path) -> None:
    try:
        _git(root, "rev-parse", "--git-dir")
    except ChangesError:
        raise ChangesError(
            f"{root} er ikke en mappe i Git; make changes sammenligner med det, der er gemt i Git"
        ) from None


def read_revision(root: Path, revision: str, today: date) -> Content:
    """``read`` of the files of ``revision``."""
    with tempfile.TemporaryDirectory(prefix="netvaerk-changes-") as folder:
        materialise(root, revision, Path(folder))
        return read(Path(folder) / "data", Path(folder) / "docs", today)


def compare(root: Path, base: str | None, today: date) -> list[str]:
    """``describe`` for the project at ``root``: the working tree against ``base``."""
    _in_git(root)
    chosen = base or default_base(root)
    try:
        new = load(root / "data", root / "docs", today)
    except DataError as exc:
        problems = format_problems(exc.problems, "ændringen kan ikke beskrives")
        raise ChangesError(f"{problems}\nRet fejlene først (make check).") from None
    name = base or ("origin/main" if chosen != "HEAD" else "HEAD")
    label = _label(root, chosen, name)
    return describe(read_revision(root, chosen, today), new, today, label)


def compare_revisions(root: Path, base: str, head: str, today: date) -> list[str]:
    """``describe`` from ``base`` to ``head``, two revisions (``--head``); either side is
    read as far as it can be."""
    _in_git(root)
    label = _label(root, base, base)
    _label(root, head, head)
    old, new = read_revision(root, base, today), read_revision(root, head, today)
    return describe(old, new, today, label)


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.editing.changes",
        description="Beskriv på dansk, hvad ændringen af datafilerne og nyhederne gør.",
    )
    parser.add_argument("--base", help="Git-version at sammenligne med (standard: origin/main)")
    parser.add_argument(
        "--head", help="sammenlign med denne Git-version i stedet for arbejdsmappen"
    )
    parser.add_argument(
        "root", nargs="?", default=".", type=Path, help="projektets mappe (standard: .)"
    )
    args = parser.parse_args(argv)
    try:
        if args.head:
            base = args.base or default_base(args.root)
            lines = compare_revisions(args.root, base, args.head, clock.today())
        else:
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
