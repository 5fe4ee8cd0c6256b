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
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from netvaerk.content.problems import format_loc
from netvaerk.text import urls
from netvaerk.text.anchors import Anchors
from netvaerk.text.link_check import (
    PageAnchors,
    anchor_findings,
    link_findings,
    markup_findings,
    meeting_markdown,
    page_anchor_findings,
    page_link_findings,
    unjudged_anchors,
)
from netvaerk.text.safe_markdown import cost_problems, markdown_problems

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


def browser_routes(
    targets: Iterable[str],
    anchors: Mapping[str, Iterable[str]] | None = None,
    with_blocks: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, Any]:
    """What the browser's link check needs from the build: the source path of every file
    the site has (``docs/`` and the generated ones, as make check counts them); the anchors
    of its Markdown pages (source path → ids, as make check counts them:
    ``editing.admin.page_anchors``) and of those with generated blocks, the ids of their
    hand-written headings; and
    the meetings' Markdown fields (``markdown_paths``)."""
    return {
        "targets": sorted(set(targets)),
        "anchors": {src: sorted(ids) for src, ids in sorted((anchors or {}).items())},
        "blocks": {src: sorted(ids) for src, ids in sorted((with_blocks or {}).items())},
        "markdown": markdown_paths(),
    }


def made_per_meeting(src: str) -> bool:
    """A meeting's page or invitation (``moeder/<id>.md``, ``nyheder/<id>-invitation.md``):
    the build does not hand their anchors over (``editing.admin.page_anchors``)."""
    return (src.startswith("moeder/") and src != "moeder/index.md") or (
        src.startswith("nyheder/") and src.endswith("-invitation.md")
    )


def _made_from_data(
    routes: Mapping[str, Any], edited: Collection[str]
) -> Callable[[str, str], bool]:
    """Whether the browser cannot know if a page has an anchor for this edit: a page it
    makes or changes (``edited``); one with generated blocks (the meetings' and news lists,
    a news item's date line), which an edit of the data may change, unless the anchor is a
    heading written by hand on it; and every Markdown page the build did not count (a
    meeting's page or invitation: ``editing.admin.page_anchors``)."""
    known = routes.get("anchors", {})
    blocks: Mapping[str, list[str]] = routes.get("blocks", {})
    counted = {*known, *blocks}
    uncounted = {t for t in routes.get("targets", ()) if t.endswith(".md") and t not in counted}
    unknown = {*edited, urls.NEWS, *uncounted}

    def unjudged(page: str, anchor: str) -> bool:
        if page in unknown:
            return True
        return page in blocks and anchor not in blocks[page]

    return unjudged


def _built_anchors(routes: Mapping[str, Any], edited: Collection[str]) -> PageAnchors:
    """The anchors of each page as the last build counted them (``routes``), none for the
    pages the edit makes or changes (``edited``) nor for those it did not count."""
    shipped = routes.get("anchors")
    known: Mapping[str, list[str]] = shipped if isinstance(shipped, Mapping) else {}

    def anchors(src: str) -> Anchors | None:
        ids = known.get(src)
        return None if src in edited or ids is None else Anchors.known(ids)

    return anchors


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _slug(record: Mapping[str, Any]) -> str:
    """A meeting's id as ``model.slug_of`` gives it: its ``id``, else its date (the form
    holds dates as ``YYYY-MM-DD``)."""
    return str(record.get("id") or record.get("date") or "")


def meetings_problems(data: Mapping[str, Any], routes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """make check's Markdown and link problems of the meetings in ``data`` (the meetings
    file as the form holds it), each as ``{"field", "message"}`` with the field as make
    check names it (``meetings[0].description``). A link with an anchor on a page made
    from the meetings (a meeting's page or invitation, the lists: ``_made_from_data``)
    cannot be judged here: the build renders those from the validated meetings with Jinja
    and Babel, which the browser's Python does not have, and does not hand over the
    anchors of the meetings' pages (a large site's build would count them for seconds).
    Such a link comes as a note (``"unjudged": true``), which does not stop the save: the
    check of the change judges it.
    The anchors of every other page are the last build's (``routes``)."""
    records = data.get("meetings")
    meetings = [r for r in records if isinstance(r, Mapping)] if isinstance(records, list) else []
    slugs = {s for s in (_slug(r) for r in meetings) if s}
    targets: Collection[str] = set(routes.get("targets", ())) | {
        urls.meeting_page(s) for s in slugs
    }
    edited = {urls.meeting_page(s) for s in slugs} | {urls.invitation_page(s) for s in slugs}
    anchors = _built_anchors(routes, edited)
    unjudged = _made_from_data(routes, edited)
    found: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
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
        for field, _offset, message in anchor_findings(fields, anchors):
            where = format_loc(("meetings", index, *field))
            later.append({"field": where, "message": message})
        for field, _offset, message in unjudged_anchors(fields, unjudged):
            where = format_loc(("meetings", index, *field))
            later.append({"field": where, "message": message, "unjudged": True})
    # make check looks at anchors only when nothing else is wrong (``content.loading``)
    return found or later


def news_problems(body: str, page: str | None, routes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """make check's problems of a news item's text (``content/news_files.py``: its Markdown;
    ``content.links``: its links, from ``page``, the source path the item has or will have,
    ``nyheder/<name>.md``). A link to an anchor on the item's own page comes as a note, as a
    meeting's does (``meetings_problems``): the build adds the date line and heading."""
    found: list[dict[str, Any]] = [
        {"field": "body", "message": message} for _offset, message in markdown_problems(body)
    ]
    if page is None or cost_problems(body, html=True):
        return found
    targets = {*routes.get("targets", ()), page}
    found += [
        {"field": "body", "message": message}
        for _at, message in page_link_findings(body, page, targets)
    ]
    edited = {page}
    later: list[dict[str, Any]] = [
        {"field": "body", "message": message}
        for _at, message in page_anchor_findings(body, page, _built_anchors(routes, edited))
    ]
    later += [
        {"field": "body", "message": message, "unjudged": True}
        for _f, _at, message in unjudged_anchors(
            [(("body",), body, [page])], _made_from_data(routes, edited)
        )
    ]
    return found + later


def judge(kind: str, data_json: str, routes_json: str) -> str:
    """The browser's one call: ``kind`` ``meetings`` (the form's data of the meetings
    file) or ``news`` (``{"body": …, "page": …}``, page: ``nyheder/<name>.md``, as the
    item's file is or will be named), as JSON in and out."""
    data = json.loads(data_json)
    routes = json.loads(routes_json)
    if kind == "news":
        body = data.get("body") if isinstance(data, dict) else None
        page = data.get("page") if isinstance(data, dict) else None
        page = page if isinstance(page, str) and page else None
        return json.dumps(news_problems(body, page, routes) if isinstance(body, str) else [])
    return json.dumps(meetings_problems(data, routes))
