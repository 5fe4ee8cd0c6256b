"""``make check`` for the browser editor, before it saves: one source of rules.

In ``make edit`` the editor (``admin/netvaerk-cms.js``, a ``preSave`` hook) sends the text it
is about to write to this small loopback server. The server puts that text in place of the
file in a temporary copy of the project's editable files and runs the check it is handed
(``collect_problems`` of ``netvaerk/check.py``, the very function behind ``make check``, which
sits above this layer), so the editor refuses exactly what the
check refuses, with the same Danish messages, before anything is written. It writes nothing
to the checkout and accepts only the editors' files by their project paths::

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.editor_preview --port 8001 --origin URL

``problems_if_saved`` is the pure part that the tests call without a server.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from netvaerk.content.problems import Check, Problem, format_problems
from netvaerk.editing.cms import form_label
from netvaerk.model import MeetingsFile, MembersFile, NewsFrontMatter

# The files an editor may save through the forms, by their path in the project.
EDITABLE = re.compile(r"^(?:data/(?:meetings|members)\.yaml|docs/nyheder/[^/\\]+\.md)$")
MAX_BODY = 2_000_000  # bytes: the data files are capped far below this (content/files.py)


class NotEditable(ValueError):
    """A path outside the editors' files."""


@contextlib.contextmanager
def saved_copy(root: Path, path: str, text: str) -> Iterator[Path]:
    """A temporary copy of the editable files at ``root`` with ``path`` holding ``text``."""
    if not EDITABLE.match(path):
        raise NotEditable(path)
    with tempfile.TemporaryDirectory(prefix="netvaerk-savecheck-") as tmp:
        copy = Path(tmp)
        # Copies, not links: the loader refuses links that lead out of the project.
        shutil.copytree(root / "data", copy / "data")
        shutil.copytree(root / "docs", copy / "docs")
        target = copy / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        # Git history (a published id that changed) is read from the real checkout.
        if (root / ".git").exists():
            (copy / ".git").symlink_to((root / ".git").resolve())
        yield copy


def problems_if_saved(root: Path, path: str, text: str, check: Check) -> list[Problem]:
    """What ``check`` (``make check``) would report if ``path`` (e.g. ``data/meetings.yaml``)
    held ``text``."""
    with saved_copy(root, path, text) as copy:
        return check(copy)


FORMS: dict[str, type[BaseModel]] = {
    "data/meetings.yaml": MeetingsFile,
    "data/members.yaml": MembersFile,
}


def field_label(problem: Problem) -> str:
    """The problem's field as the form names it (»Sluttid«), so the editor's panels speak the
    form's words, not the file's field codes; '' when the form has no such field."""
    if problem.file.startswith("docs/nyheder/"):
        return form_label(NewsFrontMatter, problem.field)
    model = FORMS.get(problem.file)
    return form_label(model, problem.field) if model is not None else ""


def verdict(problems: Sequence[Problem]) -> dict[str, Any]:
    """The answer the editor shows: every problem (with its field's label in the form), and the
    Danish summary ``make check`` prints."""
    return {
        "ok": not problems,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "field": p.field,
                "subject": p.subject,
                "label": field_label(p),
                "message": p.message,
            }
            for p in problems
        ],
        "summary": format_problems(problems, "der kan ikke gemmes") if problems else "",
    }


# ``/preview``: the page the site makes of the text about to be saved. The renderers live above
# this layer (editing must not import pages), so the server is handed the function: the
# module that runs it for ``make edit`` is ``netvaerk.editor_preview``.
Preview = Callable[[Path, str, str], dict[str, Any]]


def make_handler(
    root: Path, origin: str, check: Check, preview: Preview | None = None
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _headers(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.end_headers()

        def do_OPTIONS(self) -> None:  # http.server's names
            self._headers(204)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            routes = {"/check"} | ({"/preview"} if preview is not None else set())
            if self.path not in routes or not 0 < length <= MAX_BODY:
                self._headers(400)
                return
            try:
                body = json.loads(self.rfile.read(length))
                path, text = str(body["path"]), str(body["text"])
                if self.path == "/preview" and preview is not None:
                    answer = preview(root, path, text)
                else:
                    answer = verdict(problems_if_saved(root, path, text, check))
            except (ValueError, KeyError, TypeError):
                self._headers(400)
                return
            self._headers(200)
            self.wfile.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: mkdocs serve's log is the one the editor reads

    return Handler


def main(argv: Sequence[str] | None, check: Check, preview: Preview | None = None) -> int:
    """The loopback server, run by ``python -m netvaerk.editor_preview`` (``make edit``)."""
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.editor_preview",
        description="Tjek en ændring fra browser-redigeringen, før den gemmes.",
    )
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--origin", default="http://127.0.0.1:8000", help="redigeringens adresse")
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    handler = make_handler(args.root, args.origin, check, preview)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0
