"""The browser editor's configuration follows the data model (no browser needed).

``editing/cms.py`` generates Sveltia CMS's ``config.yml`` from the pydantic models; these tests
walk the models themselves, so a field added to the model without a form field, a label or
the right widget fails here.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import ROOT, Project
from pydantic import BaseModel

from netvaerk.editing import cms
from netvaerk.model import (
    REGIONS,
    Kind,
    MeetingsFile,
    MembersFile,
    NewsFrontMatter,
    ProgrammeItem,
    Status,
)

GITHUB = cms.Backend("github", repo="kl/netvaerk", base_url="https://auth.example.dk")
HOSTS = [("silkeborg", "Silkeborg Kommune"), ("skive", "Skive Kommune")]


def _config() -> dict[str, Any]:
    return cms.cms_config(GITHUB, hosts=HOSTS, site_url="https://netvaerk.example.dk/")


def _record(annotation: Any) -> type[BaseModel] | None:
    """The record type inside a field's annotation (alone, optional or in a list)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _record(arg)
        if found is not None:
            return found
    return None


def _model_paths(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every field of the model and the records below it: ('meetings.venue.host', FieldInfo)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        yield path, info
        record = _record(info.annotation)
        if record is not None:
            yield from _model_paths(record, f"{path}.")


def _config_fields(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        found[path] = field
        found.update(_config_fields(field.get("fields", []), f"{path}."))
    return found


def _form(config: dict[str, Any], file: str) -> dict[str, dict[str, Any]]:
    for collection in config["collections"]:
        for entry in collection.get("files", []):
            if entry["file"] == file:
                return _config_fields(entry["fields"])
    raise AssertionError(f"{file} has no form")


@pytest.mark.parametrize(
    ("model", "file"), [(MeetingsFile, "data/meetings.yaml"), (MembersFile, "data/members.yaml")]
)
def test_every_model_field_has_a_form_field(model: type[BaseModel], file: str) -> None:
    form = _form(_config(), file)
    paths = dict(_model_paths(model))
    assert set(paths) <= set(form), f"missing in the editor: {sorted(set(paths) - set(form))}"
    assert set(form) <= set(paths), f"not in the model: {sorted(set(form) - set(paths))}"
    for path, info in paths.items():
        field = form[path]
        assert field["label"] and field["label"] != field["name"], path
        assert field.get("hint"), f"{path} has no hint"
        assert field.get("required", True) == info.is_required(), path


def test_news_items_are_a_folder_of_markdown_files_with_the_models_front_matter() -> None:
    (news,) = [c for c in _config()["collections"] if c["name"] == "nyheder"]
    assert news["folder"] == "docs/nyheder" and news["extension"] == "md"
    assert news["create"] is True
    names = [field["name"] for field in news["fields"]]
    editable = set(NewsFrontMatter.model_fields) - {"hide"}  # a layout switch, not content
    assert set(names) == editable | {"body"}
    assert names[:2] == ["date", "title"] and names[-1] == "body"
    fields = {field["name"]: field for field in news["fields"]}
    assert fields["date"]["format"] == "YYYY-MM-DD"
    assert "required" not in fields["title"]  # required in the form, though not in the file
    assert fields["summary"]["required"] is False
    assert fields["body"]["widget"] == "markdown"


def test_hints_are_the_models_descriptions_unless_the_form_says_it_better() -> None:
    form = _form(_config(), "data/meetings.yaml")
    meeting = typing.get_args(MeetingsFile.model_fields["meetings"].annotation)[0]
    assert form["meetings.summary"]["hint"] == meeting.model_fields["summary"].description
    title = meeting.model_fields["title"]  # with its example (tests/test_words.py)
    assert form["meetings.title"]["hint"].startswith(title.description.removesuffix("."))
    assert "true" not in _form(_config(), "data/members.yaml")["members.contacts.public"]["hint"]


# What an editor in the forms never needs to read: field codes, YAML values, file names.
CODES = re.compile(
    r"planned|cancelled|postponed|session|break|meal|public: ?true|\.ya?ml\b|docs/|ÅÅÅÅ|TT:MM|"
    r"\bUID\b|\bid\b|summary"
)


def test_hints_speak_the_editors_words_not_the_files() -> None:
    config = _config()
    hints = {}
    for collection in config["collections"]:
        for entry in collection.get("files", [collection]):
            for path, field in _config_fields(entry["fields"]).items():
                hints[f"{collection['name']}:{path}"] = field.get("hint", "")
    offenders = {path: hint for path, hint in hints.items() if CODES.search(hint)}
    assert offenders == {}


def test_a_field_without_a_danish_label_stops_the_generator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ProgrammeItem.model_fields["kind"], "title", None)
    with pytest.raises(cms.UnlabelledField, match=r"ProgrammeItem\.kind"):
        _config()


def test_widgets_fit_the_types() -> None:
    meetings = _form(_config(), "data/meetings.yaml")
    members = _form(_config(), "data/members.yaml")
    for path in ("meetings.date", "meetings.end_date", "meetings.registration.deadline"):
        assert meetings[path]["widget"] == "datetime"
        assert meetings[path]["format"] == "YYYY-MM-DD"
        assert meetings[path]["time_format"] is False
    for path in ("meetings.start", "meetings.end", "meetings.programme.start"):
        assert meetings[path]["widget"] == "datetime"
        assert meetings[path]["format"] == "HH:mm"
        assert meetings[path]["date_format"] is False
    status = meetings["meetings.status"]
    assert status["widget"] == "select"
    assert [o["value"] for o in status["options"]] == [s.value for s in Status]
    assert [o["label"] for o in status["options"]] == ["Holdes som planlagt", "Aflyst", "Udskudt"]
    kind = meetings["meetings.programme.kind"]
    assert [o["value"] for o in kind["options"]] == [k.value for k in Kind]
    assert members["members.region"] == {**members["members.region"], "widget": "select"}
    assert members["members.region"]["options"] == list(REGIONS)
    host = meetings["meetings.venue.host"]
    assert host["widget"] == "select"
    assert host["options"] == [{"label": name, "value": id_} for id_, name in HOSTS]
    assert meetings["meetings.programme"]["widget"] == "list"
    assert meetings["meetings.programme.speakers"]["widget"] == "list"
    assert "fields" not in meetings["meetings.programme.speakers"]  # names, comma-separated
    assert meetings["meetings.description"]["widget"] == "text"  # Markdown, many lines
    assert meetings["meetings.programme.day"]["value_type"] == "int"
    assert members["members.contacts.public"]["widget"] == "boolean"
    assert members["members.code"]["value_type"] == "int"
    pattern, _message = meetings["meetings.id"]["pattern"]
    assert re.fullmatch(pattern, "2027-03-04") and not re.fullmatch(pattern, "Mødet 1")
    pattern, _message = meetings["meetings.online.url"]["pattern"]
    assert re.fullmatch(pattern, "https://teams.microsoft.com/x")
    assert not re.fullmatch(pattern, "teams.microsoft.com")


def test_host_is_free_text_with_the_id_pattern_when_there_are_no_members() -> None:
    config = cms.cms_config(GITHUB, hosts=[])
    host = _form(config, "data/meetings.yaml")["meetings.venue.host"]
    assert host["widget"] == "string"
    assert host["pattern"][0].startswith("^[a-z0-9]")


def test_production_publishes_through_pull_requests_and_local_writes_the_checkout() -> None:
    production = _config()
    assert production["backend"] == {
        "name": "github",
        "branch": "main",
        "repo": "kl/netvaerk",
        "squash_merges": True,
        "base_url": "https://auth.example.dk",
    }
    assert production["publish_mode"] == "editorial_workflow"
    test = cms.cms_config(cms.Backend("test-repo"))
    assert test["backend"] == {"name": "test-repo"}
    assert "publish_mode" not in test  # the browser tests' repository saves straight away
    formats = {c["name"]: c["format"] for c in production["collections"]}
    assert formats == {
        "moeder": cms.FILE_FORMAT,
        "medlemmer": cms.FILE_FORMAT,
        "nyheder": "yaml-frontmatter",  # a news item is front matter and Markdown text
    }


def test_localise_bundle_points_every_cdn_address_at_the_site() -> None:
    script = (
        "iP=`https://unpkg.com/@sveltia/cms`,JW=e=>{let t=`https://unpkg.com/${e}`};"
        "gk=`https://unpkg.com/@shikijs`;"
        + "".join(f"url(https://cdn.jsdelivr.net/fontsource/fonts/{url})" for url in cms.FONTS)
    )
    local = cms.localise_bundle(script)
    assert "https://" not in local
    assert "`./sveltia`" in local and "`./vendor/${e}`" in local
    assert "url(./fonts/noto-mono-latin-400-normal.woff2)" in local
    with pytest.raises(cms.BundleChanged):
        cms.localise_bundle(script.replace("https://unpkg.com/${e}", "https://esm.sh/${e}"))
    with pytest.raises(cms.BundleChanged):  # a new CDN address the site does not know
        cms.localise_bundle(script + "`https://cdn.jsdelivr.net/fontsource/fonts/new.woff2`")


def test_bundle_assets_are_where_the_bundle_asks() -> None:
    assets = cms.bundle_assets("0.221.1", {"immutable": "^5.1.9", "leaflet": "^1.9.4"})
    assert assets["vendor/immutable@5.1.9/dist/immutable.es.js"] == "immutable/dist/immutable.es.js"
    assert assets["sveltia@0.221.1/locales/da.json"] == "@sveltia/cms/locales/da.json"
    assert set(assets) >= {f"fonts/{file}" for _package, file in cms.FONTS.values()}


def test_field_order_is_the_models() -> None:
    order = cms.field_order(MeetingsFile, MembersFile)
    assert order["keys"] == ["meetings", "network", "organisers", "members"]
    meeting = order["fields"]["meetings"]
    assert meeting["keys"][:5] == ["id", "title", "date", "end_date", "start"]
    assert order["fields"]["meetings"]["fields"]["programme"]["keys"][0] == "start"
    assert order["fields"]["members"]["fields"]["contacts"]["keys"][-1] == "public"
    assert meeting["typed"] == ["date", "end_date", "start", "end"]
    assert meeting["fields"]["registration"]["typed"] == ["deadline"]


def test_config_file_is_plain_yaml() -> None:
    text = cms.render_config(_config())
    assert text.startswith("# Generated by hooks/netvaerk/editing/cms.py")
    assert "&id" not in text and "*id" not in text  # no anchors: readable for a person
    assert yaml.safe_load(text) == _config()


def test_admin_page_is_kept_out_of_search_and_escapes_its_data() -> None:
    page = cms.admin_page("Netværk <test> & co")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Netværk &lt;test&gt; &amp; co" in page
    order = re.search(r'id="netvaerk-field-order">(.*?)</script>', page, re.S)
    assert order is not None and "<" not in order[1]
    assert json.loads(order[1]) == cms.field_order(MeetingsFile, MembersFile)
    assert page.index("CMS_MANUAL_INIT") < page.index(cms.BUNDLE_SCRIPT)


THIRD_PARTY = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr|cdnjs|google-analytics|"
    r"googletagmanager|sentry\.io|plausible\.io|segment\.(?:com|io)|hotjar"
)


