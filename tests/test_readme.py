"""README.md tells the truth (issue 18.6): every claim that can be checked without a build.

The commands and variables it names exist and reach the command they configure
(``make -n``), the prerequisites table agrees with what the project installs and requires,
every file it names is there, and the addresses it says are taken by generated files are
refused by the check. Claims about builds and browsers are tested where those run
(``test_serve.py`` for ``make serve PORT=``, ``test_changes.py`` for ``make changes``).
"""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from factories import ROOT

from netvaerk.content.generated import collisions
from netvaerk.content.loading import load_site
from netvaerk.content.news_files import load_news
from netvaerk.model import Meeting, Member

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Stamps make would otherwise rebuild first (pip, npm ci): -o leaves them alone in a dry run.
_KEEP = ["-o", ".venv/.installed", "-o", "tests/js/node_modules/.package-lock.json"]
_KEEP += ["-o", "admin/node_modules/.package-lock.json"]


def dry_run(*args: str) -> str:
    """The commands ``make`` would run, without running them."""
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), *_KEEP, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"make {' '.join(args)}: {done.stderr}"
    return done.stdout


def section(heading: str) -> str:
    """The text under ``## heading`` up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match is not None, f"README has no section »{heading}«"
    return match[1]


def test_every_make_command_the_readme_names_exists() -> None:
    named = set(re.findall(r"`make ([a-z-]+)", README)) | set(
        re.findall(r"^make ([a-z-]+)", README, re.M)
    )
    assert {"serve", "test", "build", "check", "changes", "test-fast", "lint"} <= named
    for target in sorted(named):
        assert dry_run(target).strip(), target


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("serve", "PORT=8010"), "-a 127.0.0.1:8010"),
        (("serve",), "-a 127.0.0.1:8000"),  # "preview on http://127.0.0.1:8000"
        (("serve", "DATO=2027-03-01"), 'NETVAERK_DATO="2027-03-01"'),
        (
            ("build", "DATO=2027-03-01"),
            'NETVAERK_DATO="2027-03-01" .venv/bin/mkdocs build --strict',
        ),
        (("changes", "BASE=HEAD~3"), '--base "HEAD~3"'),
        (("test",), "pytest -n 2"),  # "the whole suite on two cores"
        (("test-fast",), 'pytest -m "not build and not browser"'),
    ],
)
def test_the_variables_the_readme_names_reach_the_command(
    args: tuple[str, ...], expected: str
) -> None:
    assert expected in dry_run(*args)


def test_the_port_is_named_where_the_readme_shows_make_serve() -> None:
    assert "PORT=8010" in section("The two commands")


def _table(text: str) -> dict[str, tuple[str, str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("tool", "---"):
            rows[cells[0]] = (cells[1], cells[2])
    return rows


def test_the_prerequisites_are_complete_and_agree_with_the_project() -> None:
    table = _table(section("Prerequisites"))
    assert set(table) == {"Python", "GNU make", "git", "Node.js and npm", "Chromium", "Java"}
    # Python: what pyproject.toml requires.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    minimum = pyproject["project"]["requires-python"].removeprefix(">=")
    assert table["Python"][0].startswith(f"{minimum} or newer")
    # Node: CI runs a version at least as new as the one the README asks for.
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    [ci_node] = [s["with"] for s in steps if "setup-node" in s.get("uses", "")]
    assert ci_node["node-version-file"] == ".nvmrc"
    node = re.match(r"(\d+) or newer", table["Node.js and npm"][0])
    nvmrc = (ROOT / ".nvmrc").read_text(encoding="utf-8").strip()
    assert node is not None and int(nvmrc) == int(node[1])
    # Chromium: the path the tests launch.
    assert "/usr/bin/chromium" in table["Chromium"][0]
    assert 'CHROMIUM = "/usr/bin/chromium"' in (ROOT / "tests/factories.py").read_text() or (
        "/usr/bin/chromium" in (ROOT / "tests/factories.py").read_text()
    )
    # .ci/run installs every system tool of the table that a Debian machine may lack.
    ci_run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    for command, package in (
        ("chromium", "chromium"),
        ("java", "default-jre-headless"),
        ("npm", "nodejs npm"),
        ("git", "git"),
    ):
        assert f"command -v {command} " in ci_run and f"need+=({package})" in ci_run, command
    # The Danish pack the editor's tests need (conftest.danish_browser), in all three places.
    assert "chromium-l10n" in table["Chromium"][0] and "need+=(chromium-l10n)" in ci_run
    [apt] = [s["run"] for s in steps if "apt-get install" in s.get("run", "")]
    assert " chromium chromium-l10n " in apt
    # Java: the README's minimum is what the CI container's Debian installs as default-jre.
    java = re.match(r"(\d+) or newer", table["Java"][0])
    debian_jre = {"bookworm": 17, "trixie": 21}  # Debian 12 and 13: openjdk-17 / -21
    [release] = [r for r in debian_jre if r in workflow["jobs"]["test"]["container"]]
    assert java is not None and debian_jre[release] >= int(java[1]) == 17


def test_the_prerequisites_are_in_one_place() -> None:
    """Versions of the tools are stated in the table only, not again further down."""
    outside = README.replace(section("Prerequisites"), "")
    for claim in ("Python 3.11", "Node 20", "Java 17", "Node 22"):
        assert claim not in outside, claim


_NOT_IN_REPOSITORY = {
    ".venv/",  # made by make
    "site/",  # made by make build
    "admin/config.yml",  # written at build time
    "origin/main",  # a Git ref
    "owner/name",  # a placeholder
    "docs/kalender.ics",  # named as addresses taken by generated files
    "docs/nyheder/feed.xml",
    "docs/nyheder/index.md",
    "docs/materialer/",  # where an editor puts a meeting's files; none are there yet
    "404.html",  # a page of a build (the Zensical rehearsal's one difference)
    "actions/setup-node",  # a GitHub Action, not a file
}


def test_every_file_the_readme_names_exists() -> None:
    tokens = set(re.findall(r"`([^`\s]+)`", README))
    paths = {
        t
        for t in tokens
        if ("/" in t or re.search(r"\.(py|md|ya?ml|json|csv|toml|lock|m?js|html)$", t))
        and not t.startswith(("http", "/", "-"))
        and not re.search(r"[<…=]", t)
    } - _NOT_IN_REPOSITORY
    assert len(paths) > 30
    bases = [ROOT, ROOT / "hooks", ROOT / "hooks" / "netvaerk", ROOT / "data"]
    missing = [p for p in sorted(paths) if not any(list(base.glob(p)) for base in bases)]
    assert missing == []
    links = [link.split("#")[0] for link in re.findall(r"\]\(([^)\s]+)\)", README)]
    local = [link for link in links if link and not link.startswith(("http:", "https:"))]
    assert local and [link for link in local if not (ROOT / link).exists()] == []


def test_the_addresses_the_readme_says_are_generated_are_refused_in_docs() -> None:
    sentence = re.search(
        r"A file in `docs/` at the\s+address of a generated one \((.*?)\)", README, re.S
    )
    assert sentence is not None
    site = load_site(ROOT / "data")
    slug = site.meetings[0].slug
    named = [p.replace("<id>", slug) for p in re.findall(r"`docs/([^`]+)`", sentence[1])]
    assert len(named) >= 4
    for src in named:
        found = collisions(site.meetings, [], [src])
        assert len(found) == 1, f"docs/{src} is not refused"


def test_the_engines_versions_the_readme_names_are_the_pinned_ones() -> None:
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    version = re.search(r"MkDocs (\d+\.\d+\.\d+)", README)
    assert version is not None and f"mkdocs=={version[1]}" in lock


def test_the_data_contract_names_every_field_of_the_model() -> None:
    """The contract's table names every field editors may write (meetings and members)."""
    table = section("The data contract")
    for model in (Meeting, Member):
        for name in model.model_fields:
            assert re.search(rf"`{name}(\[\])?`", table), name


