"""Everything that can stop a build stops it in ``on_config``, before MkDocs cleans ``site/``,
and ``make check`` reports the same problems (issue 10, build level; issue 12, materials).

Cases: a hand-written file in ``docs/`` where the build generates one, a broken relative
link in a meeting's Markdown, a material file that is missing, a published id that changed
and an upcoming published meeting that was deleted. For each: the Danish message names file,
line and field; ``make check`` (``collect_problems``) and the build list the same problems;
and a previously good ``site/`` is byte-identical after the failed build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from factories import BROKEN_MEETINGS, ROOT, Project, epoch, snapshot
from icstools import GitRepo
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File

from netvaerk.check import collect_problems
from netvaerk.content.generated import generated_sources, site_path
from netvaerk.content.history import read_history
from netvaerk.content.load import load_content
from netvaerk.content.problems import DataError
from netvaerk.outputs import BuildContext, prepare

MEETINGS = "data/meetings.yaml"
CORONA = "mødet »Lokal udvikling i en coronatid« (28. januar 2021)"  # the first shipped meeting
T1 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 2, 9, 14, 30, tzinfo=UTC)


def line_of(project: Project, relative: str, text: str, start: int = 0) -> int:
    """The 1-based number of the first line from ``start`` that is ``text`` (stripped)."""
    lines = (project.root / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if i >= start and line.strip() == text) + 1


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_problems(project: Project, today: str = "2026-11-30") -> list[str]:
    """Run a build that must fail in on_config; return its problem lines."""
    with pytest.raises(Abort) as info:
        project.build(today=today)
    error = info.value.__context__
    assert isinstance(error, PluginError), repr(error)
    head, *lines = str(error).splitlines()
    assert head.startswith("Datafilerne indeholder"), head
    return [line.strip() for line in lines if line.startswith("  ")]


def check_problems(project: Project, monkeypatch: pytest.MonkeyPatch, today: str) -> list[str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch(today)))
    return [str(p) for p in collect_problems(project.root)]


def fails_alike(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    good_site: Path,
    today: str = "2026-11-30",
) -> list[str]:
    """``make check`` and the build report the same problems, and ``site/`` (a copy of a good
    build) is byte-identical after the failed build. Returns the problem lines."""
    shutil.copytree(good_site, project.site_dir)
    before = snapshot(project.site_dir)
    found = check_problems(project, monkeypatch, today)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert found, "make check found nothing"
    assert build_problems(project, today) == found
    assert snapshot(project.site_dir) == before
    return found


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the shipped data: the last good site that a failed build must keep."""
    proj = Project(tmp_path_factory.mktemp("good") / "project")
    return proj.build()


# --- the generated files: one list, the same as the build's ------------------------------


@pytest.mark.parametrize("today", ["2020-01-01", "2021-01-23", "2026-11-30", "2030-01-01"])
def test_generated_sources_are_exactly_what_prepare_generates(today: str) -> None:
    day = date.fromisoformat(today)
    site, written = load_content(ROOT / "data", ROOT / "docs", today=day)
    prepared = prepare(site, written, BuildContext(today=day, site_url="https://x.dk/"))
    assert set(prepared.files()) == set(generated_sources(site.meetings, day))
    assert set(prepared.files()) <= set(generated_sources(site.meetings))  # every announcement


@pytest.mark.parametrize(
    "src",
    [
        "index.md",
        "om.md",
        "moeder/index.md",
        "moeder/2021-01-28.md",
        "moeder.md",
        "moeder/2021-01-28/index.md",
        "moeder/README.md",
        "kalender.ics",
        "nyheder/feed.xml",
        "materialer/slides.pdf",
    ],
)
def test_site_path_is_where_mkdocs_writes_the_file(src: str) -> None:
    assert site_path(src) == File(src, "/docs", "/site", use_directory_urls=True).dest_uri


# --- hand-written files where the build generates one --------------------------------------

COLLISIONS = [
    ("docs/moeder/2021-01-28.md", "# Mit eget møde\n", "/moeder/2021-01-28/", "siden om mødet"),
    ("docs/moeder/2021-01-28/index.md", "# Også\n", "/moeder/2021-01-28/", "siden om mødet"),
    ("docs/moeder/2021-01-28.ics", "BEGIN:VCALENDAR\n", "/moeder/2021-01-28.ics", "kalenderfilen"),
    ("docs/nyheder/feed.xml", "<feed/>\n", "/nyheder/feed.xml", "nyhedsfeedet"),
    ("docs/nyheder/index.md", "# Nyheder\n", "/nyheder/", "nyhedsoversigten"),
    ("docs/kalender.ics", "BEGIN:VCALENDAR\n", "/kalender.ics", "kalenderfeedet"),
    (
        "docs/nyheder/2027-01-28-invitation.md",
        "---\ndate: 2026-11-01\n---\n\n# Invitation\n\nTekst.\n",
        "/nyheder/2027-01-28-invitation/",
        "invitationen til mødet 2027-01-28",
    ),
]


