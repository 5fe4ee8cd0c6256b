"""The anchors of every page of a build, for the check of links with an anchor.

``content.links`` finds the links; which ids a page has depends on what the page is made of:
the hand-written pages with their placeholders filled (``pages.blocks``) and an editor's
news page with its date line, the meeting pages, invitations and news index as their
renderers write them. So the ids are taken from the very Markdown the build hands MkDocs,
rendered as MkDocs renders it (``text.anchors``), not from a list kept by hand. Each page is
rendered only when a link with an anchor points to it, once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from netvaerk.content import news
from netvaerk.content.links import PageAnchors
from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.pages.blocks import page_blocks
from netvaerk.pages.home import insert_blocks
from netvaerk.pages.meeting import meeting_page
from netvaerk.pages.news_pages import announcement_page, article_markdown, news_index
from netvaerk.text import urls
from netvaerk.text.anchors import page_anchors
from netvaerk.text.markup import FRONT_MATTER
from netvaerk.text.safe_markdown import cost_problems


def anchors_of(
    site: Site, written: Sequence[NewsItem], pages: Mapping[str, str], today: date
) -> PageAnchors:
    """The anchors of each page of the build of ``site`` on ``today`` (``pages``: the
    hand-written Markdown pages by source path, front matter included)."""
    items = news.published(news.all_news(site, written), today)
    articles = news.editors_pages(written, today)
    blocks = functools.cache(lambda: page_blocks(site, today, "", items))
    makers: dict[str, Callable[[], str]] = {}
    for meeting in site.meetings:
        makers[urls.meeting_page(meeting.slug)] = functools.partial(
            meeting_page, meeting, site, today
        )
    for item in items:
        if item.meeting is not None:
            makers[item.src] = functools.partial(announcement_page, item, site, today)
    makers[urls.NEWS] = functools.partial(news_index, items)

    def handwritten(src: str) -> str | None:
        body = FRONT_MATTER.sub("", pages[src], count=1)
        if cost_problems(body, html=True):
            return None  # reported on its own; not rendered
        if src in articles:  # as the glue's on_page_markdown gives it to MkDocs
            body = article_markdown(body, articles[src])
        return insert_blocks(body, blocks())[0] if "netvaerk:" in body else body

    @functools.cache
    def anchors(src: str) -> frozenset[str] | None:
        if src in makers:
            text: str | None = FRONT_MATTER.sub("", makers[src](), count=1)
        elif src in pages:
            text = handwritten(src)
        else:
            return None  # not a Markdown page (or not in the build: broken_link says so)
        return page_anchors(text) if text is not None else None

    return anchors
