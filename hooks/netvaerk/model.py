"""The data contract (design.md §2) as pydantic models.

These models check the shape of each record: required fields, types, formats, unknown
keys. Rules that relate several fields or both files (end after start, programme order,
host ids) live in ``rules.py`` so each problem can point at the exact field.

The models are also the one source of the words editors see (``text/fields.py`` walks them):
each field's ``title`` is its Danish label in the browser editor's form and the JSON Schema,
its ``description`` the hint on hover in VS Code and, unless ``editor(hint=...)`` says it in
the form's own terms, in the form; its ``examples`` end both hints (»fx …«, composed in
``text/fields.py``), fill the JSON Schema's ``examples`` and are what a message shows as an
example (``example_of``); ``editor(slips=...)`` names the Danish keys editors write for it by
mistake. A record's ``Words`` and a choice's ``Choice`` hold theirs.
"""

# No ``from __future__ import annotations`` here: pydantic would then evaluate every field's
# annotation from a string, which made importing this module (and so every build) slower.
import datetime as dt
import os
import re
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum, nonmember
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Self
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# Before it builds the first model class, pydantic looks for plugins (the ``pydantic`` entry
# point group) in the metadata of every installed distribution, about 16 M instructions of
# every build (callgrind). The project has none; this is pydantic's documented switch, and a
# value set by whoever runs the build still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

TIMEZONE = ZoneInfo("Europe/Copenhagen")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
# A clock time as editors write it, 9:30, 09.30 or 12:30 (hours, minutes): the one pattern
# the model, the YAML reader (which keeps such numbers as text) and the browser editor's YAML
# format share (``editing/cms.py`` hands it to admin/netvaerk-yaml.js). ASCII digits, so it
# means the same to Python and JavaScript.
CLOCK_PATTERN = r"([0-9]{1,2})[:.]([0-9]{2})"
_CLOCK = re.compile(rf"^{CLOCK_PATTERN}$")
# A time that exists (00:00–23:59) in that shape: the JSON Schema's, where the model's own
# check (``_parse_clock``) tells a wrong shape from a wrong hour in its message.
VALID_CLOCK_PATTERN = r"^(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9]$"
# A date as the files write it, ÅÅÅÅ-MM-DD: the model and a preview date (content/clock.py).
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
# Every date in the files lies in this range: an earlier or later one is a typo (year 0001
# would also overflow when it becomes a moment in time).
FIRST_DATE = date(1990, 1, 1)
LAST_DATE = date(2100, 12, 31)
# An id is part of file names and URLs (/moeder/<id>/, <id>.ics): a long one breaks file
# systems (255 bytes per name) and nobody types or reads it; 60 leaves room for a theme.
MAX_ID_LENGTH = 60
# Meeting ids that would take a generated page's place: /moeder/index is the meeting list.
RESERVED_MEETING_IDS = frozenset({"index"})
# Member ids are anchors on /medlemmer/ (#silkeborg): not those of its headings and parts.
RESERVED_MEMBER_IDS = frozenset({"index", "medlemmer", "facilitatorer"})
RESERVED_MEMBER_PREFIXES = ("region-", "nk-")
# Messages of rules the model enforces that the browser editor's rule book
# (content/rules.py) states again for the browser, which has no model: one wording.
NO_PLACE_MESSAGE = "mødet har hverken »venue« (fysisk sted) eller »online«; angiv mindst ét af dem"
RESERVED_ID_MESSAGE = (
    "id'et »{value}« kan ikke bruges: /moeder/{value}/ er mødelisten selv; "
    "vælg et andet, fx mødets dato"
)
RESERVED_MEMBER_ID_MESSAGE = (
    "id'et »{value}« kan ikke bruges: det er navnet på en del af siden "
    "/medlemmer/ (medlemmernes id'er bliver mærker på den side); brug kommunens "
    "navn, fx {example}"
)
ID_LENGTH_MESSAGE = (
    "id'et er {length} tegn langt; det må højst være {most}, fordi det bliver en del af "
    "filnavne og adresser; brug et kortere, fx datoen"
)
DATE_RANGE_MESSAGE = "datoen {value} ligger uden for {first}–{last}; tjek årstallet"
# Line breaks in a one-line field; the control characters that YAML also counts as line
# breaks (\r, \x85, …) are refused in every text already (content/yamlsource.py).
_LINE_BREAKS = re.compile("[\n\u2028\u2029]")


def _parse_clock(value: Any) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError("clock", "skriv tidspunktet som TT:MM, fx 09:30")
    match = _CLOCK.match(str(value).strip())
    if not match:
        raise PydanticCustomError(
            "clock",
            "»{value}« er ikke et tidspunkt; skriv det som TT:MM, fx 09:30",
            {"value": value},
        )
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise PydanticCustomError(
            "clock",
            "»{value}« er ikke et gyldigt tidspunkt (timer 00–23, minutter 00–59)",
            {"value": value},
        )
    return time(hour, minute)


