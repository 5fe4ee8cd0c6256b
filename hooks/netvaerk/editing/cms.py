"""The browser editor's configuration (Sveltia CMS at ``/admin/``), generated from the model.

Like ``schemas/``, the editor's forms follow ``model.py``: every field an editor may write
gets a form field with the model's Danish label (its ``title``) and hint (its form hint, else
its description), the widget that fits its type (native date and time pickers, choice lists
with the model's Danish words for ``status`` and ``kind``, ``region`` and the hosting member)
and the model's required/optional, all read through the one model walker (``text/fields.py``).
A field added to the model without a label stops the generator (and the test that walks the
model), so the forms cannot fall behind the data contract.

The forms edit ``data/meetings.yaml`` and ``data/members.yaml`` as they are: one "file
collection" per data file, with list widgets for the meetings, each meeting's programme and
the members' contacts. The widgets hold dates as ``YYYY-MM-DD`` and times as ``HH:MM`` (the
``format`` of the datetime widget), numbers as numbers; the site's own file format
(``admin/netvaerk-yaml.js``, named by ``FILE_FORMAT``) writes them into the file it read,
keeping its comments and layout, with new keys in the order of ``field_order``. ``make check``
stays the authority: the editor's own validation is a courtesy that catches slips early.

Pure and typed, with no MkDocs import; ``site_hooks.py`` writes the result as
``admin/config.yml``.
"""

from __future__ import annotations

import copy
import html
import json
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, WithJsonSchema

from ..content.news import NEWS_DIR
from ..model import (
    CLOCK_PATTERN,
    DATE_PATTERN,
    MATERIALS_DIR,
    REGIONS,
    ClockTime,
    Email,
    IsoDate,
    MaterialUrl,
    MeetingsFile,
    Member,
    MembersFile,
    NewsFrontMatter,
    Region,
    Slug,
    Url,
    example_of,
)
from ..text.fields import FieldFacts, choice_options, field_at, fields, walk, words_of
from .browser_markdown import browser_routes
from .browser_rules import browser_rules

# Model fields the forms leave out: page layout switches, not content.
HIDDEN_FIELDS = {("NewsFrontMatter", "hide")}

# The datetime widget as a native date or time input that stores exactly this text.
DATE_FORMAT = "YYYY-MM-DD"
TIME_FORMAT = "HH:mm"
_HOST_FIELD = ("Venue", "host")
# The CMS needs a media folder even when no form uploads files: materials' files would go here.
MEDIA_FOLDER = "docs/materialer"
PUBLIC_FOLDER = MATERIALS_DIR  # as materials[].url writes a file there: materialer/<name>
_SUMMARIES = {  # how a collapsed list item reads in the form
    "Meeting": "{{fields.date}} · {{fields.title}}",
    "ProgrammeItem": "{{fields.start}} {{fields.title}}",
    "Member": "{{fields.name}}",
    "Contact": "{{fields.name}}",
    "Organiser": "{{fields.name}}",
    "Material": "{{fields.title}}",
}

Widget = dict[str, Any]


class Backend(NamedTuple):
    """Where the editor reads and writes the data files.

    ``github`` (production): changes become pull requests, logging in needs an OAuth
    endpoint (``base_url``). Served from 127.0.0.1 (``make edit``), the same configuration
    offers »Arbejd med lokalt repository«: Sveltia then reads and writes the checkout itself
    through the browser's File System Access API. ``test-repo``: Sveltia keeps the files in
    the browser's own storage (the browser tests put the data files there).
    """

    name: Literal["github", "test-repo"]
    repo: str = ""
    branch: str = "main"
    base_url: str = ""  # the OAuth endpoint's origin, e.g. https://netvaerk-cms-auth.example.dk
    auth_endpoint: str = ""  # its path, when not the default 'auth'

    def config(self) -> dict[str, Any]:
        if self.name == "test-repo":
            return {"name": self.name}
        body: dict[str, Any] = {"name": self.name, "branch": self.branch, "repo": self.repo}
        body["squash_merges"] = True
        for key in ("base_url", "auth_endpoint"):
            if getattr(self, key):
                body[key] = getattr(self, key)
        return body

    @property
    def uses_pull_requests(self) -> bool:
        return self.name == "github"


def _date_widget() -> Widget:
    return {
        "widget": "datetime",
        "date_format": DATE_FORMAT,
        "time_format": False,
        "format": DATE_FORMAT,
    }