@pytest.mark.build
def test_build_serves_the_editor_from_the_site(project: Project) -> None:
    if not (ROOT / "admin" / "node_modules" / "@sveltia" / "cms").is_dir():
        pytest.fail("admin/node_modules is missing: run `npm ci --prefix admin` (make does)")
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    site = project.build()
    admin = site / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == _mkdocs_extra()["editor"]["repo"]
    assert config["site_url"] == "https://landdistriktskoordinatorer.dk/"
    host = _form(config, "data/meetings.yaml")["meetings.venue.host"]
    assert {"label": "Silkeborg Kommune", "value": "silkeborg"} in host["options"]
    names = {path.name for path in admin.iterdir()}
    wanted = {"index.html", "config.yml", "sveltia-cms.js", "netvaerk-cms.js", "netvaerk-yaml.js"}
    wanted |= {"netvaerk-files.js"}
    assert wanted <= names
    # What the bundle fetched from CDNs is served here (localise_bundle points at it).
    assert (admin / "fonts" / "source-sans-3-latin-wght-normal.woff2").is_file()
    assert json.loads((admin / "sveltia" / "package.json").read_text())["version"]
    assert list(admin.glob("sveltia@*/locales/da.json"))
    assert list(admin.glob("vendor/immutable@*/dist/immutable.es.js"))
    assert (admin / "yaml" / "index.js").is_file()
    assert not [p for p in admin.rglob("*.map")], "source maps stay out of the site"
    scripts = [p for p in admin.rglob("*.js")]
    offenders = [p.name for p in scripts if THIRD_PARTY.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "admin/" not in search


class _Ids(HTMLParser):
    """Every id in a built page's article (the part the page's Markdown makes)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += 1
            self.found |= {v for k, v in attrs if k == "id" and v}

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


@pytest.mark.build
def test_the_editor_gets_the_built_pages_anchors(project: Project) -> None:
    """The anchors the build hands the browser's link check (/admin/index.html) are the ids
    of the built page: read back from the HTML MkDocs wrote, not from the program."""
    if not (ROOT / "admin" / "node_modules" / "@sveltia" / "cms").is_dir():
        pytest.fail("admin/node_modules is missing: run `npm ci --prefix admin` (make does)")
    (project.root / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    site = project.build()
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="netvaerk-routes">(.*?)</script>', page)
    assert found
    routes = json.loads(found[1])
    ids = _Ids()
    ids.feed((site / "om" / "index.html").read_text(encoding="utf-8"))
    assert ids.found and "medlemskab" in ids.found
    assert set(routes["anchors"]["om.md"]) == ids.found
    # pages made with the meetings: the names only, with the headings written by hand
    assert "kendte-begrænsninger" in routes["blocks"]["tilgaengelighed.md"]
    assert not [src for src in routes["anchors"] if src.startswith("moeder/2")]


def _mkdocs_extra() -> dict[str, Any]:
    """mkdocs.yml's ``extra`` (the file has Python tags, so not the whole file is loaded)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^extra:\n(?:[ #].*\n|\n)+", text, re.M)
    assert block is not None
    extra: dict[str, Any] = yaml.safe_load(block[0])["extra"]
    return extra


@pytest.mark.build
def test_no_bundle_no_editor(project: Project) -> None:
    """A copy without admin/node_modules still builds (the suite's other builds rely on it)."""
    site = project.build()
    assert not (site / "admin").exists()
    assert Path(site / "index.html").is_file()


def test_the_guides_pictures_exist_and_are_all_shown() -> None:
    """VEJLEDNING.md's screenshots come from the browser tests (NETVAERK_SCREENSHOTS=1):
    tests/test_cms_browser.py, the preview pane's tests/test_editor_preview.py, the pull
    request's check in tests/test_cms_checks.py, the dates in tests/test_cms_dates.py and the
    news preview in tests/test_editor_preview_news.py."""
    guide = (ROOT / "VEJLEDNING.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"!\[[^\]]*\]\((vejledning/[^)]+\.png)\)", guide))
    on_disk = {f"vejledning/{p.name}" for p in (ROOT / "vejledning").glob("*.png")}
    assert shown and shown == on_disk
    browser_tests = "".join(
        (ROOT / "tests" / name).read_text(encoding="utf-8")
        for name in (
            "test_cms_browser.py",
            "test_editor_preview.py",
            "test_cms_checks.py",
            "test_cms_dates.py",
            "test_editor_preview_news.py",
        )
    )
    taken = {
        f"vejledning/{name}.png"
        for name in re.findall(r'\bshot\(page, "([\w-]+)"\)', browser_tests)
    }
    assert shown == taken
