"""The editor's rules in the browser (admin/netvaerk-rules.js) give make check's verdict.

In production the editor has no server: the meetings' cross-field rules run in the browser
from the rule book of content/rules.py (editing/browser_rules.py hands it over as JSON), and
the Markdown and link rules run as the project's own Python in Pyodide
(admin/netvaerk-python.js, editing/browser_markdown.py, the archive the build ships).
Here Node reads every data file of the check corpus as the editor reads it (netvaerk-yaml.js),
runs the browser's rules and its Python (the same Pyodide from admin/node_modules), and the
verdict must be make check's: the same problems, field and Danish message word for word.
A case the browser's rules cannot judge is listed below with the reason, and must stay one
they do not judge (a listed case they start to judge fails until it is moved to the judged
ones).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

import markdown
import pytest
from factories import CORPUS, CORPUS_FILES, ROOT, minimal_project, place

from netvaerk.check import collect_problems
from netvaerk.content import clock
from netvaerk.content.generated import generated_sources
from netvaerk.content.loading import load_site
from netvaerk.editing.admin import PYODIDE_FILES, localise_pyodide, page_anchors, python_archive
from netvaerk.editing.browser_markdown import browser_routes
from netvaerk.editing.browser_rules import BOOKS, browser_rules, spring_gaps
from netvaerk.editing.cms import BundleChanged, admin_page, field_order, form_label
from netvaerk.model import MeetingsFile, MembersFile, exists_locally
from netvaerk.pages.anchors import anchors_of
from netvaerk.text.markup import FRONT_MATTER
from netvaerk.text.safe_markdown import tag_message

ADMIN = ROOT / "admin"
YAML_DIST = ADMIN / "node_modules" / "yaml" / "browser" / "dist"

# Reads each case's file as the editor does and runs the browser's rules on the form's data.
DRIVER = """
import { readFileSync } from "node:fs";
import { createFormat } from "./netvaerk-yaml.js";
import { withMaterialPaths } from "./netvaerk-files.js";
import { checkData } from "./netvaerk-rules.js";
import { loadRules } from "./netvaerk-python.js";
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = new URL("./pyodide/", import.meta.url).pathname;
const judge = await loadRules(loadPyodide, pyodide, readFileSync("python.zip"));
const rules = JSON.parse(readFileSync("rules.json", "utf8"));
const order = JSON.parse(readFileSync("order.json", "utf8"));
const cases = JSON.parse(readFileSync("cases.json", "utf8"));  // Pyodide makes stdin non-blocking
const out = {};
// as the glue does (netvaerk-cms.js): a note on a link it cannot judge does not stop the save
const split = (found) => ({
  problems: found.filter((p) => !p.unjudged),
  notes: found.filter((p) => p.unjudged),
});
for (const [name, { text, files, routes, news, page }] of Object.entries(cases)) {
  if (news !== undefined) {
    // a news item's text as the form holds it, judged as the glue does before its save
    out[name] = split(judge("news", { body: news, page }, routes));
    continue;
  }
  let data;
  try {
    data = createFormat(order).fromFile(text);
  } catch (error) {
    out[name] = { unreadable: String(error.message) };
    continue;
  }
  // as the glue hands the data to the file format (netvaerk-cms.js)
  data = withMaterialPaths(data, "https://landdistriktskoordinatorer.dk/");
  const problems = checkData(data, { ...rules, files });
  // as the glue does before a save of the meetings file (netvaerk-cms.js)
  const python = split(data.meetings ? judge("meetings", data, routes) : []);
  out[name] = { problems: [...problems, ...python.problems], notes: python.notes };
}
process.stdout.write(JSON.stringify(out));
"""

_YAML = "YAML the form never writes (it writes the file itself, netvaerk-yaml.js)"
# Corpus cases of the data files the browser's rule books do not judge, and why.
NOT_JUDGED = {
    "anker-i-beskrivelse.meetings.yaml": (
        "an anchor on the meeting's own page, which the page renderers make from the form's "
        "data (pydantic, Jinja, Babel: not in the browser's Python); the browser names the "
        "link in a note that does not stop the save (test_an_anchor_on_a_page_of_the_edit_"
        "is_a_note), and the pull request's make check refuses it"
    ),
    "dato-findes-ikke.meetings.yaml": "the form's date input cannot hold a day that is not",
    "dato-med-klokkeslaet.meetings.yaml": "the form's date input holds a date only",
    "dato-paa-dansk.meetings.yaml": "the form's date input stores YYYY-MM-DD",
    "felt-to-gange.meetings.yaml": _YAML,
    "forkert-indrykning.meetings.yaml": _YAML,
    "henvisning.meetings.yaml": _YAML,
    "id-med-store-bogstaver.meetings.yaml": "the form's id field has the model's pattern",
    "id-med-understreg.meetings.yaml": "the form's id field has the model's pattern",
    "klokken-25.meetings.yaml": "the form's time input holds 00:00-23:59 only",
    "klokkeslaet-med-kl.meetings.yaml": "the form's time input stores HH:MM",
    "kolon-i-titel.meetings.yaml": _YAML,
    "konfliktmarkering.meetings.yaml": _YAML,
    "link-direkte-i-moedet.meetings.yaml": "the form has only the model's fields",
    "link-over-to-linjer.meetings.yaml": "the form's url field has the model's pattern",
    "link-uden-https.meetings.yaml": "the form's url field has the model's pattern",
    "tabulator.meetings.yaml": _YAML,
    "titel-i-stedet-for-title.meetings.yaml": "the form has only the model's fields",
    "titel-over-to-linjer.meetings.yaml": "the form's one-line fields have the model's pattern",
    "ukendt-status.meetings.yaml": "the form's status is a choice of the model's values",
    "ukendt-vaert.meetings.yaml": "the form's host is a choice of the members' ids",
    "usynligt-linjeskift.meetings.yaml": _YAML,
    "vaert-uden-for-venue.meetings.yaml": "the form has only the model's fields",
    "yaml-maerke.meetings.yaml": _YAML,
    "forkert-region.members.yaml": "the form's region is a choice of the five",
    "navn-i-stedet-for-name.members.yaml": "the form has only the model's fields",
    "samtykke-ja.members.yaml": "the form's consent is a checkbox",
    "ugyldig-email.members.yaml": "the form's e-mail field has the model's pattern",
}
# Cases both refuse, in other words, and why.
OTHER_WORDS = {
    "halvt-tegn.meetings.yaml": (
        "the editor's YAML reads the escape \\ud800 as half a character, which the browser's "
        "rules refuse in the field; Python's YAML refuses the escape in the whole file"
    ),
    "materiale-med-docs-foran.meetings.yaml": (
        "the editor's glue writes a path pasted as docs/materialer/… as materialer/… "
        "(netvaerk-files.js), so the browser names the file that is missing there"
    ),
}
# Corpus files of other kinds, and why the browser's rules do not see them.
OTHER_FILES = {".docs.": "not a file the editor writes"}
# News items (docs/nyheder/*.md): their text goes through make check's Markdown rule in the
# browser's Python; these cases are about what the form's fields already hold, and why.
NEWS_NOT_JUDGED = {
    "Nyhed med mellemrum.nyhed.md": "the editor names the file from the title (a slug)",
    "nyhed-link-til-anker.nyhed.md": (
        "an anchor on a meeting's page, whose anchors the build does not hand over (counting "
        "them costs seconds for a large site): a note that does not stop the save "
        "(test_an_anchor_on_a_page_of_the_edit_is_a_note_never_a_silent_pass); the pull "
        "request's make check refuses it"
    ),
    "nyhed-med-template.nyhed.md": "the form has only the model's fields",
    "nyhed-med-ugyldig-dato.nyhed.md": "the form's date input cannot hold a day that is not",
    "nyhed-uden-dato.nyhed.md": "the form's date is required",
    "nyhed-uden-front-matter.nyhed.md": "the editor writes the front matter from the form",
}

# Cases beyond the corpus, so that every rule of the books is exercised: meetings.yaml's text
# and the files in docs/ next to it.
ONE_MEETING = """
meetings:
  - title: Lokal udvikling
    date: 2027-11-18
    start: 10:00
    end: 15:00
    online:
      platform: Teams
