"""The YAML loader: plain Python values, a line for every node, and problems instead of crashes.

The loader must keep what an editor wrote where YAML 1.1 would silently change it (``12:30``
is the base-60 integer 750 to PyYAML, ``12.30`` the float 12.3, ``0740`` an octal number) and
must report duplicate keys, broken syntax and wrongly encoded files as ``Problem`` values.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from netvaerk.content.problems import Problem
from netvaerk.content.yamlsource import YamlDocument, load_plain, parse_yaml, read_yaml

FILE = "data/meetings.yaml"


def parse(text: str) -> YamlDocument:
    """Parse dedented ``text`` that must have no problems."""
    doc, problems = parse_yaml(textwrap.dedent(text).lstrip("\n"), FILE)
    assert problems == []
    assert doc is not None
    return doc


def problems_of(text: str) -> list[Problem]:
    """The problems of dedented ``text`` (which must have some)."""
    _, problems = parse_yaml(textwrap.dedent(text).lstrip("\n"), FILE)
    assert problems, "expected at least one problem"
    return problems


def value(scalar: str) -> Any:
    """How the scalar written as ``key: <scalar>`` comes back."""
    return parse(f"key: {scalar}\n").data["key"]


# --- line numbers ------------------------------------------------------------------------------

NESTED = """
# a comment on line 1
meetings:
  - id: first
    title: Første

    venue:
      name: Rådhuset
      host: silkeborg
    programme:
      - start: 12:30
        title: Velkommen
      -
        start: 13:00
        speakers:
          - Anna
          - Bo
  - id: second
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        ((), 2),
        (("meetings",), 2),
        (("meetings", 0), 3),
        (("meetings", 0, "id"), 3),
        (("meetings", 0, "title"), 4),
        (("meetings", 0, "venue"), 6),
        (("meetings", 0, "venue", "name"), 7),
        (("meetings", 0, "venue", "host"), 8),
        (("meetings", 0, "programme"), 9),
        (("meetings", 0, "programme", 0), 10),
        (("meetings", 0, "programme", 0, "start"), 10),
        (("meetings", 0, "programme", 0, "title"), 11),
        # an item whose mapping starts on the line after its '-'
        (("meetings", 0, "programme", 1), 13),
        (("meetings", 0, "programme", 1, "start"), 13),
        (("meetings", 0, "programme", 1, "speakers"), 14),
        (("meetings", 0, "programme", 1, "speakers", 0), 15),
        (("meetings", 0, "programme", 1, "speakers", 1), 16),
        (("meetings", 1), 17),
        (("meetings", 1, "id"), 17),
    ],
)
def test_line_of_every_node(loc: tuple[str | int, ...], line: int) -> None:
    assert parse(NESTED).lines.line_of(loc) == line


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        # a field that is not in the file: its nearest ancestor's line
        (("meetings", 0, "venue", "address"), 6),
        (("meetings", 0, "programme", 0, "end"), 10),
        (("meetings", 1, "title"), 17),
        (("meetings", 5, "title"), 2),
        (("elsewhere",), 2),
    ],
)
def test_missing_node_falls_back_to_nearest_ancestor(loc: tuple[str | int, ...], line: int) -> None:
    assert parse(NESTED).lines.line_of(loc) == line


def test_value_on_the_line_after_its_key_is_located_at_the_key() -> None:
    doc = parse(
        """
        title:
          Lokal udvikling
        description: |
          Første linje
          Anden linje
        end: 15:30
        """
    )
    assert doc.data == {
        "title": "Lokal udvikling",
        "description": "Første linje\nAnden linje\n",
        "end": "15:30",
    }
    assert doc.lines.line_of(("title",)) == 1
    assert doc.lines.line_of(("description",)) == 3
    assert doc.lines.line_of(("end",)) == 6


def test_nested_data_comes_back_as_plain_python() -> None:
    doc = parse(NESTED)
    meeting = doc.data["meetings"][0]
    assert meeting["venue"] == {"name": "Rådhuset", "host": "silkeborg"}
    assert meeting["programme"][1] == {"start": "13:00", "speakers": ["Anna", "Bo"]}
    assert doc.data["meetings"][1] == {"id": "second"}


