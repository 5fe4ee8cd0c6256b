"""The validated site: all meetings, members and organisers, with the lookups pages need."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netvaerk.model import Meeting, Member, Network, Organiser, Status


@dataclass(frozen=True)
class Site:
    """Everything the renderers read. Meetings are sorted by start time."""

    meetings: tuple[Meeting, ...]
    members: tuple[Member, ...]
    organisers: tuple[Organiser, ...]
    network: Network | None = None  # the network's own contact (members.yaml ``network``)
    _by_member: dict[str, Member] = field(init=False, repr=False, compare=False)
    _hosted: dict[str, tuple[Meeting, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.meetings, key=lambda m: (m.starts_at, m.slug)))
        object.__setattr__(self, "meetings", ordered)
        object.__setattr__(self, "_by_member", {m.id: m for m in self.members})
        hosted: dict[str, list[Meeting]] = {}
        for meeting in ordered:
            if meeting.venue and meeting.venue.host:
                hosted.setdefault(meeting.venue.host, []).append(meeting)
        object.__setattr__(self, "_hosted", {k: tuple(v) for k, v in hosted.items()})

    @property
    def contact_email(self) -> str | None:
        """The network's address for visitors and calendar clients, if the data gives one."""
        return self.network.email if self.network else None

    def member(self, member_id: str | None) -> Member | None:
        return self._by_member.get(member_id) if member_id else None

    def hosted_by(self, member_id: str) -> tuple[Meeting, ...]:
        return self._hosted.get(member_id, ())

    def upcoming(self, today: date) -> list[Meeting]:
        """Meetings whose last day is today or later, soonest first."""
        return [m for m in self.meetings if m.last_day >= today]

    def past(self, today: date) -> list[Meeting]:
        """Meetings that are over, newest first."""
        return [m for m in reversed(self.meetings) if m.last_day < today]

    def next_meeting(self, today: date) -> Meeting | None:
        """The next meeting that will take place (not cancelled)."""
        return next((m for m in self.upcoming(today) if m.status == Status.PLANNED), None)
