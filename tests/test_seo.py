"""Issue 4: schema.org Event JSON-LD on meeting pages; Open Graph, description, canonical URL
and the Atom feed link in every page's head.

The UTC offsets are worked out by hand: Danish summer time in 2027 runs from 28 March to
31 October (+02:00), winter time is +01:00.
"""

from __future__ import annotations

import json
import struct
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from factories import ROOT, Project, visible_text
from htmlscan import head, resolve

from netvaerk.content.news import NewsItem
from netvaerk.model import Meeting, Venue
from netvaerk.pages import seo
from netvaerk.pages.seo import (
    article_data,
    article_jsonld,
    postal_address,
    script_json,
    share_card,
)

SITE = "https://landdistriktskoordinatorer.dk/"
ORGANISERS = {
    ("KL", "https://www.kl.dk"),
    ("Landdistrikternes Fællesråd", "https://www.landdistrikterne.dk"),
}

MEETINGS = """
meetings:
  - id: fysisk
    title: Et fysisk møde
    date: 2027-03-11
    start: 10:00
    end: 15:00
    venue:
      name: Viborg Rådhus
      address: Prinsens Allé 5, 8800 Viborg
      host: silkeborg
    summary: Et møde på rådhuset.
  - id: online
    title: Et onlinemøde
    date: 2027-06-10
    start: 9:30
    end: 12:00
    online:
      platform: Teams
      url: https://teams.microsoft.com/l/meetup-join/online
  - id: hybrid
    title: Et hybridmøde
    date: 2027-10-07
    start: 10:00
    end: 15:30
    venue:
      name: Faaborg Rådhus
      address: Tinghusgade 6, 5600 Faaborg
    online:
      platform: Teams
      url: https://teams.microsoft.com/l/meetup-join/hybrid
    summary: Både i Faaborg og på Teams.
  - id: aflyst
    title: Et aflyst møde
    date: 2027-04-08
    start: 10:00
    end: 14:00
    status: cancelled
    venue:
      name: Lemvig Rådhus
  - id: udskudt
    title: "Et udskudt møde </script><script>alert(1)</script>"
    date: 2027-12-02
    start: 13:00
    end: 16:00
    status: postponed
    online:
      platform: Teams
      url: https://teams.microsoft.com/l/meetup-join/udskudt
"""


@pytest.fixture(scope="module")
def meetings_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("seo") / "project")
    project.write("data/meetings.yaml", MEETINGS)
    project.build(today="2027-01-15")
    return project


def event(project: Project, slug: str) -> dict[str, Any]:
    [script] = head(project.page(f"moeder/{slug}/")).jsonld
    data = json.loads(script)
    assert isinstance(data, dict)
    return data


def locations(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data["location"]
    return found if isinstance(found, list) else [found]


def check_common(data: dict[str, Any], slug: str) -> None:
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["url"] == f"{SITE}moeder/{slug}/"
    assert {(o["@type"], o["name"], o["url"]) for o in data["organizer"]} == {
        ("Organization", name, url) for name, url in ORGANISERS
    }
    assert data["description"]


@pytest.mark.build
def test_physical_meeting(meetings_site: Project) -> None:
    data = event(meetings_site, "fysisk")
    check_common(data, "fysisk")
    assert data["name"] == "Et fysisk møde"
    assert data["description"] == "Et møde på rådhuset."
    assert data["startDate"] == "2027-03-11T10:00:00+01:00"
    assert data["endDate"] == "2027-03-11T15:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    [place] = locations(data)
    assert place["@type"] == "Place"
    assert place["name"] == "Viborg Rådhus"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Prinsens Allé 5",
        "postalCode": "8800",
        "addressLocality": "Viborg",
        "addressCountry": "DK",
    }


@pytest.mark.build
def test_online_meeting(meetings_site: Project) -> None:
    data = event(meetings_site, "online")
    check_common(data, "online")
    assert data["startDate"] == "2027-06-10T09:30:00+02:00"
    assert data["endDate"] == "2027-06-10T12:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert locations(data) == [
        {"@type": "VirtualLocation", "url": "https://teams.microsoft.com/l/meetup-join/online"}
    ]
    assert data["description"] == "Netværksmøde torsdag den 10. juni 2027."  # no summary


