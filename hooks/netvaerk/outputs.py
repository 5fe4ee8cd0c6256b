"""The one entry point of a build: load, validate, derive, render.

``build_project`` is what the MkDocs glue (``hooks/site_hooks.py``) and the pre-build for
hook-less engines (``prebuild.py``) call: the content read and validated once
(``content/load.read_project``, which ``make check`` runs too), the facts derived once
(``content/derive.py``), and every generated file rendered over the derive stage's route
table (``Prepared.files``). ``page_markdown`` is the one transform of a hand-written page
(placeholders, an editor's news page's date line and description); the glue only turns
these into MkDocs' ``File`` and page objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import rcssmin  # type: ignore[import-untyped]  # no type information shipped

from netvaerk.content import clock
from netvaerk.content.derive import Derived, MeetingFacts, Renderer, derive
from netvaerk.content.history import History
from netvaerk.content.links import PageAnchors
from netvaerk.content.load import read_project
from netvaerk.content.news import NewsItem, article_meta
from netvaerk.content.site import Site
from netvaerk.feeds import atom, calendar, published
from netvaerk.feeds.published import Published
from netvaerk.pages import blocks, news_pages, seo
from netvaerk.pages.anchors import anchors_of
from netvaerk.pages.home import insert_blocks
from netvaerk.pages.meeting import meeting_page, programme_and_signup
from netvaerk.pages.news_pages import article_markdown
from netvaerk.text import urls


class BuildContext(NamedTuple):
    """What the renderers need beyond the data: the build date and the public base URL."""

    today: date
    site_url: str
    site_name: str = ""
    history: History | None = None  # SEQUENCE and LAST-MODIFIED of the calendar events
    # The events subscribers hold, by UID: no SEQUENCE below theirs (feeds/published.py).
    published: Mapping[str, Published] = MappingProxyType({})  # read-only: a shared default


def generated_files(site: Site, ctx: BuildContext, derived: Derived) -> dict[str, str | bytes]:
    """Source path → content for every page and feed the data produces: the route table
    (``derived.routes``), each route made by its renderer, in the table's order."""
    files: dict[str, str | bytes] = {}
    calendars: dict[str, bytes] = {}
    news: dict[str, str | bytes] = {}
    # A meeting's programme and sign-up stand on its page and on its invitation: made once
    # (a programme table is 0.35 M instructions, and a build has an invitation per meeting).
    programmes: dict[str, list[str]] = {}

    def programme(facts: MeetingFacts) -> list[str]:
        if facts.slug not in programmes:
            programmes[facts.slug] = programme_and_signup(facts)
        return programmes[facts.slug]

    for src, route in derived.routes.items():
        match route.renderer:
            case Renderer.MEETING_PAGE:
                assert route.slug is not None
                facts = derived.of(route.slug)
                files[src] = meeting_page(facts, site, ctx.site_url, programme(facts))
            case Renderer.CALENDAR | Renderer.MEETING_CALENDAR:
                if not calendars:
                    calendars = calendar.calendar_files(site, ctx.site_url, derived, ctx.published)
                files[src] = calendars[src]
            case Renderer.ANNOUNCEMENT | Renderer.NEWS_INDEX | Renderer.NEWS_FEED:
                if not news:
                    news = news_files(site, ctx, derived, programme)
                files[src] = news[src]
    return files


def news_files(
    site: Site,
    ctx: BuildContext,
    derived: Derived,
    programme: Callable[[MeetingFacts], Sequence[str]] = programme_and_signup,
) -> dict[str, str | bytes]:
    """The published announcements' pages, the news index and the Atom feed.

    Editors' own news files are built by MkDocs itself. An announcement links its meeting's
    .ics file (every meeting has one) and says when its meeting moved since it was published
    (its meeting's facts). ``programme``: a meeting's programme and sign-up, as its page has
    them (``generated_files`` makes each once for both).
    """
    files: dict[str, str | bytes] = {}
    for item in derived.news:
        if item.meeting is not None:
            facts = derived.of(item.meeting)
            files[item.src] = news_pages.announcement_page(item, facts, site, programme(facts))
    files[urls.NEWS] = news_pages.news_index(derived.news)
    files[urls.NEWS_FEED] = atom.news_feed(
        derived.news,
        site_url=ctx.site_url,
        site_name=ctx.site_name,
        organisers=site.organisers,
        today=derived.today,
    )
    return files


class Prepared(NamedTuple):
    """What one build derives from the validated content before MkDocs reads a page.

    Made once per build by ``prepare``; the MkDocs glue only looks things up in it.
    """

    site: Site
    ctx: BuildContext
    written: Sequence[NewsItem]  # the editors' news files, whatever their date
    derived: Derived  # every fact of this build: routes, meetings' facts, news that is out
    blocks: Mapping[str, str]  # placeholder name → Markdown
    heads: Mapping[str, seo.PageHead]  # Open Graph and JSON-LD by source path
    # What the build logs about its history and date: (logging level, message)
    notes: tuple[tuple[int, str], ...] = ()
    # The anchors of every page, as make check counts them (``pages.anchors.anchors_of``,
    # made once by the load): the browser editor gets them (``editing.admin``).
    anchors: PageAnchors | None = None

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


