"""YAML text to plain Python, keeping the line of every node, refusing what editors never need.

PyYAML's constructors lose positions, silently keep the last of two duplicate keys and
read an unquoted ``12:30`` as the base-60 integer 750 (``12.30`` as the float 12.3).
So we read the event stream of the fast C parser and build the values ourselves: scalars
go through PyYAML's own resolver and safe constructors, except clock-like numbers, which
keep the text the editor wrote, and every node's line is recorded by its path.

Building from events (not from PyYAML's node graph) is also what makes hostile files
harmless. Anchors and aliases (``&a`` / ``*a``) are refused where they stand, before
anything is expanded: a 1 KB "billion laughs" file would otherwise expand to gigabytes, and
``&p [*p]`` is a list that contains itself. Explicit tags (``!!python/object``, ``!!int``)
are refused: MkDocs refuses some of them in front matter, and editors never need them. The
nesting depth is capped (``MAX_DEPTH``; the data contract needs five levels) before a
group or list is read by a call of its own, so the calls never go deeper than that whatever
the file (what is deeper is skipped by a loop), files are capped at ``MAX_BYTES``, and
invisible control characters are refused, in the raw text (a NUL byte on its own line) and
in every text value (``"\\x01"`` would make the Atom feed malformed XML).

``parse_yaml`` serves the editors' files (file, line and field in every problem);
``load_plain`` reads other YAML (old versions from Git) with the same limits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor

from netvaerk.content.files import MAX_BYTES, refusal
from netvaerk.content.problems import Loc, Problem, format_loc
from netvaerk.model import CLOCK_PATTERN
from netvaerk.text.characters import FORBIDDEN, forbidden_message

try:  # The C parser is about ten times faster; fall back if libyaml is missing.
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]  # _Base is whichever loader PyYAML has
    """The safe loader; only its parser (events) and resolver (implicit tags) are used."""


MAX_DEPTH = 20  # levels of lists and groups inside each other; meetings.yaml needs five
_MAX_PROBLEMS = 100  # of the kinds below in one file; more is an attack, not a slip

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Plain numbers whose YAML 1.1 reading differs from what an editor means: clock times
# (floats like 12.30; any base-60 number, so 12:30:00 or 12:3 is not 45000 or 723) and
# zero-padded numbers (octal in YAML 1.1).
# Also YAML 1.1's other ways of writing a number (0x1f, 0b101, 1_000, .inf, 1.0e+3), which
# editors mean as text (an id) or not at all: kept as written, a number field refuses them.
_KEEP_TEXT = re.compile(rf"^(?:{CLOCK_PATTERN}|0\d+|.*:.*|.*[_a-zA-Z].*)$")
# What YAML does not allow in a file at all (it is not "printable"): C0 controls except tab,
# line feed and carriage return, DEL, C1 controls except NEL, surrogates and the two
# non-characters U+FFFE and U+FFFF. Written as the characters refused, not as "all but the
# printable ones": the same set, but the negated class with its ranges up to U+10FFFF took
# Python's regex compiler several milliseconds on every build.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# What no text value may hold (text/characters.py): control characters but tab and line
# feed, and what XML cannot hold. A double-quoted YAML string can write them as escapes
# ("\\x01", "\\r", "\\0", "\\uFFFE").
CONTROL_CHARACTERS = FORBIDDEN
# Line breaks that YAML 1.1 counts as such but editors cannot see (NEL, LS, PS): in a block
# of text they end the block, and the parser's complaint is about the next line.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
# Git's conflict markers, left in a file when a merge or rebase could not join two changes.
# As source, compiled by re on first use (its cache): only a file with a conflict needs
# them, and compiling them on every build's import cost ~1 M instructions.
CONFLICT_MARKER = r"(?m)^(?:<{7}|>{7})(?: |$)"
_CONFLICT_LINE = r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)"

ALIAS_MESSAGE = (
    "YAML-henvisninger (&navn og *navn) understøttes ikke; skriv værdien ud igen dér, "
    "hvor den skal bruges"
)
TAG_MESSAGE = (
    "YAML-mærker som {tag} understøttes ikke; slet mærket og skriv kun værdien "
    "(sæt den i anførselstegn, hvis den skal læses som tekst)"
)
DEPTH_MESSAGE = (
    f"lister og grupper står mere end {MAX_DEPTH} niveauer inde i hinanden; "
    "så dybt går datafilerne aldrig; ret indrykningen eller slet de mange [ eller {"
)


def _tag_message(tag: str) -> str:
    return TAG_MESSAGE.format(tag=tag.replace("tag:yaml.org,2002:", "!!"))


def control_message(char: str) -> str:
    """The Danish problem for an invisible control character ``char`` in a text."""
    return forbidden_message(char)


CONFLICT_MESSAGE = (
    "konfliktmarkering fra Git ({marker}): to ændringer af filen er ikke flettet sammen; "
    "behold den rigtige udgave af linjerne og slet linjerne med <<<<<<<, ======= og >>>>>>>"
)


def conflict_markers(text: str, path: str) -> list[Problem]:
    """Each line of a Git conflict (<<<<<<<, =======, >>>>>>>), named as such on its own
    line: YAML would complain about the line after it, Markdown would show it."""
    if "<" * 7 not in text and ">" * 7 not in text:
        return []  # (str's own search first: far faster than the pattern's scan of every line)
    if re.search(CONFLICT_MARKER, text) is None:
        return []
    return [
        Problem(path, number, "", CONFLICT_MESSAGE.format(marker=line.split(" ")[0]))
        for number, line in enumerate(text.split("\n"), start=1)
        if re.match(_CONFLICT_LINE, line)
    ][:20]


def _hidden_breaks(text: str, path: str) -> list[Problem]:
    """NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, each on the line an editor sees."""
    problems: list[Problem] = []
    if not any(char in text for char in "\x85\u2028\u2029"):
        return problems  # (str's own search: far faster than the pattern's scan)
    for match in _HIDDEN_BREAKS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        message = (
            f"linjen indeholder et usynligt linjeskift (U+{ord(match[0]):04X}), som YAML læser "
            "som en ny linje; slet det, eller skriv et almindeligt linjeskift (Enter)"
        )
        problems.append(Problem(path, line, "", message))
        if len(problems) >= 20:
            break
    return problems


class YamlRefused(Exception):
    """``load_plain`` could not or would not read the text; ``problem`` says why, in Danish."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class LineMap(NamedTuple):
    """Line numbers (1-based) of every node, keyed by its path from the document root."""

    lines: dict[Loc, int]
    # The first line of the text of each literal block scalar (``description: |``), whose
    # lines are the text's lines: a problem inside the text can name its own line.
    literal: dict[Loc, int]

    def line_in(self, loc: Loc, offset: int | None) -> int:
        """The line of line ``offset`` (from 0) of the text at ``loc``: exact inside a literal
        block scalar, else the line of the field."""
        start = self.literal.get(loc)
        if start is None or offset is None:
            return self.line_of(loc)
        return start + offset

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


