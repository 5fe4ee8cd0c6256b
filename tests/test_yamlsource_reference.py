"""The YAML reader against a reference: the same values, lines and problems for every input.

The reader (``content/yamlsource.py``) takes short ways for the events most files are made
of (a plain text already read in the file, clean quoted text) and reads the rest one value
at a time with every check. The reference below is the reader as it was before those short
ways: a loop with its own stack, one general step per event, every check on every event.
Both build from the same C parser's events, so any difference is the reader's: its value,
its line map (every node's line and each literal block's first line), its problems in their
order, whether it found the value unreadable, and how it stopped (too many problems, or a
YAML error). The inputs: the project's own data files, the 30-meeting bench data, hostile
files, and the bench data with one hostile change at a time.
"""

from __future__ import annotations

import datetime as dt
import inspect
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import ROOT
from yaml.constructor import SafeConstructor

from netvaerk.content import yamlsource as ys
from netvaerk.content.problems import Loc

sys.path.insert(0, str(ROOT / "bench"))
import generate


class _Skip:
    """The key of a value that is read (so the events are consumed) but not kept."""


_SKIP = _Skip()
_NO_KEY = object()
# The events' classes (the C parser makes exactly these), compared by identity in the loop.
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END, _SEQUENCE_END = (
    yaml.MappingStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceEndEvent,
)


class _Frame:
    """A list or group being built: where it stands and, in a group, the pending key."""

    __slots__ = ("first_line", "is_map", "key", "key_line", "loc", "value")

    def __init__(self, value: list[Any] | dict[Any, Any], loc: Loc) -> None:
        self.value = value
        self.is_map = isinstance(value, dict)
        self.loc = loc
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.first_line: dict[Any, int] = {}


