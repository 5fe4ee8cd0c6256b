"""Where each generated page and file lives (design.md §3: these URLs are a promise).

Paths are MkDocs source paths (``moeder/<id>.md``); links between pages are written as
relative Markdown links to them, so MkDocs checks and rewrites them.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
MEETINGS = "moeder/index.md"
MEMBERS = "medlemmer/index.md"
NEWS = "nyheder/index.md"
NEWS_FEED = "nyheder/feed.xml"
CALENDAR = "kalender.ics"
SHARE_IMAGE = "assets/delekort.png"  # from design/delekort.svg
LOGO = "assets/netvaerk.png"  # from design/logo.svg


def meeting_page(slug: str) -> str:
    return f"moeder/{slug}.md"


def meeting_calendar(slug: str) -> str:
    return f"moeder/{slug}.ics"


def news_page(slug: str) -> str:
    return f"nyheder/{slug}.md"


@functools.lru_cache(maxsize=8192)
def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one source file to another, as MkDocs expects in Markdown.

    Kept per pair: the pages link the same few pairs again and again (every meeting page to
    the calendar, the lists to each meeting), and ``posixpath.relpath`` asks the operating
    system for the working directory twice per call."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{anchor}" if anchor else target


def meeting_url(site_url: str, slug: str) -> str:
    """The absolute URL of a meeting's page."""
    return public_url(site_url, meeting_page(slug))


def calendar_url(site_url: str) -> str:
    """The absolute URL of the whole calendar feed."""
    return public_url(site_url, CALENDAR)


def public_url(site_url: str, src: str) -> str:
    """The absolute URL of a page or file, with directory URLs for pages."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if src.endswith("index.md"):
        path = src[: -len("index.md")]
    elif src.endswith(".md"):
        path = src[: -len(".md")] + "/"
    else:
        path = src
    return base + path
