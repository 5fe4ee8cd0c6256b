"""The lock files (issue 19): written by `make lock` from pyproject.toml, with hashes.

Offline checks that the two files are what `make lock` would leave: every dependency that
pyproject.toml declares is pinned (the site's in requirements.txt, the tests' in
requirements-dev.txt), every pin carries hashes, the runtime lock holds no test tool, and
both files agree on every version they share. A dependency added to pyproject.toml without
`make lock` fails here, naming the command.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from factories import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.MULTILINE)
HINT = "run `make lock` (README, »Updates«)"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", spec)
    assert match, spec
    return normalise(match[0])


def pins(file: str) -> dict[str, str]:
    text = (ROOT / file).read_text(encoding="utf-8")
    return {normalise(name): version for name, version in PIN.findall(text)}


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = {requirement_name(s) for s in PROJECT["dependencies"]}
TEST = {requirement_name(s) for s in PROJECT["optional-dependencies"]["test"]}


@pytest.mark.parametrize("file", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_has_hashes_and_the_header_names_the_command(file: str) -> None:
    text = (ROOT / file).read_text(encoding="utf-8")
    assert "#    make lock\n" in text
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(blocks) == len(pins(file)) > 20
    for block in blocks:
        assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_site_lock_has_every_runtime_dependency_and_no_test_tool() -> None:
    runtime = pins("requirements.txt")
    missing = RUNTIME - runtime.keys()
    assert not missing, f"not in requirements.txt: {sorted(missing)}; {HINT}"
    # (python-dateutil is both: the tests import it, and MkDocs needs it through ghp-import.)
    tools = TEST - {"python-dateutil"}
    assert not tools & runtime.keys(), "test tools in the site's lock"


def test_the_dev_lock_has_everything_at_the_same_versions() -> None:
    runtime, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    missing = (RUNTIME | TEST) - dev.keys()
    assert not missing, f"not in requirements-dev.txt: {sorted(missing)}; {HINT}"
    differ = {n: (v, dev[n]) for n, v in runtime.items() if dev.get(n) != v}
    assert not differ, f"versions differ between the locks: {differ}; {HINT}"