@pytest.mark.build
@pytest.mark.parametrize(("path", "text", "address", "what"), COLLISIONS)
def test_a_hand_written_file_where_a_generated_one_goes_stops_the_build_early(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    good_site: Path,
    path: str,
    text: str,
    address: str,
    what: str,
) -> None:
    project.write(path, text)
    (problem,) = fails_alike(project, monkeypatch, good_site)
    assert problem.startswith(f"{path}:1: adressen {address} bruges af {what}")
    assert problem.endswith(("omdøb eller slet filen", "giv filen et andet navn"))


def test_collisions_with_invalid_meetings_still_name_the_fixed_addresses(
    project: Project,
) -> None:
    project.write("docs/kalender.ics", "BEGIN:VCALENDAR\n")
    edit(project, MEETINGS, "    start: 12:30\n    end: 15:30", "    start: 12:30\n    end: x")
    found = [str(p) for p in collect_problems(project.root)]
    assert any(p.startswith("docs/kalender.ics:1: adressen /kalender.ics") for p in found)
    assert any("› end:" in p for p in found)


# --- relative links in the meetings' Markdown -----------------------------------------------

DESCRIPTION = """    description: |
      Coronaen har vendt op og ned på måden, vi arbejder med lokal udvikling på.
      Læs [om netværket](../om.md), [det næste møde](2021-05-20.md),
      [kalenderen](../kalender.ics), [nyhederne](../nyheder/index.md#nyheder),
      [KL](https://www.kl.dk), [skriv](mailto:a@kl.dk), [her](#program) og [roden](/om/).
      Men [planen](plan.md) og [oversigten](../moeder/) findes ikke.
"""


@pytest.mark.build
def test_broken_relative_links_in_a_description_are_reported_at_their_line(
    project: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path
) -> None:
    edit(project, MEETINGS, "    description: |\n" + DESCRIPTION.splitlines(True)[1], DESCRIPTION)
    line = line_of(project, MEETINGS, DESCRIPTION.splitlines()[-1].strip())
    field = f"{CORONA} › description"
    found = fails_alike(project, monkeypatch, good_site)
    assert found == [
        f"{MEETINGS}:{line}: {field}: linket '../moeder/' virker ikke: der er ingen side eller "
        "fil docs/moeder (et link uden https:// læses fra mødets side /moeder/2021-01-28/); "
        "mente du 'index.md'?",
        f"{MEETINGS}:{line}: {field}: linket 'plan.md' virker ikke: der er ingen "
        "side eller fil docs/moeder/plan.md (et link uden https:// læses fra mødets "
        "side /moeder/2021-01-28/); et link til en anden side i docs/ begynder her med ../, "
        "fx '../om.md'",
    ]


@pytest.mark.build
def test_links_in_an_announcement_and_a_programme_item_are_read_from_their_pages(
    project: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path
) -> None:
    # On the invitation page (nyheder/) a sibling meeting page is ../moeder/…; a programme
    # item's description is on the meeting page and the invitation: it must work on both.
    edit(
        project,
        MEETINGS,
        "        på Teams. Temaet er lokal udvikling i en coronatid.\n",
        "        på Teams. Se [mødet](2021-01-28.md).\n",
    )
    edit(
        project,
        MEETINGS,
        "        title: Kort pause\n",
        "        title: Kort pause\n        description: Se [næste møde](2021-05-20.md).\n",
    )
    body_line = line_of(project, MEETINGS, "på Teams. Se [mødet](2021-01-28.md).")
    item_line = line_of(project, MEETINGS, "description: Se [næste møde](2021-05-20.md).")
    found = fails_alike(project, monkeypatch, good_site)
    assert [p.split(": linket")[0] for p in found] == [
        f"{MEETINGS}:{body_line}: {CORONA} › announcement › body",
        f"{MEETINGS}:{item_line}: {CORONA} › programme punkt 3 › description",
    ]
    assert "invitationens side /nyheder/2021-01-28-invitation/" in found[0]
    assert "mente du '../moeder/2021-01-28.md'?" in found[0]
    assert found[1].endswith(
        "linket '2021-05-20.md' virker på mødets side /moeder/2021-01-28/, men ikke på "
        "invitationens side /nyheder/2021-01-28-invitation/, hvor programmet også står; skriv "
        "'../moeder/2021-05-20.md', som virker begge steder"
    )