def slug_of(id_: str | None, date_: date | str) -> str:
    """A meeting's id: its ``id``, else its date (ISO). Raw records (the Git history) and
    validated meetings (``Meeting.slug``) both take it from here."""
    return id_ or (date_ if isinstance(date_, str) else date_.isoformat())


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError(
            "date", "skriv kun datoen (ÅÅÅÅ-MM-DD), ikke et klokkeslæt; tiden står i start og end"
        )
    if isinstance(value, date):
        return _in_range(value)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date", "skriv datoen som ÅÅÅÅ-MM-DD, fx {example}", {"example": _date_example()}
        )
    text = value.strip()
    if not re.fullmatch(DATE_PATTERN, text):
        raise PydanticCustomError(
            "date",
            "»{value}« er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx {example}",
            {"value": value, "example": _date_example()},
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "date", "datoen {value} findes ikke i kalenderen", {"value": text}
        ) from None
    return _in_range(day)


def example_of(record: "type[BaseModel]", name: str) -> str:
    """The first example the model gives for ``record.name`` (``Field(examples=...)``) as
    text: a message that shows an example shows the one the form and the JSON Schema show
    (read when the message is made, so it is always the model's)."""
    examples = record.model_fields[name].examples or []
    return str(examples[0])


def _date_example() -> str:
    """The example of a date in messages: the meeting date's (every date has this shape)."""
    return example_of(Meeting, "date")


def _in_range(day: date) -> date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise PydanticCustomError(
            "date",
            DATE_RANGE_MESSAGE,
            {"value": day.isoformat(), "first": FIRST_DATE.year, "last": LAST_DATE.year},
        )
    return day


def _parse_slug(value: Any) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)  # `id: 2021` is digits only, which a slug allows
    if not isinstance(value, str) or not _SLUG.match(value):
        raise PydanticCustomError(
            "slug",
            "»{value}« kan ikke bruges som id: brug kun små bogstaver a-z, tal og bindestreg, "
            "fx {date} eller {member}",
            {"value": value, "date": _date_example(), "member": example_of(Member, "id")},
        )
    if len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "slug", ID_LENGTH_MESSAGE, {"length": len(value), "most": MAX_ID_LENGTH}
        )
    return value


