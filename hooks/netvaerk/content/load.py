"""All the content of one build or one ``make check``: the data files and the editors' news,
with every problem of both in one ``DataError``.

``read_project`` is where every run starts (the build, ``make check``, the pre-build): the
meetings file is read once, its Git history is compared with that text, and the content is
validated against both; the derive stage (``content/derive.py``) and the renderers follow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from netvaerk.content import clock
from netvaerk.content.files import circles, outside_links
from netvaerk.content.generated import collisions, docs_files, generated_sources
from netvaerk.content.history import Committed, History, committed_of, history_of
from netvaerk.content.links import PageAnchors, check_page_anchors, check_pages
from netvaerk.content.loading import MEETINGS_FILE, Against, load_site
from netvaerk.content.news import NEWS_DIR, NewsItem, is_out, unpublished_sources
from netvaerk.content.news_files import load_news
from netvaerk.content.placeholders import unknown_placeholders
from netvaerk.content.problems import DataError, Problem
from netvaerk.content.site import Site
from netvaerk.content.yamlsource import Source, read_source

# (the valid site, the editors' news files, the hand-written pages by source path, the
# build's date) → the anchors of every page the build has: ``pages.anchors.anchors_of``.
AnchorSource = Callable[[Site, Sequence[NewsItem], Mapping[str, str], date], PageAnchors]


def _pages(docs_dir: Path, built: Iterable[str]) -> dict[str, str]:
    """The hand-written Markdown pages MkDocs builds, by source path (unreadable ones are
    left to the news check or MkDocs)."""
    pages = {}
    for src in built:
        if src.endswith(".md"):
            try:
                pages[src] = (docs_dir / src).read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                continue
    return pages


def _scheduled(
    site: Site,
    written: Sequence[NewsItem],
    every_page: Mapping[str, str],
    built_on: Callable[[date], frozenset[str]],
    anchors_of: Callable[[Site, date], PageAnchors] | None,
    today: date,
    docs_display: str,
) -> list[Problem]:
    """The links of the editors' news items dated after ``today``, each judged against the
    site of its own publication day, as far as today's files tell it: the pages there are
    now, the generated ones of that day (invitations out by then) and the news items out by
    then. Today's build leaves these items out, so without this their first build would be
    the first to look at their links, and a broken one would stop it on the very day the
    item should come out.

    A link to another news item that comes out *later* is a problem: between the two dates
    the page it points to is not there, so the first item's build would stop (MkDocs has no
    "broken until" and the site would not update until the other date). One that comes out
    the same day or earlier is fine. A page that exists today is taken to still exist then
    (what an editor deletes later, that later check will find).
    """
    problems = []
    days = sorted(
        {item.date for item in written if item.src in every_page and not is_out(item.date, today)}
    )
    for day in days:
        items = {i.src: every_page[i.src] for i in written if i.date == day and i.src in every_page}
        targets = built_on(day) | set(generated_sources(site.meetings, day))
        problems += check_pages(items, targets, docs_display)
        if anchors_of is not None:
            problems += check_page_anchors(items, anchors_of(site, day), docs_display)
    return problems


def load_content(
    data_dir: Path,
    docs_dir: Path,
    docs_display: str = "docs",
    before: Committed | None = None,
    today: date | None = None,
    anchors: AnchorSource | None = None,
    meetings: Source | None = None,
) -> tuple[Site, list[NewsItem]]:
    """The data files, the editors' news and the other files in ``docs/`` together; one
    ``DataError`` with every problem, found before MkDocs touches ``site/``.

    ``before``: what Git says the meetings were (``History.committed``); ``today``: the
    build's date (default ``clock.today()``), which decides what is published.
    ``anchors``: how the pages' anchors are found (``pages.anchors.anchors_of``; the build
    and ``make check`` give it); without it links with an anchor are not looked into.
    ``meetings``: the meetings file as already read (``read_project``).
    """
    today = today or clock.today()
    problems: list[Problem] = []
    site: Site | None = None
    written, found = load_news(docs_dir, docs_display)
    problems += found
    files = docs_files(docs_dir)

    def built_on(day: date) -> frozenset[str]:
        return files - unpublished_sources(written, day)  # the build leaves those out

    built = built_on(today)
    every_page = _pages(docs_dir, files)  # the unpublished news items too
    pages = {src: text for src, text in every_page.items() if src in built}
    made: dict[date, tuple[Site, PageAnchors]] = {}  # once per day for the data and pages

    def anchors_of(valid: Site, day: date = today) -> PageAnchors:
        assert anchors is not None
        if day not in made or made[day][0] is not valid:
            on_day = (
                pages
                if day == today
                else {s: every_page[s] for s in built_on(day) if s in every_page}
            )
            made[day] = (valid, anchors(valid, written, on_day, day))
        return made[day][1]

    try:
        made_by = anchors_of if anchors is not None else None
        against = Against(
            before or Committed(),
            docs=built,
            today=today,
            anchors=made_by,
            meetings=meetings,
            docs_on=built_on,
        )
        site = load_site(data_dir, against=against)
    except DataError as exc:
        problems += exc.problems
    # Without valid meetings, still the fixed addresses (feed.xml, kalender.ics, …).
    valid = site.meetings if site is not None else ()
    problems += collisions(valid, written, files, docs_display)
    problems += outside_links(data_dir, data_dir.parent)
    # MkDocs publishes what a link in docs/ points to: never data/ or .git/, never a circle
    problems += outside_links(docs_dir, data_dir.parent, private=(data_dir,))
    problems += circles(docs_dir, data_dir.parent)
    if site is not None:  # links to meeting pages need the meetings
        targets = built | set(generated_sources(site.meetings, today))
        problems += check_pages(pages, targets, docs_display)
        # A news file may hold no placeholder at all: its own rule says so (news_files).
        handwritten = {k: v for k, v in pages.items() if not k.startswith(f"{NEWS_DIR}/")}
        problems += unknown_placeholders(handwritten, docs_display)
        if anchors is not None:
            problems += check_page_anchors(pages, anchors_of(site), docs_display)
        problems += _scheduled(site, written, every_page, built_on, made_by, today, docs_display)
    if problems or site is None:
        raise DataError(problems)
    return site, written


class Loaded(NamedTuple):
    """One project's content as a run reads it: the meetings file's Git history, and the
    valid site and the editors' news, or every problem that keeps them from being valid."""

    history: History
    site: Site | None  # None when there are problems
    written: Sequence[NewsItem]
    problems: tuple[Problem, ...] = ()

    def valid(self) -> tuple[Site, Sequence[NewsItem]]:
        """The site and the editors' news; ``DataError`` with every problem if any."""
        if self.problems or self.site is None:
            raise DataError(list(self.problems))
        return self.site, self.written

    def notes(self, preview_banner: str = "") -> list[tuple[int, str]]:
        """What a build logs about its history, with the log level each gets: a history
        that is in Git but cannot be read is a warning (``--strict`` stops on it: calendars
        would miss changes); no Git at all (a downloaded zip) and old commits that cannot be
        read are information. ``preview_banner``: a preview date's line, logged between."""
        found = []
        if self.history.lost:
            found.append((logging.WARNING, self.history.explanation()))
        elif self.history.note:
            found.append((logging.INFO, self.history.explanation()))
        if preview_banner:
            found.append((logging.INFO, preview_banner))
        if self.history.committed.skipped:  # an old bad commit is no error now (history.py)
            found.append((logging.INFO, self.history.committed.skipped_note()))
        return found


def read_project(
    data_dir: Path,
    docs_dir: Path,
    docs_display: str = "docs",
    *,
    now: datetime,
    today: date,
    anchors: AnchorSource | None = None,
    versions: bool = True,
) -> Loaded:
    """Load and validate a project's content (``load_content``), reading the meetings file
    once: its Git history first, since the rules compare the meetings with the last commit.
    ``now``: the build time (``clock.build_timestamp``); ``today``: the build's date.
    ``versions``: each meeting's versions too (what a build renders; ``make check``, which
    renders nothing, needs only what the rules compare with: ``History.committed``)."""
    file = data_dir / MEETINGS_FILE
    source = read_source(file, f"data/{MEETINGS_FILE}", data_dir.parent)
    if versions:
        history = history_of(file, now, source.text)
    else:
        before = committed_of(file, source.text)
        history = History({}, now, before.lost, before, lost=bool(before.lost))
    try:
        site, written = load_content(
            data_dir,
            docs_dir,
            docs_display,
            before=history.committed,
            today=today,
            anchors=anchors,
            meetings=source,
        )
    except DataError as exc:
        return Loaded(history, None, (), tuple(exc.problems))
    return Loaded(history, site, written)
