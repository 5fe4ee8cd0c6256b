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
``["known", path]`` (a file of ``docs/`` the build has), ``["similar", path]`` (the
known file it names but for case), ``["fold", a]`` (trimmed and in small letters),
``["unsuffix", a, [suffixes]]`` (each suffix dropped in turn, if it ends the text) and
``["row", table, key, column]`` (a column of the row with this key, as text, in one of the
book's ``tables``: data such as the official list of municipalities, handed to the browser
with the book), ``["search", a, pattern]`` (the first text ``pattern`` finds in ``a``) and
``["matches", a, pattern]`` (``pattern`` matches at its start): a pattern is regular-expression
source that Python's ``re`` and JavaScript's ``u``-flag RegExp read alike.

A pass over ``texts`` (``TEXTS``) goes over every text of the record, wherever it stands: the
item is ``{"text": ..., "path": "programme.2.title"}``, and a rule's ``at`` is relative to
the record (``{item.path}``). In Python the loading judges every text of a file before the
model (``content/yamlsource.py``), so such rules are ``by_model``: the browser evaluates them.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date, time
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from netvaerk.content.problems import Loc
from netvaerk.model import exists_locally
from netvaerk.text.characters import code
from netvaerk.text.danish import clock, long_date

Term = list[Any]
Finding = tuple[Loc, str]
Tables = Mapping[str, Mapping[str, Any]]  # one table: key → column → value


TEXTS = "texts"  # the pass over every text of a record (see above)


def f(path: str) -> Term:
    """A field (or fact) of a record in scope: ``f("meeting.end")``, ``f("previous.slot_end")``."""
    return ["field", path]


def const(value: Any) -> Term:
    return ["const", value]


class Rule(NamedTuple):
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


class Pass(NamedTuple):
    """Rules over each record (``over`` is the book's ``scope``), or over each item of one
    of its lists (``programme``, ``materials``: the item is ``item``, its facts those of the
    list's name), in order."""

    over: str
    rules: tuple[Rule, ...]


class Unique(NamedTuple):
    """A key no two records may share: the second one is reported (an unset key is none)."""

    key: Term
    at: str
    message: str


class RuleBook(NamedTuple):
    """Facts (derived values, by record kind), the passes over each meeting, then the rules
    across meetings. Findings come in this order: each meeting's passes, then ``across``."""

    facts: Mapping[str, Mapping[str, Term]]
    passes: tuple[Pass, ...]
    across: tuple[Unique, ...] = ()
    records: str = "meetings"  # the list of the data file the book is about
    scope: str = "meeting"  # the name of one of its records in the terms
    # the lookup tables its ``row`` terms read: name → key → column → value (made on first use)
    tables: Callable[[], Mapping[str, Tables]] | None = None

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

    __slots__ = ("facts", "files", "record", "scope", "tables")

    def __init__(self, record: Any, facts: Mapping[str, Compiled]) -> None:
        super().__init__()
        self.record = record
        self.facts = facts
        self.scope: Scope = {}
        self.files: Collection[str] = ()
        self.tables: Mapping[str, Tables] = {}

    def __missing__(self, key: str) -> Any:
        fact = self.facts.get(key)
        if fact is not None:
            value = fact(self.scope)
        else:
            value = self.record
            for part in _parts(key):
                value = getattr(value, part, None)
                if value is None:
                    break
        self[key] = value
        return value