def _check_url(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("url", "skal være en webadresse, fx https://www.kl.dk")
    text = value.strip()
    parts = urlsplit(text)
    spaces = re.search(r"\s", text)  # urlsplit drops line breaks, the calendar refuses them
    if spaces and parts.scheme in ("http", "https", "mailto"):
        raise PydanticCustomError(
            "url",
            "en webadresse må ikke indeholde mellemrum eller linjeskift; skriv hele adressen "
            "på én linje efter url: (også selv om linjen bliver lang)",
        )
    if parts.scheme in ("http", "https") and parts.netloc and not spaces:
        return text
    if parts.scheme == "mailto" and "@" in parts.path and not spaces:
        return text
    raise PydanticCustomError(
        "url",
        "»{value}« er ikke en gyldig adresse; den skal begynde med https://, http:// eller mailto:",
        {"value": value},
    )


MATERIALS_DIR = "materialer"  # docs/materialer/: files in the repository, linked from materials


def _check_material_url(value: Any) -> str:
    """A web address, or a file in ``docs/materialer/`` written as ``materialer/<name>``."""
    if not isinstance(value, str) or urlsplit(value.strip()).scheme or value.strip()[:2] == "//":
        return _check_url(value)
    text = value.strip()
    path = text.replace("\\", "/").lstrip("/")
    while path.startswith("../"):
        path = path[len("../") :]
    path = path.removeprefix("docs/")
    parts = path.split("/")
    inside = path.startswith(f"{MATERIALS_DIR}/") and ".." not in parts and "." not in parts
    if inside and path == text:
        return text
    if inside:
        raise PydanticCustomError(
            "url",
            "skriv stien fra mappen docs/, uden docs/, / eller ../ foran: url: {path}",
            {"path": path},
        )
    raise PydanticCustomError(
        "url",
        "'{value}' er ikke en gyldig adresse: skriv en webadresse (https://…), eller læg filen "
        "i mappen docs/{folder}/ og skriv url: {folder}/{name}",
        {"value": value, "folder": MATERIALS_DIR, "name": parts[-1] or "slides.pdf"},
    )


def _check_email(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(
        r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", value.strip()
    ):
        raise PydanticCustomError(
            "email", "»{value}« er ikke en gyldig e-mailadresse", {"value": value}
        )
    return value.strip()


def _check_text(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("text", "skal være tekst (sæt den i anførselstegn)")
    if not value.strip():
        raise PydanticCustomError("text", "må ikke være tom")
    return value.strip()


def _check_line(value: Any) -> str:
    """Text for a title, name or other one-line field: no line breaks inside it."""
    text = _check_text(value)
    if _LINE_BREAKS.search(text):
        raise PydanticCustomError(
            "line",
            "skal stå på én linje; skriv teksten på én linje (en lang linje er fin), eller skriv "
            ">- i stedet for |, så bliver linjerne lagt sammen til én",
        )
    return text


def _no_items() -> list[Any]:
    """The default of the list fields: a new empty list. A function of ours, not ``list``:
    pydantic asks every default factory for its signature, and a builtin's signature is
    parsed from its text with ``tokenize``, whose patterns are compiled on first use; no
    other part of a build needs them (17 M instructions of every build, callgrind)."""
    return []


def _to_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _check_region(value: Any) -> str:
    if isinstance(value, str):
        name = value.strip()
        name = name[len("region ") :] if name.casefold().startswith("region ") else name
        for region in REGIONS:
            if region.casefold() == name.casefold():
                return region
    raise PydanticCustomError(
        "region",
        "»{value}« er ikke en af de fem regioner: {regions}",
        {"value": value, "regions": ", ".join(REGIONS)},
    )


# The JSON Schema of each type describes what an editor may write in the YAML file (as the
# YAML 1.2 reader of their editor sees it), not the Python value: see netvaerk/editing/schemas.py.
_TEXT_SCHEMA: dict[str, Any] = {"type": "string", "pattern": r"\S"}
_CLOCK_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": VALID_CLOCK_PATTERN},
        {"type": "number", "minimum": 0, "exclusiveMaximum": 24},  # 12.30 without quotes
    ],
    "examples": ["09:30", "12.30"],
}
_DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": r"^(?:199[0-9]|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$",  # FIRST_DATE–LAST_DATE
    "examples": ["2021-01-28"],
}
_URL_PATTERN = r"^(?:https?://[^\s/?#]+[^\s]*|mailto:[^\s@]+@[^\s]+)$"

ClockTime = Annotated[time, BeforeValidator(_parse_clock), WithJsonSchema(_CLOCK_SCHEMA)]
IsoDate = Annotated[date, BeforeValidator(_parse_date), WithJsonSchema(_DATE_SCHEMA)]
Slug = Annotated[
    str,
    BeforeValidator(_parse_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}),
]
Url = Annotated[
    str, BeforeValidator(_check_url), WithJsonSchema({"type": "string", "pattern": _URL_PATTERN})
]
MaterialUrl = Annotated[
    str,
    BeforeValidator(_check_material_url),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"pattern": _URL_PATTERN}, {"pattern": rf"^{MATERIALS_DIR}/[^\\]+$"}],
        }
    ),
]
Email = Annotated[
    str,
    BeforeValidator(_check_email),
    WithJsonSchema({"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"}),
]
Text = Annotated[str, BeforeValidator(_check_text), WithJsonSchema(_TEXT_SCHEMA)]
# One-line text (titles, names): a line break in YAML's own sense only at the ends, where
# `title: |` puts one; the schema says the same to the editor's editor.
_LINE_SCHEMA: dict[str, Any] = {"type": "string", "pattern": r"^\s*[^\n\r]*\S[^\n\r]*\s*$"}
Line = Annotated[str, BeforeValidator(_check_line), WithJsonSchema(_LINE_SCHEMA)]
Region = Annotated[
    str,
    BeforeValidator(_check_region),
    WithJsonSchema({"enum": [*REGIONS, *(f"Region {r}" for r in REGIONS)]}),
]


class Words(NamedTuple):
    """The Danish words for a record or a choice list as editors see them: the title and
    description of its JSON Schema (``editing/schemas.py``), the form's »Tilføj <singular>«
    under a list of them (``editing/cms.py``), and how a message names one (»hører til i
    mødet selv«). The docstrings are for developers; these are for editors."""

    title: str  # 'Møde'
    description: str
    singular: str = ""  # 'møde'
    itself: str = ""  # 'mødet'


class Choice(NamedTuple):
    """The Danish word for one value of a choice field (``Status``, ``Kind``): the form's
    option, the word of ``make changes`` and the pages; and the Danish words editors write
    for it by slip (``status: aflyst``), which a message turns into a suggestion."""

    label: str
    slips: tuple[str, ...] = ()


