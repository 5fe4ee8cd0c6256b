"""Links to an anchor that a page does not have (issue 17).

MkDocs (``validation: links: anchors: warn`` under ``--strict``) stops such a build only after
rendering every page, in English and without a line. ``make check`` and ``on_config`` find
them first: the anchors of a page are read from its Markdown as the build makes it
(``text/anchors.py``, ``pages/anchors.py``) and compared here with MkDocs' own count.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from factories import MINIMAL_MEETINGS, ROOT, Project, epoch, minimal_project, snapshot
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from netvaerk import prebuild
from netvaerk.check import collect_problems
from netvaerk.content.load import load_content
from netvaerk.pages.anchors import anchors_of
from netvaerk.text.anchors import PAGE_EXTENSIONS, TOC_CONFIG, Anchors, page_anchors, page_links

# Markdown an editor may write in a hand-written page, each with the ids it gives.
SAMPLES = {
    "danske bogstaver": "# Tilgængelighed\n\n## Kendte begrænsninger\n\nTekst.\n",
    "samme overskrift to gange": "## Program\n\nA\n\n## Program\n\nB\n\n## Program\n",
    "formatering i overskriften": "## **Fed** og *kursiv* med `kode` & [link](https://a.dk)\n",
    "tegn og tal": "## Møde 28/1 – kl. 10:00!\n\n### 2027\n",
    "eget id": "## Kontakt {#skriv-til-os}\n\nTekst\n{: #afsnit }\n",
    "HTML": '<div id="boks" markdown>\n\n## Inde i boksen\n\n</div>\n\n<a name="gammel"></a>\n',
    "understreget overskrift": "Første del\n==========\n\nAnden del\n---------\n",
    "kodeblok": "```\n# Ikke en overskrift\n```\n\n    # Heller ikke\n\n## Men denne\n",
    "HTML uden markdown": "<div>\n# Ikke her\n</div>\n\n## Her\n",
    "boks": '!!! note "Bemærk"\n\n    ## Inde i noten\n\n    Tekst.\n',
    "tabel og liste": "| a | b |\n|---|---|\n| 1 | 2 |\n\n- punkt\n\n## Efter\n",
    "id i kodeord": 'Skriv `<span id="kode">` i teksten.\n',
    "understregning og mellemrum": "# _kursiv_ og a_b\n\n## To  mellemrum ##\n\n####### Syv\n",
    "HTML-kommentar": "Tekst <!--\n# Ikke en overskrift\n--> mere.\n\n## Til sidst\n",
    "overskrift uden mellemrum": "#Tæt på\n\n## Spørgsmål? Svar!\n\n### Slut (igen)\n",
    "tegnsætning": "## Det er 'godt' nok\n\n## Trin 1. Gør det\n\n## A/B – C-d\n\n"
    "## (parentes) start\n\n## 3 : 4 ; ok\n\n## C# kode\n\n## ÆØÅ æøå ü é\n",
    "ensartet tekst": "# Om os\n\n## Kendte begrænsninger\n\n### Møde 28/1 kl. 10\n",
}


# Links as a hand-written page may hold them (no raw HTML: MkDocs does not check its links).
LINKED = {
    "indholdsfortegnelse": "[TOC]\n\n# Om\n\n## Kontakt\n\nSe [møder](moeder/index.md#program).\n",
    "reference": "Se [os][om] og [dem].\n\n[om]: om.md#kontakt\n[dem]: <nyheder/index.md>\n",
    "kode": "```\n[ikke](mangler.md)\n```\n\n`[heller ikke](x.md)` men [ja](ja.md)\n",
    "billede og attr_list": "![logo](assets/logo.png){ width=10 }\n\n[a](a.md){: .knap }\n",
    "boks, tabel og liste": '!!! note "N"\n\n    [i boksen](b.md)\n\n'
    "| a |\n|---|\n| [c](c.md) |\n\nOrd\n:   [d](d.md#x)\n\n- [e](../e.md)\n",
    "tom": "\n\n  \n",
}


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        key = {"a": "href", "img": "src"}.get(tag)
        self.found += [v for k, v in attrs if k == key and v is not None]


@pytest.mark.parametrize("name", LINKED)
def test_a_page_has_the_links_of_its_whole_rendering_but_for_the_tocs_own_anchors(
    name: str,
) -> None:
    """``page_links`` renders without ``toc`` and stops at the element tree: what it finds
    is what the whole rendering's HTML holds (read by an HTML parser), less the links to the
    page's own headings that ``toc`` writes at a ``[TOC]`` marker."""
    text = SAMPLES["danske bogstaver"]
    page_links(text)  # another page read before: nothing of it stays
    html = markdown.markdown(
        LINKED[name], extensions=PAGE_EXTENSIONS, extension_configs={"toc": TOC_CONFIG}
    )
    hrefs = _Hrefs()
    hrefs.feed(html)
    toc = re.findall(r'<div class="toc">.*?</div>', html, re.DOTALL)
    own = {m for block in toc for m in re.findall(r'href="(#[^"]*)"', block)}
    assert page_links(LINKED[name]) == [h for h in hrefs.found if h not in own]
    if name == "indholdsfortegnelse":
        assert own == {"#om", "#kontakt"}
    assert page_anchors("\n") == frozenset()  # a blank page after another has no anchors