@functools.cache  # the same few paths for every record
def _parts(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


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


_COMPILED: dict[int, tuple[Term, Compiled]] = {}


def evaluate(term: Term, scope: Scope) -> Any:
    """The value of ``term`` with these records in scope (``None``: not set)."""
    return compiled(term)(scope)


def compiled(term: Term) -> Compiled:
    """``term`` as a Python function of the records in scope, made once per term: the tree
    becomes nested closures (``make check`` and the build run every rule for every meeting,
    and walking the tree each time cost three times the hand-written rules)."""
    found = _COMPILED.get(id(term))
    if found is None or found[0] is not term:
        found = _COMPILED[id(term)] = (term, _closure(term))
    return found[1]


def _text(value: Any) -> str | None:
    return None if value is None else _FORMATS["text"](value)


def _exists(day: Any, moment: Any) -> bool:
    return day is None or moment is None or exists_locally(day, moment)


def _known(value: Any, scope: Scope) -> bool | None:
    return value in scope["meeting"].files if isinstance(value, str) else None


def _similar(value: Any, scope: Scope) -> str | None:
    """The file named ``value`` but for case; asked only about a file that is missing, so the
    names in small letters are made then, not for every record."""
    if not isinstance(value, str):
        return None
    return {name.casefold(): name for name in scope["meeting"].files}.get(value.casefold())


def _row(scope: Scope, table: str, key: Any, column: str) -> Any:
    if key is None:
        return None
    record = next(iter(scope.values()))  # the book's record: first in every scope
    return record.tables[table].get(str(_text(key)), {}).get(column)


def _first(pattern: re.Pattern[str], value: Any) -> str | None:
    found = pattern.search(value) if isinstance(value, str) else None
    return None if found is None else found[0]


def _unsuffix(value: Any, suffixes: tuple[str, ...]) -> str | None:
    if not isinstance(value, str):
        return None
    text: str = value
    for suffix in suffixes:
        text = text.removesuffix(suffix)
    return text


def _starts(value: Any, prefixes: tuple[str, ...]) -> bool:
    return isinstance(value, str) and value.startswith(prefixes)


_UNARY: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "length": lambda value: len(value) if isinstance(value, str) else None,
    "local": lambda value: isinstance(value, str) and not urlsplit(value).scheme,
    "unquote": lambda value: unquote(value) if isinstance(value, str) else None,
    "fold": lambda value: value.strip().casefold() if isinstance(value, str) else None,
}
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
}


def _compare(
    test: Callable[[Any, Any], bool], a: Term, b: Term, left: Compiled, right: Compiled
) -> Compiled:
    """An order test, false when either side is unset. The rules compare a field with a field
    or a constant far more often than anything else: those two shapes read the records
    directly instead of through a closure per side (the rules run for every meeting)."""
    if a[0] == "field" and "." in a[1] and b[0] in ("field", "const"):
        first, _, key = str(a[1]).partition(".")
        if b[0] == "const":
            constant = b[1]
            if constant is None:
                return lambda scope: False

            def with_constant(scope: Scope) -> bool:
                value = scope[first][key]
                return value is not None and bool(test(value, constant))

            return with_constant
        if "." in b[1]:
            other, _, other_key = str(b[1]).partition(".")

            def with_field(scope: Scope) -> bool:
                value = scope[first][key]
                if value is None:
                    return False
                second = scope[other][other_key]
                return second is not None and bool(test(value, second))

            return with_field

    def compare(scope: Scope) -> bool:
        value = left(scope)
        if value is None:
            return False
        second = right(scope)
        return False if second is None else bool(test(value, second))

    return compare


def _junction(every: bool, subs: Sequence[Compiled]) -> Compiled:
    """``and`` (``every``) or ``any`` of the terms, as a bool, stopping at the first that
    decides; two or three terms (most rules) without a generator."""
    if len(subs) == 2:
        a, b = subs
        if every:
            return lambda scope: bool(a(scope) and b(scope))
        return lambda scope: bool(a(scope) or b(scope))
    if len(subs) == 3:
        a, b, c = subs
        if every:
            return lambda scope: bool(a(scope) and b(scope) and c(scope))
        return lambda scope: bool(a(scope) or b(scope) or c(scope))
    if every:
        return lambda scope: all(sub(scope) for sub in subs)
    return lambda scope: any(sub(scope) for sub in subs)


