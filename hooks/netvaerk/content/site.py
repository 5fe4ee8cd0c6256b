"""The validated site: all meetings, members and organisers, with the lookups pages need.

What depends on the build's day (upcoming, past, the next meeting) is no lookup of the site
but a fact of the build: ``content/derive.py``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from netvaerk.model import Meeting, Member, Network, Organiser

_LOOKUPS = ("by_member", "hosted")  # made by the constructor from the other fields


class _SiteFields(NamedTuple):
    meetings: tuple[Meeting, ...]
    members: tuple[Member, ...]
    organisers: tuple[Organiser, ...]
    network: Network | None  # the network's own contact (members.yaml ``network``)
    by_member: Mapping[str, Member]  # ``member``
    hosted: Mapping[str, tuple[Meeting, ...]]  # ``hosted_by``, in the meetings' order


class Site(_SiteFields):
    """Everything the renderers read. Meetings are sorted by start time.

    A ``NamedTuple`` whose constructor orders the meetings and builds the lookups, not a
    frozen dataclass: ``dataclasses`` compiles each generated method from source when the
    class is defined, which cost every build's import about 5 M instructions for this class
    (``tests/test_records.py``). Read-only like the dataclass was; equal when the data is;
    ``_replace`` goes through the constructor, so the lookups never go stale.
    """

    __slots__ = ()

    def __new__(
        cls,
        meetings: Iterable[Meeting],
        members: Iterable[Member],
        organisers: Iterable[Organiser],
        network: Network | None = None,
    ) -> Site:
        ordered = tuple(sorted(meetings, key=lambda m: (m.starts_at, m.slug)))
        members = tuple(members)
        hosted: dict[str, list[Meeting]] = {}
        for meeting in ordered:
            if meeting.venue and meeting.venue.host:
                hosted.setdefault(meeting.venue.host, []).append(meeting)
        return super().__new__(
            cls,
            ordered,
            members,
            tuple(organisers),
            network,
            MappingProxyType({m.id: m for m in members}),
            MappingProxyType({k: tuple(v) for k, v in hosted.items()}),
        )

    def _replace(self, **changes: object) -> Site:
        given = {name: getattr(self, name) for name in self._fields if name not in _LOOKUPS}
        return Site(**(given | changes))

    @property
    def contact_email(self) -> str | None:
        """The network's address for visitors and calendar clients, if the data gives one."""
        return self.network.email if self.network else None

    def member(self, member_id: str | None) -> Member | None:
        return self.by_member.get(member_id) if member_id else None

    def hosted_by(self, member_id: str) -> tuple[Meeting, ...]:
        return self.hosted.get(member_id, ())
