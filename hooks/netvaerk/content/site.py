"""The validated site: all meetings, members and organisers, with the lookups pages need.

What depends on the build's day (upcoming, past, the next meeting) is no lookup of the site
but a fact of the build: ``content/derive.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from netvaerk.model import Meeting, Member, Network, Organiser


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
