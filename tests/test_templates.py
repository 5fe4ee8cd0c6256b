"""The HTML the renderers take from Jinja2 templates: escaped by default, parsed back.

Each check feeds text with markup in it where editors' or the site's data go, and reads the
result with an HTML parser (BeautifulSoup) or Python-Markdown, as a browser or MkDocs would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from factories import derived, meeting, site
from jinja2 import UndefinedError

from netvaerk.content.problems import Problem
from netvaerk.editing.preview import building_page, problems_page
from netvaerk.pages.home import next_meeting_block
from netvaerk.pages.meeting import meeting_facts
from netvaerk.pages.subscribe import subscribe_box
from netvaerk.text.templating import environment

HOSTILE = '<script>alert("x")</script> & Co'


def html_of(markdown_text: str) -> BeautifulSoup:
    """Markdown with HTML blocks, rendered with the extensions mkdocs.yml enables for them."""
    rendered = markdown.markdown(
        markdown_text, extensions=["md_in_html", "def_list", "attr_list", "tables"]
    )
    return BeautifulSoup(rendered, "html.parser")


def test_the_preview_page_escapes_the_problems() -> None:
    page = BeautifulSoup(
        problems_page([Problem("data/meetings.yaml", 4, "meetings[0].title", HOSTILE)]),
        "html.parser",
    )
    assert page.find("script") is None
    assert [c.get_text() for c in page.select("li code")] == [
        f"data/meetings.yaml:4: meetings[0].title: {HOSTILE}"
    ]
    assert "1 fejl" in page.get_text()
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == "2"
    building = BeautifulSoup(building_page(), "html.parser")
    assert building.h1 is not None and building.h1.get_text() == "Bygger forhåndsvisningen"


def test_the_subscribe_box_escapes_the_feed_address() -> None:
    box = html_of(subscribe_box('https://example.dk/"><script>x</script>/'))
    assert box.find("script") is None
    field = box.find("input", id="nk-feed-url")
    assert field is not None
    assert field["value"] == 'https://example.dk/"><script>x</script>/kalender.ics'
    links = [a["href"] for a in box.select(".nk-subscribe__clients a")]
    assert len(links) == 4 and links[0].startswith("webcal://example.dk/")
    assert box.find("h2", id="abonner") is not None  # the Markdown heading inside the block


def test_facts_and_next_meeting_show_editors_text_as_written() -> None:
    m = meeting(title=HOSTILE, venue={"name": "Hal *1* | <b>"}, summary="[ikke et link](x)")
    facts = html_of(meeting_facts(m, site(m), "moeder/x.md", with_theme=True))
    assert facts.find("script") is None and facts.find("b") is None
    terms = [dt.get_text() for dt in facts.select(".nk-facts dt")]
    assert terms == ["Tema", "Dato", "Tid", "Sted"]
    values = [dd.get_text() for dd in facts.select(".nk-facts dd")]
    assert values[0] == HOSTILE and values[3] == "Hal *1* | <b>"
    nxt = html_of(next_meeting_block(derived(m, today=date(2027, 1, 1))))
    assert nxt.find("script") is None
    theme = nxt.select_one(".nk-next__theme a")
    assert theme is not None and theme.get_text() == HOSTILE
    assert "[ikke et link](x)" in nxt.get_text()
    empty = html_of(next_meeting_block(derived(today=date(2027, 1, 1))))
    assert empty.get_text().strip() == "Der er ingen planlagte møder lige nu."


def test_a_misspelt_name_in_a_template_fails(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ nme }}", encoding="utf-8")
    with pytest.raises(UndefinedError):
        environment(tmp_path).get_template("t.html").render(name="x")