class ReferenceBuilder:
    """Values from the parser's events, one general step per event (the reader until 2026-12-06).

    ``strings``: every scalar as the text written (like PyYAML's BaseLoader) and no checks
    of keys or text, only the limits: for ``load_plain``.
    """

    def __init__(self, path: str, strings: bool = False) -> None:
        self.path = path
        self.strings = strings
        self.lines = ys.LineMap(lines={}, literal={})
        self.problems: list[ys.Problem] = []
        self._said: set[tuple[int, str]] = set()
        self.unreadable = False  # an alias, a tag or deep nesting: no value to validate
        self._constructor = SafeConstructor()
        self._resolver: Any = None  # the loader: PyYAML's resolver of implicit tags
        # Its answer for each plain text already resolved: keys and values repeat (every
        # meeting has ``date:``, ``start: '10:00'``…), and without path resolvers (the safe
        # loaders have none) the answer depends on the text alone.
        self._tags: dict[str, str] = {}

    def refuse(self, line: int, where: str, message: str, unreadable: bool = True) -> None:
        """One problem per line and kind: a line of nine aliases is one mistake.

        ``unreadable``: the file's value is not what the editor meant (an alias read as
        nothing), so validating it would only add confusing problems."""
        self.unreadable = self.unreadable or unreadable
        if (line, message) in self._said:
            return
        self._said.add((line, message))
        self.problems.append(ys.Problem(self.path, line, where, message))
        if len(self.problems) >= ys._MAX_PROBLEMS:
            raise ys._TooMany

    def build(self, loader: Any) -> tuple[bool, Any]:
        """(whether the stream holds a document, its value); the loader is at its start."""
        self._resolver = loader
        get_event = loader.get_event
        get_event()  # StreamStartEvent
        if loader.check_event(yaml.StreamEndEvent):
            return False, None
        first = get_event()  # DocumentStartEvent
        value = self._document(get_event)
        get_event()  # DocumentEndEvent
        if not loader.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                first.start_mark,
                "but found another document",
                loader.peek_event().start_mark,
            )
        return True, value

    def _document(self, get_event: Any) -> Any:
        stack: list[_Frame] = []
        lines = self.lines.lines
        while True:
            event = get_event()
            kind = type(event)
            line = event.start_mark.line + 1
            if kind is _MAPPING_END or kind is _SEQUENCE_END:
                done = stack.pop()
                if not stack:
                    return done.value
                self._attach(stack[-1], done.value)
                continue
            top = stack[-1] if stack else None
            if top is None:
                loc: Loc = ()
            elif top.is_map:
                if top.key is _NO_KEY:
                    self._key(top, event, kind, line, get_event)
                    continue
                if top.key is _SKIP:  # the value of a refused key
                    _skip(event, get_event)
                    top.key = _NO_KEY
                    continue
                loc = (*top.loc, top.key)
            else:
                loc = (*top.loc, len(top.value))
            lines.setdefault(loc, (top.key_line or line) if top is not None else line)
            if kind is _ALIAS:
                self.refuse(line, ys.format_loc(loc), ys.ALIAS_MESSAGE)
                value: Any = None
            else:
                if event.anchor is not None:
                    self.refuse(line, ys.format_loc(loc), ys.ALIAS_MESSAGE)
                if kind is _SCALAR:
                    value = self._value(event, loc, line)
                else:
                    if event.tag is not None:
                        self.refuse(line, ys.format_loc(loc), ys._tag_message(event.tag))
                    if len(stack) >= ys.MAX_DEPTH:
                        self.refuse(line, ys.format_loc(loc), ys.DEPTH_MESSAGE)
                        _skip(event, get_event)
                        value = None
                    else:
                        stack.append(_Frame({} if kind is _MAPPING_START else [], loc))
                        continue
            if top is None:  # the document is one scalar (or alias)
                return value
            self._attach(top, value)

    def _attach(self, frame: _Frame, value: Any) -> None:
        if frame.is_map:
            frame.value[frame.key] = value
            frame.key = _NO_KEY
            frame.key_line = 0
        else:
            frame.value.append(value)  # type: ignore[union-attr]  # a list here

    def _key(self, frame: _Frame, event: Any, kind: type, line: int, get_event: Any) -> None:
        """Read a key of ``frame`` (a group; ``kind``: the event's class): a simple text, not
        yet used; else refuse it and its value."""
        frame.key, frame.key_line = _SKIP, line
        # The field's name only for a message (most keys have none: a key is read thousands
        # of times in a large file).
        if kind is _ALIAS or event.anchor is not None:
            self.refuse(line, ys.format_loc(frame.loc), ys.ALIAS_MESSAGE)
            _skip(event, get_event)
            return
        if kind is not _SCALAR:
            _skip(event, get_event)
            self.refuse(line, ys.format_loc(frame.loc), "en nøgle skal være en enkel tekst")
            return
        if self.strings:
            if event.tag is not None:
                self.refuse(line, ys.format_loc(frame.loc), ys._tag_message(event.tag))
            frame.key = event.value
            return
        # Only a plain `<<` resolves to the merge tag (PyYAML's resolver: ``^(?:<<)$``), so
        # other keys are resolved once, in _value, not twice.
        if event.value == "<<" and event.tag is None and self._resolve(event) == ys._MERGE_TAG:
            self.refuse(line, "<<", "YAML-fletning (<<) understøttes ikke")
            return
        key = self._value(event, frame.loc, line)
        if key is None or key == "":
            self.refuse(line, ys.format_loc(frame.loc), "en nøgle skal være en enkel tekst")
            return
        if not isinstance(key, str):
            key = str(event.value)
        if key in frame.value:
            message = f"feltet står to gange (også i linje {frame.first_line[key]}); slet det ene"
            self.problems.append(ys.Problem(self.path, line, ys._join(frame.loc, key), message))
            return
        frame.first_line[key] = line
        frame.key = key

    def _resolve(self, event: Any) -> str:
        tag: str = self._resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        return tag

    def _value(self, event: Any, loc: Loc, line: int) -> Any:
        """A scalar as plain Python; explicit tags and control characters are refused."""
        text: str = event.value
        if event.style == "|":  # its lines are the text's: first line after the indicator
            # Text after leading blank lines: models strip them (model._check_text).
            blank = len(text) - len(text.lstrip("\n"))
            self.lines.literal[loc] = line + 1 + blank
        if self.strings:
            if event.tag is not None:
                self.refuse(line, ys.format_loc(loc), ys._tag_message(event.tag))
            return text
        if event.tag is not None:
            self.refuse(line, ys.format_loc(loc), ys._tag_message(event.tag))
            return text
        control = ys.CONTROL_CHARACTERS.search(text)
        if control is not None:
            self.refuse(line, ys.format_loc(loc), ys.control_message(control[0]), unreadable=False)
            return text
        if not event.implicit[0] and not self._resolver.yaml_path_resolvers:
            return text  # quoted or a block: text, what the resolver says, without asking it
        tag = self._tags.get(text)
        if tag is None:
            tag = self._resolve(event)
            if not self._resolver.yaml_path_resolvers:
                self._tags[text] = tag
        if tag == ys._STR_TAG:  # most scalars: the text itself, no constructor needed
            return text
        if tag in (ys._INT_TAG, ys._FLOAT_TAG) and ys._KEEP_TEXT.match(text):
            return text
        construct = self._constructor.yaml_constructors.get(tag)
        if construct is None:  # `=` (the value tag), a plain `<<` as a value
            return text
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        try:
            return construct(self._constructor, node)
        except Exception:  # a date that does not exist (2021-02-30): the model reports it
            return text


