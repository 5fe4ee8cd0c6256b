"""search_stemming.py: a visitor's inflected query finds the inflected words of a page.

Material's own search worker (which carries lunr) and its Danish language files run in Node
(tests/js/lunr_search.js) over a few Danish texts, once with the theme's lunr.da file and once
with the file the build ships (``patch_lunr_da``). Material appends ``*`` to every query term,
which makes lunr skip the stemmer; only the patched file finds »tilflyttere« for
»tilflytterne«.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import material
import pytest
from factories import TESTS

from netvaerk.search_stemming import LUNR_DA_PATH, patch_lunr_da

ASSETS = Path(material.__file__).parent / "templates"
DOCUMENTS = [
    {"id": "tilflyttere", "text": "Bosætning og nye tilflyttere i Thisted"},
    {"id": "landsbyer", "text": "Strategisk planlægning for landsbyerne"},
    {"id": "andet", "text": "Netværkets møde om lokal udvikling"},
]


def search(lunr_da: str, query: str, tmp_path: Path) -> list[str]:
    """The ids lunr finds for ``query`` (as Material sends it) with ``lunr_da`` loaded."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (see README.md, Development)", pytrace=False)
    [worker] = (ASSETS / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    support = ASSETS / "assets" / "javascripts" / "lunr" / "min" / "lunr.stemmer.support.min.js"
    danish = tmp_path / "lunr.da.min.js"
    danish.write_text(lunr_da, encoding="utf-8")
    done = subprocess.run(
        [node, str(TESTS / "js" / "lunr_search.js"), str(worker), str(support), str(danish), query],
        input=json.dumps(DOCUMENTS),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stdout)
    return found


def theme_lunr_da() -> str:
    return (ASSETS / LUNR_DA_PATH).read_text(encoding="utf-8")


def test_the_patched_danish_file_finds_an_inflected_prefix_query(tmp_path: Path) -> None:
    patched = patch_lunr_da(theme_lunr_da())
    assert search(patched, "tilflytterne*", tmp_path) == ["tilflyttere"]
    assert search(patched, "landsby*", tmp_path) == ["landsbyer"]  # prefix search still works


def test_without_the_patch_the_theme_finds_nothing_for_the_same_query(tmp_path: Path) -> None:
    """Why the patch exists: the wildcard term skips lunr's stemmer."""
    assert search(theme_lunr_da(), "tilflytterne*", tmp_path) == []


def test_the_patch_keeps_the_theme_s_file_and_adds_to_its_end() -> None:
    original = theme_lunr_da()
    patched = patch_lunr_da(original)
    assert patched.startswith(original.rstrip())
    assert patch_lunr_da(original + "\n\n") == patched  # trailing space does not matter
    assert "lunr.Query.prototype.clause" in patched.removeprefix(original.rstrip())