@pytest.mark.build
def test_hybrid_meeting(meetings_site: Project) -> None:
    data = event(meetings_site, "hybrid")
    check_common(data, "hybrid")
    assert data["startDate"] == "2027-10-07T10:00:00+02:00"
    assert data["endDate"] == "2027-10-07T15:30:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    kinds = {place["@type"]: place for place in locations(data)}
    assert set(kinds) == {"Place", "VirtualLocation"}
    assert kinds["Place"]["address"]["addressLocality"] == "Faaborg"
    assert kinds["VirtualLocation"]["url"] == "https://teams.microsoft.com/l/meetup-join/hybrid"


@pytest.mark.build
def test_cancelled_meeting(meetings_site: Project) -> None:
    data = event(meetings_site, "aflyst")
    check_common(data, "aflyst")
    assert data["name"] == "Et aflyst møde"
    assert data["startDate"] == "2027-04-08T10:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    [place] = locations(data)
    assert place["address"] == {"@type": "PostalAddress", "addressCountry": "DK"}


@pytest.mark.build
def test_postponed_meeting_and_a_title_that_tries_to_end_the_script(
    meetings_site: Project,
) -> None:
    data = event(meetings_site, "udskudt")
    check_common(data, "udskudt")
    assert data["name"] == "Et udskudt møde </script><script>alert(1)</script>"
    assert data["startDate"] == "2027-12-02T13:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    # The join link is not offered for a meeting that is not on; the page is.
    assert locations(data) == [{"@type": "VirtualLocation", "url": f"{SITE}moeder/udskudt/"}]
    page = head(meetings_site.page("moeder/udskudt/"))
    assert page.title.startswith("Udskudt: Et udskudt møde </script><script>alert(1)</script>")
    assert page.meta("property", "og:title") == [
        "Udskudt: Et udskudt møde </script><script>alert(1)</script>"
    ]


@pytest.mark.build
def test_only_meeting_news_and_home_pages_carry_json_ld(meetings_site: Project) -> None:
    kinds_seen = set()
    for path in meetings_site.site_dir.rglob("index.html"):
        relative = path.relative_to(meetings_site.site_dir).as_posix()
        scripts = [json.loads(text) for text in head(path.read_text("utf-8")).jsonld]
        kind = relative.split("/")[0] if relative.count("/") == 2 else relative
        expected = {
            "moeder": ["Event"],
            "nyheder": ["NewsArticle"],
            "index.html": ["Organization"],  # the network (issue 20)
        }.get(kind, [])
        assert [data["@type"] for data in scripts] == expected, relative
        kinds_seen.add(kind if expected else "without")
    # Every kind of page was among them: meetings, news, the home page and pages without.
    assert kinds_seen == {"moeder", "nyheder", "index.html", "without"}


def test_script_json_cannot_end_the_script() -> None:
    data = {"name": "</script><!-- & -->", "x": ["<", ">"]}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("Søvej 1, 8600 Silkeborg", {"streetAddress": "Søvej 1", "postalCode": "8600"}),
        ("Kongevej 57, 6270 Tønder", {"addressLocality": "Tønder"}),
        ("Bygning 2, Ullasvej 23, 3700 Rønne", {"streetAddress": "Bygning 2, Ullasvej 23"}),
        ("Ved kirken", {"streetAddress": "Ved kirken"}),
    ],
)
def test_postal_address(address: str, expected: dict[str, str]) -> None:
    found = postal_address(Venue(name="Sted", address=address))
    assert found["@type"] == "PostalAddress" and found["addressCountry"] == "DK"
    assert expected.items() <= found.items()


def pages_of(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))


