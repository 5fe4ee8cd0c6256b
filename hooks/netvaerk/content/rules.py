"""Rules that relate several fields, records or both data files.

Each check is a pure function returning ``(location, message)`` pairs, so a problem points
at the exact field (``meetings[3].programme[2].start``) and all of them are reported at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date

from netvaerk.content import municipalities, relations
from netvaerk.content.history import Committed, same_words
from netvaerk.content.problems import Loc
from netvaerk.content.relations import TEXTS, Pass, Rule, RuleBook, Unique, const, f
from netvaerk.model import (
    DATE_RANGE_MESSAGE,
    FIRST_DATE,
    ID_LENGTH_MESSAGE,
    LAST_DATE,
    MATERIALS_DIR,
    MAX_ID_LENGTH,
    NO_PLACE_MESSAGE,
    REGIONS,
    RESERVED_ID_MESSAGE,
    RESERVED_MEETING_IDS,
    RESERVED_MEMBER_ID_MESSAGE,
    RESERVED_MEMBER_IDS,
    RESERVED_MEMBER_PREFIXES,
    Meeting,
    Member,
    Organiser,
    example_of,
)
from netvaerk.text import characters

Finding = tuple[Loc, str]

# Characters no text may hold (text/characters.py): the loading refuses them in Python, the
# browser by these rules, over every text of each record, with the same words.
_TEXT_FACTS = {"char": ["search", f("item.text"), characters.FORBIDDEN_SOURCE]}
_TEXT_PASS = Pass(
    TEXTS,
    tuple(
        Rule(
            "{item.path}",
            ["matches", f("item.char"), f"[{chars}]"],
            characters.MESSAGE.format(what=what.format(code="{item.char:code}")),
            by_model=True,
        )
        for chars, what in characters.KINDS
    ),
)


# --- the rules of one meeting and across meetings, as data (relations.py) ---------------
#
# make check evaluates them here; the browser editor gets the same book as JSON
# (editing/browser_rules.py) and evaluates it with admin/netvaerk-rules.js before saving.

_LAST_DAY = f("meeting.last_day")
_GAP = ["days", f("meeting.date"), f("meeting.end_date")]
_OUT_OF_ORDER = [
    "and",
    ["set", f("previous.start")],
    [
        "any",
        ["lt", f("item.day"), f("previous.day")],
        [
            "and",
            ["eq", f("item.day"), f("previous.day")],
            ["lt", f("item.start"), f("previous.start")],
        ],
    ],
]
_ITEM_END_FIRST = ["le", f("item.end"), f("item.start")]


def _skipped(moment: str, day: str) -> str:
    """A time in the hour the clocks skip in spring."""
    return (
        f"kl. {{{moment}:clock}} findes ikke {{{day}:long_date}}: den nat stilles uret frem "
        "fra 02.00 til 03.00 (sommertid); vælg et andet tidspunkt"
    )


def _in_range(path: str) -> Rule:
    """A date the model refuses outside FIRST_DATE–LAST_DATE (stated for the browser)."""
    return Rule(
        path.removeprefix("meeting."),
        [
            "any",
            ["lt", f(path), ["date", FIRST_DATE.isoformat()]],
            ["gt", f(path), ["date", LAST_DATE.isoformat()]],
        ],
        DATE_RANGE_MESSAGE.format(value=f"{{{path}}}", first=FIRST_DATE.year, last=LAST_DATE.year),
        by_model=True,
    )


MEETING_RULES = RuleBook(
    facts={
        "meeting": {
            "last_day": ["or", f("meeting.end_date"), f("meeting.date")],
            # 2 for a two-day meeting; an end_date that is no next day is reported below
            "days": ["if", ["eq", _GAP, const(1)], const(2), const(1)],
            "slug": ["or", f("meeting.id"), ["text", f("meeting.date")]],
            "slug_field": ["if", ["set", f("meeting.id")], const("id"), const("date")],
            "id_length": ["length", f("meeting.id")],
        },
        "programme": {
            # model.resolve_slots: its own end, the next item's start the same day, or the
            # meeting's end for the last item (of day 2 in a two-day meeting)
            "slot_end": [
                "or",
                f("item.end"),
                [
                    "if",
                    ["eq", f("next.day"), f("item.day")],
                    f("next.start"),
                    [
                        "if",
                        [
                            "and",
                            ["not", ["set", f("next.start")]],
                            [
                                "any",
                                ["not", ["set", f("meeting.end_date")]],
                                ["eq", f("item.day"), const(2)],
                            ],
                        ],
                        f("meeting.end"),
                        const(None),
                    ],
                ],
            ],
            "on_date": ["if", ["eq", f("item.day"), const(1)], f("meeting.date"), _LAST_DAY],
        },
        TEXTS: _TEXT_FACTS,
    },
    passes=(
        _TEXT_PASS,
        Pass(
            "meeting",
            (
                # The model's own rules: in Python a record breaking them never gets here.
                Rule(
                    "",
                    ["not", ["any", ["set", f("meeting.venue")], ["set", f("meeting.online")]]],
                    NO_PLACE_MESSAGE,
                    by_model=True,
                ),
                Rule(
                    "id",
                    ["in", f("meeting.id"), sorted(RESERVED_MEETING_IDS)],
                    RESERVED_ID_MESSAGE.format(value="{meeting.id}"),
                    by_model=True,
                ),
                Rule(
                    "id",
                    ["gt", f("meeting.id_length"), const(MAX_ID_LENGTH)],
                    ID_LENGTH_MESSAGE.format(length="{meeting.id_length}", most=MAX_ID_LENGTH),
                    by_model=True,
                ),
                *(
                    _in_range(path)
                    for path in (
                        "meeting.date",
                        "meeting.end_date",
                        "meeting.registration.deadline",
                        "meeting.announcement.date",
                    )
                ),
                Rule(
                    "end_date",
                    ["le", _GAP, const(0)],
                    "slutdatoen skal ligge efter mødets dato (date)",
                ),
                Rule("end_date", ["gt", _GAP, const(1)], "et møde kan højst vare to dage i træk"),
                Rule(
                    "end",
                    [
                        "and",
                        ["eq", f("meeting.days"), const(1)],
                        ["le", f("meeting.end"), f("meeting.start")],
                    ],
                    "sluttiden {meeting.end:clock} skal ligge efter "
                    "starttiden {meeting.start:clock}",
                ),
                Rule(
                    "registration.deadline",
                    ["gt", f("meeting.registration.deadline"), _LAST_DAY],
                    "tilmeldingsfristen ligger efter mødet",
                ),
                Rule(
                    "announcement.date",
                    ["gt", f("meeting.announcement.date"), _LAST_DAY],
                    "invitationen udkommer først efter mødet",
                ),
            ),
        ),
        Pass(
            "programme",
            (
                Rule(
                    "day",
                    ["gt", f("item.day"), f("meeting.days")],
                    "dag 2 findes kun, når mødet har en end_date (todagesmøde)",
                    skip=True,
                ),
                Rule(
                    "start",
                    _OUT_OF_ORDER,
                    "programmet skal stå i tidsorden; dette punkt står for sent",
                ),
                Rule(
                    "start",
                    [
                        "and",
                        ["not", _OUT_OF_ORDER],
                        ["eq", f("item.day"), f("previous.day")],
                        ["lt", f("item.start"), f("previous.slot_end")],
                    ],
                    "punktet begynder kl. {item.start:clock}, men punktet før slutter "
                    "først kl. {previous.slot_end:clock}",
                ),
                Rule(
                    "start",
                    [
                        "and",
                        ["eq", f("item.day"), const(1)],
                        ["lt", f("item.start"), f("meeting.start")],
                    ],
                    "punktet begynder kl. {item.start:clock}, før mødet begynder "
                    "(kl. {meeting.start:clock})",
                ),
                Rule(
                    "start",
                    [
                        "and",
                        ["eq", f("item.day"), f("meeting.days")],
                        ["ge", f("item.start"), f("meeting.end")],
                    ],
                    "punktet begynder kl. {item.start:clock}, når mødet er slut "
                    "(kl. {meeting.end:clock})",
                ),
                Rule(
                    "end",
                    _ITEM_END_FIRST,
                    "sluttiden {item.end:clock} skal ligge efter starttiden {item.start:clock}",
                ),
                Rule(
                    "end",
                    [
                        "and",
                        ["not", _ITEM_END_FIRST],
                        ["eq", f("item.day"), f("meeting.days")],
                        ["gt", f("item.end"), f("meeting.end")],
                    ],
                    "punktet slutter kl. {item.end:clock}, efter mødet (kl. {meeting.end:clock})",
                ),
            ),
        ),
        # No time in the hour the clocks skip in spring (model.local_moment has the rule).
        Pass(
            "meeting",
            (
                Rule(
                    "start",
                    ["not", ["exists", f("meeting.date"), f("meeting.start")]],
                    _skipped("meeting.start", "meeting.date"),
                ),
                Rule(
                    "end",
                    ["not", ["exists", _LAST_DAY, f("meeting.end")]],
                    _skipped("meeting.end", "meeting.last_day"),
                ),
            ),
        ),
        Pass(
            "programme",
            tuple(
                Rule(
                    name,
                    ["not", ["exists", f("item.on_date"), f(f"item.{name}")]],
                    _skipped(f"item.{name}", "item.on_date"),
                )
                for name in ("start", "end")
            ),
        ),
    ),
    across=(
        Unique(
            f("meeting.slug"),
            "{meeting.slug_field}",
            "mødets id »{meeting.slug}« er allerede brugt; et id skal være unikt",
        ),
    ),
)


# Materials kept in the repository (url: materialer/…) whose file is missing: a book of its
# own, since only a check that knows the files of docs/ can judge it.
_MISSING = ["and", ["local", f("item.url")], ["not", ["known", f("item.file")]]]
MATERIAL_RULES = RuleBook(
    facts={
        "materials": {
            "file": ["unquote", f("item.url")],
            "similar": ["similar", f("item.file")],
        }
    },
    passes=(
        Pass(
            "materials",
            (
                Rule(
                    "url",
                    ["and", _MISSING, ["set", f("item.similar")]],
                    "filen docs/{item.file} findes ikke; mente du url: {item.similar}? "
                    "(store og små bogstaver skal passe)",
                ),
                Rule(
                    "url",
                    ["and", _MISSING, ["not", ["set", f("item.similar")]]],
                    f"filen docs/{{item.file}} findes ikke; læg filen i mappen "
                    f"docs/{MATERIALS_DIR}/ eller ret stien",
                ),
            ),
        ),
    ),
)


def check_materials(
    meetings: Sequence[tuple[Loc, Meeting]], files: Collection[str]
) -> Iterator[Finding]:
    """Materials kept in the repository whose file is not among ``files`` (the source paths
    of the files in ``docs/``): ``MATERIAL_RULES``."""
    for loc, meeting in meetings:
        yield from relations.check_record(MATERIAL_RULES, meeting, loc, files)


def check_meeting(meeting: Meeting, loc: Loc) -> Iterator[Finding]:
    """Dates, times and programme of one meeting (``MEETING_RULES``)."""
    yield from relations.check_record(MEETING_RULES, meeting, loc)


def check_hosts(
    meetings: Sequence[tuple[Loc, Meeting]], member_ids: Sequence[str]
) -> Iterator[Finding]:
    """Every venue host must be the id of a member."""
    known = set(member_ids)
    for loc, meeting in meetings:
        host = meeting.venue.host if meeting.venue else None
        if host and host not in known:
            import difflib  # here: only a mistake needs it (a build's import, 3 M instructions)

            close = difflib.get_close_matches(host, member_ids, n=1)
            hint = f"mente du »{close[0]}«? " if close else ""
            listed = ", ".join(sorted(known)) or "(ingen medlemmer endnu)"
            yield (
                (*loc, "venue", "host"),
                (f"ukendt værtskommune »{host}«; {hint}kendte id'er i members.yaml: {listed}"),
            )


_TAKEN = "er allerede brugt; et id skal være unikt"
_NOT_IN = "{member.official_name} Kommune ligger i Region {member.official_region}, "
# members.yaml: unique ids and codes, the ids the model refuses (stated for the browser), and
# each member against the official list of municipalities (municipalities.tables()): its
# code, or else its name, gives the municipality, whose name and region it must have.
MEMBER_RULES = RuleBook(
    records="members",
    scope="member",
    tables=municipalities.tables,
    facts={
        "member": {
            "code_text": ["text", f("member.code")],
            # the name without »Kommune«, folded: the key of municipality_names
            "name_key": [
                "unsuffix",
                ["fold", f("member.name")],
                list(municipalities.NAME_SUFFIXES),
            ],
            "named": ["row", "municipality_names", f("member.name_key"), "code"],
            "municipality": [
                "if",
                ["set", f("member.code")],
                f("member.code_text"),
                f("member.named"),
            ],
            "official_name": ["row", "municipalities", f("member.municipality"), "name"],
            "official_region": ["row", "municipalities", f("member.municipality"), "region"],
        },
        TEXTS: _TEXT_FACTS,
    },
    passes=(
        _TEXT_PASS,
        Pass(
            "member",
            (
                Rule(
                    "code",
                    ["and", ["set", f("member.code")], ["not", ["set", f("member.official_name")]]],
                    "{member.code} er ikke en dansk kommunekode",
                ),
                Rule(
                    "name",
                    [
                        "and",
                        ["set", f("member.code")],
                        ["set", f("member.official_name")],
                        ["not", ["eq", f("member.named"), f("member.code_text")]],
                    ],
                    "kommunekode {member.code} er {member.official_name} Kommune, "
                    "ikke »{member.name}«",
                ),
                Rule(
                    "region",
                    [
                        "and",
                        # one of the five (the model refuses others; the form offers no other)
                        ["in", f("member.region"), list(REGIONS)],
                        ["ne", f("member.official_region"), f("member.region")],
                    ],
                    _NOT_IN + "ikke Region {member.region}",
                ),
                Rule(
                    "id",
                    [
                        "any",
                        ["in", f("member.id"), sorted(RESERVED_MEMBER_IDS)],
                        ["starts", f("member.id"), list(RESERVED_MEMBER_PREFIXES)],
                    ],
                    RESERVED_MEMBER_ID_MESSAGE.format(
                        value="{member.id}", example=example_of(Member, "id")
                    ),
                    by_model=True,
                ),
            ),
        ),
    ),
    across=(
        Unique(f("member.id"), "id", f"id »{{member.id}}« {_TAKEN}"),
        Unique(f("member.code_text"), "code", f"kommunekoden »{{member.code_text}}« {_TAKEN}"),
    ),
)
ORGANISER_RULES = RuleBook(
    records="organisers",
    scope="organiser",
    facts={TEXTS: _TEXT_FACTS},
    passes=(_TEXT_PASS,),
    across=(Unique(f("organiser.id"), "id", f"id »{{organiser.id}}« {_TAKEN}"),),
)


def check_member(member: Member, loc: Loc) -> Iterator[Finding]:
    """A member's code, name and region must agree with the official list (``MEMBER_RULES``)."""
    yield from relations.check_record(MEMBER_RULES, member, loc)


def check_members(
    members: Sequence[tuple[Loc, Member]], organisers: Sequence[tuple[Loc, Organiser]]
) -> Iterator[Finding]:
    """Unique ids and codes, and each member against the official list."""
    yield from relations.check_across(MEMBER_RULES, members)
    yield from relations.check_across(ORGANISER_RULES, organisers)
    for loc, member in members:
        yield from check_member(member, loc)


def check_meetings(meetings: Sequence[tuple[Loc, Meeting]]) -> Iterator[Finding]:
    """Each meeting's own rules and unique ids."""
    for loc, meeting in meetings:
        yield from check_meeting(meeting, loc)
    yield from relations.check_across(MEETING_RULES, meetings)


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