class YamlDocument(NamedTuple):
    """A parsed data file: its plain value and where each part of it stands."""

    path: str
    data: Any
    lines: LineMap


class _TooMany(Exception):
    """So many refusals that reading on only costs time: the file is an attack."""


class _Skip:
    """A key that is refused: its value is read (so the events are consumed) but not kept."""


_SKIP = _Skip()
_UNKNOWN = object()  # a value not read yet
# The events' classes (the C parser makes exactly these), compared by identity in the loop.
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END, _SEQUENCE_END = (
    yaml.MappingStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceEndEvent,
)


class _Builder:
    """Values from the parser's events, a group or list per call; at most ``MAX_DEPTH`` deep.

    ``strings``: every scalar as the text written (like PyYAML's BaseLoader) and no checks
    of keys or text, only the limits: for ``load_plain``.

    Most events are a plain key or value already read once in the file, or quoted text:
    ``_mapping`` and ``_sequence`` read those with a dictionary lookup each, in their own
    loop; the first reading of a text, and everything that may be refused, goes through
    ``_key`` or ``_node``. (Reading the 30-meeting bench's two files, 6,900 events:
    118 M instructions with one general step per event, 89 M so, callgrind; 53 M of it is
    libyaml and PyYAML's event objects.)
    """

    def __init__(self, path: str, strings: bool = False) -> None:
        self.path = path
        self.strings = strings
        self.lines = LineMap(lines={}, literal={})
        self.problems: list[Problem] = []
        self._said: set[tuple[int, str]] = set()
        self.unreadable = False  # an alias, a tag or deep nesting: no value to validate
        self._constructor = SafeConstructor()
        self._resolver: Any = None  # the loader: PyYAML's resolver of implicit tags
        self._get_event: Any = None
        # Each plain text already read, as a value and as a key: keys and values repeat
        # (every meeting has ``date:``, ``start: 10:00``…), and without path resolvers (the
        # safe loaders have none) what a plain text reads as depends on the text alone.
        # Only a text read without a problem is kept, so each refusal is still made.
        self._values: dict[str, Any] = {}
        self._keys: dict[str, str] = {}
        self._quoted_is_text = True  # as the resolver says without path resolvers
        # The first characters under which PyYAML's resolver files its patterns (its
        # ``yaml_implicit_resolvers``: digits, ``~``, ``y``, ``N``…); it tries no pattern on a
        # plain text that starts with another (most names, addresses and links), so such a
        # text is text without asking it. None: ask it always (path or wildcard resolvers).
        self._resolved_starts: Any = None

    def refuse(self, line: int, where: str, message: str, unreadable: bool = True) -> None:
        """One problem per line and kind: a line of nine aliases is one mistake.

        ``unreadable``: the file's value is not what the editor meant (an alias read as
        nothing), so validating it would only add confusing problems."""
        self.unreadable = self.unreadable or unreadable
        if (line, message) in self._said:
            return
        self._said.add((line, message))
        self.problems.append(Problem(self.path, line, where, message))
        if len(self.problems) >= _MAX_PROBLEMS:
            raise _TooMany

    def build(self, loader: Any) -> tuple[bool, Any]:
        """(whether the stream holds a document, its value); the loader is at its start."""
        self._resolver = loader
        self._quoted_is_text = not loader.yaml_path_resolvers
        starts = loader.yaml_implicit_resolvers
        if not loader.yaml_path_resolvers and None not in starts:
            self._resolved_starts = starts
        get_event = self._get_event = loader.get_event
        get_event()  # StreamStartEvent
        if loader.check_event(yaml.StreamEndEvent):
            return False, None
        first = get_event()  # DocumentStartEvent
        event = get_event()
        self.lines.lines[()] = event.start_mark.line + 1
        value = self._node(event, type(event), (), 0)
        get_event()  # DocumentEndEvent
        if not loader.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                first.start_mark,
                "but found another document",
                loader.peek_event().start_mark,
            )
        return True, value

    def _node(self, event: Any, kind: type, loc: Loc, depth: int) -> Any:
        """The value that ``event`` begins at ``loc``, inside ``depth`` lists and groups,
        with every check (an alias or what is nested too deep: None)."""
        line = event.start_mark.line + 1
        if kind is _ALIAS:
            self.refuse(line, format_loc(loc), ALIAS_MESSAGE)
            return None
        if event.anchor is not None:
            self.refuse(line, format_loc(loc), ALIAS_MESSAGE)
        if kind is _SCALAR:
            return self._value(event, loc, line)
        if event.tag is not None:
            self.refuse(line, format_loc(loc), _tag_message(event.tag))
        if depth >= MAX_DEPTH:  # checked before going in: the calls are at most this deep
            self.refuse(line, format_loc(loc), DEPTH_MESSAGE)
            _skip(event, self._get_event)
            return None
        if kind is _MAPPING_START:
            return self._mapping(loc, depth + 1)
        return self._sequence(loc, depth + 1)

    def _item(self, event: Any, kind: type, loc: Loc, depth: int) -> Any:
        """A value in a group or list at ``loc`` (``kind``: the event's class): a plain text
        read before in the file and clean quoted text by one lookup each, a group or list
        inside by its own call, anything else by ``_node`` with every check."""
        value = _UNKNOWN
        if kind is _SCALAR and event.tag is None and event.anchor is None:
            if event.implicit[0]:  # plain: as the same text was read before, if it was
                value = self._values.get(event.value, _UNKNOWN)
                if value is _UNKNOWN:
                    value = self._plain(event)
            elif (
                self._quoted_is_text
                and event.style != "|"
                and CONTROL_CHARACTERS.search(event.value) is None
            ):
                value = event.value
        elif (
            kind is not _ALIAS and depth < MAX_DEPTH and event.tag is None and event.anchor is None
        ):  # a group or list inside, not refused
            reader = self._mapping if kind is _MAPPING_START else self._sequence
            value = reader(loc, depth + 1)
        if value is _UNKNOWN:
            value = self._node(event, kind, loc, depth)
        return value

    def _mapping(self, loc: Loc, depth: int) -> dict[str, Any]:
        """A group's keys and values, up to its end (its start is read)."""
        get_event, lines, known_keys = self._get_event, self.lines.lines, self._keys
        group: dict[str, Any] = {}
        while True:
            event = get_event()
            kind = type(event)
            if kind is _MAPPING_END:
                return group
            line = event.start_mark.line + 1
            key: Any = None
            if kind is _SCALAR and event.implicit[0] and event.tag is None and event.anchor is None:
                key = known_keys.get(event.value)  # a plain key read before (most keys)
            if key is None or key in group:
                key = self._key(group, loc, event, kind, line)
            event = get_event()  # the key's value
            kind = type(event)
            if key is _SKIP:
                _skip(event, get_event)
                continue
            here = (*loc, key)
            lines.setdefault(here, line)
            group[key] = self._item(event, kind, here, depth)

    def _sequence(self, loc: Loc, depth: int) -> list[Any]:
        """A list's items, up to its end (its start is read)."""
        get_event, lines = self._get_event, self.lines.lines
        items: list[Any] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SEQUENCE_END:
                return items
            here = (*loc, len(items))
            lines.setdefault(here, event.start_mark.line + 1)
            items.append(self._item(event, kind, here, depth))

    def _key(self, group: dict[str, Any], loc: Loc, event: Any, kind: type, line: int) -> Any:
        """A key of ``group`` at ``loc`` (``kind``: the event's class): a simple text, not
        yet used; else ``_SKIP``, refused."""
        # The field's name only for a message (most keys have none: a key is read thousands
        # of times in a large file).
        if kind is _ALIAS or event.anchor is not None:
            self.refuse(line, format_loc(loc), ALIAS_MESSAGE)
            _skip(event, self._get_event)
            return _SKIP
        if kind is not _SCALAR:
            _skip(event, self._get_event)
            self.refuse(line, format_loc(loc), "en nøgle skal være en enkel tekst")
            return _SKIP
        if self.strings:
            if event.tag is not None:
                self.refuse(line, format_loc(loc), _tag_message(event.tag))
            return event.value
        # Only a plain `<<` resolves to the merge tag (PyYAML's resolver: ``^(?:<<)$``), so
        # other keys are resolved once, in _value, not twice.
        if event.value == "<<" and event.tag is None and self._resolve(event) == _MERGE_TAG:
            self.refuse(line, "<<", "YAML-fletning (<<) understøttes ikke")
            return _SKIP
        key = self._value(event, loc, line)
        if key is None or key == "":
            self.refuse(line, format_loc(loc), "en nøgle skal være en enkel tekst")
            return _SKIP
        if not isinstance(key, str):
            key = str(event.value)
        if key in group:
            first = self.lines.lines[(*loc, key)]
            message = f"feltet står to gange (også i linje {first}); slet det ene"
            self.problems.append(Problem(self.path, line, _join(loc, key), message))
            return _SKIP
        if event.tag is None and event.implicit[0] and event.value in self._values:
            self._keys[event.value] = key  # read without a problem: the same next time
        return key

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
                self.refuse(line, format_loc(loc), _tag_message(event.tag))
            return text
        if event.tag is not None:
            self.refuse(line, format_loc(loc), _tag_message(event.tag))
            return text
        control = CONTROL_CHARACTERS.search(text)
        if control is not None:
            self.refuse(line, format_loc(loc), control_message(control[0]), unreadable=False)
            return text
        if self._resolver.yaml_path_resolvers:
            return self._typed(event, text)
        if not event.implicit[0]:
            return text  # quoted or a block: text, what the resolver says, without asking it
        value = self._values[text] = self._typed(event, text)
        return value

    def _plain(self, event: Any) -> Any:
        """A plain scalar with no tag or anchor read for the first time in the file, as
        ``_value`` reads it, without the calls in between; ``_UNKNOWN`` if ``_value`` must
        refuse it (a control character)."""
        text: str = event.value
        if self.strings:
            return text
        if CONTROL_CHARACTERS.search(text) is not None or self._resolver.yaml_path_resolvers:
            return _UNKNOWN
        value = self._values[text] = self._typed(event, text)
        return value

    def _typed(self, event: Any, text: str) -> Any:
        """A scalar with no tag and no control character as its implicit tag reads it."""
        starts = self._resolved_starts
        if text and starts is not None and event.implicit[0] and text[0] not in starts:
            return text  # (-2 M instructions reading the 30-meeting files, callgrind)
        tag: str = self._resolver.resolve(yaml.ScalarNode, text, event.implicit)
        if tag == _STR_TAG:  # most scalars: the text itself, no constructor needed
            return text
        if tag in (_INT_TAG, _FLOAT_TAG) and _KEEP_TEXT.match(text):
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


