"""Danish around the content (issue 12): footer, 404 page and the accessibility statement.

Read from the built shipped site with BeautifulSoup: what a visitor sees in the footer of
every page (no theme credit in English, the organisers, a link to the statement that leads
to the page), the 404 page's text and links, and that the statement has the parts of the
Danish model (standard, status, how it is tested, known limitations, contact, date).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from bs4 import BeautifulSoup
from factories import ROOT, Project, visible_text
from htmlscan import resolve

from netvaerk.content.loading import load_site

STATEMENT = "tilgaengelighed/"


def html_pages(site_dir: Path) -> list[str]:
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    return [*pages, "404.html"]


def target(site_dir: Path, relative: str, href: str) -> Path:
    """The built file a link points at, relative or (on the 404 page) from the root."""
    if href.startswith("/"):
        path = site_dir / posixpath.normpath(href.lstrip("/") or ".")
        return path / "index.html" if path.is_dir() else path
    return resolve(site_dir, relative.removesuffix("index.html"), href)


def test_every_footer_is_danish_and_links_the_accessibility_statement(
    built_site: Project,
) -> None:
    site_dir = built_site.site_dir
    pages = html_pages(site_dir)
    assert len(pages) > 10
    for relative in pages:
        soup = BeautifulSoup((site_dir / relative).read_text("utf-8"), "html.parser")
        footer = soup.find("div", class_="md-copyright")
        assert footer is not None, relative
        text = " ".join(footer.get_text().split())
        assert "Made with" not in text, relative
        assert "Netværket faciliteres af KL og Landdistrikternes Fællesråd" in text, relative
        [link] = footer.find_all("a", string="Tilgængelighedserklæring")
        assert target(site_dir, relative, link["href"]) == site_dir / STATEMENT / "index.html"
        [feed] = footer.find_all("a", string="Nyheder som feed")
        assert target(site_dir, relative, feed["href"]) == site_dir / "nyheder" / "feed.xml"


def test_not_found_page_is_danish_and_helps_on(built_site: Project) -> None:
    site_dir = built_site.site_dir
    soup = BeautifulSoup((site_dir / "404.html").read_text("utf-8"), "html.parser")
    article = soup.find("article")
    assert article is not None
    text = " ".join(article.get_text().split())
    assert "Not found" not in soup.get_text()
    assert soup.find("h1").get_text(strip=True) == "Siden findes ikke (fejl 404)"
    assert "Der er ingen side på denne adresse" in text
    links = {a.get_text(strip=True): a["href"] for a in article.find_all("a")}
    assert set(links) == {"Se alle møder", "Læs nyhederne", "Gå til forsiden"}
    for href in links.values():  # absolute: the page is served at any missing address
        assert href.startswith("/"), href
        assert target(site_dir, "404.html", href).is_file(), href


def test_accessibility_statement_follows_the_danish_model(built_site: Project) -> None:
    soup = BeautifulSoup(visible_text(built_site.page(STATEMENT)), "html.parser")
    article = soup.find("article")
    assert article is not None
    assert soup.find("h1").get_text(strip=True) == "Tilgængelighedserklæring"
    headings = [h.get_text(strip=True) for h in article.find_all("h2")]
    assert headings == [
        "Standard",
        "Overholdelsesstatus",
        "Sådan tester vi",
        "Kendte begrænsninger",
        "Feedback og kontaktoplysninger",
        "Håndhævelse",
        "Udarbejdelse af erklæringen",
    ]
    text = " ".join(article.get_text().split())
    assert "WCAG 2.1 på niveau AA" in text
    for tool in ("axe-core", "Lighthouse", "pa11y", "Nu HTML Checker", "Tastatur"):
        assert tool in text, tool
    assert "udarbejdet den 6. december 2026" in text
    contact = {a.get_text(strip=True): a["href"] for a in article.find_all("a")}
    assert contact["KL"] == "https://www.kl.dk"
    assert contact["Landdistrikternes Fællesråd"] == "https://www.landdistrikterne.dk"
    # The network's own address from members.yaml (issue 20), and no one else's.
    network = load_site(ROOT / "data").contact_email
    assert network is not None and contact[network] == f"mailto:{network}"
    assert [word for word in text.split() if "@" in word] == [f"{network}."]
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta is not None and meta["content"].startswith("Hvor tilgængeligt")
