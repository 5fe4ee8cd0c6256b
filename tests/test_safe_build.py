"""The last good ``site/`` is never lost, by construction (issue 17).

Every build writes into a fresh directory beside ``site/`` and swaps it in only when the whole
build, strict warnings included, has succeeded (``netvaerk/staging.py``, the glue's
``on_post_build``). The unit tests drive the swap itself; the build tests take a good site,
hash every file, cause a failure of each class that used to come after MkDocs had cleaned
``site/`` (a strict warning, an exception while pages are written, a history problem, a bad
``SOURCE_DATE_EPOCH``, a link that would publish ``data/``), rebuild with ``--strict`` and
require ``site/`` byte-identical, with the Danish message and no traceback, on both engines.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import types
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from factories import (
    BIN,
    ENGINES,
    MINIMAL_MEETINGS,
    ROOT,
    Project,
    epoch,
    minimal_project,
    snapshot,
)
from icalendar import Calendar
from icstools import GitRepo
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.exceptions import Abort, PluginError

from netvaerk import staging
from netvaerk.check import collect_problems
from netvaerk.content import clock, placeholders
from netvaerk.content.derive import derive
from netvaerk.content.history import read_history
from netvaerk.content.load import load_content
from netvaerk.feeds import published
from netvaerk.feeds.calendar import calendar_files
from netvaerk.outputs import BuildContext, prepare

# --- the swap, without a build ------------------------------------------------------------


def _site(root: Path, text: str) -> Path:
    site = root / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(text, encoding="utf-8")
    (site / "a" / "b.txt").write_text(text * 2, encoding="utf-8")
    return site


def _beside(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


def test_publish_replaces_the_site_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    site = _site(tmp_path, "gammel")
    stage = staging.begin(site)
    assert stage.path.parent == tmp_path and stage.path != site
    assert list(stage.path.iterdir()) == []  # fresh: nothing of the old site
    (stage.path / "index.html").write_text("ny", encoding="utf-8")
    assert (site / "index.html").read_text(encoding="utf-8") == "gammel"  # not yet
    staging.publish(stage)
    assert snapshot(site) == {"index.html": b"ny"}
    assert _beside(tmp_path) == ["site"]


def test_discard_leaves_the_old_site_byte_for_byte(tmp_path: Path) -> None:
    site = _site(tmp_path, "gammel")
    before = snapshot(site)
    stage = staging.begin(site)
    (stage.path / "index.html").write_text("halv", encoding="utf-8")
    staging.discard(stage)
    assert snapshot(site) == before
    assert _beside(tmp_path) == ["site"]


def test_a_swap_that_cannot_finish_puts_the_old_site_back(tmp_path: Path) -> None:
    site = _site(tmp_path, "gammel")
    before = snapshot(site)
    stage = staging.begin(site)
    shutil.rmtree(stage.path)  # the new site is gone when the swap starts
    with pytest.raises(staging.StagingError, match="den gamle er lagt tilbage"):
        staging.publish(stage)
    assert snapshot(site) == before
    assert _beside(tmp_path) == ["site"]


def test_publish_without_an_old_site(tmp_path: Path) -> None:
    stage = staging.begin(tmp_path / "out" / "site")
    (stage.path / "index.html").write_text("første", encoding="utf-8")
    staging.publish(stage)
    assert snapshot(tmp_path / "out" / "site") == {"index.html": "første".encode()}


def test_a_dirty_build_starts_from_a_copy_of_the_site(tmp_path: Path) -> None:
    site = _site(tmp_path, "gammel")
    stage = staging.begin(site, keep_existing=True)
    assert snapshot(stage.path) == snapshot(site)
    assert (stage.path / "a" / "b.txt").stat().st_mtime == (site / "a" / "b.txt").stat().st_mtime


def _dead_pid() -> int:
    pid = 2**22 + 1  # above Linux' default pid_max: no such process
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


def test_a_swap_killed_between_its_renames_is_undone_by_the_next_build(tmp_path: Path) -> None:
    site = _site(tmp_path, "gammel")
    before = snapshot(site)
    aside = tmp_path / f".site.{staging.OLD}-{_dead_pid()}-x"
    aside.mkdir()
    os.replace(site, aside / "site")  # the first rename done, the process killed
    (tmp_path / f".site.{staging.NEW}-{_dead_pid()}-y").mkdir()  # its unfinished build
    stage = staging.begin(site)
    assert snapshot(site) == before
    assert _beside(tmp_path) == sorted(["site", stage.path.name])


def test_a_running_build_beside_the_site_is_left_alone(tmp_path: Path) -> None:
    site = _site(tmp_path, "gammel")
    other = staging.begin(site)  # this process is alive: its directory is in use
    assert staging.sweep(site) == []
    assert other.path.is_dir()


@pytest.mark.parametrize("value", ["-1", "abc", "99999999999999", "1790848800.5", "١٢٣", "0x10"])
def test_a_bad_source_date_epoch_is_a_danish_problem_in_make_check(
    value: str, monkeypatch: pytest.MonkeyPatch, project: Project
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(clock.ClockError, match=r"helt antal sekunder siden 1\. januar 1970"):
        clock.build_timestamp()
    [problem] = collect_problems(project.root)
    assert problem.file == "SOURCE_DATE_EPOCH" and value[:40] in problem.message


@pytest.mark.parametrize("value", ["0", "1790848800", str(2**32 - 1), " 1790848800 "])
def test_a_good_source_date_epoch_is_read(value: str) -> None:
    assert clock.build_timestamp({"SOURCE_DATE_EPOCH": value}) == int(value)


def test_the_known_placeholders_are_the_blocks_the_build_makes() -> None:
    site, written = load_content(ROOT / "data", ROOT / "docs", today=date(2026, 11, 30))
    ctx = BuildContext(today=date(2026, 11, 30), site_url="https://x.dk/")
    assert set(prepare(site, written, ctx).blocks) == placeholders.NAMES


def test_an_unknown_placeholder_in_a_hand_written_page_is_a_problem_at_its_line(
    project: Project,
) -> None:
    _append(project, "docs/om.md", "\nTekst.\n\n<!-- netvaerk:findesikke -->\n")
    line = (project.root / "docs/om.md").read_text(encoding="utf-8").count("\n")
    [problem] = collect_problems(project.root)
    assert (problem.file, problem.line) == ("docs/om.md", line)
    assert problem.message.startswith("ukendt pladsholder <!-- netvaerk:findesikke -->")


# --- builds: each late failure keeps the last good site -----------------------------------


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the shipped data: the last good site that a failed build must keep."""
    return Project(tmp_path_factory.mktemp("good") / "project").build()


