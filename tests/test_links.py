"""Links (issue 6.4): a crawl of the built site finds no broken internal link or anchor.

Every HTML file is parsed; every ``href``/``src`` that stays on the site (relative, root-
relative, or absolute on the site's own host, ``webcal:`` included) must name a file of the
build, and a ``#fragment`` must name an ``id`` on the target page. ``sitemap.xml`` is checked
the same way. The crawl also checks that the page-type list of the browser gates covers
every kind of page in the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from factories import ROOT, Project
from gates import html_file, page_types

BASE = "http://site.invalid/"  # a stand-in origin to resolve relative URLs against
LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "form": ("action",),
}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, url)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for attr in LINK_ATTRS.get(tag, ()):
            if attr in values:
                self.page.links.append((self.getpos()[0], values[attr]))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.page.links.append((self.getpos()[0], candidate.split()[0]))


def parse(path: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def site_host() -> str:
    """The host of ``site_url`` in mkdocs.yml: absolute links to it are internal."""
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert found, "mkdocs.yml has no site_url"
    return urlsplit(found[1].strip("'\"")).netloc


def target_file(site_dir: Path, url_path: str) -> Path | None:
    """The built file a site path is served from, as a static host would serve it."""
    relative = unquote(url_path).lstrip("/")
    candidate = site_dir / relative
    if relative == "" or relative.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class Crawl:
    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.host = site_host()
        self.pages = {p: parse(p) for p in sorted(site_dir.rglob("*.html"))}

    def check(self, source: str, page_url: str, line: int, raw: str) -> str | None:
        """A problem with one link, or None if it is fine or leaves the site."""
        url = raw.strip()
        if not url:
            return f"{source}:{line}: empty link"
        parts = urlsplit(url)
        if parts.scheme in ("webcal", "http", "https") and parts.netloc == self.host:
            parts = urlsplit(urljoin(BASE, parts.path or "/"))._replace(fragment=parts.fragment)
        elif parts.scheme or parts.netloc:
            return None  # external, mailto:, tel:, data: …: not this gate's business
        else:
            parts = urlsplit(urljoin(page_url, url))
        target = target_file(self.site_dir, parts.path)
        if target is None:
            return f"{source}:{line}: broken link {raw!r} (no file for {parts.path})"
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html":
            ids = self.pages[target].ids if target in self.pages else parse(target).ids
            if fragment not in ids:
                where = target.relative_to(self.site_dir).as_posix()
                return f"{source}:{line}: broken anchor {raw!r} (no id {fragment!r} in {where})"
        return None

    def problems(self) -> list[str]:
        found = []
        for path, page in self.pages.items():
            source = path.relative_to(self.site_dir).as_posix()
            page_url = urljoin(BASE, source)
            for line, url in page.links:
                problem = self.check(source, page_url, line, url)
                if problem:
                    found.append(problem)
        return found


@pytest.fixture(scope="module")
def crawl(built_site: Project) -> Crawl:
    return Crawl(built_site.site_dir)


def test_no_broken_internal_link_or_anchor(crawl: Crawl) -> None:
    assert len(crawl.pages) > 5
    problems = crawl.problems()
    assert not problems, f"{len(problems)} broken internal links:\n" + "\n".join(problems)


def test_every_internal_link_was_followed(crawl: Crawl) -> None:
    """The crawl is not vacuous: pages link to each other and to anchors in the build."""
    internal = [u for page in crawl.pages.values() for _, u in page.links if not urlsplit(u).scheme]
    assert len(internal) > 100
    assert any("#" in u and not u.startswith("#") for u in internal)


def test_sitemap_lists_only_built_pages(crawl: Crawl) -> None:
    sitemap = crawl.site_dir / "sitemap.xml"
    assert sitemap.is_file()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    assert locs
    missing = [loc for loc in locs if target_file(crawl.site_dir, urlsplit(loc).path) is None]
    assert not missing, f"sitemap.xml lists pages that are not built: {missing}"


def test_broken_links_are_reported(tmp_path: Path) -> None:
    """The gate can fail: a missing page and a missing anchor are both caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a> <a href="a/#gone">anchor</a> <a href="b/">page</a>'
        ' <a href="https://example.org/">external</a> <a href="#top">self</a> <p id="top"></p>',
        encoding="utf-8",
    )
    problems = Crawl(tmp_path).problems()
    assert len(problems) == 2, problems
    assert "broken anchor 'a/#gone'" in problems[0] or "broken anchor 'a/#gone'" in problems[1]


def test_gate_page_types_cover_every_kind_of_page(built_site: Project) -> None:
    """Each section with pages of its own (moeder/<id>/, nyheder/<slug>/ …) has its index
    and one of its item pages among the page types the browser gates visit."""
    site_dir = built_site.site_dir
    covered = set(page_types(site_dir).values())
    uncovered = []
    for section in sorted(p for p in site_dir.iterdir() if p.is_dir()):
        items = [
            p.parent.relative_to(site_dir).as_posix() + "/" for p in section.glob("*/index.html")
        ]
        if not items:
            continue
        index = section.name + "/"
        if (section / "index.html").is_file() and index not in covered:
            uncovered.append(index)
        if not covered.intersection(items):
            uncovered.append(f"{index}<item>/")
    assert not uncovered, f"page types not visited by the browser gates: {uncovered}"
    assert all((site_dir / html_file(p)).is_file() for p in covered)
