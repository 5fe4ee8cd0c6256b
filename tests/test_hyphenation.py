"""Danish soft hyphens (text/hyphenation.py): a compound breaks at its joints, never at an
arbitrary letter, and the letters of the word are kept."""

from __future__ import annotations

from netvaerk.text.hyphenation import COMPOUNDS, MIN_LETTERS, SOFT_HYPHEN, hyphenate_word


def breaks(word: str) -> list[str]:
    return hyphenate_word(word).split(SOFT_HYPHEN)


def test_a_known_compound_breaks_at_its_joints_and_by_syllable_only_in_its_last_part() -> None:
    pieces = breaks("Landdistriktskoordinatorer")
    assert "".join(pieces) == "Landdistriktskoordinatorer"
    assert pieces[:2] == ["Land", "distrikts"]  # never »Landdi-«
    assert len(pieces) > 3  # the last part still breaks where it must


def test_every_joint_of_every_listed_compound_is_a_break() -> None:
    for entry in COMPOUNDS:
        word = entry.replace("-", "")
        if len(word) < MIN_LETTERS:  # short words are left whole
            assert breaks(word) == [word]
            continue
        parts = entry.split("-")
        pieces = breaks(word.capitalize())
        assert "".join(pieces).lower() == word
        boundaries = {sum(len(p) for p in pieces[:i]) for i in range(1, len(pieces))}
        joints = {sum(len(p) for p in parts[:i]) for i in range(1, len(parts))}
        # A joint may be dropped only where it would leave fewer than two letters on a line.
        assert {j for j in joints if 2 <= j <= len(word) - 3} <= boundaries, entry
        # Before the last joint a word breaks only at joints (no »Landdi-«).
        assert all(b in joints for b in boundaries if b <= max(joints)), entry
