"""Relative links in the editors' Markdown fields and the hand-written pages (materials in
``docs/materialer/``: rules).

The rules are ``text/link_check.py``'s, on plain values (the browser editor runs them too);
this module applies them to the validated meetings and to the hand-written pages in ``docs/``
and reports at the field's line in ``data/meetings.yaml``. Web addresses (``https://``,
``mailto:``) and links that begin with ``/`` are not checked, as MkDocs does not check them
either. A broken link in a hand-written page (``check_pages``) would also stop a strict
build only after ``site/`` is cleaned.

A link with an anchor (``om.md#kontakt``, ``#program``) stops a strict build too when the
page it points to has no such id, so ``check_anchors`` and ``check_page_anchors`` look the
anchor up among the ids of the page as the build renders it (``PageAnchors``, given by the
caller: the generated pages come from the renderers in ``pages/``, see ``pages/anchors.py``).

An announcement that is not out yet (``announcement.date`` after today) is on no page of
today's build, so its body is judged against the site of its own publication day instead
(``check_links``/``check_anchors`` with ``on``): the files of today plus what is out by then
(``content/load.py`` says why). Every other field is on today's pages and judged as today.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date
from typing import TypeVar

from netvaerk.content.news import NEWS_DIR, is_out
from netvaerk.content.problems import Loc, Problem
from netvaerk.model import Meeting
from netvaerk.text.link_check import (
    LinkFinding,
    MarkdownField,
    PageAnchors,
    anchor_findings,
    broken_link,
    link_findings,
    markup_findings,
    meeting_markdown,
    missing_anchor,
    page_anchor_findings,
    page_link_findings,
)
from netvaerk.text.markup import FRONT_MATTER  # MkDocs' pattern: no links in it
from netvaerk.text.safe_markdown import Finding, cost_problems

# What a link is judged against: the targets or the anchors of one day's build.
Built = TypeVar("Built")

__all__ = [
    "PageAnchors",
    "broken_link",
    "check_anchors",
    "check_links",
    "check_markup",
    "check_page_anchors",
    "check_pages",
    "missing_anchor",
    "page_body",
]


def _markdown_fields(meeting: Meeting) -> list[MarkdownField]:
    """(field, Markdown text, the generated pages it appears on) of one meeting."""
    announcement = meeting.announcement
    return list(
        meeting_markdown(
            meeting.slug,
            meeting.description,
            announcement is not None,
            announcement.body if announcement else None,
            [item.description for item in meeting.programme],
        )
    )


_BODY = ("announcement", "body")


def _each(
    meetings: Sequence[tuple[Loc, Meeting]],
    judge: Callable[[list[MarkdownField]], Iterator[LinkFinding]],
) -> Iterator[LinkFinding]:
    for loc, meeting in meetings:
        for field, offset, message in judge(_markdown_fields(meeting)):
            yield (*loc, *field), offset, message


def _scheduled(
    meetings: Sequence[tuple[Loc, Meeting]],
    today: date,
    judge: Callable[[date, list[MarkdownField]], Iterator[LinkFinding]],
) -> Iterator[LinkFinding]:
    """``judge`` on the fields as today's build has them, except that the body of an
    announcement not out on ``today`` is judged on its own publication day."""
    for loc, meeting in meetings:
        fields = _markdown_fields(meeting)
        notice = meeting.announcement
        by_day = [(today, fields)]
        if notice is not None and not is_out(notice.date, today):
            by_day = [
                (today, [f for f in fields if f[0] != _BODY]),
                (notice.date, [f for f in fields if f[0] == _BODY]),
            ]
        for day, judged in by_day:
            for field, offset, message in judge(day, judged):
                yield (*loc, *field), offset, message


def _judged(
    meetings: Sequence[tuple[Loc, Meeting]],
    now: Built,
    on: tuple[date, Callable[[date], Built]] | None,
    findings: Callable[[list[MarkdownField], Built], Iterator[LinkFinding]],
) -> Iterator[LinkFinding]:
    """``findings`` on every meeting's fields against ``now`` (what today's build has); with
    ``on`` (today, what a later day's build has), an announcement not out today is judged
    against its own publication day's."""
    if on is None:
        return _each(meetings, lambda fields: findings(fields, now))
    today, later = on
    return _scheduled(
        meetings, today, lambda day, fields: findings(fields, now if day == today else later(day))
    )


def check_markup(meetings: Sequence[tuple[Loc, Meeting]]) -> Iterator[LinkFinding]:
    """Markdown that renders to more than text, links, lists and emphasis, or would take
    too long or too deep to render (``text.safe_markdown``), at its line in the field."""
    return _each(meetings, markup_findings)


def check_links(
    meetings: Sequence[tuple[Loc, Meeting]],
    targets: Collection[str],
    on: tuple[date, Callable[[date], Collection[str]]] | None = None,
) -> Iterator[LinkFinding]:
    """Every relative link in the meetings' Markdown that would not resolve in the build.

    ``targets``: the source paths of every file the build has (``docs/`` and generated).
    ``on``: (today, the targets of the build of a later day): an announcement that is not
    out today is judged against the build of its publication day (module docstring).
    """
    return _judged(meetings, targets, on, link_findings)


def check_anchors(
    meetings: Sequence[tuple[Loc, Meeting]],
    anchors: PageAnchors,
    on: tuple[date, Callable[[date], PageAnchors]] | None = None,
) -> Iterator[LinkFinding]:
    """Every link with an anchor in the meetings' Markdown that names no id on its page
    (on each page the field appears on: a programme item is on the invitation too).
    ``on``: as for ``check_links``, the anchors of the build of a later day."""
    return _judged(meetings, anchors, on, anchor_findings)


# A page's text is read by check_pages, check_page_anchors and pages.anchors (once per day
# checked): its body and cost once per text (-6.4 M instructions at 30 meetings).
@functools.lru_cache(maxsize=256)
def page_body(text: str) -> tuple[str, tuple[Finding, ...]]:
    """A hand-written page's Markdown with its front matter blanked out (its lines kept, so
    lines count from the top of the file), and what would make it too deep or slow to
    render (``cost_problems``: such a page is not rendered)."""
    body = FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text, count=1)
    return body, tuple(cost_problems(body, html=True))