def test_good_relative_links_pass_make_check(project: Project) -> None:
    good = DESCRIPTION.replace(
        "      Men [planen](plan.md) og [oversigten](../moeder/) findes ikke.\n",
        "      Se [planen](../nyheder/planen-for-2027.md) og [oversigten](index.md).\n",
    )
    edit(project, MEETINGS, "    description: |\n", good)
    assert collect_problems(project.root) == []


# --- materials kept in docs/materialer/ -----------------------------------------------------

MATERIALS = """    materials:
      - title: Slides fra workshoppen
        url: materialer/2021-01-28/oplæg om bosætning.pdf
      - title: Referat
        url: https://www.kl.dk/referat
"""
PDF = b"%PDF-1.4\n% netvaerk test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.build
def test_a_material_in_docs_materialer_is_linked_from_the_meeting_page(project: Project) -> None:
    edit(project, MEETINGS, "    registration:\n", MATERIALS + "    registration:\n")
    pdf = project.root / "docs" / "materialer" / "2021-01-28" / "oplæg om bosætning.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(PDF)
    site = project.build()
    page_url = "https://landdistriktskoordinatorer.dk/moeder/2021-01-28/"
    html = project.page("moeder/2021-01-28/")
    hrefs = [h for h in _hrefs(html) if h.endswith(".pdf") or "referat" in h]
    assert len(hrefs) == 2 and hrefs[1] == "https://www.kl.dk/referat"
    target = urlsplit(urljoin(page_url, hrefs[0]))
    assert target.netloc == "landdistriktskoordinatorer.dk"
    assert (site / unquote(target.path).lstrip("/")).read_bytes() == PDF


def _hrefs(html: str) -> list[str]:
    from html.parser import HTMLParser

    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            href = dict(attrs).get("href")
            if tag == "a" and href:
                found.append(href)

    Links().feed(html)
    return found


@pytest.mark.build
def test_a_missing_material_file_stops_the_build_with_its_line(
    project: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path
) -> None:
    edit(project, MEETINGS, "    registration:\n", MATERIALS + "    registration:\n")
    (project.root / "docs" / "materialer" / "2021-01-28").mkdir(parents=True)
    (project.root / "docs/materialer/2021-01-28/Oplæg om bosætning.pdf").write_bytes(PDF)
    line = line_of(project, MEETINGS, "url: materialer/2021-01-28/oplæg om bosætning.pdf")
    (problem,) = fails_alike(project, monkeypatch, good_site)
    assert problem == (
        f"{MEETINGS}:{line}: {CORONA} › materials punkt 1 › url: filen "
        "docs/materialer/2021-01-28/oplæg om bosætning.pdf findes ikke; mente du url: "
        "materialer/2021-01-28/Oplæg om bosætning.pdf? (store og små bogstaver skal passe)"
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("docs/materialer/slides.pdf", "skriv stien fra mappen docs/, uden docs/, / eller ../"),
        ("../materialer/slides.pdf", "url: materialer/slides.pdf"),
        ("/materialer/slides.pdf", "url: materialer/slides.pdf"),
        ("slides.pdf", "læg filen i mappen docs/materialer/ og skriv url: materialer/slides.pdf"),
        ("materialer/../om.md", "er ikke en gyldig adresse"),
        ("ftp://x.dk/slides.pdf", "er ikke en gyldig adresse"),
    ],
)
def test_a_material_url_is_a_web_address_or_a_path_in_materialer(
    project: Project, url: str, words: str
) -> None:
    edit(project, MEETINGS, "    registration:\n", MATERIALS + "    registration:\n")
    edit(project, MEETINGS, "url: materialer/2021-01-28/oplæg om bosætning.pdf", f"url: {url}")
    line = line_of(project, MEETINGS, f"url: {url}")
    (problem,) = collect_problems(project.root)
    assert (problem.file, problem.line, problem.field) == (
        MEETINGS,
        line,
        "meetings[0].materials[0].url",
    )
    assert words in problem.message


# --- published ids: kept, and upcoming meetings cancelled rather than deleted ---------------

PUBLISHED = """\
meetings:
  - id: foraar
    title: Forårsmødet
    date: 2026-04-23
    start: 10:00
    end: 15:00
    venue:
      name: Skive Rådhus
  - id: efteraar
    title: Efterårsmødet
    date: 2026-09-24
    start: 10:00
    end: 15:00
    online:
      platform: Teams
"""


