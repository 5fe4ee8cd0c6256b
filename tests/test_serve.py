"""``make serve`` (issue 5): the preview follows the editor's saves and survives their mistakes.

Each test runs a real ``mkdocs serve --strict`` (as ``make serve`` does) on a free port in a
temporary copy of the project, edits files the way an editor does, and polls the served
pages: a data change shows up within seconds, a broken file prints the Danish problem lines
while the last good pages stay served, and fixing the file brings the preview back. A preview
started while the data is broken shows the problems in the browser and starts once it is fixed.
"""

from __future__ import annotations

import html
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from factories import Project

from netvaerk.content.problems import DataError, Problem
from netvaerk.editing import preview

MKDOCS = Path(sys.executable).parent / "mkdocs"  # the venv running pytest
STARTUP = 90.0  # the first build, on a machine busy with other tests
TIMEOUT = 30.0  # a rebuild after a save
MEETING = "moeder/2021-01-28/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Preview:
    """A running ``mkdocs serve`` and what it has printed."""

    process: subprocess.Popen[bytes]
    base: str
    log_file: Path
    project: Project

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a served page (never waits more than a few seconds)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return 0, str(error)

    @property
    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float = TIMEOUT) -> float:
        """Poll until ``condition`` holds; return the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.log}"
            if condition():
                return time.monotonic() - started
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; mkdocs serve printed:\n{self.log}")

    def shows(self, path: str, text: str) -> Callable[[], bool]:
        def condition() -> bool:
            status, body = self.get(path)
            return status == 200 and text in body

        return condition

    def edit(self, relative: str, old: str, new: str) -> None:
        """Change a file in place, as an editor saving it does."""
        path = self.project.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(self, relative: str, text: str) -> int:
        lines = (self.project.root / relative).read_text(encoding="utf-8").splitlines()
        return lines.index(text) + 1


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs cleans its temp dir
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture
def start_preview(project: Project, tmp_path: Path) -> Iterator[Callable[[], Preview]]:
    started: list[Preview] = []
    handles: list[IO[bytes]] = []

    def start() -> Preview:
        port = free_port()
        log_file = tmp_path / "serve.log"
        handle = log_file.open("wb")
        handles.append(handle)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(
            [str(MKDOCS), "serve", "--strict", "-a", f"127.0.0.1:{port}"],
            cwd=project.root,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        preview = Preview(process, f"http://127.0.0.1:{port}/", log_file, project)
        started.append(preview)
        return preview

    yield start
    for running in started:
        _stop(running.process)
    for handle in handles:
        handle.close()


@pytest.mark.build
def test_serve_rebuilds_on_save_and_survives_a_broken_file(
    start_preview: Callable[[], Preview],
) -> None:
    preview = start_preview()
    preview.wait_for("the first build", preview.shows(MEETING, "coronatid"), STARTUP)
    with urllib.request.urlopen(preview.base + "kalender.ics", timeout=5) as response:
        assert response.headers["Content-Type"].split(";")[0] == "text/calendar"

    # A data edit shows up within seconds.
    data = "data/meetings.yaml"
    preview.edit(data, "title: Lokal udvikling i en coronatid", "title: Lokal udvikling i 2021")
    took = preview.wait_for("the new title", preview.shows(MEETING, "Lokal udvikling i 2021"))
    assert took < TIMEOUT

    # So does an edit of a hand-written page.
    om = preview.project.root / "docs" / "om.md"
    om.write_text(om.read_text(encoding="utf-8") + "\nRettet i forhåndsvisningen.\n", "utf-8")
    preview.wait_for("the edited page", preview.shows("om/", "Rettet i forhåndsvisningen."))

    # A broken file: the Danish problem line in the terminal, the last good page still served.
    start_line = preview.line_of(data, "    start: 12:30")
    preview.edit(data, "    start: 12:30", "    start: 25:30")
    problem = (
        f"data/meetings.yaml:{start_line}: mødet »Lokal udvikling i 2021« (28. januar 2021) › "
        "start: »25:30« er ikke et gyldigt tidspunkt"
    )
    preview.wait_for("the problem in the terminal", lambda: problem in preview.log)
    assert "Forhåndsvisningen viser stadig den sidste gode udgave" in preview.log
    status, body = preview.get(MEETING)
    assert status == 200 and "Lokal udvikling i 2021" in body

    # Fixed: the preview follows the next save again.
    preview.edit(data, "    start: 25:30", "    start: 12:30")
    preview.edit(data, "title: Lokal udvikling i 2021", "title: Lokal udvikling igen")
    preview.wait_for("the fixed data", preview.shows(MEETING, "Lokal udvikling igen"))
    assert "Traceback" not in preview.log


@pytest.mark.build
def test_serve_started_with_broken_data_waits_for_the_fix(
    project: Project, start_preview: Callable[[], Preview]
) -> None:
    data = project.root / "data" / "meetings.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("    title: Lokal", "    titel: Lokal", 1), encoding="utf-8")
    line = text.splitlines().index("    title: Lokal udvikling i en coronatid") + 1

    preview = start_preview()
    problem = (
        f"data/meetings.yaml:{line}: mødet den 28. januar 2021 › titel: "
        "ukendt felt »titel«; mente du »title«?"
    )
    preview.wait_for("the problem in the terminal", lambda: problem in preview.log, STARTUP)

    def problem_page() -> bool:
        status, body = preview.get(MEETING)
        return status == 503 and "Fejl i datafilerne" in body and "mente du" in body

    preview.wait_for("the problem page in the browser", problem_page)

    data.write_text(text, encoding="utf-8")
    preview.wait_for("the preview after the fix", preview.shows(MEETING, "coronatid"), STARTUP)
    assert "Datafilerne er i orden igen" in preview.log
    assert "Traceback" not in preview.log


# --- the waiting preview on its own (netvaerk/editing/preview.py, no MkDocs) -----------------


def _problem(message: str) -> Problem:
    return Problem("data/meetings.yaml", 4, "meetings[0].start", message)


def test_wait_until_valid_reports_retries_on_save_and_returns(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    target = data / "meetings.yaml"
    target.write_text("broken", encoding="utf-8")

    def load() -> str:
        text = target.read_text(encoding="utf-8")
        if text != "fixed":
            raise DataError([_problem(f"'{text}' <ikke> gyldigt")])
        return text

    out = io.StringIO()
    result: list[str] = []
    first = DataError([_problem("'broken' <ikke> gyldigt")])
    port = free_port()
    server = preview.ProblemServer("127.0.0.1", port)
    waiter = threading.Thread(
        target=lambda: result.append(
            preview.wait_until_valid(load, first, [data], server, interval=0.05, out=out)
        )
    )
    waiter.start()
    try:
        with pytest.raises(urllib.error.HTTPError) as page:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moeder/", timeout=5)
        assert page.value.code == 503
        body = page.value.read().decode("utf-8")
        assert "Fejl i datafilerne" in body and "<ikke>" not in body  # escaped
        assert "'broken' <ikke> gyldigt" in html.unescape(body)
        assert 'http-equiv="refresh"' in body

        target.write_text("still broken", encoding="utf-8")
        deadline = time.monotonic() + TIMEOUT
        while "still broken" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        target.write_text("fixed", encoding="utf-8")
        waiter.join(timeout=TIMEOUT)
        assert result == ["fixed"]
    finally:
        server.close()
        waiter.join(timeout=1)
    printed = out.getvalue()
    assert "Datafilerne indeholder 1 fejl – forhåndsvisningen starter, når de er rettet:" in printed
    assert "  data/meetings.yaml:4: meetings[0].start: 'broken' <ikke> gyldigt" in printed
    assert "'still broken' <ikke> gyldigt" in printed
    assert printed.rstrip().endswith(preview.FIXED)
    with socket.socket() as sock:  # free again for MkDocs' server (which reuses addresses)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen()


def test_the_problem_server_stays_quiet_when_the_port_is_taken() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        busy = preview.ProblemServer("127.0.0.1", sock.getsockname()[1])
        assert not busy.serving
        busy.show(preview.problems_page([_problem("x")]))  # no error: nothing to show it on
        busy.close()
    free = preview.ProblemServer("127.0.0.1", 0)
    assert free.serving
    free.close()
    assert not free.serving


# --- what stops a build early keeps the last good preview (issue 10) ------------------------


@pytest.mark.build
def test_serve_keeps_the_last_good_site_when_a_file_collides_or_a_link_breaks(
    start_preview: Callable[[], Preview],
) -> None:
    preview = start_preview()
    preview.wait_for("the first build", preview.shows(MEETING, "coronatid"), STARTUP)

    # A hand-written page where the meeting's page is generated.
    own = preview.project.root / "docs" / "moeder" / "2021-01-28.md"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("# Mit eget møde\n", encoding="utf-8")
    problem = "docs/moeder/2021-01-28.md:1: adressen /moeder/2021-01-28/ bruges af siden om mødet"
    preview.wait_for("the collision in the terminal", lambda: problem in preview.log)
    status, body = preview.get(MEETING)
    assert status == 200 and "coronatid" in body and "Mit eget møde" not in body
    own.unlink()

    # A broken relative link in a meeting's description, at its own line.
    data = "data/meetings.yaml"
    preview.edit(
        data, "      borgerinddragelse.\n", "      borgerinddragelse. Se [planen](plan.md).\n"
    )
    line = preview.line_of(data, "      borgerinddragelse. Se [planen](plan.md).")
    meeting = "mødet »Lokal udvikling i en coronatid« (28. januar 2021)"
    problem = f"data/meetings.yaml:{line}: {meeting} › description: linket 'plan.md' virker ikke"
    preview.wait_for("the broken link in the terminal", lambda: problem in preview.log)
    status, body = preview.get(MEETING)
    assert status == 200 and "coronatid" in body and "plan.md" not in body

    # Fixed: the preview follows the next save again.
    preview.edit(data, "Se [planen](plan.md).", "Se [planen](../nyheder/planen-for-2027.md).")
    preview.wait_for("the fixed link", preview.shows(MEETING, 'Se <a href="../../nyheder/'))
    assert "Traceback" not in preview.log


@pytest.mark.build
def test_serve_started_with_a_colliding_file_shows_the_problem_page(
    project: Project, start_preview: Callable[[], Preview]
) -> None:
    feed = project.write("docs/kalender.ics", "BEGIN:VCALENDAR\n")
    preview = start_preview()

    def problem_page() -> bool:
        status, body = preview.get("")
        return status == 503 and "docs/kalender.ics:1: adressen /kalender.ics" in body

    preview.wait_for("the problem page in the browser", problem_page, STARTUP)
    feed.unlink()
    preview.wait_for("the preview after the fix", preview.shows(MEETING, "coronatid"), STARTUP)
    with urllib.request.urlopen(preview.base + "kalender.ics", timeout=5) as response:
        assert response.read().startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0")
    assert "Traceback" not in preview.log


@pytest.mark.build
def test_serve_keeps_serving_the_last_good_pages_after_a_late_strict_warning(
    start_preview: Callable[[], Preview],
) -> None:
    """A warning MkDocs finds only after on_config (a nav entry to a missing file; a missing
    anchor is found before, by the link check) used to abort after the served directory was
    rewritten; every rebuild now writes a fresh directory that is swapped in only on success
    (netvaerk/staging.py)."""
    preview = start_preview()
    preview.wait_for("the first build", preview.shows("om/", "Om netværket"), STARTUP)
    nav = "  - Om netværket: om.md\n"
    preview.edit("mkdocs.yml", nav, nav + "  - Findes ikke: findes-ikke.md\n")
    said = "Genopbygningen stoppede: 1 advarsel(er) ovenfor (--strict)"
    preview.wait_for("the Danish line in the terminal", lambda: said in preview.log)
    end = "Se [medlemskommunerne](medlemmer/index.md).\n"
    preview.edit("docs/om.md", end, end + "\nNY-TEKST.\n")
    preview.wait_for("the second failed rebuild", lambda: preview.log.count(said) >= 2)
    status, body = preview.get("om/")
    assert status == 200 and "Om netværket" in body and "NY-TEKST" not in body
    status, _ = preview.get(MEETING)
    assert status == 200
    preview.edit("mkdocs.yml", "  - Findes ikke: findes-ikke.md\n", "")
    preview.wait_for("the fixed site", preview.shows("om/", "NY-TEKST."))
    assert "Traceback" not in preview.log


@pytest.mark.build
def test_make_serve_takes_the_port_from_port(tmp_path: Path) -> None:
    """Issue 18.6: ``make serve PORT=…`` serves the preview on that port (README). Make is
    told the virtualenv and the editor's packages are there (``-o``), so only the recipe
    runs: MkDocs serves the repository's own site, building it in a temp dir."""
    port = free_port()
    log_file = tmp_path / "make-serve.log"
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    command = ["make", "-C", str(root), "-o", ".venv/.installed"]
    command += ["-o", "admin/node_modules/.package-lock.json", f"BIN={MKDOCS.parent}"]
    with log_file.open("wb") as handle:
        process = subprocess.Popen(
            [*command, "serve", f"PORT={port}"],
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and mkdocs stop together, as on Ctrl+C
        )
        try:
            started = time.monotonic()
            while time.monotonic() - started < STARTUP:
                assert process.poll() is None, log_file.read_text(encoding="utf-8")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                        body = page.read().decode("utf-8")
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.5)
            else:
                raise AssertionError(log_file.read_text(encoding="utf-8"))
            assert "Kommunernes Netværk for Landdistriktskoordinatorer" in body
            assert f"-a 127.0.0.1:{port}" in log_file.read_text(encoding="utf-8")
        finally:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