# --- what stays text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        # clock times: base-60 integers and floats in YAML 1.1
        ("12:30", "12:30"),
        ("'12:30'", "12:30"),
        ('"12:30"', "12:30"),
        ("9:00", "9:00"),
        ("09:00", "09:00"),
        ("'9:00'", "9:00"),
        ("23:59", "23:59"),
        ("12.30", "12.30"),
        ("'12.30'", "12.30"),
        ("09.30", "09.30"),
        ("9.30", "9.30"),
        ("12.00", "12.00"),
        # out-of-range clock times stay text too, so the model can name them
        ("25:00", "25:00"),
        ("12:75", "12:75"),
        # clock-like slips that are still base-60 numbers to YAML 1.1
        ("12:30:00", "12:30:00"),
        ("12:3", "12:3"),
        # zero-padded numbers: octal in YAML 1.1
        ("0740", "0740"),
        ("00", "00"),
        ("'0740'", "0740"),
    ],
)
def test_clock_like_and_zero_padded_values_keep_the_text(scalar: str, expected: str) -> None:
    assert value(scalar) == expected


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("740", 740),
        ("0", 0),
        ("-3", -3),
        ("2019", 2019),
        ("1.5", 1.5),
        ("0.5", 0.5),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("2021-01-28", dt.date(2021, 1, 28)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2021-01-28T10:00:00", dt.datetime(2021, 1, 28, 10, 0, 0)),
        ("Silkeborg Rådhus", "Silkeborg Rådhus"),
        ("'740'", "740"),
        ("'true'", "true"),
        ("'2021-01-28'", "2021-01-28"),
        ("[Anna, Bo]", ["Anna", "Bo"]),
        ("{name: Rådhuset}", {"name": "Rådhuset"}),
    ],
)
def test_other_scalars_are_still_typed(scalar: str, expected: Any) -> None:
    got = value(scalar)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    "scalar", ["'1'", '"true"', "'null'", '"2021-01-28"', "|-\n  42", ">-\n  3.5", "'<<'"]
)
def test_quoted_and_block_scalars_are_text_as_pyyaml_reads_them(scalar: str) -> None:
    """The reader skips the resolver for them (the text, as PyYAML's SafeLoader says)."""
    got = value(scalar)
    assert got == yaml.safe_load(f"v: {scalar}")["v"]
    assert type(got) is str


def test_only_a_plain_merge_key_is_refused() -> None:
    doc, problems = parse_yaml("a: 1\n'<<': quoted\n", "x.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": 1, "<<": "quoted"}
    _, problems = parse_yaml("a: 1\n<<: plain\n", "x.yaml")
    assert [p.line for p in problems] == [2] and "(<<) understøttes ikke" in problems[0].message


@pytest.mark.parametrize("scalar", ["2021-02-30", "2021-02-29", "2021-13-01", "2021-04-31"])
def test_a_date_that_does_not_exist_comes_back_as_text(scalar: str) -> None:
    assert value(scalar) == scalar


def test_anchors_and_aliases_are_refused_where_they_stand() -> None:
    problems = problems_of(
        """
        a: &place Rådhuset
        b: *place
        """
    )
    assert [(p.line, p.field) for p in problems] == [(1, "a"), (2, "b")]
    assert all("skriv værdien ud igen" in p.message for p in problems)


def test_non_text_keys_become_their_written_text() -> None:
    doc = parse(
        """
        1: one
        yes: two
        """
    )
    assert doc.data == {"1": "one", "yes": "two"}


# --- problems ----------------------------------------------------------------------------------


def test_duplicate_key_is_a_problem_naming_both_lines() -> None:
    text = """
    meetings:
      - title: Første
        date: 2021-01-28
        start: 12:30
        title: Anden
    """
    assert problems_of(text) == [
        Problem(FILE, 5, "meetings[0].title", "feltet står to gange (også i linje 2); slet det ene")
    ]


def test_duplicate_top_level_key() -> None:
    text = """
    meetings: []
    other: 1
    meetings: []
    """
    [problem] = problems_of(text)
    assert (problem.line, problem.field) == (3, "meetings")
    assert "linje 1" in problem.message


