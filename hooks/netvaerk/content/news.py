"""News items: where they come from, when they are out, and how bad front matter is reported.

Two sources feed the news section (issue 4): each meeting's ``announcement`` in
``data/meetings.yaml`` and the Markdown files editors write in ``docs/nyheder/``. Both become
``NewsItem`` values, merged newest first. An item dated after the build's "today" is not
published: announcements are simply not generated, and editors' files are dropped from the
build by the glue using ``unpublished_sources``. The daily rebuild publishes them.

Announcement slugs are ``<meeting id>-invitation``: the meeting id is the stable key (it never
changes once published), so the URL survives edits of the announcement's title and date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from netvaerk.content.site import Site
from netvaerk.model import Meeting
from netvaerk.text import rendering, urls
from netvaerk.text.markup import html_text
from netvaerk.text.meeting_text import meeting_summary
from netvaerk.text.urls import ANNOUNCEMENT_SUFFIX

NEWS_DIR = "nyheder"


class NewsItem(NamedTuple):
    """One news item, from either source, ready for the pages and the feed.

    ``title`` and ``excerpt`` are plain text (escape them on output); ``body`` is Markdown
    written for the item's own page, without its title heading.
    """

    slug: str
    date: date
    title: str
    excerpt: str
    body: str
    file: str | None = None  # the editor's file as shown in messages; None for announcements
    meeting: Meeting | None = None  # the meeting an announcement invites to

    @property
    def src(self) -> str:
        """The MkDocs source path of the item's page."""
        return urls.news_page(self.slug)


def announcement_slug(meeting: Meeting) -> str:
    """'2021-01-28-invitation': from the meeting id, so it survives edits of the title."""
    return f"{meeting.slug}-{ANNOUNCEMENT_SUFFIX}"


def announcements(site: Site, today: date | None = None) -> list[NewsItem]:
    """Every meeting's announcement as a news item, published or not; with ``today``, only
    those out on that day (each excerpt costs a Markdown conversion, and a build shows
    none of the others)."""
    items = []
    for meeting in site.meetings:
        notice = meeting.announcement
        if notice is None or (today is not None and not is_out(notice.date, today)):
            continue
        body = notice.body or ""
        items.append(
            NewsItem(
                slug=announcement_slug(meeting),
                date=notice.date,
                title=notice.title or meeting.title,
                excerpt=rendering.excerpt(body) or meeting_summary(meeting),
                body=body,
                meeting=meeting,
            )
        )
    return items


def all_news(site: Site, written: Iterable[NewsItem]) -> list[NewsItem]:
    """Both sources merged, newest first (ties by slug, so the order is stable)."""
    return sorted([*announcements(site), *written], key=lambda i: (i.date, i.slug), reverse=True)


def is_out(day: date, today: date) -> bool:
    """Whether something dated ``day`` (a news item, an invitation) is published on ``today``."""
    return day <= today


def published(items: Iterable[NewsItem], today: date) -> list[NewsItem]:
    """The items that are out on ``today``, newest first."""
    return sorted(
        (i for i in items if is_out(i.date, today)), key=lambda i: (i.date, i.slug), reverse=True
    )


def unpublished_sources(written: Iterable[NewsItem], today: date) -> set[str]:
    """Source paths of editors' files dated after ``today``: the build must leave them out."""
    return {item.src for item in written if not is_out(item.date, today)}


def article_meta(item: NewsItem, meta: Mapping[str, object]) -> dict[str, str]:
    """Title and description for an editor's news page, given its front matter ``meta``.

    Like the generated pages' front matter they are HTML-escaped, because the theme prints
    them raw into ``<title>`` and ``<meta>``; the description is the summary (or the first
    paragraph) unless the editor wrote one.
    """
    found: dict[str, str] = {}
    if "title" in meta:  # else MkDocs takes the (already escaped) text of the # heading
        found["title"] = html_text(item.title)
    description = meta.get("description")
    if isinstance(description, str) and description.strip():
        found["description"] = html_text(description.strip())
    elif item.excerpt:
        found["description"] = html_text(item.excerpt)
    return found


def editors_pages(written: Sequence[NewsItem], today: date) -> dict[str, NewsItem]:
    """Published editor items by source path, for decorating their pages."""
    return {item.src: item for item in published(written, today)}