def _time_widget() -> Widget:
    return {
        "widget": "datetime",
        "date_format": False,
        "time_format": TIME_FORMAT,
        "format": TIME_FORMAT,
    }


def _pattern_widget(pattern: str, message: str) -> Widget:
    return {"widget": "string", "pattern": [pattern, message]}


def _slug_message() -> str:
    return f"Kun små bogstaver a-z, tal og bindestreg, fx {example_of(Member, 'id')}."


def _json_pattern(alias: Any) -> str:
    """The pattern the model's type states for its JSON Schema (one rule, one place)."""
    for item in typing.get_args(alias)[1:]:
        if isinstance(item, WithJsonSchema) and isinstance(item.json_schema, dict):
            return str(item.json_schema["pattern"])
    raise ValueError(f"{alias!r} states no pattern")


# The model's own types (model.py) and the form widget for each (a Slug's is made in
# _Builder.widget, its message showing the model's example).
TYPE_WIDGETS: list[tuple[Any, Widget]] = [
    (IsoDate, _date_widget()),
    (ClockTime, _time_widget()),
    (
        Url,
        _pattern_widget(
            _json_pattern(Url), "En webadresse, der begynder med https://, http:// eller mailto:"
        ),
    ),
    (
        MaterialUrl,
        # A file also as the media library copies its »Filsti« (/docs/materialer/…): the
        # editor's glue writes it as materialer/… (admin/netvaerk-files.js).
        _pattern_widget(
            rf"^(?:{_json_pattern(Url)[1:-1]}|/?(?:docs/)?{MATERIALS_DIR}/\S.*)$",
            "En webadresse (https://…) eller stien til en fil, du har lagt op under »Medier«.",
        ),
    ),
    (Email, _pattern_widget(_json_pattern(Email), "En e-mailadresse, fx navn@kommune.dk.")),
    (Region, {"widget": "select", "options": list(REGIONS)}),
]


def _typed(widget: Widget) -> bool:
    """Whether the editor types the value (so an example helps): not in a list of values to
    choose from, nor in a date picker, which shows dates in the browser's own format."""
    return widget["widget"] != "select" and widget.get("date_format", False) is False


class UnlabelledField(KeyError):
    """A model field without a Danish label (its ``title`` in ``model.py``): add one."""


class _Builder:
    def __init__(self, hosts: Sequence[tuple[str, str]]) -> None:
        self.hosts = hosts

    def record(self, model: type[BaseModel]) -> list[Widget]:
        return [
            self.field(facts)
            for facts in fields(model)
            if (model.__name__, facts.name) not in HIDDEN_FIELDS
        ]

    def field(self, facts: FieldFacts) -> Widget:
        if not facts.label:
            where = f"{facts.record.__name__}.{facts.name}"
            raise UnlabelledField(f"{where} has no Danish label (title) in the model")
        widget: Widget = {"name": facts.name, "label": facts.label}
        widget.update(self.widget(facts))
        hint = facts.form_hint(examples=_typed(widget))
        if hint:
            widget["hint"] = hint
        if not facts.required:
            widget["required"] = False
        return widget

    def widget(self, facts: FieldFacts) -> Widget:
        record, name = facts.record.__name__, facts.name
        if (record, name) == _HOST_FIELD and self.hosts:
            return {
                "widget": "select",
                "options": [{"label": label, "value": value} for value, label in self.hosts],
            }
        if facts.value_type == Slug:  # its message's example is the model's now
            return _pattern_widget(_json_pattern(Slug), _slug_message())
        for alias, template in TYPE_WIDGETS:
            if facts.value_type == alias:
                return copy.deepcopy(template)
        if facts.many and facts.nested is not None:
            return {
                "widget": "list",
                "label_singular": words_of(facts.nested).singular,
                "collapsed": True,
                "summary": _SUMMARIES.get(facts.nested.__name__, "{{fields.name}}"),
                "fields": self.record(facts.nested),
            }
        if facts.many:
            return {"widget": "list"}  # names: one text box, comma-separated
        if facts.nested is not None:
            return {"widget": "object", "fields": self.record(facts.nested)}
        if facts.choices is not None:
            return {
                "widget": "select",
                "options": [
                    {"label": label, "value": value}
                    for value, label in choice_options(facts.choices)
                ],
            }
        base = facts.base
        if typing.get_origin(base) is Literal:
            values = [int(v) for v in typing.get_args(base)]
            return {"widget": "number", "value_type": "int", "min": min(values), "max": max(values)}
        if base is bool:
            return {"widget": "boolean"}
        if base is int:
            return {"widget": "number", "value_type": "int"}
        if base is str:
            return {"widget": "text" if "Markdown" in facts.description else "string"}
        raise TypeError(f"{record}.{name}: no form widget for {facts.value_type!r}")


