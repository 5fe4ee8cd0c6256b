"""The model's fields as editors meet them: one walk over the data contract.

Everything that speaks to an editor about a field takes the field's facts and words from
here: the loader's messages and the did-you-mean suggestions (``content/loading.py``,
``content/suggestions.py``), the JSON Schemas (``editing/schemas.py``), the browser editor's
forms and key order (``editing/cms.py``) and ``make changes``. The words themselves are the
model's metadata (``model.py``): a field's ``title`` (the form's label), ``description``
(the hint in VS Code), ``examples`` (the »fx …« that ends both hints, composed once here by
``with_examples``), ``editor(hint=..., slips=...)``; a record's or a choice list's
``Words``, and a choice's ``Choice``. Change a word there and every one of them says it.

The type facts are read once per record (``typing.get_type_hints``); the words are read
from the field's ``FieldInfo`` each time they are asked for, so they are always the model's.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from netvaerk.model import FORM_HINT, SLIPS, Choice, ClockTime, IsoDate, Words


class FieldFacts(NamedTuple):
    """One field of a record: where it is, what it holds, and its words."""

    record: type[BaseModel]  # the record that has the field
    name: str
    path: tuple[str, ...]  # from the record the walk began at: ('meetings', 'venue', 'host')
    info: FieldInfo
    # The annotation without ``| None``, with its ``Annotated`` metadata: the model's own
    # types (``IsoDate``, ``Slug``, ``Url``…) compare equal to it.
    value_type: Any
    base: Any  # the same without its metadata: str, int, bool, Literal[1, 2], list[...]
    many: bool  # a list of values or records
    nested: type[BaseModel] | None  # the record it holds (alone, optional or in a list)
    choices: type[StrEnum] | None  # the choice list it holds

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def is_date(self) -> bool:
        return bool(self.value_type == IsoDate)

    @property
    def is_clock(self) -> bool:
        return bool(self.value_type == ClockTime)

    @property
    def label(self) -> str:
        """The form's label, 'Starttid'; '' for a field editors do not fill in."""
        return self.info.title or ""

    @property
    def examples(self) -> tuple[Any, ...]:
        """The model's examples of a value (``Field(examples=...)``): 'Silkeborg Rådhus'."""
        return tuple(self.info.examples or ())

    @property
    def description(self) -> str:
        """What the field holds, as the YAML file writes it (VS Code shows it on hover), with
        its examples; for a choice field, its values with their Danish words first."""
        return self._description(self.examples)

    def _description(self, examples: Sequence[Any]) -> str:
        text = with_examples(self.info.description or "", examples)
        if self.choices is not None:
            return f"{choices_text(self.choices)}. {text}".strip()
        return text

    @property
    def hint(self) -> str:
        """The form's hint: in the form's own terms where the description speaks of YAML,
        with the field's examples."""
        return self.form_hint(examples=True)

    def form_hint(self, *, examples: bool) -> str:
        """The form's hint, with or without the examples (a form that offers the values to
        choose from, or a date picker in the browser's own date format, shows none)."""
        shown = self.examples if examples else ()
        own = self._extra.get(FORM_HINT)
        return with_examples(str(own), shown) if own else self._description(shown)

    @property
    def slips(self) -> tuple[str, ...]:
        """Danish words editors write for this key by mistake: 'titel' for ``title``."""
        return tuple(self._extra.get(SLIPS) or ())

    @property
    def _extra(self) -> dict[str, Any]:
        extra = self.info.json_schema_extra
        return extra if isinstance(extra, dict) else {}


def with_examples(text: str, examples: Sequence[Any]) -> str:
    """A hint with its examples, the one »fx …« of every hint: ('Stedets navn.',
    ['Silkeborg Rådhus']) → 'Stedets navn, fx »Silkeborg Rådhus«.'; a number as it is: fx 740."""
    if not examples:
        return text
    shown = " eller ".join(f"»{e}«" if isinstance(e, str) else str(e) for e in examples)
    return f"{text.rstrip().removesuffix('.')}, fx {shown}."


