"""The browser editor's files (editing/admin.py): which backend, which files ship."""

from __future__ import annotations

from pathlib import Path

import yaml
from factories import ROOT

from netvaerk.editing import admin

SETTINGS = {"repo": "kl/netvaerk", "branch": "main", "auth_url": "https://auth.example.dk"}


def files(environ: dict[str, str]) -> dict[str, str | Path]:
    found = admin.editor_files(
        ROOT / "admin",
        site_name="Netværket",
        site_url="https://netvaerk.example.dk/",
        settings=SETTINGS,
        hosts=[("skive", "Skive Kommune")],
        environ=environ,
    )
    assert found is not None, "admin/node_modules: run npm ci in admin/"
    return found


def test_the_editor_talks_to_github_unless_the_tests_ask_for_the_test_repository() -> None:
    backend = yaml.safe_load(str(files({})["admin/config.yml"]))["backend"]
    assert (backend["name"], backend["repo"], backend["branch"]) == (
        "github",
        "kl/netvaerk",
        "main",
    )
    environ = {admin.EDITOR_BACKEND_ENV: "test-repo"}
    assert yaml.safe_load(str(files(environ)["admin/config.yml"]))["backend"]["name"] == "test-repo"


def test_every_file_ships_from_the_site_and_exists() -> None:
    shipped = files({admin.EDITOR_CHECK_ENV: "http://127.0.0.1:8001/check"})
    assert "http://127.0.0.1:8001/check" in str(shipped["admin/index.html"])
    for target, source in shipped.items():
        assert target.startswith("admin/"), target
        if isinstance(source, Path):
            assert source.is_file(), source


def test_without_sveltia_installed_there_is_no_editor(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    assert (
        admin.editor_files(
            tmp_path, site_name="N", site_url="", settings=None, hosts=[], environ=environ
        )
        is None
    )
