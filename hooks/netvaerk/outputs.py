"""Every generated file of the site, by its MkDocs source path.

One place that runs the renderers over the validated site; the MkDocs glue only turns
this mapping into ``File`` objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from netvaerk.content import moves, news
from netvaerk.content.history import History
from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.feeds import atom, calendar
from netvaerk.feeds.published import Published
from netvaerk.model import TIMEZONE, Meeting
from netvaerk.pages import blocks, news_pages, seo
from netvaerk.pages.meeting import meeting_page
from netvaerk.text import urls


@dataclass(frozen=True)
class BuildContext:
    """What the renderers need beyond the data: the build date and the public base URL."""

    today: date
    site_url: str
    site_name: str = ""
    history: History | None = None  # SEQUENCE and LAST-MODIFIED of the calendar events
    # The events subscribers hold, by UID: no SEQUENCE below theirs (feeds/published.py).
    published: Mapping[str, Published] = field(default_factory=dict)

    def calendar_history(self) -> History:
        """The Git history given, or none: every event at SEQUENCE 0, stamped at today."""
        if self.history is not None:
            return self.history
        midnight = datetime.combine(self.today, time(), TIMEZONE).astimezone(UTC)
        return History({}, midnight, "ingen historik givet")


def generated_files(
    site: Site, ctx: BuildContext, items: Sequence[NewsItem]
) -> dict[str, str | bytes]:
    """Source path → content for every page and feed the data produces.

    ``items`` are the published news of both kinds, newest first (``Prepared.news``).
    """
    files: dict[str, str | bytes] = {}  # /moeder/ and /medlemmer/ are hand-written in docs/
    history = ctx.calendar_history()
    before = moves.published_before(site, history)  # the meetings that moved since
    for meeting in site.meetings:
        files[urls.meeting_page(meeting.slug)] = meeting_page(
            meeting, site, ctx.today, ctx.site_url, before.get(meeting.slug)
        )
    files.update(calendar.calendar_files(site, ctx.site_url, history, ctx.published))
    files.update(news_files(site, ctx, items, before))
    return files


def news_files(
    site: Site,
    ctx: BuildContext,
    items: Sequence[NewsItem],
    before: Mapping[str, Meeting] | None = None,
) -> dict[str, str | bytes]:
    """The published announcements' pages, the news index and the Atom feed.

    ``items`` are the published news; editors' own files among them are built by MkDocs
    itself. An announcement links its meeting's .ics file (every meeting has one) and says
    when its meeting moved since it was published (``before``, by meeting id).
    """
    files: dict[str, str | bytes] = {}
    for item in items:
        if item.meeting is not None:
            files[item.src] = news_pages.announcement_page(
                item, site, ctx.today, (before or {}).get(item.meeting.slug)
            )
    files[urls.NEWS] = news_pages.news_index(items)
    files[urls.NEWS_FEED] = atom.news_feed(
        items,
        site_url=ctx.site_url,
        site_name=ctx.site_name,
        organisers=site.organisers,
        today=ctx.today,
    )
    return files


def page_blocks(site: Site, ctx: BuildContext, items: Sequence[NewsItem]) -> dict[str, str]:
    """Blocks that hand-written and generated pages pull in by placeholder."""
    return blocks.page_blocks(site, ctx.today, ctx.site_url, items)


@dataclass(frozen=True)
class Prepared:
    """What one build derives from the validated content before MkDocs reads a page.

    Made once per build by ``prepare``; the MkDocs glue only looks things up in it.
    """

    site: Site
    ctx: BuildContext
    written: Sequence[NewsItem]  # the editors' news files, whatever their date
    news: Sequence[NewsItem]  # published news of both kinds, newest first
    blocks: Mapping[str, str]  # placeholder name → Markdown
    articles: Mapping[str, NewsItem]  # the editors' published news by source path
    heads: Mapping[str, seo.PageHead]  # Open Graph and JSON-LD by source path
    unpublished: frozenset[str]  # editors' files dated after today: left out of the build

    def files(self) -> dict[str, str | bytes]:
        """Every generated page and feed by source path (``generated_files``)."""
        return generated_files(self.site, self.ctx, self.news)


def prepare(site: Site, written: Sequence[NewsItem], ctx: BuildContext) -> Prepared:
    """Everything a build needs from the content (``load.load_content``) and its context."""
    # Every item renders its excerpt: computed once per build and handed to the renderers.
    items = news.published(news.all_news(site, written), ctx.today)
    return Prepared(
        site=site,
        ctx=ctx,
        written=written,
        news=items,
        blocks=page_blocks(site, ctx, items),
        articles=news.editors_pages(written, ctx.today),
        heads=seo.page_heads(site, items, ctx.site_url, ctx.site_name),
        unpublished=frozenset(news.unpublished_sources(written, ctx.today)),
    )
