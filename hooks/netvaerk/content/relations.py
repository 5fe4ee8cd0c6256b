"""Cross-field rules as data, so ``make check`` and the browser editor share one definition.

The editor in production (GitHub backend, a static page, no server) cannot run Python. So a
rule that relates several fields (end after start, the programme inside the meeting and in
order, dates not after the meeting ...) is written once, in ``rules.py``, as a small
expression tree of plain lists and strings: this module evaluates it over the validated
model for ``make check`` and the build, and ``editing/browser_rules.py`` hands the same tree
as JSON to ``admin/netvaerk-rules.js``, a generic evaluator of the same few operators. The
Danish message is part of the rule, with placeholders filled by the same Danish formats
(``clock``, ``long_date``) on both sides.

A term is a JSON list: ``["field", "meeting.end"]`` (a field or fact of a record in scope:
``meeting``, ``item``, ``previous``, ``next``), ``["const", value]``, ``["date", "ÅÅÅÅ-MM-DD"]``,
``["text", a]`` (a value as written: a date in ISO form), ``["or", a, b]`` (the
first that is set), ``["if", c, a, b]``, ``["and", ...]``, ``["any", ...]``, ``["not", a]``,
``["set", a]``, ``["lt"|"le"|"gt"|"ge"|"eq"|"ne", a, b]`` (false when either side is unset),
``["days", a, b]`` (days from date ``a`` to ``b``), ``["in", a, [values]]``, ``["length",
a]``, ``["exists", day, clock]`` (the wall-clock time occurs that day in Denmark),
``["local", a]`` (no URL scheme), ``["unquote", a]``, ``["known", path]`` (a file of
``docs/`` the build has) and ``["similar", path]`` (the known file it names but for case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from netvaerk.content.problems import Loc
from netvaerk.model import exists_locally
from netvaerk.text.danish import clock, long_date

Term = list[Any]
Finding = tuple[Loc, str]


def f(path: str) -> Term:
    """A field (or fact) of a record in scope: ``f("meeting.end")``, ``f("previous.slot_end")``."""
    return ["field", path]


def const(value: Any) -> Term:
    return ["const", value]


@dataclass(frozen=True)
class Rule:
    """One problem: where it points (``at``, relative to the record, may hold placeholders),
    when it is found, and what it says. ``skip``: an item rule that, when found, leaves the
    item out of the rest of its pass (it is nobody's ``previous``). ``by_model``: the pydantic
    model refuses this already in Python, so a record that breaks it never reaches these rules
    there; the browser, which has no model, evaluates it."""

    at: str
    when: Term
    message: str
    skip: bool = False
    by_model: bool = False


@dataclass(frozen=True)
class Pass:
    """Rules over each meeting, or over each item of one of its lists (``programme``,
    ``materials``: the item is ``item``, its facts those of the list's name), in order."""

    over: Literal["meeting", "programme", "materials"]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Unique:
    """A key no two meetings may share: the second one is reported."""

    key: Term
    at: str
    message: str


@dataclass(frozen=True)
class RuleBook:
    """Facts (derived values, by record kind), the passes over each meeting, then the rules
    across meetings. Findings come in this order: each meeting's passes, then ``across``."""

    facts: Mapping[str, Mapping[str, Term]]
    passes: tuple[Pass, ...]
    across: tuple[Unique, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The rule book as the browser's evaluator reads it."""

        def rule(r: Rule) -> dict[str, Any]:
            return {"at": r.at, "when": r.when, "message": r.message, "skip": r.skip}

        return {
            "facts": {kind: dict(facts) for kind, facts in self.facts.items()},
            "passes": [{"over": p.over, "rules": [rule(r) for r in p.rules]} for p in self.passes],
            "across": [{"key": u.key, "at": u.at, "message": u.message} for u in self.across],
        }


# --- evaluation over the validated model -------------------------------------------------


class _Frame:
    """A record with its facts, evaluated lazily in the record's own scope."""

    def __init__(self, record: Any, facts: Mapping[str, Term]) -> None:
        self.record = record
        self.facts = facts
        self.scope: dict[str, _Frame | None] = {}
        self._known: dict[str, Any] = {}

    files: Collection[str] = ()
    folded: Mapping[str, str] = {}

    def get(self, name: str) -> Any:
        if name in self.facts:
            if name not in self._known:
                self._known[name] = evaluate(self.facts[name], self.scope)
            return self._known[name]
        return getattr(self.record, name, None)


def _lookup(path: str, scope: Mapping[str, _Frame | None]) -> Any:
    first, *rest = path.split(".")
    frame = scope.get(first)
    if frame is None or not rest:
        return None
    value = frame.get(rest[0])
    for name in rest[1:]:
        value = getattr(value, name, None) if value is not None else None
    return value


def _compare(op: str, a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    result: bool = {
        "lt": lambda: a < b,
        "le": lambda: a <= b,
        "gt": lambda: a > b,
        "ge": lambda: a >= b,
        "eq": lambda: a == b,
        "ne": lambda: a != b,
    }[op]()
    return result


def evaluate(term: Term, scope: Mapping[str, _Frame | None]) -> Any:
    """The value of ``term`` with these records in scope (``None``: not set)."""
    op, *args = term
    if op == "field":
        return _lookup(args[0], scope)
    if op == "const":
        return args[0]
    if op == "date":
        return date.fromisoformat(args[0])
    if op == "text":
        value = evaluate(args[0], scope)
        return _FORMATS["text"](value) if value is not None else None
    if op in ("lt", "le", "gt", "ge", "eq", "ne"):
        return _compare(op, evaluate(args[0], scope), evaluate(args[1], scope))
    if op == "or":
        first = evaluate(args[0], scope)
        return first if first is not None else evaluate(args[1], scope)
    if op == "if":
        return evaluate(args[1] if evaluate(args[0], scope) else args[2], scope)
    if op == "and":
        return all(evaluate(a, scope) for a in args)
    if op == "any":
        return any(evaluate(a, scope) for a in args)
    if op == "not":
        return not evaluate(args[0], scope)
    if op == "set":
        return evaluate(args[0], scope) is not None
    if op == "days":
        start, end = evaluate(args[0], scope), evaluate(args[1], scope)
        return (end - start).days if start is not None and end is not None else None
    if op == "in":
        return evaluate(args[0], scope) in args[1]
    if op == "length":
        value = evaluate(args[0], scope)
        return len(value) if isinstance(value, str) else None
    if op == "local":  # a path inside the site, not a web address
        value = evaluate(args[0], scope)
        return isinstance(value, str) and not urlsplit(value).scheme
    if op == "unquote":
        value = evaluate(args[0], scope)
        return unquote(value) if isinstance(value, str) else None
    if op in ("known", "similar"):  # a file the build has; one only its case tells apart
        value, meeting = evaluate(args[0], scope), scope.get("meeting")
        if meeting is None or not isinstance(value, str):
            return None
        if op == "known":
            return value in meeting.files
        return meeting.folded.get(value.casefold())
    if op == "exists":
        day, moment = evaluate(args[0], scope), evaluate(args[1], scope)
        return day is None or moment is None or exists_locally(day, moment)
    raise ValueError(f"unknown operator {op!r}")


# The placeholders of messages and locations: {meeting.end:clock}, {item.on_date:long_date}.
PLACEHOLDER = re.compile(r"\{([a-z_.]+)(?::([a-z_]+))?\}")
_FORMATS: dict[str, Callable[[Any], str]] = {
    "clock": lambda value: clock(value) if isinstance(value, time) else str(value),
    "long_date": lambda value: long_date(value) if isinstance(value, date) else str(value),
    "text": lambda value: value.isoformat() if isinstance(value, date) else str(value),
}


def fill(template: str, scope: Mapping[str, _Frame | None]) -> str:
    return PLACEHOLDER.sub(lambda m: _FORMATS[m[2] or "text"](_lookup(m[1], scope)), template)


def _at(loc: Loc, template: str, scope: Mapping[str, _Frame | None]) -> Loc:
    where = fill(template, scope)
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in where.split(".") if p]
    return (*loc, *parts)


def _findings(
    rules: Sequence[Rule], loc: Loc, scope: Mapping[str, _Frame | None]
) -> Iterator[tuple[Finding, bool]]:
    for rule in rules:
        if not rule.by_model and evaluate(rule.when, scope):
            yield (_at(loc, rule.at, scope), fill(rule.message, scope)), rule.skip


def check_meeting(
    book: RuleBook, meeting: Any, loc: Loc, files: Collection[str] = ()
) -> Iterator[Finding]:
    """Every pass of ``book`` over one meeting, in order. ``files``: the source paths of the
    files in ``docs/``, for the rules that name one."""
    frame = _Frame(meeting, book.facts.get("meeting", {}))
    frame.scope = {"meeting": frame}
    frame.files = files
    frame.folded = {name.casefold(): name for name in files} if files else {}
    lists: dict[str, list[_Frame]] = {}
    for each in book.passes:
        if each.over != "meeting" and each.over not in lists:
            records = getattr(meeting, each.over)
            lists[each.over] = [_Frame(r, book.facts.get(each.over, {})) for r in records]
            for index, item in enumerate(lists[each.over]):
                following = lists[each.over][index + 1 :][:1]
                item.scope = {"meeting": frame, "item": item, "next": next(iter(following), None)}
    for each in book.passes:
        if each.over == "meeting":
            yield from (found for found, _ in _findings(each.rules, loc, frame.scope))
            continue
        previous: _Frame | None = None
        for index, item in enumerate(lists[each.over]):
            scope = {**item.scope, "previous": previous}
            skipped = False
            for found, skip in _findings(each.rules, (*loc, each.over, index), scope):
                yield found
                if skip:
                    skipped = True
                    break
            if not skipped:
                previous = item


def check_across(book: RuleBook, meetings: Sequence[tuple[Loc, Any]]) -> Iterator[Finding]:
    """The rules across meetings (unique ids): the second occurrence is reported."""
    for unique in book.across:
        seen: set[Any] = set()
        for loc, meeting in meetings:
            frame = _Frame(meeting, book.facts.get("meeting", {}))
            frame.scope = {"meeting": frame}
            key = evaluate(unique.key, frame.scope)
            if key in seen:
                yield _at(loc, unique.at, frame.scope), fill(unique.message, frame.scope)
            seen.add(key)
