"""Rules that relate several fields, records or both data files.

Each check is a pure function returning ``(location, message)`` pairs, so a problem points
at the exact field (``meetings[3].programme[2].start``) and all of them are reported at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date

from netvaerk.content.history import Committed, same_words
from netvaerk.content.municipalities import find_by_name, municipalities, name_matches
from netvaerk.content.problems import Loc
from netvaerk.model import Meeting, Member, Organiser, exists_locally, resolve_slots
from netvaerk.text.danish import clock, long_date

Finding = tuple[Loc, str]


def check_meeting(meeting: Meeting, loc: Loc) -> Iterator[Finding]:
    """Dates, times and programme of one meeting."""
    days = 1
    if meeting.end_date is not None:
        gap = (meeting.end_date - meeting.date).days
        if gap <= 0:
            yield (*loc, "end_date"), "slutdatoen skal ligge efter mødets dato (date)"
        elif gap > 1:
            yield (*loc, "end_date"), "et møde kan højst vare to dage i træk"
        else:
            days = 2
    if days == 1 and meeting.end <= meeting.start:
        yield (
            (*loc, "end"),
            (f"sluttiden {clock(meeting.end)} skal ligge efter starttiden {clock(meeting.start)}"),
        )
    reg = meeting.registration
    if reg and reg.deadline and reg.deadline > meeting.last_day:
        yield (*loc, "registration", "deadline"), "tilmeldingsfristen ligger efter mødet"
    ann = meeting.announcement
    if ann and ann.date > meeting.last_day:
        yield (*loc, "announcement", "date"), "invitationen udkommer først efter mødet"
    yield from _check_programme(meeting, loc, days)
    yield from _check_clocks_exist(meeting, loc)


def _check_clocks_exist(meeting: Meeting, loc: Loc) -> Iterator[Finding]:
    """No time in the hour the clocks skip in spring (model.local_moment has the rule)."""
    times: list[tuple[Loc, dt.date, dt.time | None]] = [
        ((*loc, "start"), meeting.date, meeting.start),
        ((*loc, "end"), meeting.last_day, meeting.end),
    ]
    for index, item in enumerate(meeting.programme):
        day = meeting.day_date(item.day)
        times += [((*loc, "programme", index, "start"), day, item.start)]
        times += [((*loc, "programme", index, "end"), day, item.end)]
    for where, day, moment in times:
        if moment is not None and not exists_locally(day, moment):
            yield (
                where,
                f"kl. {clock(moment)} findes ikke {long_date(day)}: den nat stilles uret frem "
                "fra 02.00 til 03.00 (sommertid); vælg et andet tidspunkt",
            )


def _check_programme(meeting: Meeting, loc: Loc, days: int) -> Iterator[Finding]:
    slots = resolve_slots(meeting)
    previous_end = None
    previous_key = None
    for index, slot in enumerate(slots):
        item, here = slot.item, (*loc, "programme", index)
        if item.day > days:
            yield (*here, "day"), "dag 2 findes kun, når mødet har en end_date (todagesmøde)"
            continue
        if previous_key is not None and (item.day, item.start) < previous_key:
            yield (*here, "start"), "programmet skal stå i tidsorden; dette punkt står for sent"
        elif (
            previous_key is not None
            and previous_end is not None
            and item.day == previous_key[0]
            and item.start < previous_end
        ):
            yield (
                (*here, "start"),
                (
                    f"punktet begynder kl. {clock(item.start)}, men punktet før slutter "
                    f"først kl. {clock(previous_end)}"
                ),
            )
        if item.day == 1 and item.start < meeting.start:
            yield (
                (*here, "start"),
                (
                    f"punktet begynder kl. {clock(item.start)}, før mødet begynder "
                    f"(kl. {clock(meeting.start)})"
                ),
            )
        if item.day == days and item.start >= meeting.end:
            yield (
                (*here, "start"),
                (
                    f"punktet begynder kl. {clock(item.start)}, når mødet er slut "
                    f"(kl. {clock(meeting.end)})"
                ),
            )
        if item.end is not None and item.end <= item.start:
            yield (
                (*here, "end"),
                (f"sluttiden {clock(item.end)} skal ligge efter starttiden {clock(item.start)}"),
            )
        elif item.end is not None and item.day == days and item.end > meeting.end:
            yield (
                (*here, "end"),
                (f"punktet slutter kl. {clock(item.end)}, efter mødet (kl. {clock(meeting.end)})"),
            )
        previous_key = (item.day, item.start)
        previous_end = slot.end


def check_unique(ids: Iterable[tuple[Loc, str]], what: str) -> Iterator[Finding]:
    """Ids that occur twice; the second occurrence is reported."""
    seen: dict[str, Loc] = {}
    for loc, value in ids:
        if value in seen:
            yield loc, f"{what} »{value}« er allerede brugt; et id skal være unikt"
        else:
            seen[value] = loc


def check_hosts(
    meetings: Sequence[tuple[Loc, Meeting]], member_ids: Sequence[str]
) -> Iterator[Finding]:
    """Every venue host must be the id of a member."""
    known = set(member_ids)
    for loc, meeting in meetings:
        host = meeting.venue.host if meeting.venue else None
        if host and host not in known:
            close = difflib.get_close_matches(host, member_ids, n=1)
            hint = f"mente du »{close[0]}«? " if close else ""
            listed = ", ".join(sorted(known)) or "(ingen medlemmer endnu)"
            yield (
                (*loc, "venue", "host"),
                (f"ukendt værtskommune »{host}«; {hint}kendte id'er i members.yaml: {listed}"),
            )


def check_member(member: Member, loc: Loc) -> Iterator[Finding]:
    """A member's code, name and region must agree with the official list."""
    if member.code is not None:
        official = municipalities().get(member.code)
        if official is None:
            yield (*loc, "code"), f"{member.code} er ikke en dansk kommunekode"
            return
        if not name_matches(official, member.name):
            yield (
                (*loc, "name"),
                (f"kommunekode {member.code} er {official.name} Kommune, ikke »{member.name}«"),
            )
        if official.region != member.region:
            yield (
                (*loc, "region"),
                (
                    f"{official.name} Kommune ligger i Region {official.region}, "
                    f"ikke Region {member.region}"
                ),
            )
        return
    found = find_by_name(member.name)
    if found is not None and found.region != member.region:
        yield (
            (*loc, "region"),
            (f"{found.name} Kommune ligger i Region {found.region}, ikke Region {member.region}"),
        )