def test_duplicate_key_keeps_the_first_value() -> None:
    doc, problems = parse_yaml("a: 1\na: 2\n", FILE)
    assert doc is not None and doc.data == {"a": 1}
    assert len(problems) == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # bad indentation: 'start' is less indented than its sibling 'title'
        ("meetings:\n  - title: Første\n    date: 2021-01-28\n   start: 12:30\n", 4),
        # a tab used for indentation
        ("meetings:\n  - title: Første\n\tdate: 2021-01-28\n", 3),
        ("meetings:\n  - title: Første\n    date: 2021-01-28\n\t  start: 12:30\n", 4),
        # an unclosed flow list
        ("meetings:\n  - title: Første\n    speakers: [Anna, Bo\n    date: 2021-01-28\n", 4),
        # an unclosed quote
        ("meetings:\n  - title: 'Første\n    date: 2021-01-28\n", 4),
        # a colon and space inside an unquoted value
        ("meetings:\n  - title: Første\n    summary: Tema: noget: andet\n", 3),
        # two documents in one file
        ("meetings: []\n---\nmembers: []\n", 2),
    ],
)
def test_invalid_yaml_is_one_problem_at_the_right_line(text: str, line: int) -> None:
    doc, problems = parse_yaml(text, FILE)
    assert doc is None
    [problem] = problems
    assert (problem.file, problem.line, problem.field) == (FILE, line, "")
    assert problem.message.startswith("filen er ikke gyldig YAML")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # a YAML merge key is not supported (and must not crash the loader)
        ("base: {name: Rådhuset}\nvenue:\n  <<: x\n", 3, "(<<) understøttes ikke"),
        # tags, known or not, are refused: editors never need them, and MkDocs refuses some
        ("meetings:\n  - title: !ukendt Første\n", 2, "!ukendt"),
        ("a: !!python/object:os.system x\n", 1, "python/object"),
        ("a: 1\nb: !!int tolv\n", 2, "YAML-mærker som !!int"),
        ("a: 1\nb: !!bool måske\n", 2, "understøttes ikke"),
        ("a: !!timestamp 2021-01-28x\n", 1, "understøttes ikke"),
        ("a: !!map {b: 1}\n", 1, "understøttes ikke"),
    ],
)
def test_yaml_features_we_do_not_read_are_problems_not_crashes(
    text: str, line: int, words: str
) -> None:
    _, problems = parse_yaml(text, FILE)
    [problem] = problems
    assert (problem.file, problem.line) == (FILE, line)
    assert words in problem.message


def test_a_key_that_is_not_text_is_a_problem() -> None:
    _, problems = parse_yaml("a: 1\n? [x, y]\n: 2\n", FILE)
    [problem] = problems
    assert problem.line == 2
    assert "nøgle" in problem.message


@pytest.mark.parametrize("text", ["", "\n\n", "# kun en kommentar\n# og en til\n"])
def test_empty_file_is_a_problem(text: str) -> None:
    doc, problems = parse_yaml(text, FILE)
    assert doc is None
    assert problems == [Problem(FILE, 1, "", "filen er tom")]


# --- reading files -----------------------------------------------------------------------------


def test_read_yaml_reads_utf8(tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_text("meetings:\n  - title: Rådhus på Søvej\n", encoding="utf-8")
    doc, problems = read_yaml(path, FILE)
    assert problems == []
    assert doc is not None and doc.path == FILE
    assert doc.data == {"meetings": [{"title": "Rådhus på Søvej"}]}


def test_latin1_file_is_a_problem_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_bytes("meetings:\n  - title: Første\n    venue: Rådhus\n".encode("latin-1"))
    doc, problems = read_yaml(path, FILE)
    assert doc is None
    [problem] = problems
    assert (problem.file, problem.line, problem.field) == (FILE, 2, "")
    assert "UTF-8" in problem.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_bytes("\ufeffmeetings:\n  - title: Første\n    start: 12:30\n".encode())
    doc, problems = read_yaml(path, FILE)
    assert problems == []
    assert doc is not None
    assert doc.data == {"meetings": [{"title": "Første", "start": "12:30"}]}
    assert doc.lines.line_of(("meetings", 0, "start")) == 3


def test_crlf_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "meetings.yaml"
    path.write_bytes(b"meetings:\r\n  - title: A\r\n    start: 12:30\r\n")
    doc, problems = read_yaml(path, FILE)
    assert problems == []
    assert doc is not None
    assert doc.data == {"meetings": [{"title": "A", "start": "12:30"}]}
    assert doc.lines.line_of(("meetings", 0, "start")) == 3


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    doc, problems = read_yaml(tmp_path / "meetings.yaml", FILE)
    assert doc is None
    assert problems == [Problem(FILE, 0, "", "filen findes ikke")]
    assert str(problems[0]) == "data/meetings.yaml: filen findes ikke"


# --- plain data (the Git history) --------------------------------------------------------------


def test_load_plain_reads_what_pyyaml_s_base_loader_reads() -> None:
    """The history's fingerprints did not change when it moved from CBaseLoader to load_plain."""
    shipped = (Path(__file__).parent.parent / "data").glob("*.yaml")
    texts = [p.read_text(encoding="utf-8") for p in shipped]
    assert len(texts) == 2  # meetings.yaml and members.yaml
    texts.append("a: [1, 2.5, yes, ~, '', 12:30, 2021-01-28, {b: c}]\nd:\ne: |\n  x\n  y\n")
    for text in texts:
        assert load_plain(text) == yaml.load(text, Loader=yaml.CBaseLoader)


def test_windows_line_endings_read_like_unix_ones() -> None:
    text = "meetings:\n  - title: Møde\n    description: |\n      a\n      b\n"
    unix, _ = parse_yaml(text, FILE)
    windows, problems = parse_yaml(text.replace("\n", "\r\n"), FILE)
    assert problems == [] and unix is not None and windows is not None
    assert windows.data == unix.data and windows.lines == unix.lines
