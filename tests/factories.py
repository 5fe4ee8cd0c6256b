"""Shared test helpers: a throw-away project and its build, a loopback server, model objects,
sites and minimal projects, a YAML builder, the editors' corpus, and what an editor's YAML
editor says about a file.

Test files import these from here, never from one another nor from ``conftest.py`` (a test
module is for tests; ``conftest.py`` is for fixtures and the build guard;
tests/test_suite.py holds both rules).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from jsonschema import Draft7Validator, ValidationError
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from netvaerk.content.derive import Derived, MeetingFacts, derive
from netvaerk.content.history import History
from netvaerk.content.loading import load_site
from netvaerk.content.news import NewsItem
from netvaerk.content.problems import DataError, Problem
from netvaerk.content.site import Site
from netvaerk.model import TIMEZONE, Meeting, Member

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BIN = Path(sys.executable).parent  # the virtualenv running the tests
# The engines the site must build with: MkDocs 1.6, and ProperDocs, its maintained fork (a
# second engine in CI, in case MkDocs 1.x must go; README.md, "Engines").
ENGINES = ("mkdocs", "properdocs")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# --- a throw-away project and its build ---------------------------------------------------
# ``Project`` copies ``mkdocs.yml``, ``docs/`` and ``data/`` into a temp dir (``hooks/`` and the
# theme's ``overrides/`` are symlinks to the real ones) so a test can change the data and build
# without touching the repository. A test that builds is marked ``build`` (conftest's guard
# fails one that is not).


def epoch(day: str, clock: str = "12:00") -> int:
    """SOURCE_DATE_EPOCH for a Danish local date and time, e.g. epoch('2021-01-27')."""
    return int(datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TIMEZONE).timestamp())


class Project:
    """A temporary copy of the site sources that a test may change and build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copytree(ROOT / "data", root / "data")
        (root / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
        (root / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
        self.site_dir = root / "site"

    def write(self, relative: str, text: str) -> Path:
        """Write a file (dedented) into the project, e.g. ``data/meetings.yaml``."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self, today: str = "2026-11-30", **overrides: object) -> Path:
        """Run ``mkdocs build --strict`` in-process with 'today' pinned; return site/."""
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch(today))
        try:
            config = load_config(
                str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir), strict=True, **overrides
            )
            mkdocs_build(config)
        finally:
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old
        return self.site_dir

    def cli_build(self, engine: str = "mkdocs", today: str = "2026-11-30") -> CompletedProcess[str]:
        """``<engine> build --strict`` in a process of its own, as CI runs it; ``engine`` is
        one of ENGINES. ProperDocs runs the hooks' ``mkdocs.*`` imports as its own modules."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch(today))}
        return subprocess.run(
            [str(BIN / engine), "build", "--strict", "--site-dir", str(self.site_dir)],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def page(self, url_path: str) -> str:
        """The built HTML at a site path like ``moeder/2021-01-28/``."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def python_output(
    code: str, cwd: Path, env: Mapping[str, str] | None = None
) -> CompletedProcess[str]:
    """``python -c code`` with this virtualenv's Python, in a process of its own (a fresh
    interpreter: nothing the tests imported is loaded there), output as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# --- serving a built site and the browser ---------------------------------------------------


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with GitHub Pages' types: Python knows ``.ics`` only from the machine's
    ``/etc/mime.types``, which a fresh machine may lack."""

    extensions_map = {  # noqa: RUF012 - the standard library's own class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


class _CompressingPagesHandler(_PagesLikeHandler):
    """As GitHub Pages serves: text gzip-compressed for a client that accepts it, and
    ``Cache-Control: max-age=600``. For measuring what a phone downloads (Lighthouse)."""

    COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]  # the standard library's signature
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and kind.startswith(self.COMPRESSED)):
            return super().send_head()  # also the redirect of a folder without its '/'
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields the base URL. ``compress``: gzip
    and cache headers as GitHub Pages sends them."""
    cls = _CompressingPagesHandler if compress else _PagesLikeHandler
    handler = functools.partial(cls, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

DANISH_PACK = Path("/usr/lib/chromium/locales/da.pak")  # Debian's chromium-l10n


# --- the browser editor (/admin/, Sveltia CMS's test-repo backend) -------------------------
# The test-repo backend keeps the repository in the browser's origin-private file system
# (folder ``sveltia-cms-test/``): EDITOR_SEED puts files there, EDITOR_READ reads one back.

EDITOR_SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  let dir = await root.getDirectoryHandle("sveltia-cms-test", { create: true });
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split("/");
    let here = dir;
    for (const part of parts.slice(0, -1)) {
      here = await here.getDirectoryHandle(part, { create: true });
    }
    const handle = await here.getFileHandle(parts.at(-1), { create: true });
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
EDITOR_READ = """async (path) => {
  let here = await (await navigator.storage.getDirectory()).getDirectoryHandle("sveltia-cms-test");
  const parts = path.split("/");
  for (const part of parts.slice(0, -1)) here = await here.getDirectoryHandle(part);
  return await (await (await here.getFileHandle(parts.at(-1))).getFile()).text();
}"""


@contextlib.contextmanager
def editor_site(root: Path, check: bool = True) -> Iterator[tuple[Project, str]]:
    """The site at ``root`` built with the test-repo backend and served: (project, base URL).
    ``check``: with make edit's loopback check and preview beside it (savecheck.py), as
    ``make edit`` runs it; without, as the production editor (the browser's rules only)."""
    from netvaerk.check import collect_problems
    from netvaerk.editing.savecheck import make_handler
    from netvaerk.editor_preview import preview

    project = Project(root)
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    with serve(project.site_dir) as base:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0),
            make_handler(project.root, base.rstrip("/"), collect_problems, preview),
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            # The editor's settings for this build only: the tests that use the site don't
            # inherit them.
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("NETVAERK_EDITOR_BACKEND", "test-repo")
                if check:
                    address = f"http://127.0.0.1:{server.server_port}/check"
                    patch.setenv("NETVAERK_EDITOR_CHECK", address)
                else:
                    patch.delenv("NETVAERK_EDITOR_CHECK", raising=False)
                project.build()
            yield project, base
        finally:
            server.shutdown()
            server.server_close()


# --- page text -------------------------------------------------------------------------------


def visible_text(html: str) -> str:
    """Page text as a reader sees it: without the soft hyphens the build puts into long
    words of headings and table cells (netvaerk/text/hyphenation.py), which show only where
    a word breaks."""
    return html.replace("\u00ad", "")


# --- model objects ------------------------------------------------------------------------


def meeting(**fields: Any) -> Meeting:
    """A valid physical meeting on 3 March 2027, 10–15; ``fields`` override or add."""
    base: dict[str, Any] = {
        "title": "Tema",
        "date": "2027-03-03",
        "start": "10:00",
        "end": "15:00",
        "venue": {"name": "Rådhuset"},
    }
    base.update(fields)
    return Meeting.model_validate(base)


def member(**fields: Any) -> Member:
    base: dict[str, Any] = {"id": "skive", "name": "Skive Kommune", "region": "Midtjylland"}
    base.update(fields)
    return Member.model_validate(base)


def site(*meetings: Meeting, members: tuple[Member, ...] = ()) -> Site:
    return Site(meetings=meetings, members=members, organisers=())


# --- a project with only the editors' files -----------------------------------------------

# Valid partner files for a broken one (the host 'silkeborg' exists).
MINIMAL_MEETINGS = """\
meetings:
  - title: Lokal udvikling
    date: 2021-01-28
    start: 12:30
    end: 15:30
    venue:
      name: Silkeborg Rådhus
      host: silkeborg
"""
MINIMAL_MEMBERS = """\
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
  - id: skive
    name: Skive Kommune
    region: Midtjylland
"""


def minimal_project(root: Path) -> Path:
    """A project with only the editors' files: valid data and an empty news folder."""
    (root / "data").mkdir(parents=True)
    (root / "docs" / "nyheder").mkdir(parents=True)
    (root / "data" / "meetings.yaml").write_text(MINIMAL_MEETINGS, encoding="utf-8")
    (root / "data" / "members.yaml").write_text(MINIMAL_MEMBERS, encoding="utf-8")
    return root


# --- the corpus of broken files (tests/check_corpus/, see its README) ----------------------

CORPUS = TESTS / "check_corpus"
CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md")
_EXPECTED = re.compile(r"forventet: (?P<line>.+?)\s*(?:-->)?\s*$")


def expectations(broken: Path) -> list[str]:
    """The ``forventet:`` lines of a corpus file: what the check must print for it."""
    return [
        m["line"]
        for line in broken.read_text(encoding="utf-8").splitlines()
        if (m := _EXPECTED.search(line))
    ]


# --- the JSON Schemas as an editor's YAML editor applies them -----------------------------

SCHEMA_DIR = ROOT / "schemas"


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 as the yaml-language-server reads it: a date is text, not a date object."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


def editor_view(text: str) -> Any:
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = _EditorConstructor
    return reader.load(textwrap.dedent(text))


def validator(schema_file: str) -> Draft7Validator:
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def errors(schema_file: str, text: str) -> list[str]:
    """Every error message, with the reasons inside 'not valid under any of the given schemas'."""

    def flat(found: Iterable[ValidationError]) -> Iterator[str]:
        for error in found:
            yield error.message
            yield from flat(error.context or [])

    return sorted(flat(validator(schema_file).iter_errors(editor_view(text))))


# --- a YAML builder for the editors' data files -------------------------------------------
# Tests of the data contract write records as an editor would, changed in one place, and
# check the line a problem names. The builder writes each scalar exactly as given (``12:30``
# unquoted, ``'"  "'`` with its quotes) and knows the line it put every key on, so a test
# says *which* key the problem is at and the line follows. What is about YAML syntax itself
# (a duplicate key, a tab, an unclosed quote) stays literal text in the tests.

DROP: Any = object()  # a field value meaning: leave the key out


class Yaml:
    """A data file's text and the line (from 1) of each key, by the field path the problems
    use: ``meetings[0]`` is the item's ``-`` line, ``meetings[0].venue.name`` its key."""

    def __init__(self, top: str, records: Iterable[dict[str, Any]]) -> None:
        self._lines: list[str] = []
        self._at: dict[str, int] = {}
        self._mapping({top: list(records)}, 0, "", dash=False)
        self.text = "\n".join(self._lines) + "\n"

    def line(self, path: str) -> int:
        return self._at[path]

    def _mapping(self, mapping: dict[str, Any], indent: int, path: str, dash: bool) -> None:
        """``mapping``'s keys at ``indent``; ``dash``: a list item, its first key on the dash."""
        kept = {key: value for key, value in mapping.items() if value is not DROP}
        assert kept, f"{path}: a record needs a key"
        for n, (key, value) in enumerate(kept.items()):
            lead = " " * (indent - 2) + "- " if dash and n == 0 else " " * indent
            here = f"{path}.{key}" if path else key
            self._at[here] = len(self._lines) + 1
            if isinstance(value, dict) and value:
                self._lines.append(f"{lead}{key}:")
                self._mapping(value, indent + 2, here, dash=False)
            elif isinstance(value, list) and value:
                self._lines.append(f"{lead}{key}:")
                self._sequence(value, indent + 2, here)
            elif value is None:
                self._lines.append(f"{lead}{key}:")
            else:
                shown = "{}" if value == {} else "[]" if value == [] else str(value)
                assert "\n" not in shown, f"{here}: one line per scalar"
                self._lines.append(f"{lead}{key}: {shown}")

    def _sequence(self, items: list[Any], indent: int, path: str) -> None:
        for index, item in enumerate(items):
            here = f"{path}[{index}]"
            self._at[here] = len(self._lines) + 1
            if isinstance(item, dict):
                self._mapping(item, indent + 2, here, dash=True)
            else:
                self._lines.append(f"{' ' * indent}- {item}")


def meetings_yaml(*meetings: dict[str, Any]) -> Yaml:
    return Yaml("meetings", meetings)


def members_yaml(*members: dict[str, Any]) -> Yaml:
    return Yaml("members", members)


def a_meeting(**fields: Any) -> dict[str, Any]:
    """An online meeting as an editor writes it (valid); ``fields`` change or add keys in
    place, ``DROP`` leaves one out."""
    base: dict[str, Any] = {
        "title": "Første møde",
        "date": "2021-01-28",
        "start": "12:30",
        "end": "15:30",
        "online": {"platform": "Teams"},
    }
    return base | fields


def a_member(**fields: Any) -> dict[str, Any]:
    """A member as an editor writes it (valid; Silkeborg unless ``fields`` say otherwise)."""
    return {"id": "silkeborg", "name": "Silkeborg Kommune", "region": "Midtjylland"} | fields


# --- data files in a temporary folder (the validation suite) ----------------------------

MEETINGS = "data/meetings.yaml"


MEMBERS = "data/members.yaml"


# The minimal valid pair. Line numbers in the tests count from 1 at the first line of each text.
VALID_MEETINGS = """
meetings:
  - title: Første møde
    date: 2021-01-28
    start: 12:30
    end: 15:30
    venue:
      name: Silkeborg Rådhus
"""


VALID_MEMBERS = """
members:
  - id: silkeborg
    name: Silkeborg Kommune
    region: Midtjylland
    code: 740
  - id: skive
    name: Skive Kommune
    region: Midtjylland
    code: 779
"""


def dedented(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write(tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS) -> Path:
    (tmp_path / "meetings.yaml").write_text(dedented(meetings), encoding="utf-8")
    (tmp_path / "members.yaml").write_text(dedented(members), encoding="utf-8")
    return tmp_path


def load(tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS) -> Site:
    """Load data that must be valid."""
    return load_site(write(tmp_path, meetings, members))


def problems(
    tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS
) -> list[Problem]:
    """Load data that must be invalid; return every problem."""
    with pytest.raises(DataError) as info:
        load_site(write(tmp_path, meetings, members))
    return info.value.problems


def one(tmp_path: Path, meetings: str = VALID_MEETINGS, members: str = VALID_MEMBERS) -> Problem:
    """Load data with exactly one mistake; return its problem."""
    found = problems(tmp_path, meetings, members)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# --- the check corpus and failed builds -----------------------------------------------


def place(root: Path, broken: Path) -> None:
    """Put a corpus file where an editor would have written it."""
    text = broken.read_text(encoding="utf-8")
    name = broken.name
    if name.endswith(".meetings.yaml"):
        target = root / "data" / "meetings.yaml"
    elif name.endswith(".members.yaml"):
        target = root / "data" / "members.yaml"
    elif name.endswith(".nyhed.md"):
        target = root / "docs" / "nyheder" / name.replace(".nyhed.md", ".md")
    elif ".docs." in name:  # any file in docs/; its first line says where: <!-- sti: docs/… -->
        path = text.splitlines()[0].removeprefix("<!-- sti: ").removesuffix(" -->")
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        raise AssertionError(f"{name}: unknown kind of corpus file")
    target.write_text(text, encoding="utf-8")


# Line 3: a date that does not exist; line 11: an unknown key with a suggestion (and so the
# meeting on line 8 has no end).
BROKEN_MEETINGS = """
meetings:
  - title: Lokal udvikling i en coronatid
    date: 2021-02-30
    start: 12:30
    end: 15:30
    online:
      platform: Teams
  - title: Strategisk landsbyplanlægning
    date: 2021-05-20
    start: 9:00
    slut: 12:00
    online:
      platform: Teams
"""


def snapshot(site_dir: Path) -> dict[str, bytes]:
    """Every file under ``site_dir`` with its bytes, by relative path."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


# --- the derive stage: facts of a factory site (branch derive) -----------------------------


def derived(
    *meetings: Meeting,
    today: date,
    members: tuple[Member, ...] = (),
    written: tuple[NewsItem, ...] = (),
    history: History | None = None,
) -> Derived:
    """The build's facts of a factory site on ``today`` (``content/derive.py``)."""
    return derive(site(*meetings, members=members), today, written, history)


def facts(m: Meeting, today: date, *others: Meeting) -> MeetingFacts:
    """One meeting's facts on ``today``, on a site of it and ``others``, without history."""
    return derive(site(m, *others), today).of(m)
