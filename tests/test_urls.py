"""text/urls.py: where each generated page and file lives (design.md §3, a promise to
visitors and calendar clients) and the relative links between source files.

MkDocs is the oracle for the URL a source path gets: ``public_url`` must agree with MkDocs'
own ``File.url`` under ``use_directory_urls`` (mkdocs.yml keeps MkDocs' default, true).
"""

from __future__ import annotations

import posixpath

import pytest
from mkdocs.structure.files import File

from netvaerk.text import urls

SITE = "https://landdistriktskoordinatorer.dk/"


def test_the_generated_paths_are_the_promised_addresses() -> None:
    assert urls.meeting_page("2027-03-03") == "moeder/2027-03-03.md"
    assert urls.meeting_calendar("2027-03-03") == "moeder/2027-03-03.ics"
    assert urls.news_page("2027-03-03-invitation") == "nyheder/2027-03-03-invitation.md"
    assert urls.meeting_url(SITE, "2027-03-03") == SITE + "moeder/2027-03-03/"
    assert urls.calendar_url(SITE) == SITE + "kalender.ics"
    assert (urls.HOME, urls.MEETINGS, urls.MEMBERS, urls.NEWS) == (
        "index.md",
        "moeder/index.md",
        "medlemmer/index.md",
        "nyheder/index.md",
    )


@pytest.mark.parametrize(
    "src",
    [
        "index.md",
        "om.md",
        "moeder/index.md",
        "moeder/2027-03-03.md",
        "nyheder/2027-03-03-invitation.md",
        "moeder/2027-03-03.ics",
        "kalender.ics",
        "nyheder/feed.xml",
        "materialer/referat.pdf",
        "assets/delekort.png",
    ],
)
def test_public_url_is_the_url_mkdocs_gives_the_file(src: str) -> None:
    mkdocs_file = File(src, "/docs", "/site", use_directory_urls=True)
    assert urls.public_url(SITE, src) == SITE + mkdocs_file.url.removeprefix("./")  # the home: './'


def test_public_url_takes_a_site_url_with_or_without_its_slash_and_a_sub_path() -> None:
    assert urls.public_url("https://example.org", "om.md") == "https://example.org/om/"
    assert urls.public_url("https://example.org/netvaerk/", "index.md") == (
        "https://example.org/netvaerk/"
    )
    assert urls.public_url("/", "moeder/index.md") == "/moeder/"


@pytest.mark.parametrize(
    ("from_src", "to_src", "anchor", "expected"),
    [
        ("index.md", "moeder/index.md", "", "moeder/index.md"),
        ("moeder/2027-03-03.md", "om.md", "", "../om.md"),
        ("moeder/2027-03-03.md", "moeder/2027-03-03.ics", "", "2027-03-03.ics"),
        ("nyheder/2027-03-03-invitation.md", "moeder/2027-03-03.md", "", "../moeder/2027-03-03.md"),
        ("nyheder/index.md", "nyheder/index.md", "arkiv", "index.md#arkiv"),
        ("om.md", "materialer/referat.pdf", "", "materialer/referat.pdf"),
        ("a/b/c.md", "a/d/e.md", "", "../d/e.md"),
        ("a/b/c.md", "index.md", "", "../../index.md"),
        ("a/b/c.md", "a/b/c.md", "", "c.md"),
    ],
)
def test_link_is_relative_and_leads_back_to_its_target(
    from_src: str, to_src: str, anchor: str, expected: str
) -> None:
    link = urls.link(from_src, to_src, anchor)
    assert link == expected
    # Resolved from the page's folder, as MkDocs resolves a Markdown link, it is the target.
    path = link.split("#")[0]
    assert posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path)) == to_src
