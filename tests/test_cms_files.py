"""Uploaded files in the browser editor (admin/netvaerk-files.js), run by Node.

Safe names for uploads (æ→ae, ø→oe, å→aa, as the guide promises) and the path a meeting's
material gets when the editor pastes what the media library copies. The browser test
(test_cms_browser.py) drives the upload itself; these cover the cases one by one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import ROOT

from netvaerk.model import Material

DRIVER = """
import { materialPath, safeFileName } from "./netvaerk-files.js";
const [names, urls] = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify({
  names: names.map((name) => safeFileName(name)),
  urls: urls.map(([url, site]) => materialPath(url, site)),
}));
"""
SITE = "https://landdistriktskoordinatorer.dk/"


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("netvaerk-files")
    shutil.copy(ROOT / "admin" / "netvaerk-files.js", root / "netvaerk-files.js")
    (root / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (root / "driver.js").write_text(DRIVER, encoding="utf-8")
    return root


def _run(runner: Path, names: list[str], urls: list[tuple[str, str]]) -> dict[str, list[str]]:
    result = subprocess.run(
        ["node", "driver.js", json.dumps([names, urls])],
        cwd=runner,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Referat fra mødet på Ærø.pdf", "referat-fra-moedet-paa-aeroe.pdf"),
        ("ÆBLER Å Ø.PDF", "aebler-aa-oe.pdf"),
        ("Café – oplæg (2027).pptx", "cafe-oplaeg-2027.pptx"),
        ("slides.pdf", "slides.pdf"),
        ("ææ.", "aeae"),
        ("???.pdf", "fil.pdf"),
        (".skjult", "skjult"),
    ],
)
def test_upload_names_are_made_safe(runner: Path, name: str, safe: str) -> None:
    assert _run(runner, [name], [])["names"] == [safe]


@pytest.mark.parametrize(
    ("pasted", "written"),
    [
        ("/docs/materialer/referat.pdf", "materialer/referat.pdf"),  # »Filsti«
        ("docs/materialer/referat.pdf", "materialer/referat.pdf"),
        (f"{SITE}materialer/referat.pdf", "materialer/referat.pdf"),  # »Offentlig URL«
        ("materialer/referat.pdf", "materialer/referat.pdf"),
        (
            "https://www.example.dk/materialer/referat.pdf",
            "https://www.example.dk/materialer/referat.pdf",
        ),
        (
            "https://www.example.dk/docs/materialer/x.pdf",
            "https://www.example.dk/docs/materialer/x.pdf",
        ),
    ],
)
def test_a_pasted_file_path_becomes_the_data_files_path(
    runner: Path, pasted: str, written: str
) -> None:
    assert _run(runner, [], [(pasted, SITE)])["urls"] == [written]
    # What is written is a material the model accepts.
    Material(title="Referat", url=written)
