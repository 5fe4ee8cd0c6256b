"""The editor's preview pane in ``make edit``: the meeting or news page as the site renders it.

The browser editor (``admin/netvaerk-cms.js``, a preview template) sends the meetings file it
is editing to ``/preview`` on the loopback check server of ``make edit``
(``editing/savecheck.py``). The text is put in a temporary copy of the project, checked by
``make check``'s own rules, loaded, and the meetings it changes are rendered by the site's own
renderer (``pages.meeting.meeting_page``) and converted with the Markdown extensions the build
uses. A news item (``docs/nyheder/<name>.md``, front matter and text) is read by the
loader's own ``parse_news`` and decorated as the build decorates an editor's news page
(``news_pages.article_markdown``: the date under the title, the link back), under the title
heading Material gives a page without one. The pane shows that HTML under the site's own
stylesheets; nothing about page layout is written a second time in JavaScript. Its links
are written as paths from the site's host (``_SiteLinks``), so each leads where the built
page's link does.

Why a module here, at the top layer: ``editing`` may not import ``pages`` (the layers in
``pyproject.toml``), and the build's outputs may not import ``editing``. This module joins the
two for the editor only: it hands the renderer and ``make check`` (``netvaerk/check.py``) to
the server in ``editing`` and runs it::

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.editor_preview --port 8001 --origin URL
"""

from __future__ import annotations

import functools
import html
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pymdownx.slugs import slugify  # type: ignore[import-untyped]  # mkdocs.yml uses it

from netvaerk.check import collect_problems
from netvaerk.content import clock
from netvaerk.content.derive import derive
from netvaerk.content.engine_config import engine_config
from netvaerk.content.load import load_content
from netvaerk.content.news import NEWS_DIR
from netvaerk.content.news_files import TITLE_HEADING, parse_news
from netvaerk.content.problems import DataError
from netvaerk.content.site import Site
from netvaerk.editing import savecheck
from netvaerk.model import Meeting
from netvaerk.pages.agenda import markdown_extensions
from netvaerk.pages.meeting import meeting_page
from netvaerk.pages.news_pages import article_markdown
from netvaerk.text import urls
from netvaerk.text.markup import FRONT_MATTER
from netvaerk.text.safe_markdown import EXTENSIONS

MEETINGS_PATH = "data/meetings.yaml"
NOTHING_CHANGED = (
    "Her vises mødets side, som den kommer til at se ud på hjemmesiden, "
    "så snart du retter eller opretter et møde."
)

# mkdocs.yml's markdown_extensions (tests/test_editor_preview.py holds the two together), and
# those the build adds (agenda.markdown_extensions: the programme's caption).
TOC = {"permalink": False, "slugify": slugify(case="lower")}


class _SiteLinks(Treeprocessor):
    """Each relative link and image of a page as a path from the site's host
    (``urls.site_href``): MkDocs rewrites them against the page's own address, but the pane
    is no page of the site, and Sveltia reads the pane's links from the site's origin."""

    page = ""  # the source path of the page being converted
    root = "/"  # the path the site lives under (``urls.site_root``)

    def run(self, root: Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag, "")
            value = element.get(attribute)
            if value is not None:
                element.set(attribute, urls.site_href(value, self.page, self.root))


class _SiteLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SiteLinks(md), "netvaerk_site_links", 0)


@functools.cache
def _converter() -> markdown.Markdown:
    extensions: list[str | Extension] = [
        *EXTENSIONS,
        "toc",
        *markdown_extensions(),
        _SiteLinksExtension(),
    ]
    return markdown.Markdown(extensions=extensions, extension_configs={"toc": TOC})


def page_html(page_markdown: str, src: str, root: str = "/") -> str:
    """A page's Markdown (with front matter) as the build turns it into HTML: ``src`` is
    its source path, ``root`` the path the site lives under; the links lead where the
    site's do (``_SiteLinks``)."""
    body = page_markdown
    if body.startswith("---\n"):
        end = body.find("\n---\n", 4)
        body = body[end + 5 :] if end != -1 else body
    converter = _converter()
    converter.reset()
    links = converter.treeprocessors["netvaerk_site_links"]
    assert isinstance(links, _SiteLinks)
    links.page, links.root = src, root
    return converter.convert(body)


def site_root(project: Path) -> str:
    """The path the site of ``project`` lives under (its mkdocs.yml's site_url)."""
    return urls.site_root(str(engine_config(project).get("site_url") or ""))


def changed_meetings(before: Site | None, after: Site) -> list[Meeting]:
    """The meetings of ``after`` that are new or differ from ``before``, in date order."""
    old = {m.slug: m for m in before.meetings} if before is not None else {}
    return [m for m in after.meetings if old.get(m.slug) != m]


def _site(root: Path, today: date) -> Site | None:
    try:
        return load_content(root / "data", root / "docs", today=today)[0]
    except DataError:
        return None


def news_html(path: str, text: str, root: str = "/") -> str:
    """A valid news file (``docs/nyheder/<name>.md``) as the build renders its page
    (``root``: the path the site lives under)."""
    src = path.removeprefix("docs/")
    item, problems = parse_news(text, src, path)
    assert item is not None and not problems  # the check passed
    body = FRONT_MATTER.sub("", text.removeprefix("\ufeff"), count=1)
    # MkDocs hands the page without front matter; Material heads a page that has no
    # `# heading` with its title.
    title = "" if TITLE_HEADING.match(body) else f"<h1>{html.escape(item.title)}</h1>"
    page = page_html(article_markdown(body, item), src, root)
    return f'<article class="md-content__inner md-typeset nk-preview-page">{title}{page}</article>'


def _news_preview(root: Path, path: str, text: str) -> dict[str, Any]:
    with savecheck.saved_copy(root, path, text) as copy:
        problems = collect_problems(copy)
    if problems:
        return {**savecheck.verdict(problems), "html": ""}
    return {**savecheck.verdict([]), "html": news_html(path, text, site_root(root))}


def preview(root: Path, path: str, text: str) -> dict[str, Any]:
    """The answer for the preview pane: the changed meetings' pages, or the news item's page,
    as HTML; or the problems that keep the text from being saved (``savecheck.verdict``); or
    a note when nothing changed yet."""
    if path.startswith(f"docs/{NEWS_DIR}/") and savecheck.EDITABLE.match(path):
        return _news_preview(root, path, text)
    if path != MEETINGS_PATH:
        raise savecheck.NotEditable(path)
    today = clock.today()
    with savecheck.saved_copy(root, path, text) as copy:
        problems = collect_problems(copy)
        if problems:
            return {**savecheck.verdict(problems), "html": ""}  # with the form's labels
        after = _site(copy, today)
    assert after is not None  # no problems: it loads
    derived = derive(after, today)  # the facts as a build on this day has them (no history)
    site = site_root(root)
    pages = []
    for meeting in changed_meetings(_site(root, today), after):
        page = page_html(
            meeting_page(derived.of(meeting), after), urls.meeting_page(meeting.slug), site
        )
        pages.append(
            f'<article class="md-content__inner md-typeset nk-preview-page">{page}</article>'
        )
    html = "\n".join(pages) or f'<p class="md-typeset nk-preview-note">{NOTHING_CHANGED}</p>'
    return {**savecheck.verdict([]), "html": html}


def main(argv: Sequence[str] | None = None) -> int:
    """``make edit``'s loopback server: the save check and the preview."""
    return savecheck.main(argv, collect_problems, preview=preview)


if __name__ == "__main__":
    sys.exit(main())
