"""The characters ``yamlsource`` refuses in a file are exactly those YAML 1.1 does not count
as printable (spec 5.1), checked over every code point."""

from __future__ import annotations

from netvaerk.content import yamlsource


def _printable(code: int) -> bool:
    """YAML 1.1, production [1] c-printable."""
    return (
        code in (0x9, 0xA, 0xD, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def test_refused_characters_are_the_complement_of_yaml_s_printable_set() -> None:
    search = yamlsource._NOT_PRINTABLE.search
    wrong = [
        hex(code) for code in range(0x110000) if (search(chr(code)) is None) is not _printable(code)
    ]
    assert wrong == []


def test_a_refused_character_is_named_on_its_line() -> None:
    text = "meetings:\n  - id: a\n    title: \x7f\n    summary: \ufffe\n"
    problems = yamlsource._unprintable(text, "data/meetings.yaml")
    assert [(p.line, p.file) for p in problems] == [
        (3, "data/meetings.yaml"),
        (4, "data/meetings.yaml"),
    ]


def test_every_refused_character_stops_the_parser_wherever_it_stands() -> None:
    """The reader looks for these characters only when the C parser did not read the file to
    its end, so the parser must stop at each of them: in a text, a key, a comment, a block,
    quotes, and after the last value."""
    refused = [chr(code) for code in range(0x110000) if not _printable(code)]
    places = [
        "a: x{c}y\n",
        "{c}a: 1\n",
        "a: 1\n# note {c}\n",
        "a: |\n  line\n  {c}\n",
        'a: "x{c}"\n',
        "a: 'x{c}'\n",
        "a: 1\n...\n{c}",
        "- [1, 2]\n- {c}",
    ]
    read_to_the_end = [
        (hex(ord(char)), place)
        for char in refused
        for place in places
        if yamlsource._build(place.format(c=char), "x", yamlsource._Builder("x"))[1]
    ]
    assert read_to_the_end == []
    assert yamlsource._build("a: x\u00a0y\n", "x", yamlsource._Builder("x"))[1]  # printable


def test_a_refused_character_after_a_syntax_error_or_in_a_long_file_is_named() -> None:
    """Whatever stops the parser first, the refused character is what the editor is told."""
    for text in ("a: [1\nb: \x01\n", "a: *x\n" * 150 + "b: \x0b\n", "a: 1\n" * 500 + "\ud800"):
        doc, problems = yamlsource.parse_yaml(text, "data/meetings.yaml")
        assert doc is None
        assert [p.line for p in problems] == [text.count("\n", 0, len(text.rstrip("\n")) - 1) + 1]
        assert "teksten indeholder" in problems[0].message
