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