def editor(*, hint: str = "", slips: tuple[str, ...] = ()) -> dict[str, Any]:
    """A field's words beyond its ``title`` (the form's label) and ``description`` (the hint
    in VS Code and, unless ``hint`` says it better for a form, in the browser editor), for
    pydantic's ``json_schema_extra``: ``slips`` are Danish words editors write for the key
    (``titel:``), which a message turns into »mente du »title«?«. ``text/fields.py`` reads
    them; ``editing/schemas.py`` keeps them out of the JSON Schema."""
    extra: dict[str, Any] = {}
    if hint:
        extra[FORM_HINT] = hint
    if slips:
        extra[SLIPS] = list(slips)
    return extra


FORM_HINT = "form_hint"
SLIPS = "slips"
GUIDE = "Se VEJLEDNING.md i repositoriet."


class Status(StrEnum):
    """Whether a meeting takes place."""

    PLANNED = "planned"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"

    words = nonmember(Words("Status", "Om mødet holdes"))
    choices = nonmember(
        {
            "planned": Choice("Holdes som planlagt", slips=("planlagt",)),
            "cancelled": Choice("Aflyst", slips=("aflyst", "canceled")),
            "postponed": Choice("Udskudt", slips=("udskudt", "udsat")),
        }
    )

    @property
    def label(self) -> str:
        """'Aflyst': the status in Danish, as every output and the form say it."""
        return self.choices[self.value].label


class Kind(StrEnum):
    """What a programme item is: shown differently in the agenda table."""

    SESSION = "session"
    BREAK = "break"
    MEAL = "meal"

    words = nonmember(Words("Slags", "Hvad et programpunkt er"))
    choices = nonmember(
        {
            "session": Choice("Oplæg eller drøftelse", slips=("oplæg",)),
            "break": Choice("Pause", slips=("pause", "kaffe")),
            "meal": Choice("Måltid", slips=("frokost", "måltid", "middag")),
        }
    )

    @property
    def label(self) -> str:
        """'Pause': the kind in Danish, as the agenda and the form say it."""
        return self.choices[self.value].label


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    words: ClassVar[Words]


class Venue(_Record):
    """Where a physical meeting takes place."""

    words = Words("Sted", "Hvor et fysisk møde holdes.")

    name: Line = Field(
        title="Stedets navn",
        description="Stedets navn.",
        examples=["Silkeborg Rådhus"],
        json_schema_extra=editor(slips=("navn",)),
    )
    address: Line | None = Field(
        None,
        title="Adresse",
        description="Adresse.",
        examples=["Søvej 1, 8600 Silkeborg"],
        json_schema_extra=editor(slips=("adresse",)),
    )
    host: Slug | None = Field(
        None,
        title="Værtskommune",
        description="Id på værtskommunen i members.yaml.",
        examples=["silkeborg"],
        json_schema_extra=editor(
            hint="Den medlemskommune, der er vært for mødet.", slips=("vært",)
        ),
    )


class Online(_Record):
    """How to join an online (or hybrid) meeting."""

    words = Words("Online", "Hvordan man deltager online.")

    platform: Line = Field(title="Platform", description="Platformen.", examples=["Teams"])
    url: Url | None = Field(None, title="Link til mødet", description="Link til mødet (https://…).")


class Registration(_Record):
    """How and until when to sign up."""

    words = Words("Tilmelding", "Hvordan og hvornår man tilmelder sig.")

    url: Url = Field(
        title="Tilmeldingslink", description="Tilmeldingslink (https://… eller mailto:…)."
    )
    deadline: IsoDate | None = Field(
        None,
        title="Tilmeldingsfrist",
        description="Sidste tilmeldingsdag, ÅÅÅÅ-MM-DD.",
        json_schema_extra=editor(
            hint="Sidste dag man kan tilmelde sig, senest mødets dag.", slips=("frist",)
        ),
    )
    price: Line | None = Field(
        None,
        title="Pris",
        description="Pris i fri tekst.",
        json_schema_extra=editor(slips=("pris",)),
    )


class Announcement(_Record):
    """The invitation, published as a news item on its date."""

    words = Words("Invitation", "Invitationen, der udkommer som nyhed på sin dato.")

    date: IsoDate = Field(
        title="Udgivelsesdato",
        description="Dagen nyheden udkommer, ÅÅÅÅ-MM-DD.",
        json_schema_extra=editor(hint="Dagen invitationen kommer på siden, senest mødets dag."),
    )
    title: Line | None = Field(
        None,
        title="Overskrift",
        description="Nyhedens overskrift (ellers mødets tema).",
        json_schema_extra=editor(hint="Tom: mødets tema."),
    )
    body: Text | None = Field(
        None,
        title="Tekst",
        description="Nyhedens tekst i Markdown.",
        json_schema_extra=editor(
            hint="Invitationens tekst. Markdown er tilladt, fx **fed** og lister."
        ),
    )


