"""Small readers of built HTML for the news and SEO tests, on the standard library's parser.

They read what a browser or a crawler reads (head tags, JSON-LD scripts, visible text, links,
a table's cells), so the tests never compare against strings the program produced.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Head:
    """What a crawler reads in ``<head>``, and the JSON-LD scripts of the whole page."""

    title: str = ""
    metas: list[dict[str, str]] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    jsonld: list[str] = field(default_factory=list)

    def meta(self, key: str, value: str) -> list[str]:
        """Contents of ``<meta key=value content=…>``, e.g. meta('property', 'og:title')."""
        return [m.get("content", "") for m in self.metas if m.get(key) == value]

    def link(self, rel: str, type_: str | None = None) -> list[dict[str, str]]:
        return [
            link
            for link in self.links
            if rel in link.get("rel", "").split() and (type_ is None or link.get("type") == type_)
        ]


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in_title = False
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self.head.metas.append(values)
        elif tag == "link":
            self.head.links.append(values)
        elif tag == "title":
            self._in_title = True
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._script is not None:
            self.head.jsonld.append(self._script)
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head.title += data
        if self._script is not None:
            self._script += data


def head(html: str) -> Head:
    parser = _HeadParser()
    parser.feed(html)
    parser.close()
    return parser.head


class _ContentParser(HTMLParser):
    """Text, links and tables inside Material's article element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.tables: list[list[list[str]]] = []
        self.headings: list[tuple[str, str]] = []  # (tag, text)
        self._link: list[str] | None = None
        self._href = ""
        self._heading: tuple[str, list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.depth:
            if tag == "article":
                self.depth += 1
        elif tag == "article" and "md-content__inner" in values.get("class", ""):
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "a":
            self._link, self._href = [], values.get("href", "")
        elif tag in ("h1", "h2", "h3"):
            self._heading = (tag, [])
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        elif tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        elif self._heading is not None and tag == self._heading[0]:
            self.headings.append((tag, " ".join("".join(self._heading[1]).split())))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        self.text.append(data)
        for sink in (self._link, self._cell, self._heading[1] if self._heading else None):
            if sink is not None:
                sink.append(data)


@dataclass
class Content:
    text: str
    links: list[tuple[str, str]]
    tables: list[list[list[str]]]
    headings: list[tuple[str, str]]

    def hrefs(self, text: str) -> list[str]:
        return [href for href, label in self.links if label == text]


def content(html: str) -> Content:
    """The page's article: its visible text (whitespace collapsed), links, tables, headings."""
    parser = _ContentParser()
    parser.feed(html)
    parser.close()
    return Content(
        " ".join("".join(parser.text).split()), parser.links, parser.tables, parser.headings
    )


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open.append((dict(attrs).get("href") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join("".join(text).split())))

    def handle_data(self, data: str) -> None:
        for _, text in self._open:
            text.append(data)


def all_links(html: str) -> list[tuple[str, str]]:
    """Every ``(href, text)`` of the page, navigation included."""
    parser = _Anchors()
    parser.feed(html)
    parser.close()
    return parser.links


def resolve(site_dir: Path, page_url_path: str, href: str) -> Path:
    """The file under ``site_dir`` that a relative link on a page points at."""
    base = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path)
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
    path = site_dir / target
    return path / "index.html" if path.is_dir() else path
