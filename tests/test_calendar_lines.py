"""``calendar.ical_bytes`` writes a component exactly as icalendar's ``to_ical`` does,
around the 75-octet fold: short lines as they are, long ones folded by icalendar."""

from __future__ import annotations

import icalendar
import pytest

from netvaerk.feeds.calendar import ical_bytes


def _event(summary: str, description: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", "2027-01-28@example.org")
    event.add("summary", summary)
    event.add("description", description)
    return event


@pytest.mark.parametrize("length", [60, 64, 65, 66, 67, 70, 120, 300])
@pytest.mark.parametrize("filler", ["a", "æ", "aø", "a,", "å;b\\", "🙂"])
def test_bytes_are_icalendar_s_own_at_every_length_around_the_fold(
    length: int, filler: str
) -> None:
    # "SUMMARY:" is 8 octets: lengths 60-70 put the line's end on both sides of 75 octets,
    # with two-octet letters, escaped commas and backslashes, and four-octet characters.
    text = (filler * length)[:length]
    event = _event(text, f"Linje ét\n{text}\n\n{text * 2}")
    written = ical_bytes(event)
    assert written == event.to_ical()
    lines = written[:-2].split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert icalendar.Event.from_ical(written)["SUMMARY"] == text


def test_a_line_of_exactly_74_and_75_octets() -> None:
    for total in (74, 75, 76):
        text = "x" * (total - len("SUMMARY:"))
        event = _event(text, "kort")
        written = ical_bytes(event)
        assert written == event.to_ical()
        summary = next(line for line in written.split(b"\r\n") if line.startswith(b"SUMMARY"))
        assert (len(summary) == total) is (total < 75)
