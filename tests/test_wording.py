"""Danish as a visitor reads it (issue 12), checked on the shipped site built on 2026-11-30.

The rules themselves have unit tests in test_pages.py; these read the built pages with an
independent HTML parser, so they fail if a rule is lost on its way to a page.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from factories import ROOT, Project, visible_text

from netvaerk.content.loading import load_site


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(visible_text(html), "html.parser")


def article(site: Project, path: str) -> Tag:
    found = soup(site.page(path)).select_one("article.md-content__inner")
    assert isinstance(found, Tag), path
    return found


def text(site: Project, path: str) -> str:
    return " ".join(article(site, path).get_text(" ").split())


def pages(site: Project) -> list[Path]:
    found = sorted(site.site_dir.rglob("index.html"))
    assert len(found) > 10
    return found


def test_danish_quotation_marks_point_inwards_on_every_page(built_site: Project) -> None:
    seen = 0
    for path in pages(built_site):
        body = " ".join(soup(path.read_text("utf-8")).get_text(" ").split())
        assert not re.search(r"«\w|\w»", body), f"{path}: «…» instead of »…«"
        seen += len(re.findall(r"»\w[^«]*«", body))
    assert seen >= 4  # the subscribe box's button names, on the home page and /moeder/


def test_online_is_lower_case_after_a_venue(built_site: Project) -> None:
    archive = text(built_site, "moeder/")
    assert "5600 Faaborg og online (Teams)" in archive
    assert "og Online" not in archive
    assert "– Online (Teams)" in archive  # an online-only meeting starts with it


def test_members_page_hosts_in_the_right_tense(built_site: Project) -> None:
    page = article(built_site, "medlemmer/")

    def hosting(member_id: str) -> list[str]:
        heading = page.find(id=member_id)
        assert isinstance(heading, Tag), member_id
        lines = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h2", "h3"}:
                break
            words = " ".join(sibling.get_text(" ").split())
            if words.startswith(("Har lagt hus til", "Er vært for")):
                lines.append(words)
        return lines

    assert hosting("toender") == [
        "Har lagt hus til: Mobilitet og den kollektive trafik i landdistrikterne (29. januar 2026)"
    ]
    assert hosting("bornholm") == [
        "Er vært for: Landdistriktspolitik og lokalrådenes rolle (27. maj 2027)"
    ]
    assert hosting("lemvig") == []  # its meeting was cancelled


def test_programme_tables_do_not_repeat_what_the_title_says(built_site: Project) -> None:
    rows = []
    for path in sorted((built_site.site_dir / "moeder").glob("*/index.html")):
        for row in soup(path.read_text("utf-8")).select(".nk-programme tbody tr"):
            rows.append(" ".join(row.get_text(" ").split()))
    assert any("Frokost" in row for row in rows)
    assert not any(
        re.search(r"Måltid: \S*frokost|Pause: (Kaffe|Kort pause)", r, re.I) for r in rows
    )


def test_speakers_column_only_where_there_are_speakers(built_site: Project) -> None:
    def headers(path: str) -> list[str]:
        return [th.get_text() for th in article(built_site, path).select(".nk-programme thead th")]

    assert headers("moeder/2021-01-28/") == ["Tid", "Punkt", "Oplægsholdere"]  # Claus Leick
    assert headers("moeder/2021-05-20/") == ["Tid", "Punkt"]  # no speakers in its programme


def test_cancelled_meeting_says_it_once_with_its_reason(built_site: Project) -> None:
    page = article(built_site, "moeder/2026-05-21/")
    words = " ".join(page.get_text(" ").split())
    assert words.count("Mødet er aflyst") == 1
    notice = page.select_one(".admonition.danger")
    assert isinstance(notice, Tag)
    assert " ".join(notice.get_text(" ").split()) == (
        "Mødet er aflyst For få tilmeldte. Temaet tages op igen på et senere møde."
    )
    assert words.count("For få tilmeldte.") == 1
    assert [dt.get_text() for dt in page.select(".nk-facts dt")] == ["Dato", "Tid", "Sted", "Vært"]
    assert "ikke afholdt" not in words and "opdaterer kalenderfilen" not in words
    # The meeting is over (the build's today is 2026-11-30): no calendar box, so no advice
    # either (test_pages.test_calendar_advice_distinguishes_subscribed_from_downloaded).
    assert "Har du hentet mødet som fil" not in words and "Føj til kalender" not in words


def test_home_page_speaks_of_membership(built_site: Project) -> None:
    words = text(built_site, "")
    assert "Medlemskab pr. kommune" in words and "Tilmelding pr. kommune" not in words


def test_home_page_title_is_the_site_name(built_site: Project) -> None:
    title = soup(built_site.page("")).title
    assert title is not None
    assert title.get_text() == "Kommunernes Netværk for Landdistriktskoordinatorer"


def test_no_generated_title_uses_a_spaced_hyphen(built_site: Project) -> None:
    """The feed says "Nyheder – …": page and share titles take the same en dash, or none."""
    feed = (built_site.site_dir / "nyheder" / "feed.xml").read_text("utf-8")
    assert "<title>Nyheder – " in feed and " - " not in feed
    titles = 0
    for path in pages(built_site):
        page = soup(path.read_text("utf-8"))
        for meta in page.select('meta[property="og:title"], meta[name="twitter:title"]'):
            assert " - " not in str(meta.get("content")), path
            titles += 1
        h1 = page.select_one("article h1")
        assert h1 is None or " - " not in h1.get_text(), path
    assert titles > 10  # the pages carry share titles to check


# --- issue 20: the rules a Danish editor gave, checked where they can be -----------------

KL_WITH_ZERO = re.compile(r"\bkl\. 0\d")


def test_running_text_writes_times_without_a_leading_zero(built_site: Project) -> None:
    """Danish writes »kl. 9.30« in a sentence; the programme table keeps its aligned 09.30."""
    seen_morning = False
    for path in pages(built_site):
        page = soup(path.read_text("utf-8"))
        for table in page.select(".nk-programme table"):
            table.decompose()
        body = " ".join(page.get_text(" ").split())
        assert not KL_WITH_ZERO.search(body), f"{path}: {KL_WITH_ZERO.search(body)}"
        seen_morning = seen_morning or "kl. 9.30" in body
    assert seen_morning  # the online meeting at 9.30 is on the site, so the rule was tried
    calendar = (built_site.site_dir / "kalender.ics").read_text("utf-8")
    assert not KL_WITH_ZERO.search(calendar.replace("\r\n ", ""))


def test_roles_after_a_comma_are_lower_case(built_site: Project) -> None:
    """Job titles are common nouns in Danish: »Dorte Opdigtet, landdistriktskoordinator«."""
    data = load_site(ROOT / "data")
    roles = [c.role for m in data.members for c in m.contacts if c.role]
    assert roles and all(role[0].islower() for role in roles), roles
    speakers = [s for m in data.meetings for item in m.programme for s in item.speakers]
    assert not [s for s in speakers if re.search(r", [A-ZÆØÅ]", s)], speakers
    members = article(built_site, "medlemmer/")
    shown = [strong.next_sibling for strong in members.select("li > strong") if strong.next_sibling]
    assert shown, "no contact with a role on the members page"
    assert all(re.match(r", [a-zæøå]", str(text)) for text in shown), shown


# Phrasings a Danish reader stumbled on (issue 20), kept out of the hand-written pages, the
# templates and the example data: an anglicism, a stiff greeting, commas Danish leaves out.
CLUMSY = {
    "måler webstedet mod": "anglicisme (»measure against«): »skal leve op til«",
    "Velkommen til og": "»Velkomst og nyt fra …«",
    "medlemskommunerne**, og indimellem": "intet komma før »og indimellem«",
    "medlemskommunerne](medlemmer/index.md),": "intet komma før »eller gå til«",
    ", og tryk på": "intet komma mellem to korte opfordringer",
    "Kopiér den, og": "intet komma mellem to korte opfordringer",
}


def test_known_clumsy_phrasings_stay_out() -> None:
    sources = [
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "data").glob("*.yaml"),
        *(ROOT / "hooks" / "netvaerk").rglob("*.py"),
        *(ROOT / "hooks" / "netvaerk").rglob("*.html"),
        *(ROOT / "overrides").rglob("*.html"),
    ]
    found = [
        f"{path.relative_to(ROOT)}: »{phrase}« ({why})"
        for path in sources
        for phrase, why in CLUMSY.items()
        if phrase in path.read_text("utf-8") and path.name != "test_wording.py"
    ]
    assert not found, "\n".join(found)
