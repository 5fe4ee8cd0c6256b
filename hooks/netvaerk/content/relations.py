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
``["starts", a, [prefixes]]``, ``["local", a]`` (no URL scheme), ``["unquote", a]``,
``["known", path]`` (a file of ``docs/`` the build has) and ``["similar", path]`` (the
known file it names but for case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any
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
    """Rules over each record (``over`` is the book's ``scope``), or over each item of one
    of its lists (``programme``, ``materials``: the item is ``item``, its facts those of the
    list's name), in order."""

    over: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Unique:
    """A key no two records may share: the second one is reported (an unset key is none)."""

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
    records: str = "meetings"  # the list of the data file the book is about
    scope: str = "meeting"  # the name of one of its records in the terms

    def as_json(self) -> dict[str, Any]:
        """The rule book as the browser's evaluator reads it."""

        def rule(r: Rule) -> dict[str, Any]:
            return {"at": r.at, "when": r.when, "message": r.message, "skip": r.skip}

        return {
            "records": self.records,
            "scope": self.scope,
            "facts": {kind: dict(facts) for kind, facts in self.facts.items()},
            "passes": [{"over": p.over, "rules": [rule(r) for r in p.rules]} for p in self.passes],
            "across": [{"key": u.key, "at": u.at, "message": u.message} for u in self.across],
        }


# --- evaluation over the validated model -------------------------------------------------


class _Values(dict[str, Any]):
    """A record's values by dotted path (``registration.deadline``) and its facts by name,
    each worked out on first use and kept: the rules ask for the same ones many times."""

    __slots__ = ("facts", "files", "folded", "record", "scope")

    def __init__(self, record: Any, facts: Mapping[str, Compiled]) -> None:
        super().__init__()
        self.record = record
        self.facts = facts
        self.scope: Scope = {}
        self.files: Collection[str] = ()
        self.folded: Mapping[str, str] = {}

    def __missing__(self, key: str) -> Any:
        fact = self.facts.get(key)
        if fact is not None:
            value = fact(self.scope)
        else:
            value = self.record
            for part in key.split("."):
                value = getattr(value, part, None)
                if value is None:
                    break
        self[key] = value
        return value


_NOTHING = _Values(None, {})  # ``previous`` of the first item, ``next`` of the last
Scope = Mapping[str, _Values]
Compiled = Callable[[Scope], Any]


def _lookup(path: str, scope: Scope) -> Any:
    return _field(path)(scope)


def _field(path: str) -> Compiled:
    first, _, key = path.partition(".")
    if not key:
        return lambda scope: None
    return lambda scope: scope[first][key]


_COMPARE = {"lt": "<", "le": "<=", "gt": ">", "ge": ">=", "eq": "==", "ne": "!="}
_COMPILED: dict[int, tuple[Term, Compiled]] = {}


def evaluate(term: Term, scope: Scope) -> Any:
    """The value of ``term`` with these records in scope (``None``: not set)."""
    return compiled(term)(scope)


def compiled(term: Term) -> Compiled:
    """``term`` as a Python function of the records in scope, made once per term: the tree
    becomes one Python expression (``make check`` and the build run every rule for every
    meeting, and walking the tree each time cost three times the hand-written rules)."""
    found = _COMPILED.get(id(term))
    if found is None or found[0] is not term:
        names: dict[str, Any] = dict(_HELPERS)
        source = _source(term, names)
        function = eval(f"lambda S: {source}", names)
        found = _COMPILED[id(term)] = (term, function)
    return found[1]


def _text(value: Any) -> str | None:
    return None if value is None else _FORMATS["text"](value)


def _exists(day: Any, moment: Any) -> bool:
    return day is None or moment is None or exists_locally(day, moment)


def _known(value: Any, scope: Scope) -> bool | None:
    return value in scope["meeting"].files if isinstance(value, str) else None


def _similar(value: Any, scope: Scope) -> str | None:
    return scope["meeting"].folded.get(value.casefold()) if isinstance(value, str) else None


_HELPERS: dict[str, Any] = {
    "_starts": lambda value, prefixes: isinstance(value, str) and value.startswith(prefixes),
    "_text": _text,
    "_exists": _exists,
    "_known": _known,
    "_similar": _similar,
    "_length": lambda value: len(value) if isinstance(value, str) else None,
    "_local": lambda value: isinstance(value, str) and not urlsplit(value).scheme,
    "_unquote": lambda value: unquote(value) if isinstance(value, str) else None,
}


def _source(term: Term, names: dict[str, Any]) -> str:
    """Python source for ``term``; constants and temporaries get names in ``names``."""
    op, *args = term

    def sub(index: int) -> str:
        return _source(args[index], names)

    def name(value: Any = None) -> str:
        key = f"_v{len(names)}"
        names[key] = value
        return key

    if op == "field":
        first, _, key = str(args[0]).partition(".")
        return f"S[{first!r}][{key!r}]" if key else "None"
    if op == "const":
        return name(args[0])
    if op == "date":
        return name(date.fromisoformat(args[0]))
    if op in _COMPARE:
        a, b = name(), name()
        return (
            f"(False if ({a} := {sub(0)}) is None or ({b} := {sub(1)}) is None "
            f"else {a} {_COMPARE[op]} {b})"
        )
    if op == "or":
        a = name()
        return f"({a} if ({a} := {sub(0)}) is not None else {sub(1)})"
    if op == "if":
        return f"({sub(1)} if {sub(0)} else {sub(2)})"
    if op in ("and", "any"):
        joined = f" {'and' if op == 'and' else 'or'} ".join(_source(a, names) for a in args)
        return f"bool({joined})"
    if op == "not":
        return f"(not {sub(0)})"
    if op == "set":
        return f"({sub(0)} is not None)"
    if op == "days":
        a, b = name(), name()
        return (
            f"(None if ({a} := {sub(0)}) is None or ({b} := {sub(1)}) is None "
            f"else ({b} - {a}).days)"
        )
    if op == "in":
        return f"({sub(0)} in {name(tuple(args[1]))})"
    if op in ("text", "length", "local", "unquote"):
        return f"_{op}({sub(0)})"
    if op == "starts":
        return f"_starts({sub(0)}, {name(tuple(args[1]))})"
    if op in ("known", "similar"):  # a file the build has; one only its case tells apart
        return f"_{op}({sub(0)}, S)"
    if op == "exists":
        return f"_exists({sub(0)}, {sub(1)})"
    raise ValueError(f"unknown operator {op!r}")


# The placeholders of messages and locations: {meeting.end:clock}, {item.on_date:long_date}.
PLACEHOLDER = re.compile(r"\{([a-z_.]+)(?::([a-z_]+))?\}")
_FORMATS: dict[str, Callable[[Any], str]] = {
    "clock": lambda value: clock(value) if isinstance(value, time) else str(value),
    "long_date": lambda value: long_date(value) if isinstance(value, date) else str(value),
    "text": lambda value: value.isoformat() if isinstance(value, date) else str(value),
}


def fill(template: str, scope: Scope) -> str:
    return PLACEHOLDER.sub(lambda m: _FORMATS[m[2] or "text"](_lookup(m[1], scope)), template)


def _at(loc: Loc, template: str, scope: Scope) -> Loc:
    where = fill(template, scope)
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in where.split(".") if p]
    return (*loc, *parts)


