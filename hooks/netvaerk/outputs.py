"""Every generated file of the site, by its MkDocs source path.

One place that runs the renderers over the route table of the derive stage
(``content/derive.py``); the MkDocs glue only turns this mapping into ``File`` objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from netvaerk.content.derive import Derived, Renderer, derive
from netvaerk.content.history import History
from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.feeds import atom, calendar
from netvaerk.feeds.published import Published
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


def generated_files(site: Site, ctx: BuildContext, derived: Derived) -> dict[str, str | bytes]:
    """Source path → content for every page and feed the data produces: the route table
    (``derived.routes``), each route made by its renderer, in the table's order."""
    files: dict[str, str | bytes] = {}
    calendars: dict[str, bytes] = {}
    news: dict[str, str | bytes] = {}
    for src, route in derived.routes.items():
        match route.renderer:
            case Renderer.MEETING_PAGE:
                assert route.slug is not None
                files[src] = meeting_page(derived.of(route.slug), site, ctx.site_url)
            case Renderer.CALENDAR | Renderer.MEETING_CALENDAR:
                if not calendars:
                    calendars = calendar.calendar_files(site, ctx.site_url, derived, ctx.published)
                files[src] = calendars[src]
            case Renderer.ANNOUNCEMENT | Renderer.NEWS_INDEX | Renderer.NEWS_FEED:
                if not news:
                    news = news_files(site, ctx, derived)
                files[src] = news[src]
    return files


def news_files(site: Site, ctx: BuildContext, derived: Derived) -> dict[str, str | bytes]:
    """The published announcements' pages, the news index and the Atom feed.

    Editors' own news files are built by MkDocs itself. An announcement links its meeting's
    .ics file (every meeting has one) and says when its meeting moved since it was published
    (its meeting's facts).
    """
    files: dict[str, str | bytes] = {}
    for item in derived.news:
        if item.meeting is not None:
            facts = derived.of(item.meeting)
            files[item.src] = news_pages.announcement_page(item, facts, site)
    files[urls.NEWS] = news_pages.news_index(derived.news)
    files[urls.NEWS_FEED] = atom.news_feed(
        derived.news,
        site_url=ctx.site_url,
        site_name=ctx.site_name,
        organisers=site.organisers,
        today=derived.today,
    )
    return files


@dataclass(frozen=True)
class Prepared:
    """What one build derives from the validated content before MkDocs reads a page.

    Made once per build by ``prepare``; the MkDocs glue only looks things up in it.
    """

    site: Site
    ctx: BuildContext
    written: Sequence[NewsItem]  # the editors' news files, whatever their date
    derived: Derived  # every fact of this build: routes, meetings' facts, news that is out
    blocks: Mapping[str, str]  # placeholder name → Markdown
    heads: Mapping[str, seo.PageHead]  # Open Graph and JSON-LD by source path

    @property
    def news(self) -> Sequence[NewsItem]:
        """Published news of both kinds, newest first."""
        return self.derived.news

    @property
    def articles(self) -> Mapping[str, NewsItem]:
        """The editors' published news by source path."""
        return self.derived.articles

    @property
    def unpublished(self) -> frozenset[str]:
        """Editors' files dated after today: left out of the build."""
        return self.derived.unpublished

    def files(self) -> dict[str, str | bytes]:
        """Every generated page and feed by source path (``generated_files``)."""
        return generated_files(self.site, self.ctx, self.derived)


def prepare(site: Site, written: Sequence[NewsItem], ctx: BuildContext) -> Prepared:
    """Everything a build needs from the content (``load.load_content``) and its context:
    the derive stage once (``content/derive.py``), then the blocks and heads from it."""
    derived = derive(site, ctx.today, written, ctx.history)
    return Prepared(
        site=site,
        ctx=ctx,
        written=written,
        derived=derived,
        blocks=blocks.page_blocks(site, derived, ctx.site_url),
        heads=seo.page_heads(site, derived.news, ctx.site_url, ctx.site_name),
    )