def check_members(
    members: Sequence[tuple[Loc, Member]], organisers: Sequence[tuple[Loc, Organiser]]
) -> Iterator[Finding]:
    """Unique ids and codes, and each member against the official list."""
    yield from check_unique((((*loc, "id"), m.id) for loc, m in members), "id")
    yield from check_unique((((*loc, "id"), o.id) for loc, o in organisers), "id")
    yield from check_unique(
        (((*loc, "code"), str(m.code)) for loc, m in members if m.code is not None), "kommunekoden"
    )
    for loc, member in members:
        yield from check_member(member, loc)


def check_meetings(meetings: Sequence[tuple[Loc, Meeting]]) -> Iterator[Finding]:
    """Each meeting's own rules and unique ids."""
    for loc, meeting in meetings:
        yield from check_meeting(meeting, loc)
    yield from check_unique((((*loc, m.slug_field), m.slug) for loc, m in meetings), "mødets id")


def check_kept_ids(meetings: Sequence[tuple[Loc, Meeting]], before: Committed) -> Iterator[Finding]:
    """A meeting without ``id`` whose date was edited: its id, URL and calendar UID moved.

    A meeting with no ``id`` takes its id from its date, so postponing it by editing
    ``date`` gives it a new page address and a new calendar UID: links break, and
    subscribers see the old event vanish and a new one appear. It is recognised by its
    title: in the last committed version (``before.titles``) an id had this title, and now
    that id is gone or names another meeting, while this meeting's id and title never stood
    together in any committed version (so putting a date back is no move).
    """
    now = {meeting.slug: same_words(meeting.title) for _, meeting in meetings}
    moved_from = {title: old for old, title in before.titles.items() if now.get(old) != title}
    for loc, meeting in meetings:
        title = same_words(meeting.title)
        if meeting.id is not None or (meeting.slug, title) in before.pairs:
            continue
        old = moved_from.get(title)
        if old is not None and old != meeting.slug:
            yield (
                (*loc, "date"),
                f"datoen er ændret, og mødet har intet id, så dets adresse og kalender-UID "
                f"skifter fra {old} til {meeting.slug} (abonnenter får et nyt møde, og links "
                f"til det gamle holder op med at virke); tilføj linjen id: {old} i mødet for at "
                f"beholde dem, eller id: {meeting.slug}, hvis det er et nyt møde",
            )