def test_every_page_has_canonical_description_open_graph_and_feed_link(
    built_site: Project,
) -> None:
    site_dir = built_site.site_dir
    pages = pages_of(site_dir)
    assert {"index.html", "nyheder/index.html", "moeder/2021-01-28/index.html"} <= set(pages)
    for relative in pages:
        url_path = relative.removesuffix("index.html")
        page = head((site_dir / relative).read_text("utf-8"))
        [canonical] = page.link("canonical")
        assert canonical["href"] == SITE + url_path, relative
        [description] = page.meta("name", "description")
        assert description.strip(), relative
        og = {m["property"]: m["content"] for m in page.metas if "property" in m}
        assert og["og:url"] == canonical["href"], relative
        assert og["og:description"] == description, relative
        assert og["og:title"].strip(), relative
        assert og["og:locale"] == "da_DK"
        assert og["og:site_name"] == "Kommunernes Netværk for Landdistriktskoordinatorer"
        expected_type = (
            "article" if url_path.startswith("nyheder/") and url_path != "nyheder/" else "website"
        )
        assert og["og:type"] == expected_type, relative
        [feed] = page.link("alternate", "application/atom+xml")
        assert resolve(site_dir, url_path, feed["href"]) == site_dir / "nyheder" / "feed.xml"
    not_found = head((site_dir / "404.html").read_text("utf-8"))
    assert len(not_found.link("alternate", "application/atom+xml")) == 1


def test_home_page_open_graph_title_is_the_site_name(built_site: Project) -> None:
    og = head(built_site.page("")).meta("property", "og:title")
    assert og == ["Kommunernes Netværk for Landdistriktskoordinatorer"]


# Issue 12: share cards, JSON-LD for news, one title style, read with BeautifulSoup (an
# independent parser: html.parser through bs4, JSON through json).

SHARE_IMAGE = SITE + "assets/delekort.png"


