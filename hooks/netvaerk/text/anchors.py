"""The anchors a page has, as MkDocs' link check counts them.

With ``validation: links: anchors: warn`` and ``--strict``, MkDocs stops a build on a link to
``page.md#x`` (or ``#x`` on the page itself) when ``x`` is not among the ids of the rendered
page, but only after all pages are rendered, with an English message and no line. The ids it
counts (``mkdocs.structure.pages``): every ``id`` in the page's element tree after the ``toc``
extension has given each heading one, every ``<a name>``, and every ``id`` written in raw
HTML anywhere in the Markdown source. ``page_anchors`` renders a page with the extensions of
mkdocs.yml (MkDocs always adds ``toc``, ``tables`` and ``fenced_code``) and the same ``toc``
settings, so a heading's id comes from the same slugify Material's pages get; tests compare
both with mkdocs.yml and with MkDocs' own count. The check renders only the pages that a
link with an anchor points to, and most links name a plain ``## Heading`` at the start of a
line: ``Anchors`` finds those from the lines alone and renders the page only for any other.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from html.parser import HTMLParser

import markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.slugs import slugify  # type: ignore[import-untyped]  # no type information

# mkdocs.yml: toc with ``slugify: pymdownx.slugs.slugify {case: lower}`` (keeps æ/ø/å).
SLUGIFY: Callable[[str, str], str] = slugify(case="lower")
TOC_CONFIG = {"permalink": False, "slugify": SLUGIFY}
# MkDocs' built-in extensions, then mkdocs.yml's markdown_extensions in their order.
PAGE_EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
]


class _Ids(Treeprocessor):
    """Every id in the tree and every ``<a name>``, after ``toc`` (MkDocs' own rule); and the
    targets of links and images, as MkDocs' link check sees them (not in code, not in HTML)."""

    found: set[str]
    links: list[str]

    def run(self, root: ET.Element) -> None:
        self.found, self.links = set(), []
        for element in root.iter():
            if anchor := element.get("id"):
                self.found.add(anchor)
            if element.tag == "a" and (anchor := element.get("name")):
                self.found.add(anchor)
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key and (target := element.get(key)) is not None:
                self.links.append(target)


class _RawIds(HTMLParser):
    """Ids written in HTML anywhere in the source, as MkDocs' ``_HTMLHandler`` reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.found.add(value)


@functools.cache
def _converter(toc: bool = True) -> tuple[markdown.Markdown, _Ids]:
    """The page renderer; without ``toc`` for the links alone (``page_links``)."""
    extensions = PAGE_EXTENSIONS if toc else [name for name in PAGE_EXTENSIONS if name != "toc"]
    configs = {"toc": TOC_CONFIG} if toc else {}
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    ids = _Ids(converter)
    converter.treeprocessors.register(ids, "netvaerk_ids", 5)  # after toc, as MkDocs does
    return converter, ids


def _tree(converter: markdown.Markdown, ids: _Ids, text: str) -> None:
    """``converter.convert(text)`` as far as its element tree (Python-Markdown's
    ``Markdown.convert``, steps 1 to 3): every treeprocessor runs, ``ids`` among them; the
    HTML serialiser and the postprocessors, whose output nothing here reads, do not
    (about a tenth of a page's rendering)."""
    converter.reset()
    ids.found, ids.links = set(), []  # a blank text has no tree: convert stops before it
    if not text.strip():
        return
    lines = text.split("\n")
    for preprocessor in converter.preprocessors:
        lines = preprocessor.run(lines)
    root = converter.parser.parseDocument(lines).getroot()
    assert root is not None  # the parser's document always has its root element
    for treeprocessor in converter.treeprocessors:
        replaced = treeprocessor.run(root)
        if replaced is not None:
            root = replaced


@functools.lru_cache(maxsize=64)
def _render(text: str, toc: bool = True) -> tuple[frozenset[str], tuple[str, ...]]:
    converter, ids = _converter(toc)
    _tree(converter, ids, text)
    if not toc:
        return frozenset(), tuple(ids.links)
    raw = _RawIds()
    raw.feed(text)
    raw.close()
    return frozenset(ids.found | raw.found), tuple(ids.links)


def page_anchors(text: str) -> frozenset[str]:
    """The anchors of a page whose Markdown (front matter removed) is ``text``."""
    return _render(text)[0]


def page_links(text: str) -> list[str]:
    """The target of every link and image on a page whose Markdown is ``text``, as written:
    rendered as MkDocs renders pages (``fenced_code`` too, so a link shown in a code block
    is none), but for ``toc``, which gives headings their ids and puts links to them where
    a ``[TOC]`` marker stands: links to the page's own anchors, which neither check can
    find a fault in (with ``_tree``: 9.7 M instructions of the load at 30 meetings)."""
    return list(_render(text, toc=False)[1])


# '## Kendte begrænsninger' at the start of a line, in letters, digits and punctuation that
# Markdown leaves as they are (no _ * ` [ & \\ {); and what makes a line-based reading unsafe:
# a fenced code block or any HTML, whose '#' lines may be no headings.
_PLAIN_HEADING = re.compile(
    r"^#{1,6}[ \t]*((?:[^\W_]|[ ,.!?:;'()/–-])*?[^\W_])[ \t#]*$", re.MULTILINE
)
_NO_LINE_READING = re.compile(r"```|~~~|<")


class Anchors:
    """The anchors of a page (``page_anchors``), rendered only when a name is not among the
    plain headings that the lines give away (``in``) or all of them are asked for (``all``).

    ``text``: the page's Markdown, or a function that makes it (a page with generated blocks:
    made only if it is rendered); ``lines``: the lines to read headings from, when ``text``
    is a function (the hand-written lines around the placeholders)."""

    def __init__(self, text: str | Callable[[], str], lines: str | None = None) -> None:
        self._text = text
        lines = text if isinstance(text, str) else lines or ""
        plain = [] if _NO_LINE_READING.search(lines) else _PLAIN_HEADING.findall(lines)
        # The first heading with a text gets its slug as id (or an element already has it).
        self.plain = frozenset(SLUGIFY(" ".join(h.split()), "-") for h in plain)
        """The anchors the lines give away, without rendering: a part of ``all``."""

    @classmethod
    def known(cls, ids: Iterable[str]) -> Anchors:
        """A page whose anchors were counted already (by the build, which hands them to the
        browser editor: ``editing.browser_markdown``)."""
        found = cls("")
        found.plain = frozenset(ids)
        found.__dict__["all"] = found.plain  # the cached ``all``: nothing to render
        return found

    @property
    def with_blocks(self) -> bool:
        """The page is made with generated blocks (placeholders, a news item's date line):
        its anchors depend on the data, not only on its own lines."""
        return not isinstance(self._text, str)

    def __contains__(self, anchor: object) -> bool:
        return anchor in self.plain or anchor in self.all

    @functools.cached_property
    def all(self) -> frozenset[str]:
        """Every anchor of the page: it is rendered (once)."""
        return page_anchors(self._text if isinstance(self._text, str) else self._text())