"""
EXTRA: dict[str, tuple[str, dict[str, str]]] = {
    "end-date-before": (ONE_MEETING + "    end_date: 2027-11-17\n", {}),
    "end-date-far": (ONE_MEETING + "    end_date: 2027-11-21\n", {}),
    "deadline-after": (
        ONE_MEETING + "    registration:\n      url: https://x.dk\n      deadline: 2027-11-19\n",
        {},
    ),
    "invitation-after": (ONE_MEETING + "    announcement:\n      date: 2027-12-01\n", {}),
    "programme": (
        ONE_MEETING
        + """    programme:
      - start: 9:30
        title: For tidligt
      - start: 10:30
        end: 10:15
        title: Slutter før start
      - start: 11:00
        end: 12:00
        title: Frokost
      - start: 11:30
        title: Overlapper
      - start: 12:00
        title: Dag to
        day: 2
      - start: 14:00
        end: 15:30
        title: Slutter efter mødet
      - start: 15:00
        title: Efter mødet
""",
        {},
    ),
    "two-days": (
        ONE_MEETING
        + """    end_date: 2027-11-19
    programme:
      - start: 10:00
        title: Dag et
      - start: 9:00
        title: Dag to
        day: 2
      - start: 16:00
        title: Dag et igen
""",
        {},
    ),
    "spring-end-and-programme": (
        """