class ProgrammeItem(_Record):
    """One slot of the agenda."""

    words = Words("Programpunkt", "Ét punkt i programmet.", singular="programpunkt")

    start: ClockTime = Field(
        title="Starttid",
        description="Starttid, TT:MM eller TT.MM (dansk tid).",
        examples=["10.00"],
        json_schema_extra=editor(hint="Dansk tid."),
    )
    end: ClockTime | None = Field(
        None,
        title="Sluttid",
        description="Sluttid, TT:MM (ellers næste punkts start eller mødets slut).",
        json_schema_extra=editor(hint="Tom: næste punkts start eller mødets slut."),
    )
    title: Line = Field(title="Punkt", description="Punktets titel.")
    speakers: Annotated[
        list[Line],
        BeforeValidator(_to_list),
        WithJsonSchema({"anyOf": [_LINE_SCHEMA, {"type": "array", "items": _LINE_SCHEMA}]}),
    ] = Field(
        default_factory=_no_items,
        title="Oplægsholdere",
        description="Oplægsholdere: et navn eller en liste af navne.",
        json_schema_extra=editor(
            hint="Ét navn i hver boks; »Tilføj Oplægsholdere« giver en ny.",
            slips=("oplægsholder", "oplægsholdere", "speaker"),
        ),
    )
    kind: Kind = Field(
        Kind.SESSION,
        title="Slags",
        description="Standard: session.",  # after the choices and their words (text/fields.py)
        json_schema_extra=editor(
            hint="Oplæg eller drøftelse, medmindre du vælger pause eller måltid."
        ),
    )
    description: Text | None = Field(
        None,
        title="Uddybning",
        description="Uddybning i Markdown.",
        json_schema_extra=editor(hint="Uddybning. Markdown er tilladt."),
    )
    day: Literal[1, 2] = Field(
        1,
        title="Mødedag",
        description="Mødedag (1 eller 2) ved todagesmøder.",
        json_schema_extra=editor(hint="1 eller 2; kun ved todagesmøder."),
    )


class Material(_Record):
    """Slides, minutes and other material published after the meeting."""

    words = Words(
        "Materiale", "Slides, referat eller andet materiale efter mødet.", singular="materiale"
    )

    title: Line = Field(title="Titel", description="Materialets titel.")
    url: MaterialUrl = Field(
        title="Link",
        description="Link til materialet (https://…), eller en fil i mappen docs/materialer/ "
        "skrevet som materialer/filnavn.pdf.",
        json_schema_extra=editor(
            hint="En webadresse (https://…), eller en fil: læg den op under »Medier«, vælg "
            "den, klik »Kopiér« › »Filsti«, og sæt stien ind her."
        ),
    )

    @property
    def in_repository(self) -> bool:
        """A file under ``docs/materialer/`` rather than a web address."""
        return not urlsplit(self.url).scheme


