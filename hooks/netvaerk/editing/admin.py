"""The browser editor's files at /admin/: what ships, from where, with which backend.

Sveltia's bundle from ``admin/node_modules`` (``npm ci``) with its CDN addresses pointed at
the site, its configuration generated from the model (``cms.py``), our own scripts and the
page that loads them. This module decides which files ship and which backend the editor
talks to; the MkDocs glue (``hooks/site_hooks.py``) only turns the mapping into files.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from netvaerk.content.site import Site
from netvaerk.editing import cms

# The browser tests point the editor at Sveltia's in-browser test repository; `make edit` and
# the tests name the loopback check it asks before saving (editing/savecheck.py).
EDITOR_BACKEND_ENV = "NETVAERK_EDITOR_BACKEND"
EDITOR_CHECK_ENV = "NETVAERK_EDITOR_CHECK"

MISSING = "admin/: Sveltia CMS er ikke installeret (make build kører npm ci): /admin/ udelades"


def backend(settings: Mapping[str, Any] | None, environ: Mapping[str, str]) -> cms.Backend:
    """The editor's backend: Sveltia's test repository when the environment asks for it,
    else GitHub as ``extra.editor`` in mkdocs.yml gives it (``settings``)."""
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


def editor_files(
    admin: Path,
    *,
    site_name: str,
    site_url: str,
    settings: Mapping[str, Any] | None,
    hosts: Sequence[tuple[str, str]],
    environ: Mapping[str, str],
    sources: Sequence[str] = (),
) -> dict[str, str | Path] | None:
    """Site path → content (text) or source file of every file of the editor, from the
    project's ``admin`` folder; None when Sveltia is not installed there (``MISSING``).
    ``hosts``: (id, name) of the members that may host a meeting. ``sources``: the source
    paths of the site's files, for the browser's rules about materials that must exist."""
    modules = admin / "node_modules"
    package = modules / "@sveltia" / "cms"
    bundle = package / "dist" / cms.BUNDLE_SCRIPT
    if not bundle.is_file():
        return None
    files: dict[str, str | Path] = {}
    config = cms.cms_config(backend(settings, environ), hosts=list(hosts), site_url=site_url)
    files["admin/config.yml"] = cms.render_config(config)
    check_url = environ.get(EDITOR_CHECK_ENV, "")
    files["admin/index.html"] = cms.admin_page(
        site_name, check_url, site_url=site_url, files=list(sources)
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
    return files


def build_editor(
    project: Path,
    site: Site,
    *,
    site_name: str,
    site_url: str,
    settings: Mapping[str, Any] | None,
    environ: Mapping[str, str],
    sources: Sequence[str],
) -> tuple[dict[str, str | Path], list[tuple[int, str]]]:
    """The editor as a build of the project at ``project`` ships it (``editor_files`` from
    its ``admin`` folder; every member may host a meeting), and what the build logs with
    which level: without Sveltia installed the site is built without /admin/, which is
    information (``MISSING``), not a warning that would stop a strict build."""
    files = editor_files(
        project / "admin",
        site_name=site_name,
        site_url=site_url,
        settings=settings,
        hosts=[(member.id, member.name) for member in site.members],
        environ=environ,
        sources=sources,
    )
    if files is None:
        return {}, [(logging.INFO, MISSING)]
    return files, []
