"""``make serve`` with broken data: wait for the editor's fix instead of dying.

MkDocs' ``serve`` stops for good when its first build fails, so an editor who starts the
preview while a data file has a mistake would only see a traceback-like exit. Instead, the
glue hands the failing load to ``wait_until_valid``: it prints the same Danish problem lines
as ``make check``, shows them on a small page at the preview's address (the browser reloads it
every two seconds), watches the files and tries again whenever one is saved. Once the data is
valid the build goes on and MkDocs' own server takes over the address.

Later rebuilds need none of this: MkDocs keeps serving the last good pages when a rebuild fails
and rebuilds again on the next save. Nothing here knows MkDocs.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from netvaerk.content.problems import DataError, Problem, format_problems
from netvaerk.text.templating import render

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

T = TypeVar("T")
Snapshot = frozenset[tuple[str, int, int]]

WAITING = "forhåndsvisningen starter, når de er rettet"
FIX_HINT = (
    "Ret fejlene og gem filen – så prøver forhåndsvisningen igen af sig selv "
    "(se VEJLEDNING.md om fejlbeskeder). Stop med Ctrl+C."
)
FIXED = "Datafilerne er i orden igen – bygger forhåndsvisningen …"
TEMPLATES = Path(__file__).parent / "templates"


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Name, modification time and size of every file under ``paths``."""
    found: set[tuple[str, int, int]] = set()
    for root in paths:
        files = root.rglob("*") if root.is_dir() else [root]
        for path in files:
            try:
                stat = path.stat()
            except OSError:  # deleted while we looked
                continue
            if path.is_file():
                found.add((str(path), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


def problems_page(problems: Sequence[Problem]) -> str:
    """A small Danish HTML page listing the problems; the browser reloads it by itself."""
    return render(
        TEMPLATES, "waiting.html", title="Fejl i datafilerne", problems=[str(p) for p in problems]
    )


def building_page() -> str:
    return render(
        TEMPLATES, "waiting.html", title="Bygger forhåndsvisningen", problems=None, message=FIXED
    )


class ProblemServer:
    """Serves one page at every path of an address until closed; silent if the port is busy."""

    def __init__(self, host: str, port: int) -> None:
        # Imported here: only `mkdocs serve` with broken data needs a server of our own.
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.body = building_page().encode()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = owner.body
                self.send_response(503)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Retry-After", "2")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server: ThreadingHTTPServer | None
        try:
            self._server = ThreadingHTTPServer((host, port), Handler)
        except OSError:
            self._server = None
            return
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def serving(self) -> bool:
        """Whether this server has the address (not when the port was taken)."""
        return self._server is not None

    def show(self, page: str) -> None:
        self.body = page.encode()

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def wait_until_valid(
    load: Callable[[], T],
    error: DataError,
    watched: Sequence[Path],
    server: ProblemServer | None = None,
    interval: float = 0.5,
    out: TextIO = sys.stderr,
) -> T:
    """Report ``error``, then retry ``load`` whenever a file under ``watched`` changes.

    Returns what ``load`` returns once it succeeds. Ctrl+C (KeyboardInterrupt) ends the wait.
    """
    problems = list(error.problems)

    def report() -> None:
        print(format_problems(problems, WAITING), file=out)
        print(FIX_HINT, file=out, flush=True)
        if server is not None:
            server.show(problems_page(problems))

    report()
    seen = snapshot(watched)
    while True:
        time.sleep(interval)
        now = snapshot(watched)
        if now == seen:
            continue
        seen = now
        try:
            result = load()
        except DataError as exc:
            if list(exc.problems) != problems:
                problems = list(exc.problems)
                report()
            continue
        print(FIXED, file=out, flush=True)
        if server is not None:
            server.show(building_page())
        return result
