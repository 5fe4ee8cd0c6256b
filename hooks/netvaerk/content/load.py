"""All the content of one build or one ``make check``: the data files and the editors' news,
with every problem of both in one ``DataError``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from netvaerk.content import clock
from netvaerk.content.files import circles, outside_links
from netvaerk.content.generated import collisions, docs_files, generated_sources
from netvaerk.content.history import Committed
from netvaerk.content.links import PageAnchors, check_page_anchors, check_pages
from netvaerk.content.loading import load_site
from netvaerk.content.news import NEWS_DIR, NewsItem, unpublished_sources
from netvaerk.content.news_files import load_news
from netvaerk.content.placeholders import unknown_placeholders
from netvaerk.content.problems import DataError, Problem
from netvaerk.content.site import Site

# (the valid site, the editors' news files, the hand-written pages by source path, the
# build's date) → the anchors of every page the build has: ``pages.anchors.anchors_of``.
AnchorSource = Callable[[Site, Sequence[NewsItem], Mapping[str, str], date], PageAnchors]


def _pages(docs_dir: Path, built: Iterable[str]) -> dict[str, str]:
    """The hand-written Markdown pages MkDocs builds, by source path (unreadable ones are
    left to the news check or MkDocs)."""
    pages = {}
    for src in built:
        if src.endswith(".md"):
            try:
                pages[src] = (docs_dir / src).read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                continue
    return pages


def load_content(
    data_dir: Path,
    docs_dir: Path,
    docs_display: str = "docs",
    before: Committed | None = None,
    today: date | None = None,
    anchors: AnchorSource | None = None,
) -> tuple[Site, list[NewsItem]]:
    """The data files, the editors' news and the other files in ``docs/`` together; one
    ``DataError`` with every problem, found before MkDocs touches ``site/``.

    ``before``: what Git says the meetings were (``History.committed``); ``today``: the
    build's date (default ``clock.today()``), which decides what is published.
    ``anchors``: how the pages' anchors are found (``pages.anchors.anchors_of``; the build
    and ``make check`` give it); without it links with an anchor are not looked into.
    """
    today = today or clock.today()
    problems: list[Problem] = []
    site: Site | None = None
    written, found = load_news(docs_dir, docs_display)
    problems += found
    files = docs_files(docs_dir)
    built = files - unpublished_sources(written, today)  # the build leaves those out
    pages = _pages(docs_dir, built)
    made: list[tuple[Site, PageAnchors]] = []  # once for the data and the pages

    def anchors_of(valid: Site) -> PageAnchors:
        assert anchors is not None
        if not made or made[0][0] is not valid:
            made[:] = [(valid, anchors(valid, written, pages, today))]
        return made[0][1]

    try:
        made_by = anchors_of if anchors is not None else None
        site = load_site(data_dir, before=before, docs=built, today=today, anchors=made_by)
    except DataError as exc:
        problems += exc.problems
    # Without valid meetings, still the fixed addresses (feed.xml, kalender.ics, …).
    meetings = site.meetings if site is not None else ()
    problems += collisions(meetings, written, files, docs_display)
    problems += outside_links(data_dir, data_dir.parent)
    # MkDocs publishes what a link in docs/ points to: never data/ or .git/, never a circle
    problems += outside_links(docs_dir, data_dir.parent, private=(data_dir,))
    problems += circles(docs_dir, data_dir.parent)
    if site is not None:  # links to meeting pages need the meetings
        targets = built | set(generated_sources(site.meetings, today))
        problems += check_pages(pages, targets, docs_display)
        # A news file may hold no placeholder at all: its own rule says so (news_files).
        handwritten = {k: v for k, v in pages.items() if not k.startswith(f"{NEWS_DIR}/")}
        problems += unknown_placeholders(handwritten, docs_display)
        if anchors is not None:
            problems += check_page_anchors(pages, anchors_of(site), docs_display)
    if problems or site is None:
        raise DataError(problems)
    return site, written
