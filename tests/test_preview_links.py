"""The links in make edit's preview pane lead where the built site's links do.

MkDocs rewrites a page's relative links against the page's own address (``../`` for the news
index on /nyheder/<name>/); the pane is no page of the site, and Sveltia reads its links from
the site's origin, so the preview writes each as a path from the host
(``text.urls.site_href``). Held against the built site: each link of a previewed page,
read from the host, must reach the address its twin on the built page reaches from that
page's address. Parsed with html.parser.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from factories import ROOT, Project, epoch

from netvaerk.editor_preview import preview
from netvaerk.text import urls

HOST = "http://127.0.0.1:8000/"
NEWS = """---
date: 2026-11-02
title: Ny rapport om landsbyer
---

Læs [om netværket](../om.md), se [kalenderen](../kalender.ics) og
[de kommende møder](../moeder/index.md#kommende-møder), eller [KL](https://www.kl.dk).
"""
NEWS_FILE = "docs/nyheder/ny-rapport.md"


class _Links(HTMLParser):
    """(text, href) of every link inside the page's content (Material's ``<article>``, or
    the whole fragment the preview answers)."""

    def __init__(self, inside: str | None) -> None:
        super().__init__()
        self.depth = 0 if inside else 1  # how deep inside the content we are
        self.inside = inside
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.inside and tag == "article" and self.inside in (found.get("class") or ""):
            self.depth = 1
        elif self.depth and tag == "article":
            self.depth += 1
        if self.depth and tag == "a":
            self._href, self._text = found.get("href"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth and self.inside:
            self.depth -= 1
        if tag == "a" and self._href is not None:
            text = " ".join(self._text.replace("\u00ad", "").split())
            self.links.append((text, self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data


def _links(html: str, inside: str | None = None) -> list[tuple[str, str]]:
    parser = _Links(inside)
    parser.feed(html)
    return parser.links


def _reached(links: list[tuple[str, str]], base: str) -> dict[str, str]:
    """Link text → the address (path and anchor) it reaches from ``base``."""
    found = {}
    for text, href in links:
        target = urlsplit(urljoin(base, href))
        found[text] = target._replace(query="").geturl().removeprefix(HOST.rstrip("/"))
    return found


def _assert_same_targets(preview_html: str, built_html: str, page_url: str) -> None:
    previewed = _reached(_links(preview_html), HOST)
    built = _reached(_links(built_html, inside="md-content__inner"), HOST + page_url)
    assert previewed
    for text, target in previewed.items():
        assert text in built, f"{text!r} is not a link of the built page"
        assert target == built[text], text


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project with one more news item and a meeting description with links, built."""
    project = Project(tmp_path_factory.mktemp("preview-links") / "project")
    project.write(NEWS_FILE, NEWS)
    meetings = project.root / "data" / "meetings.yaml"
    meetings.write_text(_with_links(meetings.read_text(encoding="utf-8")), encoding="utf-8")
    project.build(today="2026-11-30")
    meetings.write_text((ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8"))
    return project


def _with_links(meetings_yaml: str) -> str:
    """The meetings file with links in the description of the meeting of 28 January 2027."""
    old = "      ambassadører.\n"
    assert old in meetings_yaml
    extra = "      Se [medlemmerne](../medlemmer/index.md), [om os](../om.md#medlemskab).\n"
    return meetings_yaml.replace(old, old + extra, 1)


@pytest.mark.build
def test_the_news_previews_links_lead_where_the_sites_do(
    built: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    answer = preview(built.root, NEWS_FILE, NEWS)
    assert answer["ok"], answer["problems"]
    assert ("← Alle nyheder", "/nyheder/") in _links(answer["html"])  # not index.md
    _assert_same_targets(answer["html"], built.page("nyheder/ny-rapport/"), "nyheder/ny-rapport/")


@pytest.mark.build
def test_the_meeting_previews_links_lead_where_the_sites_do(
    built: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    changed = _with_links((ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8"))
    answer = preview(built.root, "data/meetings.yaml", changed)
    assert answer["ok"], answer["problems"]
    page = urls.public_url("/", urls.meeting_page("2027-01-28")).removeprefix("/")
    assert ("medlemmerne", "/medlemmer/") in _links(answer["html"])
    _assert_same_targets(answer["html"], built.page(page), page)


def test_a_link_is_written_from_the_host_under_the_sites_path() -> None:
    assert urls.site_href("index.md", "nyheder/x.md") == "/nyheder/"
    assert (
        urls.site_href("../om.md#kontakt", "moeder/m.md", "/netvaerk/") == "/netvaerk/om/#kontakt"
    )
    assert urls.site_href("m.ics", "moeder/m.md") == "/moeder/m.ics"
    for kept in ("https://www.kl.dk/", "mailto:a@b.dk", "#program", "/absolut/"):
        assert urls.site_href(kept, "moeder/m.md") == kept
    assert urls.site_root("https://kl.github.io/netvaerk") == "/netvaerk/"
    assert urls.site_root("") == urls.site_root("https://landdistriktskoordinatorer.dk") == "/"