@pytest.fixture
def published(project: Project) -> Project:
    GitRepo(project.root).commit(MEETINGS, PUBLISHED, T1)
    return project


@pytest.mark.build
def test_a_published_id_that_changes_stops_the_build(
    published: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path
) -> None:
    published.write(MEETINGS, PUBLISHED.replace("id: efteraar", "id: efteraarsmoedet"))
    line = line_of(published, MEETINGS, "- id: efteraarsmoedet")
    (problem,) = fails_alike(published, monkeypatch, good_site, today="2026-06-01")
    assert problem.startswith(
        f"{MEETINGS}:{line}: mødet »Efterårsmødet« (24. september 2026) › id: id'et er ændret "
        "fra efteraar til efteraarsmoedet, "
        "men efteraar er offentliggjort"
    )
    assert "skriv id: efteraar igen" in problem
    # Also for a past meeting: its address is part of the archive.
    published.write(MEETINGS, PUBLISHED.replace("id: foraar", "id: foraar-2026"))
    (problem,) = check_problems(published, monkeypatch, "2026-11-30")
    assert "id'et er ændret fra foraar til foraar-2026" in problem
    # A new meeting beside the published ones is fine; so is putting the old id back.
    published.write(MEETINGS, PUBLISHED + VINTER)
    assert check_problems(published, monkeypatch, "2026-06-01") == []


VINTER = """\
  - id: vinter
    title: Vintermødet
    date: 2026-12-03
    start: 10:00
    end: 15:00
    online:
      platform: Teams
"""


@pytest.mark.build
@pytest.mark.parametrize(
    "edited",
    [
        PUBLISHED.split("  - id: efteraar")[0],  # the autumn meeting deleted
        "meetings:\n",  # the list emptied
        "meetings: []\n",
    ],
)
def test_deleting_an_upcoming_published_meeting_stops_the_build(
    published: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path, edited: str
) -> None:
    published.write(MEETINGS, edited)
    line = line_of(published, MEETINGS, edited.splitlines()[0])
    found = fails_alike(published, monkeypatch, good_site, today="2026-06-01")
    assert found == [
        f"{MEETINGS}:{line}: meetings: mødet efteraar (Efterårsmødet) er slettet, men det er "
        "offentliggjort og ikke afholdt endnu: abonnenterne har det i deres kalender og får "
        "ikke besked, når det bare forsvinder; sæt mødet tilbage med status: cancelled, så "
        "står det som aflyst på siden og i kalenderne (har du givet det et nyt id, så skriv "
        "id: efteraar igen)"
    ]