_PREPARED: dict[int, tuple[RuleBook, dict[str, Any]]] = {}


def _prepared(book: RuleBook) -> dict[str, Any]:
    """The book's facts and rules compiled once: facts by record kind, each pass's rules."""
    found = _PREPARED.get(id(book))
    if found is None or found[0] is not book:
        facts = {
            kind: {name: compiled(term) for name, term in terms.items()}
            for kind, terms in book.facts.items()
        }
        passes = [
            (each.over, [(compiled(r.when), r) for r in each.rules if not r.by_model])
            for each in book.passes
        ]
        found = _PREPARED[id(book)] = (book, {"facts": facts, "passes": passes})
    return found[1]


def check_record(
    book: RuleBook, meeting: Any, loc: Loc, files: Collection[str] = ()
) -> Iterator[Finding]:
    """Every pass of ``book`` over one record, in order. ``files``: the source paths of the
    files in ``docs/``, for the rules that name one (a meeting's materials)."""
    ready = _prepared(book)
    facts = ready["facts"]
    values = _Values(meeting, facts.get(book.scope, {}))
    values.scope = {book.scope: values}
    values.files = files
    values.folded = {name.casefold(): name for name in files} if files else {}
    lists: dict[str, list[_Values]] = {}
    for over, rules in ready["passes"]:
        if over == book.scope:
            for when, rule in rules:
                if when(values.scope):
                    yield _at(loc, rule.at, values.scope), fill(rule.message, values.scope)
            continue
        if over not in lists:
            items = [_Values(r, facts.get(over, {})) for r in getattr(meeting, over)]
            for index, item in enumerate(items):
                following = items[index + 1] if index + 1 < len(items) else _NOTHING
                item.scope = {book.scope: values, "item": item, "next": following}
            lists[over] = items
        previous = _NOTHING
        for index, item in enumerate(lists[over]):
            scope = {**item.scope, "previous": previous}
            skipped = False
            for when, rule in rules:
                if when(scope):
                    where = (*loc, over, index)
                    yield _at(where, rule.at, scope), fill(rule.message, scope)
                    if rule.skip:
                        skipped = True
                        break
            if not skipped:
                previous = item


def check_across(book: RuleBook, meetings: Sequence[tuple[Loc, Any]]) -> Iterator[Finding]:
    """The rules across meetings (unique ids): the second occurrence is reported."""
    for unique in book.across:
        seen: set[Any] = set()
        for loc, meeting in meetings:
            values = _Values(meeting, _prepared(book)["facts"].get(book.scope, {}))
            values.scope = {book.scope: values}
            key = evaluate(unique.key, values.scope)
            if key is None:
                continue
            if key in seen:
                yield _at(loc, unique.at, values.scope), fill(unique.message, values.scope)
            seen.add(key)
