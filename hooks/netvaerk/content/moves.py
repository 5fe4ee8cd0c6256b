"""What a meeting was when it was published, so its pages can say that it moved since.

Members plan around the date, time and place they were first told. When one of them changes
afterwards, the meeting's page and its invitation say so ("Flyttet fra torsdag den 27.
maj", ``text/meeting_text.moved_notice``); what is compared comes from the same Git
history that drives the calendar's SEQUENCE (``content/history.py``), compared once per
build by the derive stage (``content/derive.facts_of``). The place has
changed only when members must go somewhere else (``text/places.place_moved``): a venue's
corrected name at the same address is no move, though the calendar event still changes.
When the place does move, the old one is named as the page last showed it (``as_shown``):
the corrected name, not the first spelling.

*Published* is when a version of the meeting was on the site and its invitation was out: a
version is public from its commit on the main line, but not before the day of its
``announcement`` (00:00 Danish time) when it has one, and until the next version's commit
(the last one: until the build). The published version is the first one that was public
for any time at all. So a meeting that is corrected before its invitation goes out has not
moved, a meeting without an invitation is published by its first commit, and a meeting
whose invitation is still to come has not been published: no notice either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from netvaerk.model import TIMEZONE, Meeting
from netvaerk.text.places import place_moved


def public_from(meeting: Meeting, committed: datetime) -> datetime:
    """When a version committed at ``committed`` became public (see the module's note)."""
    if meeting.announcement is None:
        return committed
    day = datetime.combine(meeting.announcement.date, time(), TIMEZONE)
    return max(committed, day)


def published_version(
    versions: Sequence[tuple[datetime, Meeting]], now: datetime
) -> Meeting | None:
    """The first version (oldest first, with commit times) that was public; None if none
    was, or none is given."""
    for index, (committed, meeting) in enumerate(versions):
        until = versions[index + 1][0] if index + 1 < len(versions) else now
        if public_from(meeting, committed) < until:
            return meeting
    return None


def as_shown(versions: Sequence[tuple[datetime, Meeting]], now: datetime) -> Meeting | None:
    """``published_version``, with its place as the site last showed it before the place
    moved: a venue's name corrected after publishing (the same place, ``place_moved``) is
    the name members read on the page since, so the notice names that one, once. The date
    and time stay the published ones: what members were first told."""
    published = published_version(versions, now)
    if published is None:
        return None
    index = next(i for i, (_, meeting) in enumerate(versions) if meeting is published)
    shown = published
    for _, later in versions[index + 1 :]:
        if place_moved(published, later):
            break
        shown = later
    if shown is published:
        return published
    return published.model_copy(update={"venue": shown.venue, "online": shown.online})


def has_moved(before: Meeting, after: Meeting) -> bool:
    """Whether the date, the time or the place differs (``place_moved``)."""
    return (
        (before.date, before.end_date, before.start, before.end)
        != (after.date, after.end_date, after.start, after.end)
    ) or place_moved(before, after)