# The site's YAML format (admin/netvaerk-yaml.js): it keeps the files' comments and layout.
FILE_FORMAT = "netvaerk-yaml"


def _file(name: str, label: str, path: str, model: type[BaseModel], builder: _Builder) -> Widget:
    return {
        "name": name,
        "label": label,
        "file": path,
        "fields": builder.record(model),
    }


def form_label(model: type[BaseModel], path: str) -> str:
    """The form's Danish label of a problem's field (``meetings[9].programme[0].start`` →
    »Starttid«), so a message names what the editor sees; '' when the path is not a field."""
    facts = field_at(model, re.findall(r"[A-Za-z_]+", path))
    return facts.label if facts else ""


# The news form's text field, by the name the browser's Python names it in a problem (body).
NEWS_BODY_LABEL = "Tekst"


def _news_collection(builder: _Builder) -> Widget:
    """The news items: one Markdown file each in docs/nyheder/, front matter and text. The
    file name comes from the title (ASCII, lower case, as the site's addresses are)."""
    fields = {field["name"]: field for field in builder.record(NewsFrontMatter)}
    # The title is required in the form: a new item has no `# heading` in its text to fall
    # back on, and the list shows it.
    fields["title"].pop("required", None)
    order = ["date", "title", "summary", "description"]
    body = {
        "name": "body",
        "label": NEWS_BODY_LABEL,
        "widget": "markdown",
        "hint": "Nyhedens tekst. Overskriften står allerede øverst.",
    }
    return {
        "name": "nyheder",
        "label": "Nyheder",
        "label_singular": "nyhed",
        "folder": f"docs/{NEWS_DIR}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{fields.date}} · {{fields.title}}",
        "sortable_fields": {
            "fields": ["date", "title"],
            "default": {"field": "date", "direction": "descending"},
        },
        "fields": [*(fields[name] for name in order), body],
    }


def field_order(*models: type[BaseModel]) -> dict[str, Any]:
    """The model's key order as a tree, for the YAML format to place keys it adds:
    ``{"keys": [...], "typed": [...], "fields": {name: subtree}}``; the models' top levels
    are merged. ``typed`` names the date and time fields, whose values the format writes
    plain (``2027-03-04``, ``10:00``) where it quotes the same text in any other field. The
    top level also carries the model's patterns, so no JavaScript copies one: ``clock``, a
    clock time as editors write it (``CLOCK_PATTERN``; the format reads 12.30 back as text
    where YAML sees a number), and ``date``, a date as the files write it (``DATE_PATTERN``,
    for the editor's own checks of what a date field holds)."""
    return {**_order_tree(models), "clock": CLOCK_PATTERN, "date": DATE_PATTERN}


def _order_tree(models: Sequence[type[BaseModel]]) -> dict[str, Any]:
    keys: list[str] = []
    typed: list[str] = []
    subtrees: dict[str, Any] = {}
    for model in models:
        for facts in fields(model):
            keys.append(facts.name)
            if facts.is_date or facts.is_clock:
                typed.append(facts.name)
            if facts.nested is not None:
                subtrees[facts.name] = _order_tree([facts.nested])
    return {"keys": keys, "typed": typed, "fields": subtrees}


