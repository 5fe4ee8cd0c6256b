"""Where a meeting is, in words, and whether two versions of it are in the same place.

A meeting has *moved* when members must go somewhere else (issue 18): from a room to a
screen or back, or to another address. A venue's corrected name or a typo fixed in its
address is no move, and a page that says »Mødet er flyttet« for one misleads everybody who
reads it. ``make changes`` and the meeting pages (``content/moves.py``) both ask here.
"""

from __future__ import annotations

import re
import unicodedata

from netvaerk.model import Meeting

# Danish letters as they are written without them; punctuation and case do not make a place.
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_NOT_WORD = re.compile(r"[\W_]+")
# How alike two spellings of one address must be (difflib's ratio of their letters): a
# corrected typo (»Ulasvej« → »Ullasvej«) is well above, another street well below.
_SAME_SPELLING = 0.85


def _letters(text: str) -> str:
    """``text`` folded for comparison: case, æ/ø/å, punctuation and spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return _NOT_WORD.sub(" ", text).strip()


def same_spot(before: str, after: str) -> bool:
    """Whether two spellings name one place: the same numbers (house number, postcode) in
    the same order, and letters that differ at most by a corrected slip."""
    if re.findall(r"\d+", before) != re.findall(r"\d+", after):
        return False
    old, new = _letters(before), _letters(after)
    if old == new:
        return True
    # Imported here: only two spellings of a place need it, never a build whose places
    # stayed as they were (difflib is 3 M instructions of a build's import, callgrind).
    from difflib import SequenceMatcher

    return SequenceMatcher(None, old, new).ratio() >= _SAME_SPELLING


def place_moved(before: Meeting, after: Meeting) -> bool:
    """Whether members must go somewhere else: in person ↔ online (or hybrid), or another
    venue. With an address on both sides the address decides, so a venue's corrected name
    (»Bornholms Regionskommune« → »Bornholms Rådhus« at the same address) is no move;
    without one the name is all that says where, and a name written differently only by a
    slip is the same place. A new online platform or link is not a move (the calendar
    event still changes, ``feeds/calendar.py``)."""
    if before.attendance != after.attendance:
        return True
    old, new = before.venue, after.venue
    if old is None or new is None:
        return False
    if old.address and new.address:
        return not same_spot(old.address, new.address)
    return not same_spot(old.name, new.name)


def place_in_sentence(meeting: Meeting) -> str:
    """``place_text`` for the middle of a sentence: »online (Teams)«, as the site writes it
    after a comma, never »Online (Teams)«."""
    text = meeting.place_text
    return "online" + text.removeprefix("Online") if text.startswith("Online") else text
