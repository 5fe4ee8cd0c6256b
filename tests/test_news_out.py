"""Announcements not yet out are not made into news items for a build (each excerpt is a
Markdown conversion), and what the build publishes is the same as before."""

from __future__ import annotations

import shutil
import textwrap
from datetime import date
from pathlib import Path

from factories import ROOT

from netvaerk.content import news
from netvaerk.content.derive import derive
from netvaerk.content.loading import load_site
from netvaerk.content.site import Site

MEETINGS = textwrap.dedent(
    """
    meetings:
      - id: tidlig
        title: Det tidlige møde
        date: 2027-03-11
        start: 10:00
        end: 15:00
        online: {platform: Teams, url: "https://teams.microsoft.com/l/meetup-join/a"}
        summary: Et møde om landsbyer.
        announcement:
          date: 2027-02-15
          body: Kom og vær med i **marts**.
      - id: sen
        title: Det sene møde
        date: 2027-06-10
        start: 10:00
        end: 15:00
        online: {platform: Teams, url: "https://teams.microsoft.com/l/meetup-join/b"}
        summary: Et møde om bosætning.
        announcement:
          date: 2027-05-01
          body: Kom og vær med i *juni*.
    """
)


def _site(tmp_path: Path) -> Site:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "members.yaml", data / "members.yaml")
    (data / "meetings.yaml").write_text(MEETINGS, "utf-8")
    return load_site(data)


def test_announcements_on_a_day_are_those_out_that_day(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert [i.slug for i in news.announcements(site)] == ["tidlig-invitation", "sen-invitation"]
    assert [i.slug for i in news.announcements(site, date(2027, 2, 14))] == []
    assert [i.slug for i in news.announcements(site, date(2027, 2, 15))] == ["tidlig-invitation"]
    on_the_day = news.announcements(site, date(2027, 5, 1))
    assert [i.slug for i in on_the_day] == ["tidlig-invitation", "sen-invitation"]
    assert [i.excerpt for i in on_the_day] == ["Kom og vær med i marts.", "Kom og vær med i juni."]


def test_a_build_publishes_what_is_out_newest_first(tmp_path: Path) -> None:
    site = _site(tmp_path)
    for day, slugs in [
        (date(2027, 2, 14), []),
        (date(2027, 4, 30), ["tidlig-invitation"]),
        (date(2027, 5, 1), ["sen-invitation", "tidlig-invitation"]),
    ]:
        derived = derive(site, day)
        assert [i.slug for i in derived.news] == slugs
        assert [i.excerpt for i in derived.news] == [
            {
                "sen-invitation": "Kom og vær med i juni.",
                "tidlig-invitation": "Kom og vær med i marts.",
            }[s]
            for s in slugs
        ]