def _closure(term: Term) -> Compiled:
    """``term`` as a function of the scope; unknown operators fail here, once, not per record."""
    op, *args = term
    if op == "field":
        return _field(str(args[0]))
    if op in ("const", "date"):
        value = date.fromisoformat(args[0]) if op == "date" else args[0]
        return lambda scope: value
    if op == "row":
        table, key, column = str(args[0]), _closure(args[1]), str(args[2])
        return lambda scope: _row(scope, table, key(scope), column)
    subs = [
        _closure(a) for a in args if isinstance(a, list) and op not in ("in", "starts", "unsuffix")
    ]
    if op in _ORDER:
        return _compare(_ORDER[op], args[0], args[1], subs[0], subs[1])
    if op == "or":
        first, second = subs
        return lambda scope: v if (v := first(scope)) is not None else second(scope)
    if op == "if":
        condition, then, otherwise = subs
        return lambda scope: then(scope) if condition(scope) else otherwise(scope)
    if op in ("and", "any"):
        return _junction(op == "and", subs)
    if op == "not":
        (inner,) = subs
        return lambda scope: not inner(scope)
    if op == "set":
        (inner,) = subs
        return lambda scope: inner(scope) is not None
    if op == "days":
        start, stop = subs

        def days(scope: Scope) -> int | None:
            a, b = start(scope), stop(scope)
            return None if a is None or b is None else (b - a).days

        return days
    if op in ("search", "matches"):
        inner, pattern = _closure(args[0]), re.compile(str(args[1]))
        if op == "matches":
            return lambda scope: isinstance(v := inner(scope), str) and bool(pattern.match(v))
        return lambda scope: _first(pattern, inner(scope))
    if op in ("in", "starts", "unsuffix"):
        inner, values = _closure(args[0]), tuple(args[1])
        if op == "in":
            return lambda scope: inner(scope) in values
        if op == "unsuffix":
            return lambda scope: _unsuffix(inner(scope), values)
        return lambda scope: _starts(inner(scope), values)
    if op in _UNARY:
        (inner,), function = subs, _UNARY[op]
        return lambda scope: function(inner(scope))
    if op in ("known", "similar"):  # a file the build has; one only its case tells apart
        (inner,), lookup = subs, (_known if op == "known" else _similar)
        return lambda scope: lookup(inner(scope), scope)
    if op == "exists":
        day, moment = subs
        return lambda scope: _exists(day(scope), moment(scope))
    raise ValueError(f"unknown operator {op!r}")


# The placeholders of messages and locations: {meeting.end:clock}, {item.on_date:long_date}.
# (Source, compiled by re on first use: only a finding's message is filled in.)
PLACEHOLDER = r"\{([a-z_.]+)(?::([a-z_]+))?\}"
_FORMATS: dict[str, Callable[[Any], str]] = {
    "clock": lambda value: clock(value) if isinstance(value, time) else str(value),
    "long_date": lambda value: long_date(value) if isinstance(value, date) else str(value),
    "text": lambda value: value.isoformat() if isinstance(value, date) else str(value),
    "code": lambda value: code(value) if isinstance(value, str) and len(value) == 1 else str(value),
}


def fill(template: str, scope: Scope) -> str:
    return re.sub(PLACEHOLDER, lambda m: _FORMATS[m[2] or "text"](_lookup(m[1], scope)), template)


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
        if any(over == TEXTS and rules for over, rules in passes):
            raise ValueError("a pass over texts holds only by_model rules (the loading's)")
        passes = [(over, rules) for over, rules in passes if rules]
        tables = dict(book.tables()) if book.tables else {}
        found = _PREPARED[id(book)] = (
            book,
            {"facts": facts, "passes": passes, "tables": tables},
        )
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
    values.tables = ready["tables"]
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
                item.tables = values.tables
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
    if not book.across:
        return
    ready = _prepared(book)
    facts, tables = ready["facts"].get(book.scope, {}), ready["tables"]
    # Each record's values once for all the keys (its facts are worked out once).
    every = [_Values(meeting, facts) for _, meeting in meetings]
    for values in every:
        values.scope = {book.scope: values}
        values.tables = tables
    for unique in book.across:
        seen: set[Any] = set()
        key_of = compiled(unique.key)
        for (loc, _), values in zip(meetings, every, strict=True):
            key = key_of(values.scope)
            if key is None:
                continue
            if key in seen:
                yield _at(loc, unique.at, values.scope), fill(unique.message, values.scope)
            seen.add(key)