def _retire(old: str, meeting: Meeting, today: date) -> str:
    """How to give an upcoming meeting a new id on purpose: cancel the old one, add anew."""
    if meeting.last_day < today:
        return "; et holdt mødes adresse er en del af arkivet"
    return (
        f"; skal mødet med vilje have et nyt id, så lad mødet med id: {old} stå med "
        "status: cancelled og opret mødet igen med det nye id"
    )


def check_published_ids(
    meetings: Sequence[tuple[Loc, Meeting]],
    present: Mapping[str, str],
    before: Committed,
    today: date,
) -> Iterator[Finding]:
    """Published ids that vanished: a meeting given a new ``id``, or an upcoming one deleted.

    A meeting's id is its page address and its calendar UID, promised to subscribers and
    search engines once it is committed. ``meetings``: the records without problems;
    ``present``: id → title (``same_words``) of every record in the file, valid or not, so
    a record with a typo is not also reported as deleted. A meeting is recognised by its
    title, as in ``check_kept_ids`` (which covers meetings without ``id``). Deleting a past
    meeting is allowed (the editors may take a mistake out of the archive); deleting one
    whose last day is today or later is not: its subscribers would never learn that it is
    off, so it must be set to ``status: cancelled`` instead.
    """
    gone = {old: title for old, title in before.titles.items() if old not in present}
    by_title = {title: old for old, title in gone.items()}
    renamed = set()
    for loc, meeting in meetings:
        title = same_words(meeting.title)
        if (
            meeting.id is None
            or meeting.slug in before.titles
            or (meeting.slug, title) in before.pairs
        ):
            continue  # no id (check_kept_ids), the same id, or an id it had before put back
        old = by_title.get(title)
        if old is None:
            continue
        renamed.add(old)
        yield (
            (*loc, "id"),
            f"id'et er ændret fra {old} til {meeting.slug}, men {old} er offentliggjort: det er "
            f"mødets adresse /moeder/{old}/ og dets UID i abonnenternes kalendere, så links "
            f"holder op med at virke, og abonnenterne får mødet to gange; skriv id: {old} igen "
            f"(et offentliggjort id skifter aldrig){_retire(old, meeting, today)}",
        )
    titles_now = set(present.values())
    for old, title in gone.items():
        if old in renamed or title in titles_now:
            continue  # renamed (above), or moved with its date (check_kept_ids)
        try:
            last = date.fromisoformat(before.last_days.get(old, ""))
        except ValueError:
            continue  # the committed version had no valid date: it was never built
        if last < today:
            continue
        yield (
            ("meetings",),
            f"mødet {old} ({title}) er slettet, men det er offentliggjort og ikke afholdt "
            f"endnu: abonnenterne har det i deres kalender og får ikke besked, når det bare "
            f"forsvinder; sæt mødet tilbage med status: cancelled, så står det som aflyst på "
            f"siden og i kalenderne (har du givet det et nyt id, så skriv id: {old} igen)",
        )