def _join(loc: Loc, key: str) -> str:
    return format_loc((*loc, key))


# PyYAML's (English) reason → what an editor most likely did, in Danish.
_SYNTAX_HINTS = (
    (
        "invalid Unicode character escape",
        "en \\u-kode i anførselstegn er ugyldig (fx et halvt tegn som \\ud800); "
        "slet koden, eller skriv tegnet selv",
    ),
    ("quoted scalar", "et anførselstegn (\" eller ') er ikke lukket; se linjerne ovenover"),
    ("expected ',' or ']'", "en liste i [ ] er ikke lukket; afslut den med ]"),
    ("expected ',' or '}'", "en gruppe i { } er ikke lukket; afslut den med }"),
    (
        "mapping values are not allowed",
        "et kolon med mellemrum efter inde i en tekst, eller forkert indrykning; "
        'sæt teksten i anførselstegn, fx title: "Invitation: Bosætning"',
    ),
    ("could not find expected ':'", "mangler der et kolon efter feltnavnet, fx date: 2021-01-28?"),
    (
        "expected '-' indicator",
        "indrykningen passer ikke: felterne i et punkt skal stå lige under hinanden",
    ),
    ("expected key", "indrykningen passer ikke: felterne i et punkt skal stå lige under hinanden"),
    ("expected <block end>", "indrykningen passer ikke: ryk linjen ind som linjerne over den"),
    ("another document", "filen må kun have ét dokument; slet linjen med ---"),
    (
        "maximum nesting depth",
        f"lister og grupper står for mange niveauer inde i hinanden (højst {MAX_DEPTH})",
    ),
)


