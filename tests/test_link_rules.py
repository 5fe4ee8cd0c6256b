"""content/links.py: the relative links and anchors in editors' Markdown and hand-written
pages, judged as MkDocs' strict build would judge them, but before ``site/`` is touched.

Pure functions on factory meetings and a handful of source paths; the same rules seen through
``make check`` and a build are in test_check.py and test_links.py.
"""

from __future__ import annotations

from factories import meeting

from netvaerk.content.links import (
    PageAnchors,
    broken_link,
    check_anchors,
    check_links,
    check_page_anchors,
    check_pages,
    missing_anchor,
    page_body,
)
from netvaerk.content.rules import check_materials
from netvaerk.model import Meeting
from netvaerk.text.anchors import Anchors
from netvaerk.text.markup import FRONT_MATTER
from netvaerk.text.safe_markdown import cost_problems

# The files of a small site: docs/ and the generated pages of the meeting on 2027-03-03.
TARGETS = {
    "index.md",
    "om.md",
    "moeder/index.md",
    "moeder/2027-03-03.md",
    "nyheder/index.md",
    "nyheder/2027-03-03-invitation.md",
    "materialer/referat.pdf",
}
PAGE = "moeder/2027-03-03.md"
INVITATION = "nyheder/2027-03-03-invitation.md"


def at(one: Meeting) -> list[tuple[tuple[str | int, ...], Meeting]]:
    return [(("meetings", 0), one)]


# --- broken_link ------------------------------------------------------------------------


def test_links_that_resolve_or_that_mkdocs_does_not_check_are_fine() -> None:
    for href in (
        "../om.md",
        "../index.md",
        "2027-03-03.md",
        "../materialer/referat.pdf",
        "https://example.org/x.md",
        "mailto:kontakt@example.org",
        "/om/",  # from the root: MkDocs leaves it alone
        "#program",  # this page
    ):
        assert broken_link(href, PAGE, TARGETS) is None, href


def test_a_link_to_a_missing_file_names_the_file_and_the_page_it_is_read_from() -> None:
    message = broken_link("../findes-ikke.md", PAGE, TARGETS)
    assert message is not None
    assert "docs/findes-ikke.md" in message and "mødets side /moeder/2027-03-03/" in message


def test_a_link_written_from_docs_on_a_meeting_page_gets_the_working_link_suggested() -> None:
    """An editor writes 'om.md' as if from docs/; on moeder/<id>/ it means moeder/om.md."""
    message = broken_link("om.md", PAGE, TARGETS)
    assert message is not None and "mente du '../om.md'?" in message


def test_a_link_without_md_or_with_html_gets_the_page_suggested() -> None:
    assert "mente du 'om.md'?" in (broken_link("om", "index.md", TARGETS) or "")
    assert "mente du 'om.md'?" in (broken_link("om.html", "index.md", TARGETS) or "")
    assert "mente du 'moeder/index.md'?" in (broken_link("moeder", "index.md", TARGETS) or "")


def test_a_meeting_page_named_on_the_invitation_gets_its_path_suggested() -> None:
    message = broken_link("2027-03-03.md", INVITATION, TARGETS)
    assert message is not None and "mente du '../moeder/2027-03-03.md'?" in message


def test_a_link_out_of_docs_and_an_invalid_address_are_refused() -> None:
    outside = broken_link("../../README.md", PAGE, TARGETS)
    assert outside is not None and "uden for docs/" in outside
    invalid = broken_link("http://[::1", PAGE, TARGETS)
    assert invalid is not None and "ikke en gyldig adresse" in invalid


# --- check_links, and check_materials (a rule book in rules.py) -------------------------------


def test_check_links_names_the_field_and_the_line_within_it() -> None:
    one = meeting(description="Første linje.\n\nSe [siden](../mangler.md).")
    [(loc, line, message)] = check_links(at(one), TARGETS)
    assert loc == ("meetings", 0, "description")
    assert line == 2  # the field's third line, counted from 0
    assert "docs/mangler.md" in message


def test_a_programme_link_must_work_on_the_meeting_page_and_on_the_invitation() -> None:
    """A programme item shows on both pages; '2027-03-03.md' works only on the first."""
    one = meeting(
        announcement={"date": "2027-02-01"},
        programme=[
            {"start": "10:00", "title": "Velkomst", "description": "[Siden](2027-03-03.md)"}
        ],
    )
    [(loc, _, message)] = check_links(at(one), TARGETS)
    assert loc == ("meetings", 0, "programme", 0, "description")
    assert "virker på mødets side" in message and "invitationens side" in message
    assert "'../moeder/2027-03-03.md'" in message  # the link that works on both


