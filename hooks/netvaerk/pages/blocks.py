"""The generated blocks that pages pull in by ``<!-- netvaerk:name -->`` placeholder.

One mapping for the build (``outputs.prepare``) and for the anchor check of ``make
check`` (``pages.anchors``), which may not load the calendar feeds that ``outputs`` does.
"""

from __future__ import annotations

from netvaerk.content.derive import Derived
from netvaerk.content.site import Site
from netvaerk.pages import home, lists, members, news_pages, subscribe


def page_blocks(site: Site, derived: Derived, site_url: str) -> dict[str, str]:
    """Placeholder name → Markdown, as the build's facts say (``content/derive.py``)."""
    return {
        **home.home_blocks(site, derived),
        **lists.meetings_blocks(derived),
        **members.members_blocks(site, derived),
        "subscribe": subscribe.subscribe_box(site_url),
        "news": news_pages.latest_block(derived.news),
    }
