"""The generated blocks that pages pull in by ``<!-- netvaerk:name -->`` placeholder.

One mapping for the build (``outputs.page_blocks``) and for the anchor check of ``make
check`` (``pages.anchors``), which may not load the calendar feeds that ``outputs`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netvaerk.content.news import NewsItem
from netvaerk.content.site import Site
from netvaerk.pages import home, lists, members, news_pages, subscribe


def page_blocks(
    site: Site, today: date, site_url: str, items: Sequence[NewsItem]
) -> dict[str, str]:
    """Placeholder name → Markdown (``items``: the published news, newest first)."""
    return {
        **home.home_blocks(site, today),
        **lists.meetings_blocks(site, today),
        **members.members_blocks(site, today),
        "subscribe": subscribe.subscribe_box(site_url),
        "news": news_pages.latest_block(items),
    }
