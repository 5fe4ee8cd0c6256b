"""The anchors of every page of a build, for the check of links with an anchor.

``content.links`` finds the links; which ids a page has depends on what the page is made of:
the hand-written pages with their placeholders filled (``pages.blocks``) and an editor's
news page with its date line, the meeting pages, invitations and news index as their
renderers write them. So the ids are taken from the very Markdown the build hands MkDocs,
rendered as MkDocs renders it (``text.anchors``), not from a list kept by hand. Each page is
rendered only when a link with an anchor points to it, once; the renderers (and Jinja, which
``make check`` otherwise never loads) are imported only then.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from netvaerk.content import news
from netvaerk.content.derive import Derived, derive
from netvaerk.content.links import PageAnchors, page_body
from netvaerk.content.news import NewsItem
from netvaerk.content.placeholders import PLACEHOLDER
from netvaerk.content.site import Site
from netvaerk.text import urls
from netvaerk.text.anchors import Anchors
from netvaerk.text.markup import FRONT_MATTER


def _generated(site: Site, derived: Derived) -> dict[str, Callable[[], str]]:
    """The generated Markdown pages by source path, each made when called."""
    # Imported here, not above: Jinja only when a page needs rendering (module docstring).
    from netvaerk.pages.meeting import meeting_page
    from netvaerk.pages.news_pages import announcement_page, news_index

    makers: dict[str, Callable[[], str]] = {}
    for facts in derived.meetings:
        makers[urls.meeting_page(facts.slug)] = functools.partial(meeting_page, facts, site)
    for item in derived.news:
        if item.meeting is not None:
            facts = derived.of(item.meeting)
            makers[item.src] = functools.partial(announcement_page, item, facts, site)
    makers[urls.NEWS] = functools.partial(news_index, derived.news)
    return makers


def _as_built(
    text: str, article: NewsItem | None, site: Site, derived: Callable[[], Derived]
) -> str:
    """A hand-written page as the glue's ``on_page_markdown`` hands it to MkDocs."""
    # Imported here, not above: Jinja only when a page needs rendering (module docstring).
    from netvaerk.pages.blocks import page_blocks
    from netvaerk.pages.home import insert_blocks
    from netvaerk.pages.news_pages import article_markdown

    if article is not None:
        text = article_markdown(text, article)
    return insert_blocks(text, page_blocks(site, derived(), ""))[0]


def anchors_of(
    site: Site, written: Sequence[NewsItem], pages: Mapping[str, str], today: date
) -> PageAnchors:
    """The anchors of each page of the build of ``site`` on ``today`` (``pages``: the
    hand-written Markdown pages by source path, front matter included)."""
    # The build's facts without its history: the anchors do not depend on it.
    derived = functools.cache(lambda: derive(site, today, written))
    articles = news.editors_pages(written, today)
    generated = functools.cache(lambda: _generated(site, derived()))

    @functools.cache
    def anchors(src: str) -> Anchors | None:
        if src in pages:
            # As content.links reads it (lines kept): one rendering serves both.
            text, too_costly = page_body(pages[src])
            if too_costly:
                return None  # reported on its own, and not rendered
            if src in articles or PLACEHOLDER.search(text):
                # The blocks stand apart from the headings written around them: those are
                # read from the lines, and the page is made with its blocks only if need be.
                built = functools.partial(_as_built, text, articles.get(src), site, derived)
                return Anchors(built, lines=PLACEHOLDER.sub("", text))
        elif src.endswith(".md") and src in generated():
            text = FRONT_MATTER.sub("", generated()[src](), count=1)
        else:
            return None  # not a Markdown page (or not in the build: broken_link says so)
        return Anchors(text)

    return anchors