def test_a_past_meeting_may_be_deleted_and_a_cancelled_one_kept(
    published: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    published.write(MEETINGS, PUBLISHED.split("  - id: efteraar")[0])
    assert check_problems(published, monkeypatch, "2026-09-25") == []  # the day after it
    assert len(check_problems(published, monkeypatch, "2026-09-24")) == 1  # its day
    cancelled = PUBLISHED.replace("platform: Teams", "platform: Teams\n    status: cancelled")
    published.write(MEETINGS, cancelled)
    assert check_problems(published, monkeypatch, "2026-06-01") == []


# --- building without Git history ----------------------------------------------------------


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` as the command line runs it, 'today' pinned."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch("2026-11-30"))}
    mkdocs = str(ROOT / ".venv" / "bin" / "mkdocs")
    return subprocess.run(
        [mkdocs, "build", *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.build
def test_a_shallow_clone_builds_with_a_warning_that_names_the_consequence(
    project: Project, tmp_path: Path
) -> None:
    origin = GitRepo(project.root)
    origin.commit(MEETINGS, PUBLISHED, T1)
    origin.commit(MEETINGS, PUBLISHED.replace("10:00", "11:00", 1), T2)
    origin.git("add", "-A")
    origin.git("commit", "-q", "-m", "the rest of the project", when=T2)
    clone = tmp_path / "clone"
    origin.git("clone", "-q", "--depth", "1", f"file://{project.root}", str(clone))
    assert (clone / "hooks").is_symlink()  # the project's symlinks, as the test made them

    result = mkdocs_build(clone, "--no-strict")  # a look at the site without full history
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    (line,) = [line for line in output.splitlines() if "Git-historik" in line]
    assert line.startswith("WARNING") and "kort klon" in line
    assert "kalendere opdager måske ikke, at et møde er ændret" in line
    # make build (strict, as mkdocs.yml says) refuses to publish calendars whose SEQUENCE
    # would fall back to 0, so that clients would ignore every later change.
    strict = mkdocs_build(clone)
    assert strict.returncode != 0
    assert "kalendere opdager måske ikke" in strict.stdout + strict.stderr
    # A downloaded zip (no Git at all) passes --strict with an INFO line:
    # test_history.test_without_git_the_build_works_and_says_so_once.


def test_git_missing_in_a_repository_is_lost_history_and_outside_one_is_not(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime(2026, 11, 30, tzinfo=UTC)
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    outside = read_history(project.root / MEETINGS, now)
    assert outside.note == "git er ikke installeret" and not outside.lost
    (project.root / ".git").mkdir()
    inside = read_history(project.root / MEETINGS, now)
    assert inside.note == "git er ikke installeret" and inside.lost
    assert "git fetch --unshallow" in inside.explanation()


def test_data_error_lists_every_problem_of_every_kind_at_once(project: Project) -> None:
    project.write("docs/nyheder/feed.xml", "<feed/>\n")
    edit(project, MEETINGS, "    description: |\n", "    description: |\n      [x](x.md)\n")
    edit(project, MEETINGS, "    registration:\n", MATERIALS + "    registration:\n")
    with pytest.raises(DataError) as caught:
        load_content(project.root / "data", project.root / "docs", today=date(2026, 11, 30))
    fields = {(p.file, p.field) for p in caught.value.problems}
    assert fields == {
        ("docs/nyheder/feed.xml", ""),
        (MEETINGS, "meetings[0].description"),
        (MEETINGS, "meetings[0].materials[0].url"),
    }


@pytest.mark.build
def test_make_check_and_the_build_agree_on_broken_data_and_keep_the_site(
    project: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path
) -> None:
    project.write(MEETINGS, BROKEN_MEETINGS)
    project.write("docs/nyheder/uden-dato.md", "# Nyhed uden dato\n")
    project.write("docs/kalender.ics", "BEGIN:VCALENDAR\n")
    found = fails_alike(project, monkeypatch, good_site)
    assert [line.split(":")[0] for line in found] == [
        MEETINGS,
        MEETINGS,
        MEETINGS,
        "docs/kalender.ics",
        "docs/nyheder/uden-dato.md",
    ]


@pytest.mark.build
def test_a_broken_link_in_a_hand_written_page_stops_the_build_early(
    project: Project, monkeypatch: pytest.MonkeyPatch, good_site: Path
) -> None:
    # MkDocs would stop a strict build for these too, but only after cleaning site/.
    news = project.root / "docs" / "nyheder" / "planen-for-2027.md"
    text = news.read_text(encoding="utf-8")
    news.write_text(
        text + "\nSe [mødet i januar](../moeder/2021-01-28.md) og [arkivet](../moeder/arkiv.md).\n",
        encoding="utf-8",
    )
    om = project.root / "docs" / "om.md"
    om.write_text(om.read_text(encoding="utf-8") + "\n![Logo](billeder/logo.png)\n", "utf-8")
    news_line = len(news.read_text(encoding="utf-8").splitlines())
    om_line = len(om.read_text(encoding="utf-8").splitlines())
    found = fails_alike(project, monkeypatch, good_site)
    assert found == [
        f"docs/nyheder/planen-for-2027.md:{news_line}: linket '../moeder/arkiv.md' virker ikke: "
        "der er ingen side eller fil docs/moeder/arkiv.md (et link uden https:// læses fra "
        "siden /nyheder/planen-for-2027/); ret linket, eller læg filen i docs/",
        f"docs/om.md:{om_line}: linket 'billeder/logo.png' virker ikke: der er ingen side eller "
        "fil docs/billeder/logo.png (et link uden https:// læses fra siden /om/); ret linket, "
        "eller læg filen i docs/",
    ]


def test_an_id_is_retired_on_purpose_by_cancelling_the_old_meeting(
    published: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    published.write(MEETINGS, PUBLISHED.replace("id: efteraar", "id: efteraarsmoedet"))
    (problem,) = check_problems(published, monkeypatch, "2026-06-01")
    assert problem.endswith(
        "skal mødet med vilje have et nyt id, så lad mødet med id: efteraar stå med "
        "status: cancelled og opret mødet igen med det nye id"
    )
    old = PUBLISHED.split("  - id: efteraar")[1].replace(
        "Teams\n", "Teams\n    status: cancelled\n"
    )
    new = PUBLISHED.split("  - id: efteraar")[1]
    published.write(MEETINGS, PUBLISHED + "  - id: efteraarsmoedet" + new)
    edit(
        published, MEETINGS, "  - id: efteraar\n" + new.split("\n", 1)[1], "  - id: efteraar" + old
    )
    assert check_problems(published, monkeypatch, "2026-06-01") == []