@pytest.fixture(scope="module")
def mkdocs_config():  # type: ignore[no-untyped-def]
    return load_config(str(ROOT / "mkdocs.yml"))


def mkdocs_anchors(config, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The ids MkDocs itself counts for a page with ``text``, under the project's mkdocs.yml."""
    file = File("side.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = text
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    assert page.present_anchor_ids is not None
    return set(page.present_anchor_ids)


@pytest.mark.parametrize("name", SAMPLES)
def test_a_page_has_the_anchors_mkdocs_counts(mkdocs_config, name: str) -> None:  # type: ignore[no-untyped-def]
    text = SAMPLES[name]
    expected = mkdocs_anchors(mkdocs_config, text)
    assert expected, "every sample has an anchor"
    assert page_anchors(text) == expected


@pytest.mark.parametrize("name", SAMPLES)
def test_reading_the_lines_never_finds_an_anchor_mkdocs_does_not(
    mkdocs_config,  # type: ignore[no-untyped-def]
    name: str,
) -> None:
    text = SAMPLES[name]
    expected = mkdocs_anchors(mkdocs_config, text)
    assert Anchors(text).plain <= expected
    lines = {line.lstrip("# ").lower().replace(" ", "-") for line in text.splitlines()}
    for candidate in expected | lines | {"findes-ikke", "ikke-en-overskrift", "ikke-her"}:
        assert (candidate in Anchors(text)) == (candidate in expected), candidate


def test_a_plain_heading_is_found_without_rendering_the_page() -> None:
    anchors = Anchors("# Om os\n\n## Kendte begrænsninger\n\n### Møde 28/1 kl. 10\n")
    assert anchors.plain == {"om-os", "kendte-begrænsninger", "møde-281-kl-10"}
    assert "kendte-begrænsninger" in anchors
    assert "all" not in vars(anchors)  # not rendered
    assert "findes-ikke" not in anchors
    assert "all" in vars(anchors)  # a name the lines do not give: rendered to be sure


def test_the_headings_written_around_a_placeholder_need_no_rendering() -> None:
    """moeder/index.md: '## Kommende møder' is written by hand, '## Arkiv' comes from the
    archive block; only the second makes the page (blocks and all) be rendered."""
    made = []

    def spy(*args):  # type: ignore[no-untyped-def]
        made.append(anchors_of(*args))
        return made[-1]

    load_content(ROOT / "data", ROOT / "docs", today=date(2026, 11, 30), anchors=spy)
    page = made[0]("moeder/index.md")
    assert page is not None
    assert "kommende-møder" in page
    assert "all" not in vars(page)
    assert "arkiv" not in page.plain
    assert "arkiv" in page
    assert "findes-ikke" not in page


def problems(root: Path) -> list[str]:
    return [str(p) for p in collect_problems(root)]


def test_anchors_that_exist_are_no_problem(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    meetings = MINIMAL_MEETINGS.replace(
        "    venue:",
        "    description: Se [overskriften](#lokal-udvikling) og [nyhederne]"
        "(../nyheder/index.md#nyheder).\n    venue:",
    )
    (root / "data" / "meetings.yaml").write_text(meetings, encoding="utf-8")
    (root / "docs" / "om.md").write_text(
        "# Om os\n\n## Kontakt {#skriv}\n\n[a](#om-os) [b](#skriv) "
        "[c](moeder/2021-01-28.md#lokal-udvikling) [d](https://a.dk/#x) [e](/om/#y)\n",
        encoding="utf-8",
    )
    assert problems(root) == []


def test_a_link_shown_in_a_code_block_is_no_link(tmp_path: Path) -> None:
    """MkDocs renders pages with fenced_code: a link written inside ~~~ (or ```) is text."""
    root = minimal_project(tmp_path)
    (root / "docs" / "om.md").write_text(
        "# Om os\n\nSådan:\n\n~~~\n[x](#findes-ikke)\n\n[y](findes-ikke.md)\n~~~\n",
        encoding="utf-8",
    )
    assert problems(root) == []


INVITATION = """\
    announcement:
      date: 2021-01-10
      title: Invitation
    materials:
      - title: Slides
        url: https://a.dk/slides.pdf
    programme:
      - start: 12:30
        end: 13:00
        title: Velkommen
        description: Se [materialerne](#materialer).
"""


def test_a_programme_link_must_work_on_the_invitation_too(tmp_path: Path) -> None:
    """A programme item is on the meeting page and the invitation: only the meeting page
    lists the materials."""
    root = minimal_project(tmp_path)
    meetings = MINIMAL_MEETINGS.replace("    venue:", INVITATION + "    venue:")
    (root / "data" / "meetings.yaml").write_text(meetings, encoding="utf-8")
    [problem] = problems(root)
    line = meetings[: meetings.index("Se [materialerne]")].count("\n") + 1
    assert problem == (
        f"data/meetings.yaml:{line}: mødet »Lokal udvikling« (28. januar 2021) › programme "
        "punkt 1 › description: linket '#materialer' virker på mødets side /moeder/2021-01-28/, "
        "men ikke på invitationens side /nyheder/2021-01-28-invitation/, hvor programmet også "
        "står: den side har ingen overskrift eller id 'materialer'"
    )


# A missing anchor of each kind the issue names: a hand-written page, a description, a news
# body; each with the text appended and the line it lands on.
@pytest.fixture()
def broken(project: Project) -> Project:
    om = project.root / "docs" / "om.md"
    om.write_text(om.read_text(encoding="utf-8") + "\n[x](moeder/index.md#findes-ikke)\n")
    news = project.root / "docs" / "nyheder" / "planen-for-2027.md"
    news.write_text(
        news.read_text(encoding="utf-8") + "\n[mødet](../moeder/2027-01-28.md#x)\n",
        encoding="utf-8",
    )
    data = project.root / "data" / "meetings.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text.replace("    description: |\n", "    description: |\n      [Se](#findes-ikke).\n", 1),
        encoding="utf-8",
    )
    return project


def test_each_kind_is_found_at_its_line(broken: Project) -> None:
    found = problems(broken.root)
    # The data comes first: the pages are looked into once the data has no problem.
    [data] = found
    assert data.startswith("data/meetings.yaml:15: mødet »")
    assert "description: linket '#findes-ikke' virker ikke: mødets side /moeder/" in data
    data_file = broken.root / "data" / "meetings.yaml"
    data_file.write_text((ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8"))
    om_lines = (broken.root / "docs" / "om.md").read_text(encoding="utf-8").count("\n")
    news_lines = (
        (broken.root / "docs" / "nyheder" / "planen-for-2027.md")
        .read_text(encoding="utf-8")
        .count("\n")
    )
    assert [line.split(" virker")[0] for line in problems(broken.root)] == [
        f"docs/nyheder/planen-for-2027.md:{news_lines}: linket '../moeder/2027-01-28.md#x'",
        f"docs/om.md:{om_lines}: linket 'moeder/index.md#findes-ikke'",
    ]


def test_the_prebuild_for_hook_less_engines_stops_with_the_same_lines(
    broken: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = broken.root / "data" / "meetings.yaml"
    data_file.write_text((ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    found = problems(broken.root)
    out = broken.root / "prebuilt"
    monkeypatch.chdir(broken.root)
    assert prebuild.main([str(out)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert [line.strip() for line in printed[1:]] == found
    assert not out.exists()


@pytest.mark.build
def test_the_build_stops_with_the_checks_danish_lines_before_site_is_touched(
    broken: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_file = broken.root / "data" / "meetings.yaml"
    data_file.write_text((ROOT / "data" / "meetings.yaml").read_text(encoding="utf-8"))
    broken.site_dir.mkdir()
    (broken.site_dir / "index.html").write_text("det sidste gode site", encoding="utf-8")
    before = snapshot(broken.site_dir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    found = problems(broken.root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert len(found) == 2
    with pytest.raises(Abort) as info:
        broken.build()
    error = info.value.__context__
    assert isinstance(error, PluginError)  # from on_config: before MkDocs builds a page
    assert [line.strip() for line in str(error).splitlines()[1:]] == found
    assert snapshot(broken.site_dir) == before
    assert [p.name for p in broken.root.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.build
def test_a_build_with_anchors_that_exist_passes_strict(project: Project) -> None:
    """The other half of agreeing: what the check lets through, MkDocs builds."""
    om = project.root / "docs" / "om.md"
    om.write_text(
        om.read_text(encoding="utf-8")
        + "\n[a](moeder/index.md#arkiv) [b](moeder/2027-01-28.md#program) "
        "[c](nyheder/index.md#nyheder) [d](tilgaengelighed.md#kendte-begrænsninger)\n",
        encoding="utf-8",
    )
    assert problems(project.root) == []
    site = project.build()
    html = (site / "om" / "index.html").read_text(encoding="utf-8")
    assert 'href="../moeder/#arkiv"' in html
    assert 'id="arkiv"' in (site / "moeder" / "index.html").read_text(encoding="utf-8")
