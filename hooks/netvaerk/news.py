"""News items: where they come from, when they are out, and how bad front matter is reported.

Two sources feed the news section (issue 4): each meeting's ``announcement`` in
``data/meetings.yaml`` and the Markdown files editors write in ``docs/nyheder/``. Both become
``NewsItem`` values, merged newest first. An item dated after the build's "today" is not
published: announcements are simply not generated, and editors' files are dropped from the
build by the glue using ``unpublished_sources``. The daily rebuild publishes them.

Announcement slugs are ``<meeting id>-invitation``: the meeting id is the stable key (it never
changes once published), so the URL survives edits of the announcement's title and date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from . import rendering, urls
from .history import Committed
from .loading import load_site, validate_record
from .markup import html_text
from .meeting_text import meeting_summary
from .model import Meeting, NewsFrontMatter
from .problems import DataError, Problem
from .site import Site
from .yamlsource import LineMap, YamlDocument, parse_yaml

NEWS_DIR = "nyheder"
ANNOUNCEMENT_SUFFIX = "invitation"
# The same pattern MkDocs uses (mkdocs.utils.meta), so we validate exactly what it reads.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# A first-level ATX heading as the first block: MkDocs takes the page title from it.
TITLE_HEADING = re.compile(r"\A\s*#(?!#)[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")
_COMMENT = re.compile(r"(?m)^[ \t]*#.*$")
_ATTR_LIST = re.compile(r"[ \t]*\{[^}]*\}[ \t]*$")


@dataclass(frozen=True)
class NewsItem:
    """One news item, from either source, ready for the pages and the feed.

    ``title`` and ``excerpt`` are plain text (escape them on output); ``body`` is Markdown
    written for the item's own page, without its title heading.
    """

    slug: str
    date: date
    title: str
    excerpt: str
    body: str
    file: str | None = None  # the editor's file as shown in messages; None for announcements
    meeting: Meeting | None = None  # the meeting an announcement invites to

    @property
    def src(self) -> str:
        """The MkDocs source path of the item's page."""
        return urls.news_page(self.slug)


def announcement_slug(meeting: Meeting) -> str:
    """'2021-01-28-invitation': from the meeting id, so it survives edits of the title."""
    return f"{meeting.slug}-{ANNOUNCEMENT_SUFFIX}"


def announcements(site: Site) -> list[NewsItem]:
    """Every meeting's announcement as a news item, published or not."""
    items = []
    for meeting in site.meetings:
        notice = meeting.announcement
        if notice is None:
            continue
        body = notice.body or ""
        items.append(
            NewsItem(
                slug=announcement_slug(meeting),
                date=notice.date,
                title=notice.title or meeting.title,
                excerpt=rendering.excerpt(body) or meeting_summary(meeting),
                body=body,
                meeting=meeting,
            )
        )
    return items


def _shifted(doc: YamlDocument, offset: int) -> YamlDocument:
    """The front matter's line map moved to its place in the file."""
    lines = LineMap({loc: line + offset for loc, line in doc.lines.lines.items()})
    return YamlDocument(doc.path, doc.data, lines)


