"""Editor Markdown rendered outside MkDocs: feed content and plain-text excerpts.

MkDocs renders the pages; the Atom feed and the news lists need the same Markdown as HTML
that stands on its own (absolute links, since a feed reader has no page to resolve against)
or as plain text. Both go through the ``markdown`` library that MkDocs itself uses, and then
through ``sanitise.sanitise``.
"""

from __future__ import annotations

import functools
import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from netvaerk.text import urls
from netvaerk.text.safe_markdown import EXTENSIONS
from netvaerk.text.sanitise import sanitise

_EXCERPT_LENGTH = 220


class _AbsoluteLinks(Treeprocessor):
    """Rewrite relative links and images to absolute URLs, ``.md`` targets to page URLs.

    ``page_src`` and ``site_url`` are set before each conversion (see ``standalone_html``).
    """

    page_src = ""
    site_url = ""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    element.set(attribute, self.absolute(value))

    def absolute(self, target: str) -> str:
        try:
            parts = urlsplit(target)
        except ValueError:  # not a URL at all, e.g. 'http://[::1': leave it as written
            return target
        if parts.scheme or parts.netloc or target.startswith("#") or not parts.path:
            return target
        if parts.path.startswith("/"):
            return urljoin(self.site_url, target)
        src = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_src), parts.path))
        url = urls.public_url(self.site_url, src)
        return url + (f"#{parts.fragment}" if parts.fragment else "")


@functools.cache
def _converter() -> tuple[markdown.Markdown, _AbsoluteLinks]:
    """The one converter, made on first use and reset between documents: making a Markdown
    instance costs more than converting a short text, and a build converts one text per news
    item. Plain text comes out of the same converter (absolute links do not change text)."""
    converter = markdown.Markdown(extensions=EXTENSIONS)
    links = _AbsoluteLinks(converter)
    converter.treeprocessors.register(links, "netvaerk_absolute_links", 0)
    return converter, links


def standalone_html(text: str, page_src: str, site_url: str) -> str:
    """Markdown written for ``page_src`` as HTML whose links work anywhere, reduced to the
    allow-list of editors' Markdown (``safe_markdown``): the check refuses anything else
    before a build, and this keeps it out of the feed and the excerpts all the same."""
    converter, links = _converter()
    links.page_src, links.site_url = page_src, site_url
    return sanitise(converter.reset().convert(text))


class _Text(HTMLParser):
    """Collects the text of each top-level paragraph, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._depth += 1
            if self._depth == 1:
                self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.paragraphs[-1] += data


@functools.lru_cache(maxsize=4096)  # the same bodies are read for pages, feed and head
def _paragraphs(text: str) -> tuple[str, ...]:
    parser = _Text()
    parser.feed(standalone_html(text, "", ""))
    parser.close()
    return tuple(" ".join(p.split()) for p in parser.paragraphs if p.strip())


def inline_text(text: str) -> str:
    """One line of Markdown (a heading, say) as plain text: '**Ny** plan' → 'Ny plan'."""
    found = _paragraphs(text)
    return found[0] if found else ""


def excerpt(text: str, limit: int = _EXCERPT_LENGTH) -> str:
    """The first paragraph of Markdown as plain text, cut at a word near ``limit``."""
    found = _paragraphs(text)
    if not found:
        return ""
    first = found[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"
