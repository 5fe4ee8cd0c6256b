"""make check's Markdown and link rules on the browser editor's form data, in Pyodide.

In production the editor has no server beside it, and the rules of editors' Markdown are
Python-Markdown's rendering inspected against an allow-list (``text.safe_markdown``) and
MkDocs' way of resolving links (``text.link_check``): no rule book a JavaScript evaluator
could run. So the browser runs this module and those two, as they are, in Pyodide (the
Python compiled to WebAssembly, served from the site: ``admin/netvaerk-python.js``), with the
very Python-Markdown the build uses. What a link may reach comes from the build
(``routes``: ``browser_routes``), computed by the code ``make check`` uses.

Only Python-Markdown, ``pymdownx.slugs`` and the standard library may be imported here, and
through the modules above: there is no pydantic, nh3 or PyYAML in the browser (the import
contract ``browser-python`` in pyproject.toml holds it). ``PYTHON_MODULES`` lists the files
of this package the browser needs.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from netvaerk.content.problems import format_loc
from netvaerk.text import urls
from netvaerk.text.link_check import link_findings, markup_findings, meeting_markdown
from netvaerk.text.safe_markdown import markdown_problems

# The package's files the browser's Python imports (this module's imports, and theirs).
PYTHON_MODULES = (
    "netvaerk/__init__.py",
    "netvaerk/content/__init__.py",
    "netvaerk/content/problems.py",
    "netvaerk/editing/__init__.py",
    "netvaerk/editing/browser_markdown.py",
    "netvaerk/text/__init__.py",
    "netvaerk/text/anchors.py",
    "netvaerk/text/characters.py",
    "netvaerk/text/link_check.py",
    "netvaerk/text/safe_markdown.py",
    "netvaerk/text/urls.py",
)
# The installed distributions that go with them, the build's own versions (requirements.txt):
# every file of Python-Markdown (its dist-info too: it finds ``tables`` and the other
# extensions by their entry points), and of pymdown-extensions only the slugs ``toc`` uses.
DISTRIBUTIONS: dict[str, tuple[str, ...] | None] = {
    "markdown": None,
    "pymdown-extensions": ("pymdownx/__init__.py", "pymdownx/__meta__.py", "pymdownx/slugs.py"),
}


def markdown_paths() -> list[str]:
    """A meeting's Markdown fields as dotted paths without positions (``programme.description``),
    as ``meeting_markdown`` yields them: a save that changes none of them (nor a meeting's
    id or date) need not wait for Python (``admin/netvaerk-python.js``)."""
    fields = meeting_markdown("id", "text", True, "text", ["text"])
    return sorted({".".join(str(p) for p in path if isinstance(p, str)) for path, _t, _p in fields})


def browser_routes(targets: Iterable[str]) -> dict[str, Any]:
    """What the browser's link check needs from the build: the source path of every file
    the site has (``docs/`` and the generated ones, as make check counts them); and the
    meetings' Markdown fields (``markdown_paths``)."""
    return {"targets": sorted(set(targets)), "markdown": markdown_paths()}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _slug(record: Mapping[str, Any]) -> str:
    """A meeting's id as ``model.slug_of`` gives it: its ``id``, else its date (the form
    holds dates as ``YYYY-MM-DD``)."""
    return str(record.get("id") or record.get("date") or "")


def meetings_problems(data: Mapping[str, Any], routes: Mapping[str, Any]) -> list[dict[str, str]]:
    """make check's Markdown and link problems of the meetings in ``data`` (the meetings
    file as the form holds it), each as ``{"field", "message"}`` with the field as make
    check names it (``meetings[0].description``)."""
    records = data.get("meetings")
    meetings = [r for r in records if isinstance(r, Mapping)] if isinstance(records, list) else []
    slugs = {_slug(r) for r in meetings}
    targets: Collection[str] = set(routes.get("targets", ())) | {
        urls.meeting_page(s) for s in slugs if s
    }
    found: list[dict[str, str]] = []
    for index, record in enumerate(records if isinstance(records, list) else []):
        if not isinstance(record, Mapping):
            continue
        announcement = record.get("announcement")
        programme = record.get("programme")
        fields = list(
            meeting_markdown(
                _slug(record),
                _text(record.get("description")),
                isinstance(announcement, Mapping),
                _text(announcement.get("body")) if isinstance(announcement, Mapping) else None,
                [
                    _text(item.get("description")) if isinstance(item, Mapping) else None
                    for item in (programme if isinstance(programme, list) else [])
                ],
            )
        )
        for judged in (markup_findings(fields), link_findings(fields, targets)):
            for field, _offset, message in judged:
                found.append({"field": format_loc(("meetings", index, *field)), "message": message})
    return found


def news_problems(body: str) -> list[dict[str, str]]:
    """make check's Markdown problems of a news item's text (``content/news_files.py``)."""
    return [{"field": "body", "message": message} for _offset, message in markdown_problems(body)]


def judge(kind: str, data_json: str, routes_json: str) -> str:
    """The browser's one call: ``kind`` ``meetings`` (the form's data of the meetings
    file) or ``news`` (``{"body": …}``), as JSON in and out."""
    data = json.loads(data_json)
    if kind == "news":
        body = data.get("body") if isinstance(data, dict) else None
        return json.dumps(news_problems(body) if isinstance(body, str) else [])
    return json.dumps(meetings_problems(data, json.loads(routes_json)))
