"""YAML text to plain Python, keeping the line of every node.

PyYAML's constructors lose positions, silently keep the last of two duplicate keys and
read an unquoted ``12:30`` as the base-60 integer 750 (``12.30`` as the float 12.3).
So we let the fast C composer build the node tree and convert the nodes ourselves:
scalars go through PyYAML's own safe constructor, except clock-like numbers, which keep
the text the editor wrote, and every node's line is recorded by its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from netvaerk.content.problems import Loc, Problem, format_loc

try:  # The C loader parses about ten times faster; fall back if libyaml is missing.
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]  # _Base is whichever loader PyYAML has
    """The safe loader without path resolvers, which it has none of: the composer calls these
    two for every node, and skipping them makes reading a data file a quarter faster."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Plain numbers whose YAML 1.1 reading differs from what an editor means: clock times
# (floats like 12.30; any base-60 number, so 12:30:00 or 12:3 is not 45000 or 723) and
# zero-padded numbers (octal in YAML 1.1).
_KEEP_TEXT = re.compile(r"^(?:\d{1,2}[:.]\d{2}|0\d+|.*:.*)$")


@dataclass
class LineMap:
    """Line numbers (1-based) of every node, keyed by its path from the document root."""

    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


@dataclass
class YamlDocument:
    """A parsed data file: its plain value and where each part of it stands."""

    path: str
    data: Any
    lines: LineMap


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lines = LineMap()
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def convert(self, node: yaml.Node, loc: Loc, line: int | None = None) -> Any:
        self.lines.lines.setdefault(loc, line if line is not None else node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                self.problems.append(
                    Problem(self.path, key_line, "<<", "YAML-fletning (<<) understøttes ikke")
                )
                continue
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, (list, dict)):
                self.problems.append(
                    Problem(self.path, key_line, "", "en nøgle skal være en enkel tekst")
                )
                continue
            if isinstance(key, int | float | bool) or not isinstance(key, str):
                key = str(key_node.value)
            if key in result:
                self.problems.append(
                    Problem(
                        self.path,
                        key_line,
                        _join(loc, key),
                        f"feltet står to gange (også i linje {first_line[key]}); slet det ene",
                    )
                )
                continue
            first_line[key] = key_line
            result[key] = self.convert(value_node, (*loc, key), key_line)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == _STR_TAG:  # most scalars: the text itself, no constructor needed
            return node.value
        plain_number = not node.style and node.tag in (_INT_TAG, _FLOAT_TAG)
        if plain_number and _KEEP_TEXT.match(node.value):
            return node.value
        if node.tag == _TIMESTAMP_TAG:
            try:
                return self._constructor.construct_object(node, deep=True)
            except ValueError:
                # A date that does not exist (2021-02-30): keep the text so the model
                # reports it in the editor's words.
                return node.value
            except Exception as exc:  # 2021-01-28x with an explicit !!timestamp tag
                raise _unreadable(node, exc) from None
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError:  # an unknown tag such as !ukendt
            raise
        except Exception as exc:  # an explicit tag whose value cannot be read: !!int tolv
            raise _unreadable(node, exc) from None


def _unreadable(node: yaml.Node, exc: Exception) -> yaml.MarkedYAMLError:
    return yaml.constructor.ConstructorError(
        None, None, f"værdien »{node.value}« kan ikke læses ({exc})", node.start_mark
    )


def _join(loc: Loc, key: str) -> str:
    return format_loc((*loc, key))


# PyYAML's (English) reason → what an editor most likely did, in Danish.
_SYNTAX_HINTS = (
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


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``text`` (the contents of ``path``) into a document and its problems."""
    converter = _Converter(path)
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = converter.convert(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "ugyldig YAML"
        hint = syntax_hint(exc, text, line)
        message = f"{hint} (YAML siger: {what})" if hint else what
        return None, [Problem(path, line, "", f"filen er ikke gyldig YAML: {message}")]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: other reader errors
        return None, [Problem(path, 1, "", f"filen er ikke gyldig YAML: {exc}")]
    if node is None:
        return None, [Problem(path, 1, "", "filen er tom")]
    return YamlDocument(path, data, converter.lines), converter.problems


def read_yaml(file: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a data file; ``display`` is the name used in messages."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, 0, "", "filen findes ikke")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display, line, "", "filen er ikke gemt som UTF-8; gem den igen som UTF-8")
        ]
    text = text.removeprefix("\ufeff")
    return parse_yaml(text, display)