def test_make_test_fast_installs_the_node_packages_its_unit_tests_read() -> None:
    """Issue 18.5: on a fresh clone ``make test-fast`` failed for want of ical.js and the
    editor's yaml package; it now installs both first (shown by a dry run with the lock
    files newer than what is installed)."""
    newer = ["-W", "tests/js/package-lock.json", "-W", "admin/package-lock.json"]
    command = ["make", "-n", "-C", str(ROOT), "-o", ".venv/.installed", *newer, "test-fast"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    pytest = done.stdout.index('pytest -m "not build and not browser"')  # after both installs
    assert -1 < done.stdout.find("npm ci --prefix tests/js") < pytest
    assert -1 < done.stdout.find("npm ci --prefix admin") < pytest


def test_the_prerequisites_name_what_each_command_installs() -> None:
    """Which targets run ``npm ci`` where, as the table says, from the Makefile's dry run."""
    table = _table(section("Prerequisites"))
    node = table["Node.js and npm"][1]
    newer = ["-W", "tests/js/package-lock.json", "-W", "admin/package-lock.json"]
    for target in ("build", "serve", "edit", "test", "test-fast", "check", "changes"):
        command = ["make", "-n", "-C", str(ROOT), "-o", ".venv/.installed", *newer, target]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        for folder, claim in (("admin", node.split(";")[0]), ("tests/js", node.split(";")[1])):
            assert (f"npm ci --prefix {folder}" in out) == (f"`{target}`" in claim), (
                target,
                folder,
            )


CONTACT = "`<!-- netvaerk:contact -->`"


def test_the_contact_placeholder_is_promised_only_where_it_works(tmp_path: Path) -> None:
    """README and VEJLEDNING.md said the network's address fills ``<!-- netvaerk:contact -->``
    in news too; a news item holding it is refused (commit 3e069d4 put one in
    ``planen-for-2027.md``, and today's rules cannot read that version)."""
    news = tmp_path / "docs" / "nyheder"
    news.mkdir(parents=True)
    (news / "kontakt.md").write_text(
        f"---\ndate: 2026-11-16\n---\n\n# Skriv til os\n\nSkriv til {CONTACT.strip('`')}.\n",
        encoding="utf-8",
    )
    written, problems = load_news(tmp_path / "docs")
    assert written == [] and "pladsholderen" in problems[0].message
    row = next(line for line in README.splitlines() if "`network` (`email`)" in line)
    where = re.search(rf"{re.escape(CONTACT)} \(([^)]*)\)", row)
    assert where is not None, row
    promised, _, refused = where[1].partition(";")
    assert "news" not in promised and "news" in refused
    assert "accessibility statement" in promised
    assert CONTACT.strip("`") in (ROOT / "docs" / "tilgaengelighed.md").read_text(encoding="utf-8")
    guide = (ROOT / "VEJLEDNING.md").read_text(encoding="utf-8")
    sentence = re.search(r"Adressen står ([^.]*?)`<!-- netvaerk:contact -->`", guide)
    assert sentence is not None
    assert "nyhed" not in sentence[1]


def _sveltia_words() -> list[re.Pattern[str]]:
    """Every Danish string of the shipped Sveltia, ``{$service}`` as a wildcard."""
    locale = json.loads(
        (ROOT / "admin/node_modules/@sveltia/cms/locales/da.json").read_text(encoding="utf-8")
    )

    def strings(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, str):
            yield node

    return [
        re.compile("".join(".+" if p.startswith("{$") else re.escape(p) for p in parts))
        for parts in (re.split(r"(\{\$\w+\})", s) for s in strings(locale))
    ]


def test_the_login_words_quoted_for_make_edit_are_the_editors_own() -> None:
    """Issue 18.6: README said ``make edit`` needs no login while the page shows »Log ind«.
    The buttons README, the guide and ``make edit``'s own line quote are Sveltia's words as
    shipped (an upgrade that renames them fails here), and ``make edit`` says which to press
    and which not (the browser test of the login page shows both on 127.0.0.1)."""
    words = _sveltia_words()
    edit = dry_run("edit")
    guide = (ROOT / "VEJLEDNING.md").read_text(encoding="utf-8")
    quoted = set()
    for text in (README, guide, edit):
        quoted |= set(re.findall(r"»((?:Log ind|Arbejd med)[^«]*)«", text))
    assert {"Arbejd med lokalt repository", "Log ind med GitHub"} <= quoted
    assert [q for q in sorted(quoted) if not any(w.fullmatch(q) for w in words)] == []
    assert "vælg »Arbejd med lokalt repository«" in edit
    assert "ikke »Log ind med GitHub«" in edit
    section_text = " ".join(README[README.index("- **`make edit`**") :].split("\n- **")[0].split())
    assert "»Log ind med GitHub«" in section_text and "not needed" in section_text