def check_pages(
    pages: Mapping[str, str], targets: Collection[str], docs_display: str = "docs"
) -> list[Problem]:
    """Relative links in the hand-written pages of ``docs/`` that would not resolve.

    ``pages``: source path → Markdown (front matter included, so lines count from the top
    of the file). MkDocs would stop a strict build for these too, but only after cleaning
    ``site/``; here they are found with the data, at their line.
    """
    problems = []
    for src, text in sorted(pages.items()):
        # Too deep or slow to render: not rendered here. News files have it reported with
        # the rest of their rules (news_files); other pages may hold HTML.
        body, too_costly = page_body(text)
        if not src.startswith(f"{NEWS_DIR}/"):
            problems += [
                Problem(f"{docs_display}/{src}", (at or 0) + 1, "", message)
                for at, message in too_costly
            ]
        if too_costly:
            continue
        for at, problem in page_link_findings(body, src, targets):
            problems.append(Problem(f"{docs_display}/{src}", at + 1, "", problem))
    return problems


def check_page_anchors(
    pages: Mapping[str, str], anchors: PageAnchors, docs_display: str = "docs"
) -> list[Problem]:
    """Links with an anchor in the hand-written pages that name no id on their page
    (``pages`` as for ``check_pages``)."""
    problems = []
    for src, text in sorted(pages.items()):
        body, too_costly = page_body(text)
        if too_costly:
            continue  # reported by check_pages or the news rules
        for at, problem in page_anchor_findings(body, src, anchors):
            problems.append(Problem(f"{docs_display}/{src}", at + 1, "", problem))
    return problems