def cms_config(
    backend: Backend,
    *,
    hosts: Sequence[tuple[str, str]] = (),
    site_url: str = "",
) -> dict[str, Any]:
    """Sveltia CMS's ``config.yml`` as a plain dict.

    ``hosts`` are the members an editor may pick as a meeting's host: (id, name) pairs, in
    the order of ``members.yaml``.
    """
    builder = _Builder(hosts)
    config: dict[str, Any] = {
        "backend": backend.config(),
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        # File names from titles and uploads: plain ASCII in lower case (æøå and accents go).
        "slug": {"encoding": "ascii", "clean_accents": True},
        # An optional field left empty is left out of the file (make check refuses empty text).
        "output": {"omit_empty_optional_fields": True},
        "collections": [
            {
                "name": "moeder",
                "label": "Møder",
                "format": FILE_FORMAT,
                # The preview pane shows the meeting's page (admin/netvaerk-cms.js).
                "files": [
                    _file("meetings", "Alle møder", "data/meetings.yaml", MeetingsFile, builder)
                ],
            },
            {
                "name": "medlemmer",
                "label": "Medlemmer",
                "format": FILE_FORMAT,
                "editor": {"preview": False},
                "files": [
                    _file(
                        "members",
                        "Medlemskommuner og facilitatorer",
                        "data/members.yaml",
                        MembersFile,
                        builder,
                    )
                ],
            },
        ],
    }
    config["collections"].append(_news_collection(builder))
    if backend.uses_pull_requests:
        config["publish_mode"] = "editorial_workflow"
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


class _PlainDumper(yaml.SafeDumper):
    """YAML without anchors and aliases: the file stays readable for a person."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


CONFIG_HEADER = (
    "# Generated by hooks/netvaerk/editing/cms.py from the data model: do not edit.\n"
    "# The browser editor (Sveltia CMS) reads it; see README.md, 'The browser editor'.\n"
)


def render_config(config: dict[str, Any]) -> str:
    """``config.yml``'s text."""
    body = yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)
    return CONFIG_HEADER + body


# Sveltia CMS's npm package: one script. Our own scripts in admin/ are copied as they are; the
# `yaml` package's browser build goes to admin/yaml/ (netvaerk-yaml.js imports it from there).
BUNDLE_SCRIPT = "sveltia-cms.js"
GLUE_SCRIPT = "netvaerk-cms.js"
OWN_SCRIPTS = (
    GLUE_SCRIPT,
    "netvaerk-yaml.js",
    "netvaerk-files.js",
    "netvaerk-rules.js",
    "netvaerk-checks.js",
    "netvaerk-fields.js",
    "netvaerk-python.js",
    "netvaerk-python-worker.js",
)
YAML_DIR = "yaml"
# Where the site serves what the bundle would otherwise fetch from CDNs (localise_bundle).
PACKAGE_DIR = "sveltia"  # its own files: package.json (update check), locales/
VENDOR_DIR = "vendor"  # modules it imports at run time: vendor/<name>@<version>/...
FONTS_DIR = "fonts"
_UNPKG = "https://unpkg.com/"
_FONT_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
# The three fonts of its interface: the URL's font and file → (npm package, file in files/).
FONTS: dict[str, tuple[str, str]] = {
    "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined",
        "material-symbols-outlined-latin-wght-normal.woff2",
    ),
    "noto-mono@5.3.0/latin-400-normal.woff2": (
        "@fontsource/noto-mono",
        "noto-mono-latin-400-normal.woff2",
    ),
    "source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "@fontsource-variable/source-sans-3",
        "source-sans-3-latin-wght-normal.woff2",
    ),
}
# Modules the bundle imports from a CDN when a feature needs them: Immutable.js for event
# hooks and preview templates. Others (PDF thumbnails, code highlighting) are not served: they
# would fail quietly inside the site rather than reach outside it.
VENDORED = {"immutable": "dist/immutable.es.js"}
# Chunks of the bundle it loads from beside its own script: React DOM renders preview templates.
CHUNKS = ("chunks/react-dom.js",)


class BundleChanged(ValueError):
    """Sveltia's bundle no longer has the CDN address this site replaces: check on upgrade."""


def localise_bundle(script: str) -> str:
    """Sveltia's script with its CDN addresses pointed at the site itself.

    Out of the box it fetches its Danish strings and an update check from unpkg, Immutable.js
    from unpkg, and three fonts from jsDelivr, before anyone logs in. Relative addresses
    resolve against ``/admin/``, where the site serves those files (``bundle_assets``). Any CDN
    address left over, or one of these not found, stops the build: an upgrade must be looked at.
    """
    replacements = [(f"{_UNPKG}@sveltia/cms", f"./{PACKAGE_DIR}")]
    replacements += [("`" + _UNPKG + "${e}`", f"`./{VENDOR_DIR}/${{e}}`")]
    replacements += [(f"{_UNPKG}@", f"./{VENDOR_DIR}/@")]  # @shikijs, @sveltia/ui: not served
    replacements += [(_FONT_CDN + url, f"./{FONTS_DIR}/{file}") for url, (_, file) in FONTS.items()]
    for old, new in replacements:
        if old not in script:
            raise BundleChanged(f"sveltia-cms.js has no {old!r} any more")
        script = script.replace(old, new)
    for cdn in (_UNPKG, _FONT_CDN):
        if cdn in script:
            raise BundleChanged(f"sveltia-cms.js still fetches from {cdn}")
    return script