def soup_of(project: Project, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(visible_text(project.page(url_path)), "html.parser")


def jsonld_of(soup: BeautifulSoup) -> list[dict[str, Any]]:
    found = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        assert isinstance(data, dict)
        found.append(data)
    return found


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (the PNG specification's layout)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_share_image_is_the_networks_own_1200_by_630_png(built_site: Project) -> None:
    assert png_size(built_site.site_dir / "assets" / "delekort.png") == (1200, 630)
    source = (ROOT / "design" / "delekort.svg").read_text("utf-8")
    assert 'width="1200" height="630"' in source
    assert "http" not in source.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_every_page_has_a_large_share_card(built_site: Project) -> None:
    site_dir = built_site.site_dir
    pages = pages_of(site_dir)
    assert {"index.html", "moeder/index.html", "nyheder/index.html"} <= set(pages)
    for relative in pages:
        soup = BeautifulSoup((site_dir / relative).read_text("utf-8"), "html.parser")
        og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
        assert og["og:image"] == SHARE_IMAGE, relative
        assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630"), relative
        assert og["og:image:type"] == "image/png", relative
        assert "Landdistriktskoordinatorer" in og["og:image:alt"], relative
        [card] = soup.find_all("meta", attrs={"name": "twitter:card"})
        assert card["content"] == "summary_large_image", relative


@pytest.mark.build
def test_events_carry_the_share_image_and_an_id(meetings_site: Project) -> None:
    for slug in ("fysisk", "online", "hybrid", "aflyst", "udskudt"):
        [data] = jsonld_of(soup_of(meetings_site, f"moeder/{slug}/"))
        assert data["image"] == [SHARE_IMAGE]
        assert data["@id"] == f"{SITE}moeder/{slug}/#event"


def test_shipped_online_meetings_point_to_the_join_link_or_the_page(built_site: Project) -> None:
    [with_link] = jsonld_of(soup_of(built_site, "moeder/2027-09-23/"))
    assert with_link["location"] == {
        "@type": "VirtualLocation",
        "url": "https://teams.microsoft.com/l/meetup-join/eksempel",
    }
    [without_link] = jsonld_of(soup_of(built_site, "moeder/2021-01-28/"))
    assert without_link["location"] == {
        "@type": "VirtualLocation",
        "url": SITE + "moeder/2021-01-28/",
    }


def test_invitation_is_a_news_article_about_its_event(built_site: Project) -> None:
    soup = soup_of(built_site, "nyheder/2021-01-28-invitation/")
    [article] = jsonld_of(soup)
    [event] = jsonld_of(soup_of(built_site, "moeder/2021-01-28/"))
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == soup.find("h1").get_text(strip=True)
    published = soup.find("meta", property="article:published_time")["content"]
    assert article["datePublished"] == published == "2021-01-22"
    assert article["image"] == [SHARE_IMAGE]
    assert article["url"] == soup.find("link", rel="canonical")["href"]
    assert article["publisher"] == {
        "@type": "Organization",
        "@id": SITE + "#netvaerk",
        "name": "Kommunernes Netværk for Landdistriktskoordinatorer",
        "url": SITE,
        "logo": {
            "@type": "ImageObject",
            "url": SITE + "assets/netvaerk.png",
            "width": 512,
            "height": 512,
        },
    }
    assert {(a["name"], a["url"]) for a in article["author"]} == ORGANISERS
    about = article["about"]
    assert about["@type"] == "Event"
    assert about["@id"] == event["@id"]
    assert about["url"] == event["url"]
    assert about["name"] == event["name"]
    assert about["startDate"] == event["startDate"]


def test_editors_news_is_a_news_article_about_nothing_in_particular(
    built_site: Project,
) -> None:
    soup = soup_of(built_site, "nyheder/planen-for-2027/")
    [article] = jsonld_of(soup)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == soup.find("h1").get_text(strip=True)
    assert "about" not in article


def test_json_ld_on_a_news_page_cannot_break_out_of_its_script() -> None:
    meeting = Meeting.model_validate(
        {
            "id": "2027-03-11",
            "title": "Møde </script><script>alert(1)</script>",
            "date": date(2027, 3, 11),
            "start": "10:00",
            "end": "12:00",
            "venue": {"name": "Viborg Rådhus"},
        }
    )
    item = NewsItem(
        slug="x", date=date(2027, 2, 1), title="A </script> B", excerpt="", body="", meeting=meeting
    )
    text = article_jsonld(item, SITE, "Netværket", [])
    assert "<" not in text and ">" not in text
    assert json.loads(text)["about"]["name"] == meeting.title
    assert article_data(item, SITE, "Netværket", [])["headline"] == "A </script> B"


def test_no_share_image_without_a_site_url() -> None:
    assert share_card("") == []
    assert dict(share_card(SITE))["og:image"] == SHARE_IMAGE


def test_titles_use_an_en_dash_like_the_feed(built_site: Project) -> None:
    site_name = "Kommunernes Netværk for Landdistriktskoordinatorer"
    site_dir = built_site.site_dir
    feed = (site_dir / "nyheder" / "feed.xml").read_text("utf-8")
    assert f"Nyheder – {site_name}" in feed
    for relative in [*pages_of(site_dir), "404.html"]:
        title = BeautifulSoup((site_dir / relative).read_text("utf-8"), "html.parser").title
        assert title is not None, relative
        text = title.get_text()
        assert text == site_name or text.endswith(f" – {site_name}"), (relative, text)
        assert f" - {site_name}" not in text


@pytest.mark.parametrize(
    "text",
    [
        "Møde om bosætning",
        "  To   ord\n på to linjer\t",
        "A &amp; B",
        "<em>Ny</em> plan &lt;udkast&gt;",
        "Pris 5 &euro",
        "",
        "x < y og y > z",
    ],
)
def test_plain_text_with_nothing_to_parse_is_what_the_parser_gives(text: str) -> None:
    """``plain`` skips the HTML parser for text without '<' or '&': the same text."""

    class Parsed(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.text = ""

        def handle_data(self, data: str) -> None:
            self.text += data

    parser = Parsed()
    parser.feed(text)
    parser.close()
    assert seo.plain(text) == " ".join(parser.text.split())
    assert seo.plain(None) == ""
