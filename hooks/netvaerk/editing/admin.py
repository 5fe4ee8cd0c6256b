"""The browser editor's files at /admin/: what ships, from where, with which backend.

Sveltia's bundle from ``admin/node_modules`` (``npm ci``) with its CDN addresses pointed at
the site, its configuration generated from the model (``cms.py``), our own scripts and the
page that loads them; and Pyodide (Python in WebAssembly, from npm too) with an archive of
the project's own Markdown and link rules and the Python-Markdown the build uses
(``python_archive``), which the editor loads when a Markdown field is first edited or saved
(``admin/netvaerk-python.js``). This module decides which files ship and which backend the
editor talks to; the MkDocs glue (``hooks/site_hooks.py``) only turns the mapping into files.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import logging
import zipfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import netvaerk
from netvaerk.content.links import PageAnchors
from netvaerk.content.site import Site
from netvaerk.text import urls

# The editor's configuration (``cms``) and its Python (``browser_markdown``) are imported
# where they are used: a build without Sveltia installed makes none of it (with a problem's
# words, content/loading.py, 21 M instructions of the hooks' import, callgrind).
if TYPE_CHECKING:
    from netvaerk.editing import cms

# The browser tests point the editor at Sveltia's in-browser test repository; `make edit` and
# the tests name the loopback check it asks before saving (editing/savecheck.py).
EDITOR_BACKEND_ENV = "NETVAERK_EDITOR_BACKEND"
EDITOR_CHECK_ENV = "NETVAERK_EDITOR_CHECK"

MISSING = "admin/: Sveltia CMS er ikke installeret (make build kører npm ci): /admin/ udelades"

# Pyodide's files the editor loads (admin/node_modules/pyodide), served at /admin/pyodide/:
# the loader, the interpreter, the standard library, and the lock file it reads at start
# (no package is ever loaded from it: our Python comes in PYTHON_ARCHIVE).
PYODIDE_DIR = "pyodide"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
PYTHON_ARCHIVE = "netvaerk-python.zip"
# Where Pyodide's loader would fetch packages when no package base is given: jsDelivr. The
# editor gives one (the site), and the loader ships with its own folder there instead, so no
# page of the site names a CDN even if that option were lost (a test scans the files).
_PYODIDE_CDN = "`https://cdn.jsdelivr.net/pyodide/v${U}/full/`"
_PYODIDE_HERE = 'new URL(".", import.meta.url).href'
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the archive's dates: the same bytes on every build


def localise_pyodide(loader: str) -> str:
    """Pyodide's loader with its default package address (jsDelivr) pointed at its own
    folder on the site; ``cms.BundleChanged`` when an upgrade changed that address."""
    from netvaerk.editing import cms

    if loader.count(_PYODIDE_CDN) != 1:
        raise cms.BundleChanged(f"pyodide.mjs has no {_PYODIDE_CDN} any more")
    return loader.replace(_PYODIDE_CDN, _PYODIDE_HERE)


def python_files() -> dict[str, Path]:
    """Path in the archive → file: the package's modules the browser's rules import
    (``browser_markdown.PYTHON_MODULES``) and the installed Python-Markdown (and
    pymdownx's slugs) that the build itself uses, so both render alike."""
    from netvaerk.editing import browser_markdown

    package = Path(netvaerk.__file__).parent
    files = {name: package.parent / name for name in browser_markdown.PYTHON_MODULES}
    for name, only in browser_markdown.DISTRIBUTIONS.items():
        distribution = importlib.metadata.distribution(name)
        for entry in distribution.files or ():
            path = entry.as_posix()
            if path.startswith("..") or "__pycache__" in path or path.endswith("/RECORD"):
                continue
            if only is None or path in only:
                files[path] = Path(str(distribution.locate_file(entry)))
    return dict(sorted(files.items()))


@cache
def python_archive() -> bytes:
    """The zip the editor's Pyodide unpacks and imports from (``python_files``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in python_files().items():
            archive.writestr(zipfile.ZipInfo(name, _EPOCH), path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def backend(settings: Mapping[str, Any] | None, environ: Mapping[str, str]) -> cms.Backend:
    """The editor's backend: Sveltia's test repository when the environment asks for it,
    else GitHub as ``extra.editor`` in mkdocs.yml gives it (``settings``)."""
    from netvaerk.editing import cms

    if environ.get(EDITOR_BACKEND_ENV) == "test-repo":
        return cms.Backend("test-repo")
    settings = settings or {}
    return cms.Backend(
        "github",
        repo=str(settings.get("repo", "")),
        branch=str(settings.get("branch", "main")),
        base_url=str(settings.get("auth_url", "")),
        auth_endpoint=str(settings.get("auth_endpoint", "")),
    )


def _bundle(admin: Path) -> Path | None:
    """Sveltia's bundle in the project's ``admin`` folder; None when it is not installed
    there (``npm ci``): then nothing of the editor is made, and ``cms`` is not imported."""
    package = admin / "node_modules" / "@sveltia" / "cms"
    if not package.is_dir():
        return None
    from netvaerk.editing import cms

    bundle = package / "dist" / cms.BUNDLE_SCRIPT
    return bundle if bundle.is_file() else None


def editor_files(
    admin: Path,
    *,
    site_name: str,
    site_url: str,
    settings: Mapping[str, Any] | None,
    hosts: Sequence[tuple[str, str]],
    environ: Mapping[str, str],
    sources: Sequence[str] = (),
    anchors: tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]] | None = None,
) -> dict[str, str | bytes | Path] | None:
    """Site path → content (text) or source file of every file of the editor, from the
    project's ``admin`` folder; None when Sveltia is not installed there (``MISSING``).
    ``hosts``: (id, name) of the members that may host a meeting. ``sources``: the source
    paths of the site's files, for the browser's rules about materials that must exist;
    ``anchors``: the ids of its Markdown pages and those made with generated blocks
    (``page_anchors``), for links with an anchor."""
    if (bundle := _bundle(admin)) is None:
        return None
    from netvaerk.editing import cms

    modules = admin / "node_modules"
    package = modules / "@sveltia" / "cms"
    files: dict[str, str | bytes | Path] = {}
    config = cms.cms_config(backend(settings, environ), hosts=list(hosts), site_url=site_url)
    files["admin/config.yml"] = cms.render_config(config)
    check_url = environ.get(EDITOR_CHECK_ENV, "")
    files["admin/index.html"] = cms.admin_page(
        site_name, check_url, site_url=site_url, files=list(sources), anchors=anchors
    )
    for name in cms.OWN_SCRIPTS:
        files[f"admin/{name}"] = admin / name
    files[f"admin/{cms.BUNDLE_SCRIPT}"] = cms.localise_bundle(bundle.read_text(encoding="utf-8"))
    for chunk in cms.CHUNKS:
        files[f"admin/{chunk}"] = package / "dist" / chunk
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    version = {"version": meta["version"]}  # its update check: the version it is
    files[f"admin/{cms.PACKAGE_DIR}/package.json"] = json.dumps(version)
    for target, source in cms.bundle_assets(meta["version"], meta["dependencies"]).items():
        files[f"admin/{target}"] = modules / source
    yaml_dist = modules / "yaml" / "browser" / "dist"
    for path in sorted(yaml_dist.rglob("*.js")):
        files[f"admin/{cms.YAML_DIR}/{path.relative_to(yaml_dist).as_posix()}"] = path
    pyodide = modules / "pyodide"
    if all((pyodide / name).is_file() for name in PYODIDE_FILES):
        for name in PYODIDE_FILES:
            files[f"admin/{PYODIDE_DIR}/{name}"] = pyodide / name
        loader = (pyodide / "pyodide.mjs").read_text(encoding="utf-8")
        files[f"admin/{PYODIDE_DIR}/pyodide.mjs"] = localise_pyodide(loader)
        files[f"admin/{PYTHON_ARCHIVE}"] = python_archive()
    return files


def page_anchors(
    anchors: PageAnchors | None, sources: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Source path → the ids of each Markdown page among ``sources``, counted by the
    function make check uses (``anchors``: the build's ``pages.anchors.anchors_of``, which
    renders each page as MkDocs does; none without it); and the pages among them made with
    generated blocks (placeholders, a news item's date line, the news list), whose anchors
    an edit of the data may change: of those only the ids of the headings written by hand,
    which no edit of the data changes (``Anchors.plain``, read from the lines without
    rendering). Not the meetings' pages and invitations: rendering
    each to count its ids took 8 ms (4.9 s per build of 300 meetings), and an edit of the
    meetings file may change them all; the browser names a link to one in a note.
    """
    from netvaerk.editing import browser_markdown

    found: dict[str, list[str]] = {}
    with_blocks: dict[str, list[str]] = {}
    for src in sources:
        if not src.endswith(".md") or browser_markdown.made_per_meeting(src) or anchors is None:
            continue
        if src == urls.NEWS:  # its headings are the news items' titles: no id is sure,
            with_blocks[src] = []  # so the list is not made (a derive stage) to count them
        elif (ids := anchors(src)) is not None:
            if ids.with_blocks:  # their ids would not hold for an edit
                with_blocks[src] = sorted(ids.plain)
            else:
                found[src] = sorted(ids.all)
    return found, with_blocks


def build_editor(
    project: Path,
    site: Site,
    *,
    site_name: str,
    site_url: str,
    settings: Mapping[str, Any] | None,
    environ: Mapping[str, str],
    sources: Sequence[str],
    anchors: PageAnchors | None = None,
) -> tuple[dict[str, str | bytes | Path], list[tuple[int, str]]]:
    """The editor as a build of the project at ``project`` ships it (``editor_files`` from
    its ``admin`` folder; every member may host a meeting; ``anchors``: the build's anchors
    of its pages, ``Prepared.anchors``), and what the build logs with which level: without
    Sveltia installed the site is built without /admin/, which is information
    (``MISSING``), not a warning that would stop a strict build."""
    # The pages' anchors are the editor's alone: counting them renders pages (28 M
    # instructions of a 30-meeting build, callgrind), so not for a build without the editor.
    installed = _bundle(project / "admin") is not None
    files = (
        editor_files(
            project / "admin",
            site_name=site_name,
            site_url=site_url,
            settings=settings,
            hosts=[(member.id, member.name) for member in site.members],
            environ=environ,
            sources=sources,
            anchors=page_anchors(anchors, sources),
        )
        if installed
        else None
    )
    if files is None:
        return {}, [(logging.INFO, MISSING)]
    return files, []