def prepare(
    site: Site,
    written: Sequence[NewsItem],
    ctx: BuildContext,
    notes: Sequence[tuple[int, str]] = (),
    anchors: PageAnchors | None = None,
) -> Prepared:
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
        notes=tuple(notes),
        anchors=anchors,
    )


def build_project(
    project: Path, docs_dir: Path, docs_display: str = "docs", *, site_url: str, site_name: str
) -> Prepared:
    """Load, validate and derive the project at ``project`` as a build does.

    Raises ``DataError`` (every problem of the content), ``clock.ClockError`` (a bad
    preview date or ``SOURCE_DATE_EPOCH``: checked first) or ``published.PublishedError``.
    """
    today = clock.today()
    now = datetime.fromtimestamp(clock.build_timestamp(), UTC)
    made: list[PageAnchors] = []  # the load's own anchors, kept for the editor

    def anchors(
        site: Site, written: Sequence[NewsItem], pages: Mapping[str, str], day: date
    ) -> PageAnchors:
        made.append(anchors_of(site, written, pages, day))
        return made[-1]

    loaded = read_project(
        data_dir(project), docs_dir, docs_display, now=now, today=today, anchors=anchors
    )
    site, written = loaded.valid()
    # What subscribers hold: no SEQUENCE below it (the deploy sets the variable).
    held = published.from_environ()
    ctx = BuildContext(today, site_url, site_name, loaded.history, held)
    banner = clock.preview_banner(today) if clock.preview_date() is not None else ""
    return prepare(site, written, ctx, loaded.notes(banner), made[-1] if made else None)


def template_globals(prepared: Prepared, site_name: str) -> dict[str, object]:
    """What every template gets, the 404 page too (overrides/main.html): the news feed's
    link, the network's address for the footer (overrides/partials/copyright.html) and, in
    a preview of another day (``make serve DATO=…``), the preview banner."""
    day = clock.preview_date()  # already validated by build_project
    return {
        "nk_feed": {
            "href": urls.NEWS_FEED,
            "type": atom.MEDIA_TYPE,
            "title": atom.feed_title(site_name),
        },
        "nk_contact": prepared.site.contact_email or "",
        "nk_preview": clock.preview_banner(day) if day is not None else "",
    }


def minify_stylesheets(site_dir: Path, names: Sequence[str]) -> None:
    """The site's own stylesheets (``extra_css``) minified as the theme's are (rcssmin): the
    smaller a render-blocking file, the sooner a phone shows the page (Lighthouse)."""
    for name in names:
        path = site_dir / name
        if path.suffix == ".css" and path.is_file():
            path.write_text(rcssmin.cssmin(path.read_text("utf-8")), encoding="utf-8")


def page_markdown(
    prepared: Prepared, src: str, markdown: str, meta: Mapping[str, object]
) -> tuple[str, dict[str, str], list[str]]:
    """A hand-written page as the engine gets it: an editor's news page with its date line
    and link back (and its title and description for ``meta``, its front matter), every
    ``<!-- netvaerk:name -->`` placeholder filled. Returns the Markdown, the front matter to
    update and a warning for each unknown placeholder (``load_content`` refuses them in the
    pages it reads; a page it could not read still gets them named)."""
    article = prepared.articles.get(src)
    updates: dict[str, str] = {}
    if article is not None:
        markdown = article_markdown(markdown, article)
        updates = article_meta(article, meta)
    text, unknown = insert_blocks(markdown, prepared.blocks)
    return text, updates, [f"docs/{src}: ukendt pladsholder <!-- netvaerk:{n} -->" for n in unknown]


def page_head(
    prepared: Prepared,
    src: str,
    *,
    title: str | None,
    meta: Mapping[str, Any],
    url: str | None,
    is_home: bool,
    site_description: str | None,
) -> dict[str, object]:
    """What the theme writes into a page's head (overrides/main.html): Open Graph and
    Twitter card tags (``nk_og``) and the page's Event or NewsArticle JSON-LD
    (``nk_jsonld``). A page whose front matter has no description gets the site's."""
    head = prepared.heads.get(src, seo.PageHead())
    tags = seo.open_graph(
        title=title,
        description=meta.get("description") or site_description,
        url=url,
        site_name=prepared.ctx.site_name,
        site_url=prepared.ctx.site_url,
        is_home=is_home,
        head=head,
    )
    return {"nk_og": tags, "nk_jsonld": head.jsonld}


# What stops a build besides bad data: a bad preview date or SOURCE_DATE_EPOCH, an
# unreadable file of published events. Their message is the whole story (no problem list).
SETTING_ERRORS = (clock.ClockError, published.PublishedError)


def data_dir(project: Path) -> Path:
    """The folder of the editors' data files (meetings.yaml, members.yaml) in ``project``."""
    return project / "data"


def read_folders(project: Path, docs_dir: Path) -> list[Path]:
    """The folders whose files a build reads (``build_project``): where a fix of bad data
    is saved, so what the first build of ``mkdocs serve`` watches while it waits."""
    return [data_dir(project), docs_dir]
