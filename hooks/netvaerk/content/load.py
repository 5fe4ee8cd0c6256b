"""All the content of one build or one ``make check``: the data files and the editors' news,
with every problem of both in one ``DataError``."""

from __future__ import annotations

from pathlib import Path

from netvaerk.content.files import outside_links
from netvaerk.content.history import Committed
from netvaerk.content.loading import load_site
from netvaerk.content.news import NewsItem
from netvaerk.content.news_files import clashes, load_news
from netvaerk.content.problems import DataError, Problem
from netvaerk.content.site import Site


def load_content(
    data_dir: Path,
    docs_dir: Path,
    docs_display: str = "docs",
    before: Committed | None = None,
) -> tuple[Site, list[NewsItem]]:
    """The data files and the editors' news together; one ``DataError`` with every problem.

    ``before``: what Git says the meetings were (``History.committed``).
    """
    problems: list[Problem] = []
    site: Site | None = None
    try:
        site = load_site(data_dir, before=before)
    except DataError as exc:
        problems += exc.problems
    written, found = load_news(docs_dir, docs_display)
    problems += found
    for folder in (data_dir, docs_dir):  # MkDocs would publish what a link in docs/ points to
        problems += outside_links(folder, data_dir.parent)
    if site is not None:
        problems += clashes(site, written)
    if problems or site is None:
        raise DataError(problems)
    return site, written
