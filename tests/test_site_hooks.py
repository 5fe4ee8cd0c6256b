"""The rules that hooks/site_hooks.py hands on, tested without MkDocs (issue 21 item 3).

The glue only maps MkDocs' events onto the core; what it used to decide itself is decided by
a function of the module that owns the concern: which members the editor offers as hosts and
how a missing editor is logged (``editing.admin.build_editor``), which description a page's
Open Graph tags give (``outputs.page_head``), which folders the first ``mkdocs serve`` watches
while bad data waits for a fix (``outputs.read_folders``) and which errors stop a build with
their own message (``outputs.SETTING_ERRORS``).
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest
import yaml
from factories import CORPUS, ROOT, meeting, member, minimal_project, place, site

from netvaerk.check import collect_problems
from netvaerk.content.news import NewsItem
from netvaerk.editing import admin
from netvaerk.outputs import (
    SETTING_ERRORS,
    BuildContext,
    build_project,
    page_head,
    prepare,
    read_folders,
)
from netvaerk.text import urls

URL = "https://netvaerk.example.dk/"
MEMBERS = (member(id="skive", name="Skive Kommune"), member(id="lemvig", name="Lemvig Kommune"))


def _host_options(config_yml: str) -> list[tuple[str, str]]:
    """(value, label) of every select field named ``host`` in the editor's configuration."""
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("name") == "host" and node.get("widget") == "select":
                found.extend((o["value"], o["label"]) for o in node["options"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(config_yml))
    return found


def test_the_editor_offers_every_member_as_a_meetings_host() -> None:
    files, notes = admin.build_editor(
        ROOT,
        site(members=MEMBERS),
        site_name="Netværket",
        site_url=URL,
        settings=None,
        environ={},
        sources=["materialer/a.pdf", "om.md"],
    )
    assert notes == []
    assert _host_options(str(files["admin/config.yml"])) == [
        ("skive", "Skive Kommune"),
        ("lemvig", "Lemvig Kommune"),
    ]
    embedded = str(files["admin/index.html"])
    assert json.dumps("materialer/a.pdf") in embedded


def test_without_sveltia_the_site_is_built_without_the_editor_and_says_so_as_information(
    tmp_path: Path,
) -> None:
    files, notes = admin.build_editor(
        tmp_path, site(), site_name="N", site_url="", settings=None, environ={}, sources=[]
    )
    assert files == {}
    assert notes == [(logging.INFO, admin.MISSING)]  # not a warning: --strict would stop


def _og(tags: object) -> dict[str, str]:
    assert isinstance(tags, list)
    return dict(tags)


def test_a_page_without_a_description_of_its_own_is_described_by_the_site() -> None:
    item = NewsItem("nyt", date(2027, 2, 1), "Nyt", "Kort resumé.", "Tekst\n", file="x")
    prepared = prepare(site(meeting(id="m")), [item], BuildContext(date(2027, 2, 15), URL, "N"))
    plain = page_head(
        prepared,
        "om.md",
        title="Om netværket",
        meta={},
        url=URL + "om/",
        is_home=False,
        site_description="Netværkets hjemmeside.",
    )
    assert _og(plain["nk_og"])["og:description"] == "Netværkets hjemmeside."
    assert _og(plain["nk_og"])["og:site_name"] == "N"
    assert plain["nk_jsonld"] is None
    news = page_head(
        prepared,
        "nyheder/nyt.md",
        title="Nyt",
        meta={"description": "Kort resumé."},
        url=URL + "nyheder/nyt/",
        is_home=False,
        site_description="Netværkets hjemmeside.",
    )
    tags = _og(news["nk_og"])
    assert (tags["og:description"], tags["og:type"]) == ("Kort resumé.", "article")
    assert tags["article:published_time"] == "2027-02-01"
    assert json.loads(str(news["nk_jsonld"]))["@type"] == "NewsArticle"
    meeting_head = page_head(
        prepared,
        urls.meeting_page("m"),
        title="Tema",
        meta={},
        url=None,
        is_home=False,
        site_description=None,
    )
    assert json.loads(str(meeting_head["nk_jsonld"]))["@type"] == "Event"


def test_every_file_a_data_problem_names_is_in_a_folder_the_waiting_build_watches(
    tmp_path: Path,
) -> None:
    root = minimal_project(tmp_path)
    place(root, CORPUS / "klokken-25.meetings.yaml")
    place(root, CORPUS / "forkert-region.members.yaml")
    place(root, CORPUS / "nyhed-uden-dato.nyhed.md")
    problems = collect_problems(root)
    assert {p.file.split("/")[0] for p in problems} == {"data", "docs"}
    watched = read_folders(root, root / "docs")
    for problem in problems:
        assert any((root / problem.file).is_relative_to(folder) for folder in watched), problem


@pytest.mark.parametrize(
    ("variable", "value"),
    [("NETVAERK_DATO", "2027-13-01"), ("SOURCE_DATE_EPOCH", "i går")],
)
def test_a_bad_date_setting_stops_the_build_with_its_own_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    root = minimal_project(tmp_path)
    with pytest.raises(SETTING_ERRORS) as stopped:
        build_project(root, root / "docs", site_url=URL, site_name="N")
    assert value in str(stopped.value)


def test_without_sveltia_no_page_is_counted_for_the_editor(tmp_path: Path) -> None:
    """The pages' anchors are only for the editor's page: a build without it counts none."""
    asked: list[str] = []

    def anchors(src: str) -> None:
        asked.append(src)

    files, _ = admin.build_editor(
        tmp_path,
        site(),
        site_name="N",
        site_url="",
        settings=None,
        environ={},
        sources=["om.md", "index.md"],
        anchors=anchors,
    )
    assert files == {}
    assert asked == []