def _with_good_site(project: Project, good_site: Path) -> dict[str, bytes]:
    shutil.copytree(good_site, project.site_dir)
    return snapshot(project.site_dir)


def _append(project: Project, relative: str, text: str) -> None:
    path = project.root / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.build
def test_a_strict_warning_keeps_the_last_good_site(
    project: Project,
    good_site: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A warning MkDocs gives only while it writes the pages, after on_config: the last one
    the editors could cause, a link to a missing anchor, is found before now (test_anchors),
    so the warning is made here, as a future one would come."""
    before = _with_good_site(project, good_site)
    real = mkdocs_build_module._build_page
    written: list[str] = []

    def warns_halfway(page, config, *args, **kwargs):  # type: ignore[no-untyped-def]
        written.append(page.file.src_uri)
        if len(written) == 10:
            logging.getLogger("mkdocs.structure.pages").warning("a warning nobody foresaw")
        return real(page, config, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build_module, "_build_page", warns_halfway)
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode"):
        project.build()
    assert "a warning nobody foresaw" in caplog.text
    assert len(written) > 10  # the build went on writing pages into its staging folder
    assert snapshot(project.site_dir) == before
    assert [p for p in project.root.iterdir() if p.name.startswith(".site.")] == []


@pytest.mark.build
def test_an_exception_while_pages_are_written_keeps_the_last_good_site(
    project: Project, good_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any failure, also one nobody has thought of yet: the build writes half its pages, then
    breaks. The swap never happens."""
    before = _with_good_site(project, good_site)
    real = mkdocs_build_module._build_page
    written: list[str] = []

    def breaks_halfway(page, config, *args, **kwargs):  # type: ignore[no-untyped-def]
        if len(written) == 10:
            raise RecursionError("maximum recursion depth exceeded")
        written.append(page.file.src_uri)
        return real(page, config, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build_module, "_build_page", breaks_halfway)
    with pytest.raises(RecursionError):
        project.build()
    assert len(written) == 10
    assert snapshot(project.site_dir) == before
    assert [p for p in project.root.iterdir() if p.name.startswith(".site.")] == []


@pytest.mark.build
def test_without_mkdocs_strict_counter_the_site_is_not_replaced(
    project: Project, good_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a future engine counted strict warnings some other way, nobody could tell whether
    the build succeeded: the glue then refuses to swap rather than guess."""

    class OtherCounter(logging.NullHandler):
        def get_counts(self) -> list[tuple[str, int]]:
            return []

    before = _with_good_site(project, good_site)
    _append(project, "docs/om.md", "\nEn ny sætning.\n")
    # build() counts with this class; the glue still looks for MkDocs' own CountHandler
    counting = types.SimpleNamespace(**{**vars(mkdocs_utils), "CountHandler": OtherCounter})
    monkeypatch.setattr(mkdocs_build_module, "utils", counting)
    with pytest.raises(Abort) as info:
        project.build()
    assert "kan ikke se, om bygningen gav advarsler" in str(info.value.__context__)
    assert snapshot(project.site_dir) == before


@pytest.mark.build
def test_a_history_that_cannot_be_read_keeps_the_last_good_site(
    project: Project, good_site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Git checkout with no commit: every SEQUENCE would be 0. A WARNING in on_config, which
    aborts only after MkDocs has written the site; the old one stays."""
    before = _with_good_site(project, good_site)
    GitRepo(project.root)  # git init, nothing committed
    [problem] = collect_problems(project.root)  # make check: the same verdict
    assert problem.message.startswith("Kalenderen: Git-historikken for møderne kan ikke læses")
    with pytest.raises(Abort, match="in strict mode"):
        project.build()
    [warning] = [r for r in caplog.records if r.levelname == "WARNING"]
    assert problem.message in warning.getMessage()
    assert snapshot(project.site_dir) == before


@pytest.mark.build
def test_a_good_build_replaces_the_site_completely(project: Project, good_site: Path) -> None:
    _with_good_site(project, good_site)
    (project.site_dir / "stale.html").write_text("fra en gammel bygning", encoding="utf-8")
    _append(project, "docs/om.md", "\nEn ny sætning om netværket.\n")
    project.build()
    assert not (project.site_dir / "stale.html").exists()
    assert "En ny sætning om netværket." in project.page("om/")
    assert snapshot(project.site_dir).keys() == snapshot(good_site).keys()


@pytest.mark.build
@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_keeps_the_site_on_a_strict_warning_and_swaps_on_success(
    project: Project, good_site: Path, engine: str
) -> None:
    before = _with_good_site(project, good_site)
    # A warning the engine gives after on_config, when it reads the nav (mkdocs.yml is no
    # editors' file, and make check does not read it).
    config = project.root / "mkdocs.yml"
    good_config = config.read_text(encoding="utf-8")
    config.write_text(
        good_config.replace("  - Om netværket: om.md\n", "  - Om netværket: findes-ikke.md\n"),
        encoding="utf-8",
    )
    failed = project.cli_build(engine)
    assert failed.returncode != 0
    assert "'findes-ikke.md' is included in the 'nav' configuration" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert snapshot(project.site_dir) == before
    config.write_text(good_config, encoding="utf-8")
    om = project.root / "docs" / "om.md"
    om.write_text(om.read_text(encoding="utf-8") + "\nEn ny sætning.\n", encoding="utf-8")
    done = project.cli_build(engine)
    assert done.returncode == 0, done.stderr
    assert "En ny sætning." in project.page("om/")
    assert [p for p in project.root.iterdir() if p.name.startswith(".site.")] == []


@pytest.mark.build
@pytest.mark.parametrize("engine", ENGINES)
def test_a_bad_source_date_epoch_stops_the_build_in_danish(
    project: Project, good_site: Path, engine: str
) -> None:
    before = _with_good_site(project, good_site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "-1"}
    done = subprocess.run(
        [str(BIN / engine), "build", "--strict"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert "SOURCE_DATE_EPOCH=-1: skal være et helt antal sekunder" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(project.site_dir) == before


# Links in docs/ that MkDocs would follow: to data/, to .git/, round in a circle.
LINKS = [
    ("docs/materialer/medlemmer.yaml", "../../data/members.yaml", "til data/members.yaml"),
    ("docs/data", "../data", "til data; intet fra data/ eller .git/"),
    ("docs/git.txt", "../.git/config", "til .git/config; intet fra data/ eller .git/"),
    ("docs/self", ".", "tilbage til en mappe, den selv ligger i"),
    ("docs/a.md", "b.md", "tilbage til en mappe, den selv ligger i"),
]


@pytest.mark.build
@pytest.mark.parametrize(("link", "target", "said"), LINKS)
def test_a_link_that_would_publish_data_or_git_or_loop_is_refused(
    project: Project,
    good_site: Path,
    monkeypatch: pytest.MonkeyPatch,
    link: str,
    target: str,
    said: str,
) -> None:
    before = _with_good_site(project, good_site)
    repo = GitRepo(project.root)
    repo.git("add", "data")
    repo.git("commit", "-q", "-m", "data")
    path = project.root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    if link == "docs/a.md":
        (project.root / "docs" / "b.md").symlink_to("a.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    found = [str(p) for p in collect_problems(project.root)]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert any(line.startswith(f"{link}:") and said in line for line in found), found
    with pytest.raises(Abort) as info:
        project.build()
    error = info.value.__context__
    assert isinstance(error, PluginError)
    assert [line.strip() for line in str(error).splitlines()[1:]] == found
    assert snapshot(project.site_dir) == before


NFD = unicodedata.normalize("NFD", "årsmøde")
NEWS = "---\ndate: 2026-01-01\n---\n\n# Årsmøde\n\nTekst.\n"
# Files in docs/ that MkDocs and Python-Markdown used to stumble on after cleaning site/:
# (files to write, the file reported, what its message says).
EARLY = [
    (
        {"docs/README.md": "# Læs mig\n"},
        "docs/README.md:1",
        "adressen / bruges også af docs/index.md",
    ),
    (
        {"docs/medlemmer.md": "# Medlemmer\n"},
        "docs/medlemmer.md:1",
        "adressen /medlemmer/ bruges også af docs/medlemmer/index.md",
    ),
    (
        {"docs/kalender.ics/index.md": "# Kalender\n"},
        "docs/kalender.ics/index.md:1",
        "mappe, der hedder som /kalender.ics, kalenderfeedet",
    ),
    (
        {"docs/nyheder/feed.xml/index.md": "# Feed\n"},
        "docs/nyheder/feed.xml/index.md:1",
        "mappe, der hedder som /nyheder/feed.xml",
    ),
    (
        {"docs/om": "En fil uden endelse, hvor siden om.md skal ligge som om/index.html\n"},
        "docs/om.md:1",
        "siden skal ligge i mappen /om/, men docs/om har adressen /om",
    ),
    (
        {"docs/nyheder/årsmøde.md": NEWS, f"docs/nyheder/{NFD}.md": NEWS},
        f"docs/nyheder/{NFD}.md:1",
        "navnet ser ud som docs/nyheder/årsmøde.md",
    ),
    (
        {"docs/nyheder/Ny Nyhed Årsmøde.md": NEWS},
        "docs/nyheder/Ny Nyhed Årsmøde.md",
        "må ikke have mellemrum; brug bindestreger, fx ny-nyhed-årsmøde.md",
    ),
    (
        {"docs/om.md": "# Om\n\n<!-- netvaerk:findesikke -->\n"},
        "docs/om.md:3",
        "ukendt pladsholder <!-- netvaerk:findesikke -->",
    ),
]


@pytest.mark.build
@pytest.mark.parametrize(("files", "where", "said"), EARLY)
def test_a_file_mkdocs_would_stumble_on_is_a_problem_in_check_and_build_alike(
    project: Project,
    good_site: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    where: str,
    said: str,
) -> None:
    before = _with_good_site(project, good_site)
    for relative, text in files.items():
        project.write(relative, text)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch("2026-11-30")))
    found = [str(p) for p in collect_problems(project.root)]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert [line for line in found if line.startswith(f"{where}: ") and said in line], found
    with pytest.raises(Abort) as info:
        project.build()
    error = info.value.__context__
    assert isinstance(error, PluginError)
    assert [line.strip() for line in str(error).splitlines()[1:]] == found
    assert snapshot(project.site_dir) == before


@pytest.mark.build
def test_without_data_the_build_says_so_in_danish(project: Project) -> None:
    shutil.rmtree(project.root / "data")
    done = project.cli_build()
    assert done.returncode != 0
    assert "data/meetings.yaml: filen findes ikke" in done.stderr
    assert "Config value" not in done.stderr and "Traceback" not in done.stderr


# --- SEQUENCE never goes down for an event a subscriber holds ------------------------------

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _sequences(root: Path, env: dict[str, str] | None = None) -> dict[str, int]:
    """SEQUENCE by UID in the whole feed the build makes of ``root``, read with icalendar."""
    data = root / "data"
    history = read_history(data / "meetings.yaml", NOW)
    site, _ = load_content(data, root / "docs", before=history.committed, today=NOW.date())
    held = published.from_environ(env or {})
    derived = derive(site, NOW.date(), history=history)
    feed = calendar_files(site, "https://x.dk/", derived, held)["kalender.ics"]
    (root / "kalender.ics").write_bytes(feed)
    return {
        str(event["UID"]): int(event["SEQUENCE"])
        for event in Calendar.from_ical(feed).walk("VEVENT")
    }


def _end(root: Path, end: str) -> str:
    return MINIMAL_MEETINGS.replace("end: 15:30", f"end: {end}")


def test_a_squashed_history_keeps_the_sequence_subscribers_hold(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "p")
    repo = GitRepo(root)
    for hour, end in enumerate(["15:30", "15:45", "16:00"]):
        repo.commit("data/meetings.yaml", _end(root, end), NOW - timedelta(days=3 - hour))
    assert _sequences(root) == {"2021-01-28@x.dk": 2}
    held = tmp_path / "udgivet.ics"
    shutil.copy(root / "kalender.ics", held)
    env = {published.PUBLISHED_VARIABLE: str(held)}

    shutil.rmtree(root / ".git")  # the three commits squashed into one
    GitRepo(root).commit("data/meetings.yaml", _end(root, "16:00"), NOW - timedelta(days=1))
    assert _sequences(root) == {"2021-01-28@x.dk": 0}  # what Git alone says now
    assert _sequences(root, env) == {"2021-01-28@x.dk": 2}  # what clients hold: not lower

    (root / "data" / "meetings.yaml").write_text(_end(root, "16:15"), encoding="utf-8")
    assert _sequences(root, env) == {"2021-01-28@x.dk": 3}  # changed: above what they hold


def test_a_git_file_pointing_nowhere_is_lost_history_and_the_published_floor_holds(
    tmp_path: Path,
) -> None:
    root = minimal_project(tmp_path / "p")
    repo = GitRepo(root)
    repo.commit("data/meetings.yaml", _end(root, "15:30"), NOW - timedelta(days=2))
    repo.commit("data/meetings.yaml", _end(root, "15:45"), NOW - timedelta(days=1))
    assert _sequences(root) == {"2021-01-28@x.dk": 1}
    held = tmp_path / "udgivet.ics"
    shutil.copy(root / "kalender.ics", held)
    shutil.rmtree(root / ".git")
    (root / ".git").write_text("gitdir: /findes/ikke\n", encoding="utf-8")
    history = read_history(root / "data" / "meetings.yaml", NOW)
    assert history.lost and "git kan ikke åbne arkivet" in history.explanation()
    assert _sequences(root, {published.PUBLISHED_VARIABLE: str(held)}) == {"2021-01-28@x.dk": 1}


def test_an_unreadable_published_calendar_stops_the_build(tmp_path: Path) -> None:
    bad = tmp_path / "udgivet.ics"
    bad.write_text("<html>404</html>", encoding="utf-8")
    with pytest.raises(published.PublishedError, match="er ikke en kalender"):
        published.from_environ({published.PUBLISHED_VARIABLE: str(bad)})
    with pytest.raises(published.PublishedError, match="kan ikke læses"):
        published.from_environ({published.PUBLISHED_VARIABLE: str(tmp_path / "mangler.ics")})
    assert published.from_environ({}) == {}


def test_make_check_stops_where_the_build_stops_on_lost_history(project: Project) -> None:
    """A .git that git cannot open: the build warns (and stops under --strict), so the check
    reports it too, beside every other problem."""
    (project.root / ".git").write_text("gitdir: /findes/ikke\n", encoding="utf-8")
    _append(project, "docs/om.md", "\n<!-- netvaerk:findesikke -->\n")
    line = (project.root / "docs" / "om.md").read_text(encoding="utf-8").count("\n")
    found = collect_problems(project.root)
    assert [(p.file, p.line) for p in found] == [("data/meetings.yaml", 0), ("docs/om.md", line)]
    assert "git kan ikke åbne arkivet" in found[0].message