def parse_news(text: str, src: str, display: str) -> tuple[NewsItem | None, list[Problem]]:
    """One editor file (``src`` like 'nyheder/plan-2027.md') to a news item or its problems."""
    text = text.removeprefix("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match is None:
        message = (
            "mangler; begynd filen med front matter: en linje med ---, "
            "så fx date: 2026-11-02 og igen en linje med ---"
        )
        return None, [Problem(display, 1, "date", message)]
    if not _COMMENT.sub("", match[1]).strip():
        message = "mangler; skriv fx date: 2026-11-02 mellem de to linjer med ---"
        return None, [Problem(display, 2, "date", message)]
    doc, found = parse_yaml(match[1], display)
    problems = [replace(p, line=p.line + 1) for p in found]
    if doc is None:
        return None, problems
    doc = _shifted(doc, 1)
    if not isinstance(doc.data, dict):
        message = "front matter skal være felter (nøgle: værdi), fx 'date: 2026-11-02'"
        return None, [*problems, Problem(display, 2, "", message)]
    meta = validate_record(doc, doc.data, (), NewsFrontMatter, problems)
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    heading = TITLE_HEADING.match(body)
    if heading is not None:
        body = body[heading.end() :]
    # If the front matter is invalid, still read its title so it is not reported missing.
    raw_title = doc.data.get("title")
    title = meta.title if meta is not None else raw_title if isinstance(raw_title, str) else None
    if title is None and heading is not None:
        title = rendering.inline_text(_ATTR_LIST.sub("", heading["text"]))
    if not title:
        message = "mangler; skriv en overskrift som første linje efter front matter: # Overskrift"
        problems.append(Problem(display, body_line, "title", message))
    if meta is None or problems or not title:
        return None, problems
    slug = src.removeprefix(f"{NEWS_DIR}/").removesuffix(".md")
    body = body.strip("\n") + "\n"
    excerpt = meta.summary or rendering.excerpt(body)
    return NewsItem(slug, meta.date, title, excerpt, body, file=display), []


def load_news(docs_dir: Path, display_dir: str = "docs") -> tuple[list[NewsItem], list[Problem]]:
    """Read every ``docs/nyheder/**/*.md``; return the valid items and every problem."""
    items: list[NewsItem] = []
    problems: list[Problem] = []
    news_dir = docs_dir / NEWS_DIR
    if not news_dir.is_dir():
        return items, problems
    for path in sorted(news_dir.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(news_dir).parts):
            continue  # MkDocs leaves hidden files out of the site (exclude_docs)
        src = path.relative_to(docs_dir).as_posix()
        display = f"{display_dir}/{src}"
        if src == urls.NEWS:
            message = "nyhedsoversigten laves automatisk; omdøb eller slet filen"
            problems.append(Problem(display, 1, "", message))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(display, 1, "", "filen er ikke gemt som UTF-8"))
            continue
        item, found = parse_news(text, src, display)
        problems += found
        if item is not None:
            items.append(item)
    return items, problems


def clashes(site: Site, written: Iterable[NewsItem]) -> list[Problem]:
    """Editors' files that would take the URL of a meeting's announcement."""
    taken = {announcement_slug(m): m for m in site.meetings if m.announcement}
    problems = []
    for item in written:
        meeting = taken.get(item.slug)
        if meeting is not None:
            message = (
                f"adressen /{NEWS_DIR}/{item.slug}/ bruges af invitationen til mødet "
                f"{meeting.slug}; giv filen et andet navn"
            )
            problems.append(Problem(item.file or item.src, 1, "", message))
    return problems


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
    if site is not None:
        problems += clashes(site, written)
    if problems or site is None:
        raise DataError(problems)
    return site, written


def all_news(site: Site, written: Iterable[NewsItem]) -> list[NewsItem]:
    """Both sources merged, newest first (ties by slug, so the order is stable)."""
    return sorted([*announcements(site), *written], key=lambda i: (i.date, i.slug), reverse=True)


def published(items: Iterable[NewsItem], today: date) -> list[NewsItem]:
    """The items that are out on ``today``, newest first."""
    return sorted(
        (i for i in items if i.date <= today), key=lambda i: (i.date, i.slug), reverse=True
    )


def unpublished_sources(written: Iterable[NewsItem], today: date) -> set[str]:
    """Source paths of editors' files dated after ``today``: the build must leave them out."""
    return {item.src for item in written if item.date > today}


def article_meta(item: NewsItem, meta: Mapping[str, object]) -> dict[str, str]:
    """Title and description for an editor's news page, given its front matter ``meta``.

    Like the generated pages' front matter they are HTML-escaped, because the theme prints
    them raw into ``<title>`` and ``<meta>``; the description is the summary (or the first
    paragraph) unless the editor wrote one.
    """
    found: dict[str, str] = {}
    if "title" in meta:  # else MkDocs takes the (already escaped) text of the # heading
        found["title"] = html_text(item.title)
    description = meta.get("description")
    if isinstance(description, str) and description.strip():
        found["description"] = html_text(description.strip())
    elif item.excerpt:
        found["description"] = html_text(item.excerpt)
    return found


def editors_pages(written: Sequence[NewsItem], today: date) -> dict[str, NewsItem]:
    """Published editor items by source path, for decorating their pages."""
    return {item.src: item for item in published(written, today)}
