"""Where each generated page and file lives (design.md §3: these URLs are a promise).

Paths are MkDocs source paths (``moeder/<id>.md``); links between pages are written as
relative Markdown links to them, so MkDocs checks and rewrites them.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import unquote, urlsplit

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


ANNOUNCEMENT_SUFFIX = "invitation"


def invitation_page(slug: str) -> str:
    """The news page of the invitation of the meeting with id ``slug``: from the id, so it
    survives edits of the title (``nyheder/2021-01-28-invitation.md``)."""
    return news_page(f"{slug}-{ANNOUNCEMENT_SUFFIX}")


@functools.lru_cache(maxsize=8192)
def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one source file to another, as MkDocs expects in Markdown
    (source paths: inside docs/, never above it).

    Kept per pair: the pages link the same few pairs again and again (every meeting page to
    the calendar, the lists to each meeting). Both paths are taken from the docs root ("/"),
    so ``posixpath.relpath`` does not ask the operating system for the working directory,
    as it did twice per call for relative paths (230 calls at 30 meetings)."""
    target = posixpath.relpath(f"/{to_src}", f"/{posixpath.dirname(from_src)}")
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


def resolve(href: str, page_src: str) -> str | None:
    """The source path a relative link on ``page_src`` points at, as MkDocs resolves it; None
    for a web address, ``mailto:``, a link from the root or one to an anchor of the page."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or href.startswith(("/", "\\")) or not parts.path:
        return None
    path = unquote(parts.path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path)).lstrip("/")


def site_root(site_url: str) -> str:
    """The path the site lives under on its host: site_url's ('/' for a site of its own),
    where ``mkdocs serve`` serves it too."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def site_href(href: str, page_src: str, root: str = "/") -> str:
    """Where the link ``href`` of the page ``page_src`` takes a reader of the site, as a path
    from its host (``root``: ``site_root``): MkDocs writes a link to ``nyheder/index.md`` on
    ``nyheder/x.md`` as ``../``, read against the page's address /nyheder/x/; written from
    the host it is /nyheder/, which means the same from any page (the editor's preview
    pane). A web address, a link from the root or to an anchor of the page stays as it is."""
    target = resolve(href, page_src)
    if target is None:
        return href
    fragment = urlsplit(href).fragment
    return public_url(root, target) + (f"#{fragment}" if fragment else "")