class Meeting(_Record):
    """One network meeting."""

    words = Words(
        "Møde",
        "Ét netværksmøde. Skal have »venue« (fysisk sted), »online« eller begge (hybrid).",
        singular="møde",
        itself="mødet",
    )

    id: Slug | None = Field(
        None,
        title="Fast id (sidens adresse)",
        description="Mødets faste id (standard: datoen). Det er sidens adresse og "
        "kalenderens UID: ændr det aldrig, når mødet er offentliggjort.",
        json_schema_extra=editor(
            hint="Lad feltet stå tomt, så bruges datoen. Det er sidens adresse og mødets nøgle "
            "i kalenderen: ændr det aldrig, når mødet er offentliggjort."
        ),
    )
    title: Line = Field(
        title="Tema",
        description="Mødets tema.",
        examples=["Lokal udvikling i en coronatid"],
        json_schema_extra=editor(slips=("titel", "tema")),
    )
    date: IsoDate = Field(
        title="Dato",
        description="Mødets (første) dag, ÅÅÅÅ-MM-DD.",
        examples=["2021-01-28"],
        json_schema_extra=editor(hint="Mødets (første) dag.", slips=("dato",)),
    )
    end_date: IsoDate | None = Field(
        None,
        title="Slutdato (todagesmøde)",
        description="Dag 2 af et todagesmøde, ÅÅÅÅ-MM-DD; end er så sluttiden den dag.",
        json_schema_extra=editor(
            hint="Kun ved todagesmøder: dag 2. Sluttiden gælder så den dag.", slips=("slutdato",)
        ),
    )
    start: ClockTime = Field(
        title="Starttid",
        description="Starttid, TT:MM eller TT.MM (dansk tid).",
        examples=["9.30"],
        json_schema_extra=editor(hint="Dansk tid."),
    )
    end: ClockTime = Field(
        title="Sluttid",
        description="Sluttid, TT:MM eller TT.MM (dansk tid).",
        examples=["15.30"],
        json_schema_extra=editor(hint="Dansk tid, efter starttiden.", slips=("slut",)),
    )
    status: Status = Field(
        Status.PLANNED,
        title="Status",
        description="Standard: planned.",  # after the choices and their words (text/fields.py)
        json_schema_extra=editor(
            hint="Holdes som planlagt, medmindre du vælger aflyst eller udskudt."
        ),
    )
    venue: Venue | None = Field(
        None,
        title="Sted (fysisk møde)",
        description="Sted for et fysisk møde (name, address, host). Mødet skal have venue, "
        "online eller begge.",
        json_schema_extra=editor(
            hint="Udfyld for et fysisk møde. Mødet skal have et sted, online eller begge.",
            slips=("sted",),
        ),
    )
    online: Online | None = Field(
        None,
        title="Online",
        description="Onlinemøde (platform, url). Sammen med venue bliver mødet hybrid.",
        json_schema_extra=editor(hint="Udfyld for et onlinemøde. Med et sted bliver mødet hybrid."),
    )
    summary: Line | None = Field(
        None,
        title="Kort resumé",
        description="Én sætning til mødelisten, forsiden og kalenderen.",
        json_schema_extra=editor(slips=("resume",)),
    )
    description: Text | None = Field(
        None,
        title="Beskrivelse",
        description="Længere beskrivelse i Markdown: skriv | og teksten på linjerne under.",
        json_schema_extra=editor(
            hint="Længere beskrivelse. Markdown er tilladt, fx **fed** og lister.",
            slips=("beskrivelse",),
        ),
    )
    registration: Registration | None = Field(
        None,
        title="Tilmelding",
        description="Tilmelding (url, deadline, price).",
        json_schema_extra=editor(hint=Registration.words.description, slips=("tilmelding",)),
    )
    announcement: Announcement | None = Field(
        None,
        title="Invitation (nyhed)",
        description="Invitationen, der udkommer som nyhed på sin dato (date, title, body).",
        json_schema_extra=editor(hint="Invitationen udkommer som nyhed på sin dato."),
    )
    programme: list[ProgrammeItem] = Field(
        default_factory=_no_items,
        title="Program",
        description="Programmet: punkter i tidsorden (start, title, …).",
        json_schema_extra=editor(
            hint="Punkterne i tidsorden, inden for mødets start og slut.", slips=("program",)
        ),
    )
    materials: list[Material] = Field(
        default_factory=_no_items,
        title="Materialer",
        description="Materialer efter mødet: punkter med title og url.",
        json_schema_extra=editor(
            hint="Slides, referat og andet materiale efter mødet.", slips=("materialer",)
        ),
    )

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str | None) -> str | None:
        if value in RESERVED_MEETING_IDS:
            raise PydanticCustomError("reserved", RESERVED_ID_MESSAGE, {"value": value})
        return value

    @model_validator(mode="after")
    def _has_place(self) -> Self:
        if self.venue is None and self.online is None:
            raise PydanticCustomError("place", NO_PLACE_MESSAGE)
        return self

    @property
    def slug(self) -> str:
        """The meeting's stable id: its page URL and calendar UID."""
        return slug_of(self.id, self.date)

    @property
    def slug_field(self) -> Literal["id", "date"]:
        """The field the meeting's id comes from (``slug_of``)."""
        return "id" if self.id else "date"

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.date

    def day_date(self, day: int) -> dt.date:
        """The date of programme day 1 or 2 (a meeting lasts at most two days)."""
        return self.date if day == 1 else self.last_day

    @property
    def starts_at(self) -> datetime:
        return local_moment(self.date, self.start)

    @property
    def ends_at(self) -> datetime:
        return local_moment(self.last_day, self.end)

    @property
    def join_url(self) -> str | None:
        """The link to join online, only while the meeting takes place as planned."""
        if self.online and self.online.url and self.status == Status.PLANNED:
            return self.online.url
        return None

    @property
    def place_text(self) -> str:
        """'Skive Rådhus, Torvegade 10' / 'Online (Teams)' / 'Skive Rådhus og online (Teams)':
        plain text; "online" is capitalised only where it starts the text."""
        parts = []
        if self.venue:
            parts.append(", ".join(p for p in (self.venue.name, self.venue.address) if p))
        if self.online:
            parts.append(f"{'online' if parts else 'Online'} ({self.online.platform})")
        return " og ".join(parts)

    @property
    def attendance(self) -> Literal["offline", "online", "mixed"]:
        if self.venue and self.online:
            return "mixed"
        return "online" if self.online else "offline"