meetings:
  - title: Nat
    date: 2027-03-27
    end_date: 2027-03-28
    start: 22:00
    end: 02:15
    online:
      platform: Teams
    programme:
      - start: 22:00
        title: Aften
      - start: 02:00
        end: 02:10
        title: Nat
        day: 2
""",
        {},
    ),
    "materials-case": (
        ONE_MEETING
        + """    materials:
      - title: Slides
        url: materialer/slides.pdf
      - title: Referat
        url: materialer/Referat%20fra%20m%C3%B8det.pdf
      - title: Link
        url: https://www.kl.dk/x.pdf
""",
        {"materialer/Slides.pdf": "pdf", "materialer/Referat fra mødet.pdf": "pdf"},
    ),
    # characters no text may hold (text/characters.py), in any text of a meeting: the first
    # one of each text, whatever its kind; a character beyond U+FFFF (two UTF-16 units in
    # the browser) is a character like any other
    "characters-everywhere": (
        ONE_MEETING
        + """    description: "Linje\\r\\nny linje"
    summary: "Kort\\x7f"
    programme:
      - start: 10:00
        title: "Velkommen \\uFFFF og \\x01"
      - start: 11:00
        title: "Pause \\x9f"
        speakers:
          - Bo
          - "Anna \\x1b"
""",
        {},
    ),
    # the Markdown and link rules (the browser's Python): a programme item stands on the
    # meeting's page and on the invitation, and its link must work on both
    "link-on-the-invitation-too": (
        ONE_MEETING
        + """    announcement:
      date: 2027-11-01
      body: Kom og vær med. Læs [om netværket](../om.md).
    programme:
      - start: 10:00
        title: Velkommen
        description: Se [mødets side](2027-11-18.md) og [noget](findes-ikke.md).
