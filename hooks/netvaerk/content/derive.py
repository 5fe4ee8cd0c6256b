"""The derive stage: every fact a build computes from the validated content, computed once.

Between validation (``load.load_content``) and the renderers (``pages/``, ``feeds/``) one
pass turns the site, the editors' news, the build's day and the Git history of the meetings
file into plain values:

- the **route table**: every file the build generates, by source path, with the record it
  is made from and the renderer that makes it (``Route``). The build renders exactly this
  table (``outputs.py``), and the checks that run before the build (collisions, links to
  generated pages: ``content/generated.py``) read the same table, so the two cannot differ;
- each **meeting's facts** (``MeetingFacts``): whether it is over, whether its registration
  has closed, whether its invitation is out, the version that was published when it has
  moved since (``content/moves.py``), and its committed versions that still validate, which
  the calendar turns into SEQUENCE and LAST-MODIFIED (``feeds/calendar.revision``);
- the **news** that is out by the build's day, and the editors' files that are not.

So no renderer compares a date with today and none reads or validates the history: a page
shows what its facts say (an import contract holds ``pages/`` and ``feeds/`` to it). The
history itself is read once per build, with the meetings file's text read once
(``load.read_project``), before validation, which compares the meetings with it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from enum import Enum
from types import MappingProxyType
from typing import NamedTuple

from netvaerk.content import moves, news
from netvaerk.content.history import History
from netvaerk.content.news import NewsItem, announcement_slug, is_out
from netvaerk.content.site import Site
from netvaerk.model import TIMEZONE, Meeting, Status
from netvaerk.text import urls


class Renderer(Enum):
    """Which renderer makes a generated file (``outputs.py`` maps each onto its function)."""

    MEETING_PAGE = "meeting page"
    CALENDAR = "calendar feed"
    MEETING_CALENDAR = "meeting calendar"
    ANNOUNCEMENT = "announcement page"
    NEWS_INDEX = "news index"
    NEWS_FEED = "news feed"


class Route(NamedTuple):
    """One generated file: what makes it, from which meeting, and what it is (Danish, for
    the editors' messages about a file that collides with it)."""

    renderer: Renderer
    what: str
    slug: str | None = None  # the meeting's id, for the files made from one meeting


def route_table(
    meetings: Sequence[Meeting], invitations: Iterable[Meeting] | None = None
) -> dict[str, Route]:
    """Source path → ``Route`` of every file the build generates, in the order it makes them.

    ``invitations``: the meetings whose announcement page the build makes, in the order of
    the news (``Derived.routes``); None: every meeting with an announcement, also those a
    later build will publish (what may not collide with an editor's file).
    """
    if invitations is None:
        invitations = [m for m in meetings if m.announcement is not None]
    table: dict[str, Route] = {}  # /moeder/ and /medlemmer/ are hand-written in docs/
    for meeting in meetings:
        table[urls.meeting_page(meeting.slug)] = Route(
            Renderer.MEETING_PAGE, f"siden om mødet {meeting.slug}", meeting.slug
        )
    table[urls.CALENDAR] = Route(Renderer.CALENDAR, "kalenderfeedet")
    for meeting in meetings:
        table[urls.meeting_calendar(meeting.slug)] = Route(
            Renderer.MEETING_CALENDAR, f"kalenderfilen til mødet {meeting.slug}", meeting.slug
        )
    for meeting in invitations:
        table[urls.news_page(announcement_slug(meeting))] = Route(
            Renderer.ANNOUNCEMENT, f"invitationen til mødet {meeting.slug}", meeting.slug
        )
    table[urls.NEWS] = Route(Renderer.NEWS_INDEX, "nyhedsoversigten")
    table[urls.NEWS_FEED] = Route(Renderer.NEWS_FEED, "nyhedsfeedet (Atom)")
    return table


class MeetingFacts(NamedTuple):
    """What the build knows of one meeting beyond its data, as of the build's day."""

    meeting: Meeting
    over: bool  # its last day is before the build's day
    registration_closed: bool  # its registration deadline is before the build's day
    invitation_out: bool  # it has an announcement, dated the build's day or before
    # The version members were first told, its place as the page last showed it
    # (moves.as_shown), when the date, time or place moved since; None when it has not
    # moved, or was never published.
    published_before: Meeting | None = None
    # Its committed versions that still validate, oldest first, with their commit times;
    # the last is ``meeting`` itself when the file still holds the last committed text.
    versions: tuple[tuple[datetime, Meeting], ...] = ()
    uncommitted: bool = False  # the file holds another text for it than the last commit

    @property
    def slug(self) -> str:
        return self.meeting.slug

    @property
    def ahead(self) -> bool:
        """Planned and not over: the meeting one can still sign up for or add to a calendar."""
        return self.meeting.status == Status.PLANNED and not self.over


class _DerivedFields(NamedTuple):
    today: date
    meetings: tuple[MeetingFacts, ...]  # in the site's order (by start time)
    news: tuple[NewsItem, ...]  # the news of both kinds that is out, newest first
    articles: Mapping[str, NewsItem]  # the editors' published news by source path
    unpublished: frozenset[str]  # editors' news files dated after today: left out
    routes: Mapping[str, Route]  # every generated file by source path (``route_table``)
    built_at: datetime  # the build time (aware, UTC): what dates a file with no history
    edited_at: datetime  # when uncommitted edits count as made
    by_slug: Mapping[str, MeetingFacts]  # ``meetings`` by meeting id (``of``)


class Derived(_DerivedFields):
    """Every derived fact of one build (``derive``); the renderers read only these.

    A NamedTuple whose constructor indexes the facts, not a frozen dataclass: ``dataclasses``
    compiles each generated method from source when the class is defined (about 5 M
    instructions of every build's import). ``_replace`` goes through the constructor."""

    __slots__ = ()

    def __new__(
        cls,
        today: date,
        meetings: tuple[MeetingFacts, ...],
        news: tuple[NewsItem, ...],
        articles: Mapping[str, NewsItem],
        unpublished: frozenset[str],
        routes: Mapping[str, Route],
        built_at: datetime,
        edited_at: datetime,
    ) -> Derived:
        by_slug = MappingProxyType({f.slug: f for f in meetings})
        return super().__new__(
            cls, today, meetings, news, articles, unpublished, routes, built_at, edited_at, by_slug
        )

    def _replace(self, **changes: object) -> Derived:
        given = {name: getattr(self, name) for name in self._fields if name != "by_slug"}
        return Derived(**(given | changes))

    def of(self, meeting: Meeting | str) -> MeetingFacts:
        """The facts of a meeting of this site (by the meeting or its id)."""
        return self.by_slug[meeting if isinstance(meeting, str) else meeting.slug]

    @property
    def upcoming(self) -> list[MeetingFacts]:
        """Meetings that are not over, soonest first."""
        return [f for f in self.meetings if not f.over]

    @property
    def past(self) -> list[MeetingFacts]:
        """Meetings that are over, newest first."""
        return [f for f in reversed(self.meetings) if f.over]

    @property
    def next_meeting(self) -> MeetingFacts | None:
        """The next meeting that will take place (planned, not over)."""
        return next((f for f in self.meetings if f.ahead), None)


def no_history(today: date) -> History:
    """The history of a project without one: every event at SEQUENCE 0, stamped at the
    start of ``today`` (Danish time)."""
    midnight = datetime.combine(today, time(), TIMEZONE).astimezone(UTC)
    return History({}, midnight, "ingen historik givet")


def facts_of(meeting: Meeting, today: date, history: History | None = None) -> MeetingFacts:
    """One meeting's facts on ``today`` (``history``: the meetings file's, if any)."""
    reg = meeting.registration
    past = history.of(meeting.slug) if history is not None else None
    versions: tuple[tuple[datetime, Meeting], ...] = ()
    before = None
    if past is not None and past.versions:
        versions = tuple(past.validated(meeting))
        if len(past.versions) > 1 or past.uncommitted:  # else the version is the meeting
            assert history is not None
            published = moves.as_shown(versions, history.edited_at)
            if published is not None and moves.has_moved(published, meeting):
                before = published
    notice = meeting.announcement
    return MeetingFacts(
        meeting=meeting,
        over=meeting.last_day < today,
        registration_closed=bool(reg and reg.deadline and reg.deadline < today),
        invitation_out=notice is not None and is_out(notice.date, today),
        published_before=before,
        versions=versions,
        uncommitted=past.uncommitted if past is not None else False,
    )


def derive(
    site: Site,
    today: date,
    written: Sequence[NewsItem] = (),
    history: History | None = None,
) -> Derived:
    """The facts of the build of ``site`` and the editors' news ``written`` on ``today``.

    ``history``: the meetings file's Git history as the build read it (``read_project``);
    without it, every meeting has one version, committed at the start of ``today``.
    """
    known = history if history is not None else no_history(today)
    items = tuple(news.published([*news.announcements(site, today), *written], today))
    facts = tuple(facts_of(m, today, known) for m in site.meetings)
    invited = [i.meeting for i in items if i.meeting is not None]
    return Derived(
        today=today,
        meetings=facts,
        news=items,
        articles={i.src: i for i in items if i.meeting is None},  # news.editors_pages
        unpublished=frozenset(news.unpublished_sources(written, today)),
        routes=route_table(site.meetings, invited),
        built_at=known.default,
        edited_at=known.edited_at,
    )