class Organiser(_Record):
    """One of the facilitators (KL, Landdistrikternes Fællesråd)."""

    words = Words(
        "Facilitator",
        "KL eller Landdistrikternes Fællesråd.",
        singular="facilitator",
        itself="facilitatoren",
    )

    id: Slug = Field(
        title="Id",
        description="Kort id.",
        examples=["kl"],
        json_schema_extra=editor(hint="Kort navn i små bogstaver."),
    )
    name: Line = Field(title="Navn", description="Facilitatorens navn.", examples=["KL"])
    url: Url | None = Field(None, title="Hjemmeside", description="Hjemmeside (https://…).")


class Network(_Record):
    """The network itself: where visitors, calendar clients and search engines write to.

    One address for the network (the organisers' shared secretariat), not a person's: it is
    the calendar's ORGANIZER (``mailto:``), the contact of the Organization in the home
    page's JSON-LD, and the address in the accessibility statement and on the site.
    """

    words = Words(
        "Netværket",
        "Netværkets fælles kontakt: kalenderens arrangør, forsiden og tilgængelighedserklæringen.",
    )

    email: Email = Field(
        title="Netværkets e-mail",
        description="Netværkets fælles e-mailadresse (sekretariatet), fx »kontakt@…«.",
    )


class Contact(_Record):
    """A contact person; published only with consent."""

    words = Words(
        "Kontaktperson",
        "Vises kun på siden med public: true (personen har givet samtykke).",
        singular="kontaktperson",
    )

    name: Line = Field(title="Navn", description="Kontaktpersonens navn.")
    role: Line | None = Field(
        None,
        title="Rolle",
        description="Rolle.",
        examples=["Landdistriktskoordinator"],
        json_schema_extra=editor(slips=("rolle",)),
    )
    email: Email | None = Field(None, title="E-mail", description="E-mailadresse.")
    phone: (
        Annotated[
            str,
            BeforeValidator(lambda v: _check_line(str(v) if isinstance(v, int) else v)),
            WithJsonSchema({"type": ["string", "integer"]}),
        ]
        | None
    ) = Field(
        None,
        title="Telefon",
        description="Telefon i fri tekst.",
        json_schema_extra=editor(slips=("telefon",)),
    )
    public: bool = Field(
        False,
        title="Vis på siden",
        description="true = personen har givet samtykke til at stå på siden (standard: false).",
        json_schema_extra=editor(
            hint="Slå kun til, når personen har givet samtykke til at stå på siden.",
            slips=("offentlig",),
        ),
    )


class Member(_Record):
    """A member municipality."""

    words = Words(
        "Medlemskommune",
        "En kommune i netværket.",
        singular="medlemskommune",
        itself="medlemmet",
    )

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_MEMBER_IDS or value.startswith(RESERVED_MEMBER_PREFIXES):
            raise PydanticCustomError(
                "reserved",
                RESERVED_MEMBER_ID_MESSAGE,
                {"value": value, "example": example_of(Member, "id")},
            )
        return value

    id: Slug = Field(
        title="Id",
        description="Kort id.",
        examples=["silkeborg"],
        json_schema_extra=editor(hint="Kort navn i små bogstaver; bruges i sidens adresse."),
    )
    name: Line = Field(
        title="Kommunens navn", description="Kommunens navn.", examples=["Silkeborg Kommune"]
    )
    region: Region = Field(
        title="Region", description="En af de fem regioner.", examples=["Midtjylland"]
    )
    code: int | None = Field(
        None,
        title="Kommunekode",
        description="Officiel kommunekode.",
        examples=[740],
        json_schema_extra=editor(slips=("kode",)),
    )
    since: int | None = Field(
        None, ge=1970, le=2100, title="Medlem siden (år)", description="Året kommunen blev medlem."
    )
    url: Url | None = Field(None, title="Hjemmeside", description="Kommunens hjemmeside.")
    contacts: list[Contact] = Field(
        default_factory=_no_items,
        title="Kontaktpersoner",
        description="Kontaktpersoner; vises kun med public: true.",
        json_schema_extra=editor(
            hint="Vises kun på siden for dem, der har sagt ja (»Vis på siden«).",
            slips=("kontakter",),
        ),
    )

    @property
    def public_contacts(self) -> list[Contact]:
        return [c for c in self.contacts if c.public]


class MeetingsFile(_Record):
    """data/meetings.yaml."""

    words = Words(
        "Netværkets møder",
        f"data/meetings.yaml: én liste »meetings« med et punkt pr. møde. {GUIDE}",
    )

    meetings: list[Meeting] = Field(
        default_factory=_no_items,
        title="Møder",
        description="Netværkets møder.",
        json_schema_extra=editor(slips=("møder",)),
    )