def syntax_hint(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    """What an editor most likely did to cause a YAML syntax error, in Danish, or ''."""
    reason = f"{exc.context or ''} {exc.problem or ''}"
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "tab character" in reason or ("cannot start any token" in reason and "\t" in here):
        return "linjen er rykket ind med tabulator; brug mellemrum"
    if "cannot start any token" in reason:
        return "en værdi, der begynder med @, ` eller %, skal stå i anførselstegn"
    return next((hint for words, hint in _SYNTAX_HINTS if words in reason), "")


def _unprintable(text: str, path: str) -> list[Problem]:
    """Characters YAML does not allow in a file (a NUL byte, say), each on its own line."""
    problems: list[Problem] = []
    seen: set[int] = set()
    for match in _NOT_PRINTABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in seen:
            continue
        seen.add(line)
        problems.append(Problem(path, line, "", control_message(match[0])))
        if len(problems) >= 20:
            break
    return problems


def _too_big(size: int, path: str) -> Problem | None:
    if size <= MAX_BYTES:
        return None
    message = (
        f"filen fylder {size:,} byte; den må højst fylde {MAX_BYTES:,}; "
        "er der kommet noget andet end data i den?"
    ).replace(",", ".")
    return Problem(path, 0, "", message)


def _read(text: str, path: str, strings: bool) -> tuple[bool, Any, _Builder, list[Problem]]:
    """(whether there is a document, its value, the builder) or the reasons there is none."""
    if len(text) * 4 > MAX_BYTES:  # (UTF-8 takes at most four bytes a character)
        big = _too_big(len(text.encode("utf-8", "surrogatepass")), path)
        if big is not None:
            return False, None, _Builder(path, strings), [big]
    conflicts = conflict_markers(text, path)
    if conflicts:
        return False, None, _Builder(path, strings), conflicts
    read, finished = _build(text, path, _Builder(path, strings))
    # A character YAML does not allow stops the C parser (it checks every one, also in
    # comments: test_yaml_printable), so a file it read to the end has none; only a file it
    # stopped in is scanned for them, to name each on its line (scanning every file cost
    # 5 M instructions at 30 meetings, callgrind).
    unreadable = ([] if finished else _unprintable(text, path)) or _hidden_breaks(text, path)
    if unreadable:
        return False, None, _Builder(path, strings), unreadable
    return read


def _build(
    text: str, path: str, builder: _Builder
) -> tuple[tuple[bool, Any, _Builder, list[Problem]], bool]:
    """What ``_read`` gives for ``text`` as the parser reads it, and whether it read it all."""
    try:
        loader = _Loader(text)
    except UnicodeEncodeError:  # a lone surrogate ("\ud800"): _unprintable names it
        return (False, None, builder, []), False
    try:
        present, data = builder.build(loader)
    except _TooMany:
        message = "holder op med at læse filen her: den har for mange fejl af samme slags"
        return (False, None, builder, [*builder.problems, Problem(path, 0, "", message)]), False
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "ugyldig YAML"
        hint = syntax_hint(exc, text, line)
        message = f"{hint} (YAML siger: {what})" if hint else what
        problem = Problem(path, line, "", f"filen er ikke gyldig YAML: {message}")
        return (False, None, builder, [problem]), False
    except yaml.YAMLError as exc:  # a character YAML does not allow, say
        problem = Problem(path, 1, "", f"filen er ikke gyldig YAML: {exc}")
        return (False, None, builder, [problem]), False
    finally:
        loader.dispose()
    return (present, data, builder, builder.problems), True


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``text`` (the contents of ``path``) into a document and its problems."""
    present, data, builder, problems = _read(text, path, strings=False)
    if builder.unreadable or (problems and not present and not builder.problems):
        return None, problems
    if not present:
        return None, problems or [Problem(path, 1, "", "filen er tom")]
    return YamlDocument(path, data, builder.lines), problems


def load_plain(text: str, path: str = "") -> Any:
    """YAML that is not an editor's file now (an old version from Git) as plain data, every
    scalar as the text written (like PyYAML's BaseLoader; a repeated key: the last counts),
    with the editors' limits: aliases, anchors, tags, deep nesting, control characters
    outside quotes and huge texts raise ``YamlRefused``, as does invalid YAML. None for an
    empty text."""
    present, data, _, problems = _read(text, path, strings=True)
    if problems:
        raise YamlRefused(problems[0])
    return data if present else None


class Source(NamedTuple):
    """A data file's text as read once (``read_source``), or why it could not be read.

    The meetings file is read once per build: its text is validated and compared with its
    Git history (``content/history.py``) from this one reading.
    """

    display: str  # the name used in messages
    text: str | None  # None: not read (``problems`` says why)
    problems: tuple[Problem, ...] = ()


def read_source(file: Path, display: str, root: Path | None = None) -> Source:
    """Read a data file's text; ``display`` is the name used in messages. A link out of the
    project ``root``, a device or a huge file is refused unread (files.refusal)."""
    refused = refusal(file, root, display)
    if refused is not None:
        return Source(display, None, (refused,))
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Source(display, None, (Problem(display, 0, "", "filen findes ikke"),))
    except OSError as exc:  # no permission to read it, say
        message = f"filen kan ikke læses ({exc.strerror})"
        return Source(display, None, (Problem(display, 0, "", message),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "filen er ikke gemt som UTF-8; gem den igen som UTF-8"
        return Source(display, None, (Problem(display, line, "", message),))
    return Source(display, text.removeprefix("\ufeff"))


def parse_source(source: Source) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse a data file as read (``read_source``)."""
    if source.text is None:
        return None, list(source.problems)
    return parse_yaml(source.text, source.display)


def read_yaml(
    file: Path, display: str, root: Path | None = None
) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a data file; ``display`` is the name used in messages. A link out of
    the project ``root``, a device or a huge file is refused unread (files.refusal)."""
    return parse_source(read_source(file, display, root))