def _inner(annotation: Any) -> Any:
    """``Annotated[X, ...]`` → X."""
    return (
        typing.get_args(annotation)[0] if typing.get_origin(annotation) is Annotated else annotation
    )


def _without_none(annotation: Any) -> Any:
    """``X | None`` → X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[FieldFacts, ...]:
    hints = typing.get_type_hints(model, include_extras=True)
    found = []
    for name, info in model.model_fields.items():
        value_type = _without_none(hints[name])
        base = _inner(value_type)
        many = typing.get_origin(base) is list
        item = _inner(typing.get_args(base)[0]) if many else base
        is_type = isinstance(item, type)
        found.append(
            FieldFacts(
                record=model,
                name=name,
                path=(name,),
                info=info,
                value_type=value_type,
                base=base,
                many=many,
                nested=item if is_type and issubclass(item, BaseModel) else None,
                choices=item if is_type and issubclass(item, StrEnum) else None,
            )
        )
    return tuple(found)


def fields(model: type[BaseModel], path: tuple[str, ...] = ()) -> list[FieldFacts]:
    """The fields of ``model`` in the model's order, their paths below ``path``."""
    return [f._replace(path=(*path, f.name)) for f in _fields(model)]


def walk(model: type[BaseModel], path: tuple[str, ...] = ()) -> Iterator[FieldFacts]:
    """Every field of ``model`` and of the records below it, each before its own fields."""
    for facts in fields(model, path):
        yield facts
        if facts.nested is not None:
            yield from walk(facts.nested, facts.path)


def field_at(root: type[BaseModel], loc: Sequence[str | int]) -> FieldFacts | None:
    """The field a problem's location points at (list indexes skipped):
    ``('meetings', 3, 'venue', 'host')`` in ``MeetingsFile`` is ``Venue.host``; None when
    the location leaves the model."""
    found: FieldFacts | None = None
    record: type[BaseModel] | None = root
    names = tuple(part for part in loc if not isinstance(part, int))
    for name in names:
        if record is None:
            return None
        found = next((f for f in _fields(record) if f.name == name), None)
        if found is None:
            return None
        record = found.nested
    return found._replace(path=names) if found else None


def record_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The record at ``loc`` in ``root`` (``root`` itself for an empty location)."""
    if not [part for part in loc if not isinstance(part, int)]:
        return root
    found = field_at(root, loc)
    return found.nested if found else None


def words_of(kind: type[BaseModel] | type[StrEnum]) -> Words:
    """A record's or a choice list's Danish words (``Words`` in ``model.py``)."""
    words: Words = getattr(kind, "words")  # noqa: B009 (a ClassVar, or a nonmember on an enum)
    return words


def key_slips(*roots: type[BaseModel]) -> dict[str, str]:
    """Each Danish slip for a key anywhere in ``roots`` → the key: {'titel': 'title', …}."""
    return {slip: f.name for root in roots for f in walk(root) for slip in f.slips}


def choice_slips(*choices: type[StrEnum]) -> dict[str, str]:
    """Each Danish word editors write for a choice → its value: {'aflyst': 'cancelled', …}."""
    return {slip: value for kind in choices for value, c in _choices(kind) for slip in c.slips}


def choice_options(kind: type[StrEnum]) -> list[tuple[str, str]]:
    """Each value of a choice list with its Danish word: [('cancelled', 'Aflyst'), …]."""
    return [(value, choice.label) for value, choice in _choices(kind)]


def choices_text(kind: type[StrEnum]) -> str:
    """The values and their Danish words: 'planned (holdes som planlagt), cancelled (aflyst)
    eller postponed (udskudt)'."""
    parts = [f"{value} ({choice.label.lower()})" for value, choice in _choices(kind)]
    return ", ".join(parts[:-1]) + f" eller {parts[-1]}"


def _choices(kind: type[StrEnum]) -> list[tuple[str, Choice]]:
    """The model's ``Choice`` of each value, in the choice list's order."""
    table: dict[str, Choice] = getattr(kind, "choices")  # noqa: B009 (a nonmember on an enum)
    return [(member.value, table[member.value]) for member in kind]