class MembersFile(_Record):
    """data/members.yaml."""

    words = Words(
        "Medlemmer og facilitatorer",
        "data/members.yaml: »network« (netværkets e-mail), »organisers« (KL og LDF) og "
        f"»members« (kommunerne). {GUIDE}",
    )

    network: Network | None = Field(
        None,
        title="Netværkets kontakt",
        description="Netværkets kontaktoplysninger: e-mail til sekretariatet.",
    )
    organisers: list[Organiser] = Field(
        default_factory=_no_items,
        title="Facilitatorer",
        description="Facilitatorerne: KL og Landdistrikternes Fællesråd.",
    )
    members: list[Member] = Field(
        default_factory=_no_items,
        title="Medlemskommuner",
        description="Medlemskommunerne.",
        json_schema_extra=editor(slips=("medlemmer",)),
    )


class NewsFrontMatter(_Record):
    """The front matter of an editor's news file: our keys and the few of MkDocs' and
    Material's that are harmless on a news page. Others are errors: ``template`` would make
    MkDocs render the page with any file as its template."""

    words = Words("Nyhed", "Forsiden af en nyhedsfil i docs/nyheder/.", singular="nyhed")

    date: IsoDate = Field(
        title="Udgivelsesdato",
        description="Dagen nyheden udkommer, ÅÅÅÅ-MM-DD.",
        json_schema_extra=editor(hint="Nyheden kommer på siden og i nyhedsfeedet denne dag."),
    )
    summary: Line | None = Field(
        None, title="Kort resumé", description="Én sætning til oversigten og feedet."
    )
    title: Line | None = Field(
        None,
        title="Overskrift",
        description="Overskrift (ellers filens # overskrift).",
        json_schema_extra=editor(hint="Nyhedens overskrift."),
    )
    description: Line | None = Field(
        None,
        title="Beskrivelse til søgemaskiner",
        description="Beskrivelse til søgemaskiner (ellers summary eller første afsnit).",
        json_schema_extra=editor(hint="Til søgemaskiner. Tom: resuméet eller første afsnit."),
    )
    # A page layout switch, not content: no form field (``editing/cms.py``), hence no words.
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(
        default_factory=_no_items, description="Dele af siden, der skal skjules, fx [toc]."
    )


def local_moment(day: date, clock: time) -> datetime:
    """The moment a Danish wall-clock time on ``day`` stands for: every meeting time in the
    calendar, the JSON-LD and the add-to-calendar links comes from here.

    The rule for the two odd hours of the year: a time that occurs twice (02:00–02:59 on the
    last Sunday of October) is its *first* occurrence, still summer time (``fold=0``), as
    RFC 5545 says for a DTSTART with TZID (the outputs write it via ``unambiguous``); a time
    that does not exist (02:00–02:59 on the last Sunday of March) is refused
    (``exists_locally``, in rules.check_meeting).
    """
    return datetime.combine(day, clock, TIMEZONE)


@lru_cache(maxsize=4096)
def _offset_changes(day: date) -> bool:
    """Whether Denmark's UTC offset differs between the start of ``day`` and of the next: only
    then can a wall-clock time of ``day`` be missing (the rules ask this for every time of every
    meeting, mostly on the same few days)."""
    start = datetime.combine(day, time(0), TIMEZONE)
    return start.utcoffset() != (start + timedelta(days=1)).utcoffset()


def exists_locally(day: date, clock: time) -> bool:
    """Whether the clocks in Denmark show ``clock`` on ``day`` (not in the spring gap)."""
    if not _offset_changes(day):
        return True
    moment = local_moment(day, clock)
    return moment.astimezone(UTC).astimezone(TIMEZONE).replace(tzinfo=None) == moment.replace(
        tzinfo=None
    )


def occurs_twice(moment: datetime) -> bool:
    """Whether the wall-clock time of ``moment`` occurs twice that day (the autumn hour)."""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def unambiguous(moment: datetime) -> datetime:
    """``moment`` as it can be written without doubt: in UTC if its wall-clock time occurs
    twice, else unchanged. Clients do not agree on a local time that occurs twice (ical.js
    takes the second, winter time, against RFC 5545), so the .ics file and the Google link
    write such a time in UTC."""
    return moment.astimezone(UTC) if occurs_twice(moment) else moment


class Slot(NamedTuple):
    """A programme item with its end resolved (explicit, next item's start, or meeting end).

    Derived from validated data, so a plain dataclass: nothing to validate.
    """

    item: ProgrammeItem
    end: time | None


def resolve_slots(meeting: Meeting) -> list[Slot]:
    """The programme in order with every end time that can be known filled in."""
    items = meeting.programme
    slots = []
    for index, item in enumerate(items):
        end = item.end
        if end is None:
            following = items[index + 1] if index + 1 < len(items) else None
            if following is not None and following.day == item.day:
                end = following.start
            elif following is None and (meeting.end_date is None or item.day == 2):
                end = meeting.end
        slots.append(Slot(item=item, end=end))
    return slots