def bundle_assets(package_version: str, dependencies: dict[str, str]) -> dict[str, str]:
    """The site paths (under admin/) of what ``localise_bundle`` points at, each with its
    source under admin/node_modules/. ``dependencies`` are @sveltia/cms's own, as in its
    package.json: the bundle asks for ``<name>@<version without ^>``."""
    assets: dict[str, str] = {}
    for package, file in FONTS.values():
        assets[f"{FONTS_DIR}/{file}"] = f"{package}/files/{file}"
    for name, file in VENDORED.items():
        version = dependencies[name].lstrip("^~=")
        assets[f"{VENDOR_DIR}/{name}@{version}/{file}"] = f"{name}/{file}"
    assets[f"{PACKAGE_DIR}@{package_version}/locales/da.json"] = "@sveltia/cms/locales/da.json"
    return assets


def _browser_rules(files: Iterable[str]) -> dict[str, Any]:
    """The data files' rules for the browser (``browser_rules.py``) with the form's label of
    every field of a record, by its path without positions (``meetings.programme.start``)."""
    rules = browser_rules(files)
    rules["labels"] = {
        ".".join(facts.path): facts.label
        for root in (MeetingsFile, MembersFile)
        for facts in walk(root)
    }
    rules["labels"]["body"] = NEWS_BODY_LABEL  # a news item's text (browser_markdown)
    return rules


def admin_page(
    site_name: str,
    check_url: str = "",
    site_url: str = "",
    files: Iterable[str] = (),
    anchors: tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]] | None = None,
) -> str:
    """``/admin/index.html``: Sveltia's script, our glue, kept out of search engines.

    ``check_url``: the loopback check that ``make edit`` runs (``savecheck.py``); the glue
    sends each data file there before saving it. ``site_url``: the public site, whose own
    addresses of uploaded files the glue writes as ``materialer/…``. ``files``: the source
    paths of the files in ``docs/``, for the meetings' rules the browser runs before every
    save, also without that check (``browser_rules.py``, ``admin/netvaerk-rules.js``), and
    every file of the site for the links the browser's Python checks (``browser_markdown``);
    ``anchors``: the ids of the site's Markdown pages and those made with generated blocks
    (``admin.page_anchors``), for its links with an anchor."""
    title = html.escape(f"Redigér indhold · {site_name}")
    check = f' data-netvaerk-check="{html.escape(check_url)}"' if check_url else ""
    if site_url:
        check += f' data-netvaerk-site="{html.escape(site_url)}"'
    order = json.dumps(field_order(MeetingsFile, MembersFile), ensure_ascii=False)
    order = order.replace("<", "\\u003c")  # JSON inside <script> must not close it
    files = list(files)
    rules = json.dumps(_browser_rules(files), ensure_ascii=False).replace("<", "\\u003c")
    ids, with_blocks = anchors or ({}, {})
    routes = json.dumps(browser_routes(files, ids, with_blocks), ensure_ascii=False)
    routes = routes.replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="da"{check}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>{title}</title>
<link rel="icon" href="../assets/images/favicon.png">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Redigeringen kræver JavaScript.</noscript>
<script type="application/json" id="netvaerk-field-order">{order}</script>
<script type="application/json" id="netvaerk-rules">{rules}</script>
<script type="application/json" id="netvaerk-routes">{routes}</script>
<script>
window.CMS_MANUAL_INIT = true;
// Sveltia speaks the browser's language; this site's editors read Danish whatever the browser
// says (a language chosen in the editor's own settings still wins).
for (const key of ["language", "languages"]) {{
  Object.defineProperty(navigator, key, {{ get: () => (key === "language" ? "da" : ["da"]) }});
}}
</script>
<script src="{BUNDLE_SCRIPT}"></script>
<script type="module" src="{GLUE_SCRIPT}"></script>
</body>
</html>
"""