""",
        {"om.md": "# Om netværket\n"},
    ),
    "valid-markdown-and-links": (
        ONE_MEETING
        + """    description: |
      Vi mødes **på rådhuset**. Læs [om netværket](../om.md) og [KL](https://www.kl.dk).

      - første punkt
      - andet punkt med `kode`

      | Hvad | Hvor |
      | --- | --- |
      | Frokost | Kantinen |
""",
        {"om.md": "# Om netværket\n"},
    ),
    # Anchors on the pages the edit does not make: the last build's count of them.
    "anchor-on-a-hand-written-page": (
        ONE_MEETING
        + """    description: Læs [kontakt](../om.md#kontaktt) og [intet](../om.md#intet-her).
""",
        {"om.md": "# Om netværket\n\n## Kontakt\n\nSkriv til os.\n"},
    ),
    "valid-anchor-on-a-hand-written-page": (
        ONE_MEETING
        + """    description: Læs [kontakt](../om.md#kontakt) og [om](../om.md#om-netværket).
""",
        {"om.md": "# Om netværket\n\n## Kontakt\n\nSkriv til os.\n"},
    ),
    "valid-characters-beyond-the-basic-plane": (
        ONE_MEETING.replace("Lokal udvikling", "Lokal udvikling \U0001f33e"),
        {},
    ),
    "valid-two-day-meeting": (
        ONE_MEETING
        + """    end_date: 2027-11-19
    registration:
      url: https://x.dk
      deadline: 2027-11-18
    programme:
      - start: 10:00
        title: Dag et
      - start: 14:00
        title: Sidst dag et
      - start: 9:00
        title: Dag to
        day: 2
""",
        {},
    ),
}


MEMBERS = """
organisers:
  - id: kl
    name: KL
  - id: kl
    name: "Landdistrikternes\\x02 Fællesråd"
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
    code: 740
  - id: silkeborg-igen
    name: Silkeborg Kommune
    region: Midtjylland
    code: 740
  - id: medlemmer
    name: Viborg Kommune
    region: Midtjylland
  - id: region-nord
    name: Thisted Kommune
    region: Nordjylland
"""
# The official list of municipalities: a code that is none, a code with another name and
# region, a name (no code) in the wrong region, the genitive and »Regionskommune« forms.
MUNICIPALITIES = """
members:
  - id: silkeborg
    name: Silkeborg
    region: Midtjylland
    code: 740
  - id: ingen
    name: Ingen Kommune
    region: Midtjylland
    code: 999
  - id: skive
    name: Silkeborg Kommune
    region: Syddanmark
    code: 779
  - id: thisted
    name: "  thisted kommune "
    region: Syddanmark
  - id: koebenhavn
    name: Københavns Kommune
    region: Hovedstaden
    code: 101
  - id: bornholm
    name: Bornholms Regionskommune
    region: Hovedstaden
    code: 400
  - id: kl-medlem
    name: Landdistrikternes Fællesråd
    region: Sjælland
"""
EXTRA_MEMBERS = {"members-taken-and-reserved": MEMBERS, "members-official-list": MUNICIPALITIES}


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not YAML_DIST.is_dir():
        pytest.fail("admin/node_modules is missing: run `npm ci --prefix admin` (make does)")
    root = tmp_path_factory.mktemp("netvaerk-rules")
    for name in (
        "netvaerk-rules.js",
        "netvaerk-yaml.js",
        "netvaerk-files.js",
        "netvaerk-python.js",
    ):
        shutil.copy(ADMIN / name, root / name)
    shutil.copytree(YAML_DIST, root / "yaml")  # where the site serves it: /admin/yaml/
    (root / "pyodide").mkdir()  # where the site serves it: /admin/pyodide/
    for name in PYODIDE_FILES:
        shutil.copy(ADMIN / "node_modules" / "pyodide" / name, root / "pyodide" / name)
    loader = (root / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
    (root / "pyodide" / "pyodide.mjs").write_text(localise_pyodide(loader), encoding="utf-8")
    (root / "python.zip").write_bytes(python_archive())
    (root / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (root / "driver.js").write_text(DRIVER, encoding="utf-8")
    order = field_order(MeetingsFile, MembersFile)
    (root / "order.json").write_text(json.dumps(order), encoding="utf-8")
    (root / "rules.json").write_text(json.dumps(browser_rules()), encoding="utf-8")
    return root


def _edited(name: str) -> str:
    """The data file a case is about."""
    members = name.endswith(".members.yaml") or name in EXTRA_MEMBERS
    return "data/members.yaml" if members else "data/meetings.yaml"


def _docs_files(root: Path) -> list[str]:
    docs = root / "docs"
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())


def _project(tmp_path: Path, name: str) -> Path:
    """A minimal project with the case's meetings file (and files in docs/) in place."""
    root = minimal_project(tmp_path / re.sub(r"\W", "-", name))
    if name in EXTRA_MEMBERS:
        text = textwrap.dedent(EXTRA_MEMBERS[name])
        (root / "data" / "members.yaml").write_text(text, encoding="utf-8")
    elif name in EXTRA:
        text, files = EXTRA[name]
        (root / "data" / "meetings.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        for path, content in files.items():
            (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
            (root / "docs" / path).write_text(content, encoding="utf-8")
    else:
        place(root, CORPUS / name)
    return root


@pytest.fixture(scope="module")
def verdicts(runner: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """For every meetings case: make check's problems and the browser's, as (field, message)."""
    tmp = tmp_path_factory.mktemp("cases")
    # What the last build before the edit hands the editor (/admin/index.html): every file
    # of the site, here the minimal project's generated ones; the docs/ files are the case's.
    base = minimal_project(tmp / "base")
    built = set(generated_sources(load_site(base / "data").meetings))
    corpus = [n for n in CORPUS_FILES if n.endswith((".meetings.yaml", ".members.yaml"))]
    news = [n for n in CORPUS_FILES if n.endswith(".nyhed.md")]
    base_site = load_site(base / "data")
    projects = {name: _project(tmp, name) for name in [*corpus, *news, *EXTRA, *EXTRA_MEMBERS]}
    cases = {
        name: {
            "text": (root / _edited(name)).read_text(encoding="utf-8"),
            "files": _docs_files(root),
            "routes": browser_routes(
                [*_docs_files(root), *built], *_built_anchors(base_site, root, built)
            ),
        }
        for name, root in projects.items()
    }
    for name in news:
        text = (CORPUS / name).read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        body = text[front.end() :] if front else text  # the form's »Tekst«
        # without the corpus's note as a heading (»# forventet: … <navn> …«): the case's
        # point is its file name, which make check refuses before it reads the text
        lines = body.splitlines(keepends=True)
        cases[name]["news"] = "".join(x for x in lines if not x.startswith("# forventet:"))
        cases[name]["page"] = f"nyheder/{name.removesuffix('.nyhed.md')}.md"  # as placed
    (runner / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    result = subprocess.run(
        ["node", "driver.js"],
        cwd=runner,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    browser = json.loads(result.stdout)
    out = {}
    for name, root in projects.items():
        by_check = sorted((p.field, p.message) for p in collect_problems(root))
        found = browser[name].get("problems")
        by_browser = None if found is None else sorted((p["field"], p["message"]) for p in found)
        notes = sorted((p["field"], p["message"]) for p in browser[name].get("notes", []))
        out[name] = (by_check, by_browser, notes)
    return out


def _built_anchors(
    site: Any, root: Path, built: set[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """The anchors the last build before the edit hands the editor: the minimal project's
    meeting pages and the case's pages in docs/, counted as the build counts them."""
    docs = root / "docs"
    pages = {
        src: (docs / src).read_text(encoding="utf-8")
        for src in _docs_files(root)
        if src.endswith(".md")
    }
    counted = anchors_of(site, [], pages, clock.today())
    return page_anchors(counted, sorted({*pages, *built}))


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_corpus_case_gets_make_checks_verdict_in_the_browser_or_a_reason(
    verdicts: dict[str, Any], name: str
) -> None:
    other = [reason for kind, reason in OTHER_FILES.items() if kind in name]
    if other:
        assert not name.endswith(".yaml")
        return  # the reason is the listing itself: the browser's rules see the data files
    by_check, by_browser, _notes = verdicts[name]
    assert by_check, f"{name} is no longer refused by make check"
    if name.endswith(".nyhed.md"):
        # make check names no field in a news file; the browser, the form's »Tekst« (body)
        assert all(field == "body" for field, _m in by_browser or [])
        by_check = sorted(m for _f, m in by_check)
        by_browser = sorted(m for _f, m in by_browser or [])
        if name in NEWS_NOT_JUDGED:
            assert by_browser == [], f"{name}: the browser judges it now; take it off"
        else:
            assert by_browser == by_check
        return
    if name in NOT_JUDGED:
        assert by_browser in (None, []), (
            f"{name}: the browser judges it now ({by_browser}); take it off NOT_JUDGED"
        )
    elif name in OTHER_WORDS:
        assert by_browser
        assert by_browser != by_check
    else:
        assert by_browser == by_check


@pytest.mark.parametrize("name", [*EXTRA, *EXTRA_MEMBERS])
def test_the_browser_gives_make_checks_words_for_every_rule(
    verdicts: dict[str, Any], name: str
) -> None:
    by_check, by_browser, notes = verdicts[name]
    assert by_browser == by_check
    assert bool(by_check) == (not name.startswith("valid-"))
    assert notes == []  # a page the edit does not make: judged, no note


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_.]+(?::[a-z_]+)?\}", template)
    return re.compile(".+?".join(re.escape(p) for p in parts) + "$")


def test_an_anchor_on_a_page_of_the_edit_is_a_note_never_a_silent_pass(
    verdicts: dict[str, Any],
) -> None:
    # The meeting's own page and the news list are made from the meetings being edited: the
    # browser cannot count their anchors, so it names each such link in a note at its field
    # (the save goes on; the pull request's make check judges it).
    by_check, by_browser, notes = verdicts["anker-i-beskrivelse.meetings.yaml"]
    assert by_browser == []
    named = {re.search(r"linket '([^']+)'", m)[1] for _f, m in notes}  # type: ignore[index]
    assert named == {"#findes-ikke", "../nyheder/index.md#nyheder"}
    for field, message in by_check:
        href = re.search(r"linket '([^']+)'", message)[1]  # type: ignore[index]
        assert (field, href) in {(f, h) for f, _m in notes for h in named if f"'{h}'" in _m}
    assert all(f == "meetings[0].description" for f, _m in notes)
    assert "mødets side /moeder/2021-01-28/" in " ".join(m for _f, m in notes)
    # A news item's link to an anchor on a meeting's page: the same, at the news item's text.
    by_check, by_browser, notes = verdicts["nyhed-link-til-anker.nyhed.md"]
    assert by_browser == [] and len(by_check) == 1
    assert [f for f, _m in notes] == ["body"]
    assert "linket '../moeder/2021-01-28.md#x' kan først tjekkes" in notes[0][1]


def test_every_rule_of_the_books_is_exercised(verdicts: dict[str, Any]) -> None:
    """Each rule fires, in the browser and in make check alike, in at least one case (or in
    the browser, in a case both refuse in other words: half a character, which Python's
    YAML refuses as a file error)."""
    messages = [m for _, (by_check, _b, _n) in verdicts.items() for _f, m in by_check]
    messages += [m for name in OTHER_WORDS for _f, m in verdicts[name][1]]
    for book in BOOKS:
        rules = [r.message for p in book.passes for r in p.rules]
        rules += [u.message for u in book.across]
        for template in rules:
            assert any(_pattern(template).match(m) for m in messages), template


def test_the_spring_gaps_are_zoneinfos() -> None:
    """The hours the browser refuses are exactly those zoneinfo says do not occur."""
    gaps = spring_gaps()
    assert gaps["2027-03-28"] == [120, 180]
    assert len(gaps) == 111  # one each spring, 1990-2100
    for iso, (first, last) in gaps.items():
        day = date.fromisoformat(iso)
        assert not exists_locally(day, time(first // 60, first % 60))
        assert not exists_locally(day, time((last - 1) // 60, (last - 1) % 60))
        assert exists_locally(day, time((first - 1) // 60, (first - 1) % 60))
        assert exists_locally(day, time(last // 60, last % 60))


def test_the_admin_page_carries_the_rules_with_the_builds_files() -> None:
    page = admin_page("Netværket", files=["materialer/a.pdf", "om.md", "materialer/b.pdf"])
    found = re.search(r'<script type="application/json" id="netvaerk-rules">(.*?)</script>', page)
    assert found
    embedded = json.loads(found[1])
    assert embedded["files"] == ["materialer/a.pdf", "materialer/b.pdf"]
    labels = embedded.pop("labels")
    assert embedded == browser_rules(["materialer/a.pdf", "materialer/b.pdf"])
    assert labels["meetings.programme.start"] == "Starttid"


DESCRIBE = """
import { readFileSync } from "node:fs";
import { describe } from "./netvaerk-rules.js";
const rules = JSON.parse(readFileSync("labelled.json", "utf8"));
const [problems, data] = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(problems.map((p) => describe(p, data, rules))));
"""


def test_the_panel_names_the_record_and_field_as_make_check_and_the_form_do(
    runner: Path, tmp_path: Path
) -> None:
    """The subject is content/naming.py's (the same text make check prints), the label the
    form's (cms.form_label)."""
    page = admin_page("Netværket")
    found = re.search(r'id="netvaerk-rules">(.*?)</script>', page)
    assert found
    (runner / "labelled.json").write_text(found[1], encoding="utf-8")
    (runner / "describe.js").write_text(DESCRIBE, encoding="utf-8")
    data = {
        "meetings": [{"title": "Tema", "date": "2027-11-18"}, {"date": "2027-11-19"}, {}],
        "members": [{"id": "skive", "name": "Skive Kommune"}],
        "organisers": [{"id": "kl"}],
    }
    problems = [
        {"field": "meetings[0].programme[1].start", "message": "m"},
        {"field": "meetings[1].end", "message": "m"},
        {"field": "meetings[2].id", "message": "m"},
        {"field": "members[0].code", "message": "m"},
        {"field": "organisers[0].id", "message": "m"},
    ]
    result = subprocess.run(
        ["node", "describe.js"],
        cwd=runner,
        input=json.dumps([problems, data]),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    named = [(p["subject"], p["label"]) for p in json.loads(result.stdout)]
    assert named == [
        ("mødet »Tema« (18. november 2027)", "Starttid"),
        ("mødet den 19. november 2027", "Sluttid"),
        ("møde nr. 3 i listen", "Fast id (sidens adresse)"),
        ("medlemmet »Skive Kommune«", form_label(MembersFile, "members.code")),
        ("facilitatoren »kl«", form_label(MembersFile, "organisers.id")),
    ]


def test_the_admin_page_carries_every_file_of_the_site_for_the_link_check() -> None:
    files = ["om.md", "moeder/2027-03-03.md", "materialer/a.pdf"]
    anchors = {"om.md": ["kontakt", "om-netværket"]}
    blocks = {"index.md": ["forside"]}
    page = admin_page("Netværket", files=files, anchors=(anchors, blocks))
    found = re.search(r'<script type="application/json" id="netvaerk-routes">(.*?)</script>', page)
    assert found
    routes = json.loads(found[1])
    assert routes["targets"] == ["materialer/a.pdf", "moeder/2027-03-03.md", "om.md"]
    assert routes["anchors"] == anchors
    assert routes["blocks"] == blocks
    assert routes["markdown"] == ["announcement.body", "description", "programme.description"]


def test_the_browsers_python_is_the_builds(tmp_path: Path) -> None:
    """The archive the editor's Pyodide imports from holds the installed Python-Markdown,
    the version requirements.txt pins, byte for byte, and our modules as they are; with it
    and the standard library alone (no site-packages: no pydantic, nh3 or PyYAML), the
    browser's rules import and judge."""
    archive = tmp_path / "python.zip"
    archive.write_bytes(python_archive())
    pinned = re.search(r"^markdown==(\S+)", (ROOT / "requirements.txt").read_text(), re.M)
    assert pinned
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert f"markdown-{pinned[1]}.dist-info/entry_points.txt" in names
        for name in ("markdown/core.py", "markdown/extensions/tables.py"):
            assert (
                opened.read(name)
                == Path(markdown.__file__)
                .parent.joinpath(name.removeprefix("markdown/"))
                .read_bytes()
            )
        own = ROOT / "hooks" / "netvaerk" / "text" / "safe_markdown.py"
        assert opened.read("netvaerk/text/safe_markdown.py") == own.read_bytes()
    script = f"""
import sys, json
sys.path.insert(0, {str(archive)!r})
from netvaerk.editing.browser_markdown import judge
data = {{"meetings": [{{"date": "2027-11-18", "description": "Hej <b>du</b>"}}]}}
print(judge("meetings", json.dumps(data), "{{}}"))
print(sorted(m for m in ("pydantic", "nh3", "yaml", "babel", "jinja2") if m in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], capture_output=True, text=True, check=True
    )
    problems, loaded = result.stdout.splitlines()
    assert json.loads(problems) == [
        {"field": "meetings[0].description", "message": tag_message("b")}
    ]
    assert loaded == "[]"


CHANGED = """
import { readFileSync } from "node:fs";
import { markdownChanged, markdownOfMeetings } from "./netvaerk-python.js";
const [paths, before, afters] = JSON.parse(readFileSync("changed.json", "utf8"));
const read = markdownOfMeetings(before, paths);
const out = afters.map((after) => markdownChanged(read, markdownOfMeetings(after, paths)));
out.push(markdownChanged(null, read));
process.stdout.write(JSON.stringify(out));
"""


def test_a_save_asks_python_only_when_markdown_or_a_page_changed(runner: Path) -> None:
    """The glue skips the browser's Python when a save leaves every Markdown text (and every
    meeting's page) as the file had it: the file's verdict cannot change then."""
    one = {
        "id": "a",
        "date": "2027-11-18",
        "end": "15:00",
        "description": "Tekst\n",
        "programme": [{"title": "Velkommen"}, {"description": "Om *det*"}],
    }
    two = {"date": "2027-12-01", "end": "12:00"}
    before = {"meetings": [one, two]}
    afters = {
        "as read": {"meetings": [one, two]},
        "without the last line break": {"meetings": [{**one, "description": "Tekst"}, two]},
        "another end": {"meetings": [{**one, "end": "16:00"}, {**two, "end": "13:00"}]},
        "a meeting without markdown added": {"meetings": [one, two, {"date": "2028-01-01"}]},
        "a description changed": {"meetings": [{**one, "description": "Ny"}, two]},
        "a programme description changed": {
            "meetings": [{**one, "programme": [{"description": "Om <b>det</b>"}]}, two]
        },
        "an invitation written": {
            "meetings": [one, {**two, "announcement": {"date": "2027-11-01", "body": "Kom"}}]
        },
        "an invitation without text added": {
            "meetings": [{**one, "announcement": {"date": "2027-11-01"}}, two]
        },
        "a meeting with markdown moved": {"meetings": [{**one, "id": "b"}, two]},
        "a meeting deleted": {"meetings": [one]},
    }
    (runner / "changed.json").write_text(
        json.dumps([browser_routes([])["markdown"], before, list(afters.values())]),
        encoding="utf-8",
    )
    (runner / "changed.js").write_text(CHANGED, encoding="utf-8")
    result = subprocess.run(
        ["node", "changed.js"], cwd=runner, capture_output=True, text=True, timeout=60, check=True
    )
    *changed, unknown = json.loads(result.stdout)
    assert dict(zip(afters, changed, strict=True)) == {
        "as read": False,
        "without the last line break": False,
        "another end": False,
        "a meeting without markdown added": False,
        "a description changed": True,
        "a programme description changed": True,
        "an invitation written": True,
        "an invitation without text added": True,  # the programme stands on it too
        "a meeting with markdown moved": True,
        "a meeting deleted": True,
    }
    assert unknown is True  # the file was never read: ask


def test_pyodides_loader_names_no_cdn_on_the_site() -> None:
    loader = (ADMIN / "node_modules" / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" in loader  # as npm ships it
    shipped = localise_pyodide(loader)
    assert not re.search(r"jsdelivr|unpkg|cdnjs|https?://", shipped)
    with pytest.raises(BundleChanged):
        localise_pyodide(loader.replace("cdn.jsdelivr.net", "cdn.example.net"))


def test_the_build_hands_over_the_anchors_of_the_hand_written_pages(tmp_path: Path) -> None:
    """The ids of each hand-written page as make check counts them (pages.anchors), which
    pages have generated blocks, and none of the meetings' own pages (too costly to count)."""
    root = minimal_project(tmp_path / "p")
    docs = root / "docs"
    (docs / "om.md").write_text("# Om netværket\n\n## Kontakt os\n\nTekst.\n", encoding="utf-8")
    (docs / "index.md").write_text(
        "# Forside\n\n<!-- netvaerk:upcoming -->\n\n## Om os\n", encoding="utf-8"
    )
    site = load_site(root / "data")
    built = set(generated_sources(site.meetings))
    assert "moeder/2021-01-28.md" in built
    pages = {src: (docs / src).read_text(encoding="utf-8") for src in ("om.md", "index.md")}
    ids, with_blocks = page_anchors(
        anchors_of(site, [], pages, clock.today()), sorted({*pages, *built})
    )
    assert ids["om.md"] == ["kontakt-os", "om-netværket"]
    assert "index.md" not in ids  # made with the meetings: its ids would not hold for an edit
    # made with the meetings: only its headings written by hand hold for an edit
    assert with_blocks == {"index.md": ["forside", "om-os"], "nyheder/index.md": []}
    assert not [src for src in ids if src.startswith("moeder/2")]


def test_the_news_index_gets_no_sure_ids_without_being_made(tmp_path: Path) -> None:
    """The news list's headings are the items' titles, so the editor is told none of its ids
    holds; the list is not made (nor the build's facts derived again) to count them."""
    root = minimal_project(tmp_path / "p")
    site = load_site(root / "data")
    counted = anchors_of(site, [], {}, clock.today())
    asked: list[str] = []

    def anchors(src: str) -> Any:
        asked.append(src)
        return counted(src)

    built = sorted(generated_sources(site.meetings))
    ids, with_blocks = page_anchors(anchors, built)
    assert with_blocks == {"nyheder/index.md": []}
    assert ids == {}
    assert "nyheder/index.md" not in asked