def _skip(event: Any, get_event: Any) -> None:
    """Consume the rest of the value that ``event`` begins (the parser caps its depth)."""
    depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
    while depth:
        event = get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def outcome(builder: Any, text: str) -> tuple[Any, ...]:
    """Everything a builder gives for ``text``: value (with types), lines, problems, state."""
    try:
        loader = ys._Loader(text)
    except UnicodeEncodeError:  # a lone surrogate
        return ("not UTF-8",)
    try:
        present, data = builder.build(loader)
        how: Any = ("read", present, typed(data))
    except ys._TooMany:
        how = ("too many",)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        how = ("invalid", type(exc).__name__, exc.problem, mark.line if mark else None)
    except yaml.YAMLError as exc:  # a character YAML does not allow
        how = ("not allowed", str(exc))
    finally:
        loader.dispose()
    lines = builder.lines
    return how, lines.lines, lines.literal, builder.problems, builder.unreadable


def typed(value: Any) -> Any:
    """``value`` with the type of every part and the order of every group (1 == 1.0 == True)."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, value)


def reference_read(text: str, path: str, strings: bool) -> tuple[bool, Any, Any, list[Any]]:
    """The reader's checks of the whole text as they were: each before the parser runs."""
    builder = ReferenceBuilder(path, strings)
    big = ys._too_big(len(text.encode("utf-8", "surrogatepass")), path)
    if big is not None:
        return False, None, builder, [big]
    unreadable = ys.conflict_markers(text, path) or ys._unprintable(text, path)
    unreadable = unreadable or ys._hidden_breaks(text, path)
    if unreadable:
        return False, None, builder, unreadable
    loader = ys._Loader(text)
    try:
        present, data = builder.build(loader)
    except ys._TooMany:
        message = "holder op med at læse filen her: den har for mange fejl af samme slags"
        return False, None, builder, [*builder.problems, ys.Problem(path, 0, "", message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "ugyldig YAML"
        hint = ys.syntax_hint(exc, text, line)
        message = f"{hint} (YAML siger: {what})" if hint else what
        return (
            False,
            None,
            builder,
            [ys.Problem(path, line, "", f"filen er ikke gyldig YAML: {message}")],
        )
    finally:
        loader.dispose()
    return present, data, builder, builder.problems


def read_outcome(read: tuple[bool, Any, Any, list[Any]]) -> tuple[Any, ...]:
    present, data, builder, problems = read
    lines = builder.lines
    return present, typed(data), lines.lines, lines.literal, problems, builder.unreadable


def same(text: str) -> None:
    """The reader and the reference give the same for ``text``, in both modes, the builder
    alone and with the checks of the whole text."""
    for strings in (False, True):
        ours = outcome(ys._Builder("data/meetings.yaml", strings), text)
        reference = outcome(ReferenceBuilder("data/meetings.yaml", strings), text)
        assert ours == reference, (strings, text[:300])
        ours = read_outcome(ys._read(text, "data/meetings.yaml", strings))
        reference = read_outcome(reference_read(text, "data/meetings.yaml", strings))
        assert ours == reference, (strings, text[:300])


def bench_data(tmp_path: Path) -> list[str]:
    generate.write(30, tmp_path)
    return [(tmp_path / name).read_text() for name in ("meetings.yaml", "members.yaml")]


@pytest.mark.parametrize("name", ["meetings.yaml", "members.yaml"])
def test_the_project_s_own_data_reads_the_same(name: str) -> None:
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    same(text)
    doc, problems = ys.parse_yaml(text, name)
    assert problems == [] and doc is not None and len(doc.lines.lines) > 100


def test_the_bench_data_reads_the_same(tmp_path: Path) -> None:
    for text in bench_data(tmp_path):
        same(text)


_LAUGH = "ha" * 30
BOMB = f"a: &a [{', '.join([repr(_LAUGH)] * 9)}]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)
HOSTILE = [
    BOMB,
    "meetings: &p [*p]\n",
    "meetings: " + "[" * 600 + "]" * 600 + "\n",
    "meetings: " + "[" * 100_000 + "\n",
    "meetings: " + "{a: " * (ys.MAX_DEPTH + 3) + "x" + "}" * (ys.MAX_DEPTH + 3) + "\n",
    "a:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, ys.MAX_DEPTH + 4)),
    "meetings:\n  - &x a\n" + "  - *x\n" * 10_000,
    "a: *nowhere\n*k : 1\n&k b: 2\nc: &v 3\n",
    # tags: on values, keys, groups, lists; the non-specific tag; a verbatim tag
    "a: !!str 1\n!!str b: 2\nc: !!map {x: 1}\nd: !!seq [1]\ne: ! 12:30\nf: !<a> x\n",
    "&a !<a> b: c\nd: &a !<a> e\n",
    "a: !!python/object:os.system x\n",
    # keys: repeated (plain, quoted, as a number), empty, null, not text, a merge
    "a: 1\nb: 2\na: 3\n'a': 4\n1: x\n'1': y\ntrue: z\n'true': w\n",
    "a: 1\n? \n: 2\n'': 3\nnull: 4\n~: 5\n",
    "? [a]\n: 1\n? {b: 2}\n: 3\n[c]: 4\n",
    "<<: {a: 1}\n'<<': 2\nb: <<\nc: [<<]\n",
    "? |\n  long\n  key\n: value\nx: 1\n",
    # control characters in keys and values, plain and quoted; then the same texts clean
    'a: "x\\x01y"\nb: "\\ud800"\n"k\\x02": 1\nc: a\\x7f\nd: "\\r"\n',
    'a: "x\\x01"\nb: "x\\x01"\n"c\\x01": 1\n"c\\x01": 2\nd: ok\nok: d\n',
    # the same plain text as a key, then a value, and the other way round; typed texts
    "date: x\ny: date\n12:30: a\nb: 12:30\n2021-02-30: 2021-02-30\n0740: [0740, 0x1f, .inf]\n",
    "a: [yes, no, on, off, ~, null, 1_000, 1.5e3, 2026-01-01, 2026-01-01 10:00:00]\n",
    "a: =\n=: b\n",
    # plain texts starting with every character a plain text can start with, as keys and values
    "".join(
        f"{first}{rest}: {first}{rest}\n"
        for first in "abfnotyzABFNOTYZ019+.<=~_/()$^;æøÅé\u2013"
        for rest in ("", "1", "es", "ull", "ALSE", "rue", "o", "ff", ".5", "0:30", "x1_0")
    ),
    # block scalars and folded text
    "a: |\n\n  one\n  two\nb: >\n  folded\n  text\nc: |-\n  x\n",
    # a document that is one value, an empty one, several documents
    "just text\n",
    "- 1\n- 2\n",
    "",
    "# only a comment\n",
    "a: 1\n---\nb: 2\n",
    "--- |\n  text\n",
    # invalid YAML after some values
    "a: 1\nb: [2\n",
    "a: 'x\n",
    "a:\n\t- b\n",
    # characters YAML does not allow, invisible line breaks, Git's conflict markers: alone,
    # after a syntax error, after too many problems, with each other
    "a: 1\nb: x\x00y\nc: \x7f\n",
    "a: \ud800\n",
    "a: [1\nb: \x01\n",
    "a: *x\n" * 120 + "b: \x0b\n",
    "a: |\n  one\u2028two\nb: \x85\n",
    "a: 1\u2029\nb: [2\n",
    "<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> other\n",
    "<<<<<<< HEAD\na: \x01\n=======\na: \u2028\n>>>>>>> other\n",
    "a: \x01\u2028\n",
    "a: '\ufffe'\n# \uffff\n",
    # more problems than are reported
    "".join(f"k{i}: *a\n" for i in range(150)),
    "".join(f"k{i}: !!str x\n" for i in range(150)),
    "".join(f"a: {i}\n" for i in range(150)),
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_files_read_the_same(text: str) -> None:
    same(text)


_CHANGES = [
    "&a ",
    "*a ",
    "!!str ",
    "! ",
    "!!int ",
    "<<: ",
    "? ",
    "[",
    "{",
    "- ",
    '"\\x01" ',
    '"\\u0007": ',
    "'",
    "x: ",
    "|\n",
    "12:30 ",
    "null: ",
    "\x00",
    "\x1f",
    "\x85",
    "\u2028",
    "\n<<<<<<< HEAD\n",
]


def test_the_bench_data_with_one_hostile_change_reads_the_same(tmp_path: Path) -> None:
    """Each of 300 copies of the bench files has one change: a duplicated line, a dropped
    one, or an anchor, alias, tag, bracket, control character… put into a line."""
    rng = random.Random(18)
    texts = bench_data(tmp_path)
    for _ in range(300):
        lines = rng.choice(texts).split("\n")[: rng.choice((40, 200, 2000))]
        at = rng.randrange(len(lines))
        way = rng.randrange(3)
        if way == 0:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif way == 1:
            del lines[at]
        else:
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + rng.choice(_CHANGES) + line[cut:]
        same("\n".join(lines))


def test_the_reader_s_recursion_is_bounded_by_the_depth_limit() -> None:
    """A group or list is read by a call of its own: however deep the file nests (the parser
    reads up to 1,000 levels), the calls go at most ``MAX_DEPTH`` levels in."""
    text = "a: " + "[" * 900 + "]" * 900 + "\n"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 2 * ys.MAX_DEPTH + 20)
    try:
        doc, problems = ys.parse_yaml(text, "data/meetings.yaml")
    finally:
        sys.setrecursionlimit(limit)
    assert doc is None
    assert [(p.line, p.message) for p in problems] == [(1, ys.DEPTH_MESSAGE)]


def test_a_text_read_before_is_the_same_value_each_time() -> None:
    """The reader keeps what each plain text read as; the value is the same, of its type."""
    doc, problems = ys.parse_yaml("a: [2026-01-01, 2026-01-01, 12:30, 12:30, 7, 7]\n", "x")
    assert problems == [] and doc is not None
    assert doc.data == {"a": [dt.date(2026, 1, 1)] * 2 + ["12:30"] * 2 + [7, 7]}