def test_links_that_work_give_no_finding() -> None:
    one = meeting(description="[Om os](../om.md), [web](https://example.org) og [top](#top)")
    assert list(check_links(at(one), TARGETS)) == []


def test_a_material_in_the_repository_must_exist_with_its_exact_name() -> None:
    one = meeting(
        materials=[
            {"title": "Referat", "url": "materialer/referat.pdf"},
            {"title": "Slides", "url": "materialer/Slides.pdf"},
            {"title": "Video", "url": "https://example.org/video"},
            {"title": "Case", "url": "materialer/REFERAT.pdf"},
        ]
    )
    found = {loc[3]: message for loc, message in check_materials(at(one), TARGETS)}
    assert set(found) == {1, 3}  # the materials' indexes
    assert "docs/materialer/Slides.pdf findes ikke" in found[1]
    assert "mente du url: materialer/referat.pdf?" in found[3]


# --- check_pages: hand-written pages ---------------------------------------------------------


def test_a_hand_written_page_reports_its_broken_link_at_its_line_in_the_file() -> None:
    pages = {
        "om.md": "---\ntitle: Om\n---\n\n# Om os\n\n[Møder](moeder/index.md), [x](mangler.md)\n",
        "index.md": "# Forside\n\n[Om os](om.md)\n",
    }
    [problem] = check_pages(pages, TARGETS)
    assert (problem.file, problem.line) == ("docs/om.md", 7)  # front matter counted
    assert "docs/mangler.md" in problem.message


def test_a_page_body_read_again_is_what_a_first_reading_gives() -> None:
    """``page_body`` is cached per text (three checks read each page): a text read again,
    and a text that only differs after the first reading, give what a fresh reading gives."""
    deep = "---\ntitle: Dyb\n---\n\n" + "> " * 30 + "citat\n"  # too deep to render
    for text in ("---\ntitle: Om\n---\n\n# Om os\n", deep, "# Forside\n\n[Om](om.md)\n"):
        body = FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text, count=1)
        fresh = (body, tuple(cost_problems(body, html=True)))
        assert page_body(text) == fresh
        assert page_body(text) == fresh  # from the cache
    assert page_body(deep)[1] and page_body(deep)[0].startswith("\n\n\n\n")
    assert check_pages({"dyb.md": deep}, TARGETS) == check_pages({"dyb.md": deep}, TARGETS)
    assert check_pages({"dyb.md": deep}, TARGETS)[0].line == 5


# --- anchors -----------------------------------------------------------------------------------


def anchors_of(pages: dict[str, str]) -> PageAnchors:
    return lambda src: Anchors(pages[src]) if src in pages else None


PAGES = {
    "om.md": "# Om netværket\n\n## Kontakt\n\nSkriv til os.\n",
    "moeder/2027-03-03.md": "# Tema\n\n## Program\n",
}


def test_an_anchor_must_name_a_heading_of_its_page() -> None:
    anchors = anchors_of(PAGES)
    assert missing_anchor("../om.md#kontakt", PAGE, anchors) is None
    assert missing_anchor("#program", PAGE, anchors) is None
    on_this_page = missing_anchor("#tilmelding", PAGE, anchors)
    assert on_this_page is not None and "mødets side /moeder/2027-03-03/" in on_this_page
    assert missing_anchor("https://example.org/#x", PAGE, anchors) is None  # not checked
    message = missing_anchor("../om.md#kontakter", PAGE, anchors)
    assert message is not None and "mente du '#kontakt'?" in message


def test_an_anchor_on_a_page_whose_anchors_are_unknown_is_not_judged() -> None:
    assert missing_anchor("../materialer/referat.pdf#side=2", PAGE, anchors_of(PAGES)) is None


def test_check_anchors_finds_a_missing_anchor_in_a_meeting_field() -> None:
    one = meeting(description="Se [kontakt](../om.md#kontakt) og [x](../om.md#adresse).")
    [(loc, line, message)] = check_anchors(at(one), anchors_of(PAGES))
    assert (loc, line) == (("meetings", 0, "description"), 0)
    assert "'adresse'" in message


def test_check_page_anchors_reports_at_the_line_of_the_hand_written_page() -> None:
    pages = {"index.md": "# Forside\n\n[Kontakt](om.md#kontakt)\n\n[Adresse](om.md#adresse)\n"}
    [problem] = check_page_anchors(pages, anchors_of(PAGES))
    assert (problem.file, problem.line) == ("docs/index.md", 5)
    assert "'adresse'" in problem.message
