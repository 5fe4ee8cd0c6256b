"""Data files to a validated ``Site``, or one ``DataError`` listing every problem.

This is the only entry point the glue and ``make check`` use: read both YAML files, validate
each record with the pydantic models, apply the cross-field rules, and translate every
finding to ``file:line: field: message`` in words an editor understands.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from netvaerk.content import clock, links, rules
from netvaerk.content.generated import generated_by_day
from netvaerk.content.history import Committed, same_words
from netvaerk.content.naming import name_records
from netvaerk.content.problems import DataError, Loc, Problem, format_loc
from netvaerk.content.site import Site
from netvaerk.content.yamlsource import Source, YamlDocument, parse_source, read_yaml
from netvaerk.model import (
    Kind,
    Meeting,
    MeetingsFile,
    Member,
    MembersFile,
    Network,
    NewsFrontMatter,
    Organiser,
    Status,
)

# A problem's words (did-you-mean, the model's slips, its fields) are imported by the functions
# that write them: a build with valid data never needs them (``content.suggestions``,
# ``text.fields``, difflib; with the editor's modules, 21 M instructions of the hooks'
# import, callgrind).

MEETINGS_FILE = "meetings.yaml"
MEMBERS_FILE = "members.yaml"


def _known_slips() -> dict[str, str]:
    """Common slips, mostly Danish words for the English keys (the model's ``slips``); read
    only when a key is unknown, so a build without mistakes never walks the model for them."""
    from netvaerk.text.fields import key_slips

    return key_slips(MeetingsFile, MembersFile, NewsFrontMatter)


_LIST_MESSAGE = "skal være en liste (hvert punkt på en linje, der begynder med »- «)"

M = TypeVar("M", bound=BaseModel)


def _unknown_key_message(key: str, allowed: Iterable[str]) -> str:
    import difflib

    from netvaerk.content.suggestions import invisible_hint, visible

    allowed = list(allowed)
    seen = visible(key)  # as the editor sees it
    guess = _known_slips().get(seen.casefold())
    if guess not in allowed:
        close = difflib.get_close_matches(seen, allowed, n=1, cutoff=0.6)
        guess = close[0] if close else None
    hint = f"mente du »{guess}«?" if guess else f"tilladte felter her: {', '.join(allowed)}"
    hidden = invisible_hint(key)
    if hidden:  # »mente du »title«?« for »tit\u200ble« would look like the input again
        return f"ukendt felt »{key}«; {hidden}" + ("" if guess == seen else f"; {hint}")
    return f"ukendt felt »{key}«; {hint}"


def _choice_hint(value: Any, options: list[str]) -> str:
    """'; mente du 'cancelled'?' for 'aflyst' or a misspelt choice, else ''."""
    import difflib

    from netvaerk.content.suggestions import invisible_hint, visible
    from netvaerk.text.fields import choice_slips

    text = str(visible(value)).strip().casefold()
    guess = choice_slips(Status, Kind).get(text)
    if guess not in options:
        close = difflib.get_close_matches(text, options, n=1, cutoff=0.6)
        guess = close[0] if close else None
    hidden = invisible_hint(value)
    if hidden:  # the guess only when it is more than the value without that character
        return f"; {hidden}" + (f"; mente du »{guess}«?" if guess and guess != text else "")
    return f"; mente du »{guess}«?" if guess else ""


def _message(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> str:
    from netvaerk.content.suggestions import (
        invisible_hint,
        suggest_clock,
        suggest_date,
        visible,
        where_it_belongs,
    )
    from netvaerk.text.fields import record_at

    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "mangler; feltet skal udfyldes"
    if kind == "extra_forbidden":
        parent = record_at(root, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        misplaced = (
            None if str(loc[-1]).casefold() in _known_slips() else where_it_belongs(root, loc)
        )
        if misplaced:
            return f"ukendt felt »{loc[-1]}« her; {misplaced}"
        return _unknown_key_message(str(loc[-1]), allowed)
    if kind == "enum":
        options = str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")
        return f"skal være en af: {options}{_choice_hint(error.get('input'), options.split(', '))}"
    if kind == "literal_error":
        return f"skal være {ctx.get('expected', '')}".replace(" or ", " eller ").replace("'", "")
    if kind in ("bool_type", "bool_parsing"):
        return "skal være true eller false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "skal være et helt tal"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"skal ligge mellem 1970 og 2100, ikke {error.get('input')}"
    if kind == "list_type":
        return _LIST_MESSAGE
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "skal være en gruppe af felter (nøgle: værdi) på linjerne under"
    if kind == "string_type":
        return "skal være tekst"
    message = str(error["msg"]).removeprefix("Value error, ")
    suggest = {"date": suggest_date, "clock": suggest_clock}.get(kind)
    written = visible(error.get("input"))
    better = suggest(written) if suggest else None
    if better is not None and (better == str(written).strip() or better in message):
        better = None  # a suggestion that repeats the input or the message is no help
    if invisible_hint(error.get("input")):  # an id, a date or a time that looks right
        message = f"{message}; {invisible_hint(error.get('input'))}"
    return f"{message}; mente du »{better}«?" if better else message


def validate_record(
    doc: YamlDocument, raw: Any, loc: Loc, model: type[M], problems: list[Problem]
) -> M | None:
    """``raw`` (found at ``loc`` in ``doc``) as ``model``, or None with every problem added
    to ``problems`` in the editor's terms: file, line, field and a Danish message."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            inner = tuple(error["loc"])
            full = (*loc, *inner)
            problems.append(
                Problem(
                    doc.path,
                    doc.lines.line_of(full),
                    format_loc(full),
                    _message(error, model, inner),
                )
            )
        return None


def _records(
    doc: YamlDocument,
    key: str,
    model: type[M],
    problems: list[Problem],
) -> list[tuple[Loc, M]]:
    """Validate each record of the list under ``key`` on its own, so all are checked."""
    raw = doc.data.get(key, [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.append(Problem(doc.path, doc.lines.line_of((key,)), key, _LIST_MESSAGE))
        return []
    valid = []
    for index, item in enumerate(raw):
        loc: Loc = (key, index)
        before = len(problems)
        record = validate_record(doc, item, loc, model, problems)
        if record is None:  # reported; keep what is valid so the rules check the rest too
            record = _salvage(item, model, [p.field for p in problems[before:]], loc)
        if record is not None:
            valid.append((loc, record))
    return valid


def _salvage(raw: Any, model: type[M], fields: list[str], loc: Loc) -> M | None:
    """The record without its invalid optional fields, or None if that is not possible.

    A record with ``status: aflyst`` should still be checked for ``end`` before ``start``:
    every mistake in one run. Only used when problems were reported, so the build fails
    either way; the salvaged record only feeds the cross-field rules.
    """
    if not isinstance(raw, dict):
        return None
    prefix = format_loc(loc)
    bad = set()
    for name in fields:
        rest = name.removeprefix(prefix).lstrip(".")
        top = rest.split(".")[0].split("[")[0]
        info = model.model_fields.get(top)
        if not rest or info is None or info.is_required():
            return None
        bad.add(top)
    try:
        return model.model_validate({k: v for k, v in raw.items() if k not in bad})
    except ValidationError:
        return None


def _untouched(records: list[tuple[Loc, M]], problems: list[Problem]) -> list[tuple[Loc, M]]:
    """The records no problem points into: a salvaged record lost its invalid fields (an
    invalid ``id``, say), so rules that need the whole record skip it."""
    touched = {p.field for p in problems}
    result = []
    for loc, record in records:
        prefix = format_loc(loc)
        if not any(f == prefix or f.startswith((f"{prefix}.", f"{prefix}[")) for f in touched):
            result.append((loc, record))
    return result


def _check_root(doc: YamlDocument, root: type[BaseModel], problems: list[Problem]) -> bool:
    if not isinstance(doc.data, dict):
        first = " og ".join(f"»{k}:«" for k in root.model_fields)
        problems.append(Problem(doc.path, 1, "", f"filen skal bestå af {first} med en liste under"))
        return False
    for key in doc.data:
        if key not in root.model_fields:
            problems.append(
                Problem(
                    doc.path,
                    doc.lines.line_of((key,)),
                    key,
                    _unknown_key_message(key, root.model_fields),
                )
            )
    return True


def _findings(doc: YamlDocument, findings: Iterable[rules.Finding]) -> list[Problem]:
    return [
        Problem(doc.path, doc.lines.line_of(loc), format_loc(loc), msg) for loc, msg in findings
    ]


def _present(doc: YamlDocument) -> dict[str, str]:
    """Id → title (``same_words``) of every meeting record in the file, valid or not."""
    raw = doc.data.get("meetings") if isinstance(doc.data, dict) else None
    found = {}
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            key = item.get("id") if item.get("id") is not None else item.get("date")
            title = item.get("title")
            found[str(key)] = same_words(title) if isinstance(title, str) else ""
    return found


def _link_problems(
    doc: YamlDocument,
    meetings: list[tuple[Loc, Meeting]],
    docs: Collection[str],
    today: date,
    docs_on: Callable[[date], Collection[str]] | None = None,
) -> list[Problem]:
    """Relative links in the meetings' Markdown and materials in docs/materialer/
    (``docs_on``: the files of a later day's build, for announcements not out today)."""

    generated_on = generated_by_day(m for _, m in meetings)

    def targets_on(day: date, docs: Collection[str]) -> set[str]:
        return set(docs) | set(generated_on(day))

    targets = targets_on(today, docs)
    on = None if docs_on is None else (today, lambda day: targets_on(day, docs_on(day)))
    problems = [
        Problem(doc.path, doc.lines.line_in(loc, offset), format_loc(loc), message)
        for loc, offset, message in links.check_links(meetings, targets, on)
    ]
    return problems + _findings(doc, rules.check_materials(meetings, docs))


class SiteReading(NamedTuple):
    """What could be read of the data files, with every problem: ``make changes`` compares
    an old version that has errors record by record instead of calling it all new.

    ``site`` holds only the records no problem points into; ``unread`` gives, for
    ``meetings`` and ``members``, the ids (or dates) of the records that could not be read,
    or None when the whole list could not (a broken file, a list that is not a list).
    """

    site: Site
    problems: tuple[Problem, ...]
    unread: Mapping[str, frozenset[str] | None]

    def valid(self) -> Site:
        """The site; ``DataError`` with every problem if there are any."""
        if self.problems:
            raise DataError(self.problems)
        return self.site


def _unread(
    doc: YamlDocument | None, key: str, read: Iterable[tuple[Loc, Any]]
) -> frozenset[str] | None:
    """The ids (else dates) of the records under ``key`` that are not among ``read``."""
    raw = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
    if doc is None or not isinstance(doc.data, dict) or not isinstance(raw or [], list):
        return None
    kept = {loc[1] for loc, _ in read}
    return frozenset(
        str(item.get("id") if item.get("id") is not None else item.get("date"))
        if isinstance(item, dict)
        else f"nr. {index + 1}"
        for index, item in enumerate(raw or [])
        if index not in kept
    )


class Against(NamedTuple):
    """What the data files are checked against beyond themselves; each is optional.

    ``before``: what Git says the meetings were (``History.committed``), to catch a meeting
    whose id moves with its date, a published id that changed and a deleted meeting that
    has not taken place (on ``today``, default the build's date). ``docs``: the source
    paths of the files the build takes from ``docs/``; given, the meetings' relative links
    and materials are checked against them. ``anchors``: the anchors of every page of a
    valid site on a day (``pages.anchors.anchors_of``); given, the anchors of the meetings' links
    are looked up in them once the data has no other problem (the renderers that make the
    pages take only valid data). ``meetings``: the meetings file as already read
    (``yamlsource.read_source``), so a build reads it once. ``docs_on``: the files the
    build of a later day takes from ``docs/`` (news dated after today come out), for the
    links of an announcement that is not out today (``content.links.check_links``).
    """

    before: Committed = Committed()
    docs: Collection[str] | None = None
    today: date | None = None
    anchors: Callable[[Site, date], links.PageAnchors] | None = None
    meetings: Source | None = None
    docs_on: Callable[[date], Collection[str]] | None = None


_ALONE = Against()  # the files checked against nothing beyond themselves


def load_site(data_dir: Path, display_dir: str = "data", against: Against = _ALONE) -> Site:
    """Read, validate and cross-check both data files (``read_site``); raise ``DataError``
    on any problem."""
    return read_site(data_dir, display_dir, against).valid()


def read_site(data_dir: Path, display_dir: str = "data", against: Against = _ALONE) -> SiteReading:
    """``load_site`` without raising: every problem, and the records that are sound."""
    before, docs, anchors = against.before, against.docs, against.anchors
    today = against.today or clock.today()
    problems: list[Problem] = []
    root = data_dir.parent  # the project: a data file may not be a link out of it
    if against.meetings is None:
        meetings_doc, found = read_yaml(
            data_dir / MEETINGS_FILE, f"{display_dir}/{MEETINGS_FILE}", root
        )
    else:
        meetings_doc, found = parse_source(against.meetings)
    problems += found
    members_doc, found = read_yaml(data_dir / MEMBERS_FILE, f"{display_dir}/{MEMBERS_FILE}", root)
    problems += found

    meetings: list[tuple[Loc, Meeting]] = []
    if meetings_doc is not None and _check_root(meetings_doc, MeetingsFile, problems):
        meetings = _records(meetings_doc, "meetings", Meeting, problems)
        problems += _findings(meetings_doc, rules.check_meetings(meetings))
        untouched = _untouched(meetings, problems)
        problems += _findings(meetings_doc, rules.check_kept_ids(untouched, before))
        problems += _findings(
            meetings_doc,
            rules.check_published_ids(untouched, _present(meetings_doc), before, today),
        )
        problems += [
            Problem(
                meetings_doc.path, meetings_doc.lines.line_in(loc, offset), format_loc(loc), msg
            )
            for loc, offset, msg in links.check_markup(meetings)
        ]
        if docs is not None:
            problems += _link_problems(meetings_doc, meetings, docs, today, against.docs_on)

    members: list[tuple[Loc, Member]] = []
    organisers: list[tuple[Loc, Organiser]] = []
    network: Network | None = None
    if members_doc is not None and _check_root(members_doc, MembersFile, problems):
        raw_network = members_doc.data.get("network")
        if raw_network is not None:
            network = validate_record(members_doc, raw_network, ("network",), Network, problems)
        organisers = _records(members_doc, "organisers", Organiser, problems)
        members = _records(members_doc, "members", Member, problems)
        problems += _findings(members_doc, rules.check_members(members, organisers))
        if meetings_doc is not None:
            # Ids of invalid member records count too: their own errors are reported already.
            raw_members = members_doc.data.get("members") or []
            member_ids = (
                [
                    str(r["id"])
                    for r in raw_members
                    if isinstance(r, dict) and r.get("id") is not None
                ]
                if isinstance(raw_members, list)
                else []
            )
            problems += _findings(meetings_doc, rules.check_hosts(meetings, member_ids))

    # Named by meeting title and date or member name: naming.py.
    raw = {doc.path: doc.data for doc in (meetings_doc, members_doc) if doc is not None}
    sound_meetings = _untouched(meetings, problems)
    sound_members = _untouched(members, problems)
    site = Site(
        meetings=tuple(m for _, m in sound_meetings),
        members=tuple(m for _, m in sound_members),
        organisers=tuple(o for _, o in _untouched(organisers, problems)),
        network=network,
    )
    if anchors is not None and meetings_doc is not None and not problems:
        problems += [
            Problem(
                meetings_doc.path, meetings_doc.lines.line_in(loc, offset), format_loc(loc), msg
            )
            for loc, offset, msg in links.check_anchors(
                meetings, anchors(site, today), (today, lambda day: anchors(site, day))
            )
        ]
    unread = {
        "meetings": _unread(meetings_doc, "meetings", sound_meetings),
        "members": _unread(members_doc, "members", sound_members),
    }
    return SiteReading(site, tuple(name_records(problems, raw)), unread)
