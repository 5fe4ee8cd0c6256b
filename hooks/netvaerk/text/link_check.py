"""Relative links and anchors in editors' Markdown, judged as MkDocs' strict build would.

A meeting's ``description`` goes onto its generated page ``moeder/<id>.md``; an
announcement's ``body`` onto ``nyheder/<id>-invitation.md``; a programme item's
``description`` onto both (``meeting_markdown``). MkDocs resolves a relative link from that
page's source path and, with ``--strict``, stops the build when the target is not among the
site's files or the anchor not among the ids of its page. These functions say why, in
Danish, from plain values: the route table (source paths) and the pages' anchors are given.
``content/links.py`` applies them to the validated meetings and the hand-written pages for
``make check`` and the build; the browser editor applies the very same functions to the
form's data in Pyodide (``editing/browser_markdown.py``), so this module needs only
Python-Markdown, ``pymdownx.slugs`` and the standard library (no pydantic, no nh3).
"""

from __future__ import annotations

import functools
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from netvaerk.text import urls
from netvaerk.text.anchors import Anchors, page_links
from netvaerk.text.characters import FORBIDDEN
from netvaerk.text.safe_markdown import EXTENSIONS, markdown_problems

Path = tuple[str | int, ...]  # a field, counted from its record: ("programme", 0, "description")
# (field, line in the field's text counted from 0 or None if unknown, message)
LinkFinding = tuple[Path, int | None, str]
_AMP_SUBSTITUTE = "\x02amp\x03"  # Python-Markdown's mark in an obfuscated e-mail autolink
# A page's source path → the ids a link's anchor may name, or None when it is no page whose
# anchors are known (a file that is not Markdown, a page too costly to render).
PageAnchors = Callable[[str], Anchors | None]


def meeting_markdown(
    slug: str,
    description: str | None,
    announcement: bool,
    body: str | None,
    programme: Sequence[str | None],
) -> Iterator[tuple[Path, str, list[str]]]:
    """(field, Markdown text, the generated pages it appears on) of one meeting with id
    ``slug``: its description, its announcement's body (``announcement``: it has one) and
    each programme item's description (``programme``: in the items' order)."""
    page = urls.meeting_page(slug)
    invitation = urls.invitation_page(slug) if announcement else None
    if description:
        yield ("description",), description, [page]
    if announcement and body and invitation:
        yield ("announcement", "body"), body, [invitation]
    for index, text in enumerate(programme):
        if text:
            yield (
                ("programme", index, "description"),
                text,
                [page, invitation] if invitation else [page],
            )


# The target of an inline link or image, ``](target`` or ``](<target>``.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ABSOLUTE = ("http://", "https://", "mailto:", "#", "/")


def may_link_relatively(text: str) -> bool:
    """False when ``text`` surely has no relative link, so Markdown need not be converted:
    every inline target is a web address, an anchor or from the root, and there are no
    reference definitions (``[name]: target``). Most texts have no links or only
    https:// ones, and converting them all would cost a large site a noticeable share of
    its data loading."""
    if "]:" in text:
        return True
    return any(not m[1].startswith(_ABSOLUTE) for m in _INLINE_TARGET.finditer(text))


def _where(page_src: str) -> str:
    if page_src.startswith("nyheder/") and page_src.endswith("-invitation.md"):
        what = "invitationens side"
    elif page_src.startswith("moeder/") and page_src != "moeder/index.md":
        what = "mødets side"
    else:
        what = "siden"
    return f"{what} {urls.public_url('/', page_src)}"


def _guess(target: str, targets: Collection[str]) -> str | None:
    """The file a broken link most likely meant, as MkDocs guesses (index.md, .md)."""
    stem, ext = posixpath.splitext(target)
    candidates = [f"{target}/index.md", f"{target}.md"] if not ext else []
    if ext == ".html":
        candidates.append(f"{stem}.md")
    folded = {t.casefold(): t for t in targets}
    candidates += [folded[c.casefold()] for c in [target, *candidates] if c.casefold() in folded]
    name = posixpath.basename(target)
    same_name = [t for t in targets if posixpath.basename(t) == name]
    if len(same_name) == 1:  # '2021-05-20.md' written on the invitation: ../moeder/…
        candidates += same_name
    return next((c for c in candidates if c in targets), None)


def broken_link(href: str, page_src: str, targets: Collection[str]) -> str | None:
    """Why MkDocs would reject the link ``href`` on the page ``page_src``, or None."""
    try:
        urlsplit(href)
    except ValueError:  # 'http://[::1': MkDocs' own link check would stop with a traceback
        return f"linket '{href}' er ikke en gyldig adresse"
    if _AMP_SUBSTITUTE in href:
        return None  # an e-mail autolink
    target = urls.resolve(href, page_src)
    if target is None or target in targets:
        return None  # web addresses, mailto:, links from the root or to an anchor; or fine
    if target == ".." or target.startswith("../"):
        return (
            f"linket '{href}' peger uden for docs/ (et link uden https:// læses fra "
            f"{_where(page_src)})"
        )
    guess = _guess(target, targets)
    if guess is not None:
        hint = f"; mente du '{urls.link(page_src, guess)}'?"
    elif "/" in page_src and not href.startswith("../"):
        hint = "; et link til en anden side i docs/ begynder her med ../, fx '../om.md'"
    else:
        hint = "; ret linket, eller læg filen i docs/"
    return (
        f"linket '{href}' virker ikke: der er ingen side eller fil docs/{target} (et link uden "
        f"https:// læses fra {_where(page_src)}){hint}"
    )


class _Links(Treeprocessor):
    """Collects the targets of links and images, as MkDocs' own link check sees them: in
    the element tree, so raw HTML (which MkDocs does not check either) is left out."""

    found: list[str]

    def run(self, root: ET.Element) -> None:
        self.found = []
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            value = element.get(key) if key else None
            if value is not None:
                self.found.append(value)


@functools.cache
def _link_reader() -> tuple[markdown.Markdown, _Links]:
    converter = markdown.Markdown(extensions=EXTENSIONS)
    links = _Links(converter)
    converter.treeprocessors.register(links, "netvaerk_links", 0)
    return converter, links


def link_targets(text: str) -> list[str]:
    """The target of every link and image in Markdown ``text``, as written."""
    if "[" not in text and "<" not in text:  # no link syntax at all: skip the conversion
        return []
    converter, links = _link_reader()
    converter.reset().convert(text)
    return list(links.found)


def _anchor_target(href: str, page_src: str) -> tuple[str, str] | None:
    """(the page, the anchor) a link with an anchor points to, or None: no anchor, a web
    address, a link from the root or an e-mail (MkDocs checks none of these)."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if not parts.fragment or _AMP_SUBSTITUTE in href:
        return None
    if not parts.path and not parts.scheme and not parts.netloc:
        return page_src, parts.fragment  # '#x' (or '?q#x'): this page
    target = urls.resolve(href, page_src)
    return (target, parts.fragment) if target is not None else None


def missing_anchor(href: str, page_src: str, anchors: PageAnchors) -> str | None:
    """Why MkDocs would reject the anchor of ``href`` on the page ``page_src``, or None.

    A link whose file is missing is ``broken_link``'s; this looks only at the anchor."""
    found = _anchor_target(href, page_src)
    if found is None:
        return None
    target, anchor = found
    present = anchors(target)
    if present is None or anchor in present:
        return None
    # An anchor is a heading's text in small letters with - for spaces: '## Kendte
    # begrænsninger' is '#kendte-begrænsninger' (mkdocs.yml: toc, text.anchors).
    where = _where(target)
    every = sorted(present.all)
    import difflib  # here: only a broken link needs it (a build's import, 3 M instructions)

    close = difflib.get_close_matches(anchor, every, n=1, cutoff=0.6)
    if close:
        hint = f"; mente du '#{close[0]}'?"
    elif every:
        named = ", ".join(f"'#{a}'" for a in every[:8])
        hint = f"; siden har {named}{' …' if len(every) > 8 else ''}"
    else:
        hint = "; siden har ingen overskrifter med et anker"
    return f"linket '{href}' virker ikke: {where} har ingen overskrift eller id '{anchor}'{hint}"


# An inline link's target or a reference definition's with a '#' in it: without one, a text
# has no link with an anchor and need not be converted (most pages have '#' headings only).
_MAY_HAVE_ANCHOR = re.compile(r"\]\(\s*<?[^)\s>]*#|\]:[ \t]*<?\S*#")


def anchored(text: str, page: bool = False) -> list[str]:
    """The link targets in ``text`` that carry an anchor, each once (``page``: a hand-written
    page, rendered as MkDocs renders one; else an editors' Markdown field)."""
    if not _MAY_HAVE_ANCHOR.search(text):
        return []
    found = page_links(text) if page else link_targets(text)
    return [h for h in dict.fromkeys(found) if "#" in h]


MarkdownField = tuple[Path, str, list[str]]


def markup_findings(fields: Iterable[MarkdownField]) -> Iterator[LinkFinding]:
    """Markdown that renders to more than text, links, lists and emphasis, or would take
    too long or too deep to render (``text.safe_markdown``), at its line in the field.

    A text with a character no text may hold (``text.characters``) is left out: the YAML
    reader has refused it in every value already (``content/yamlsource.py``; in the browser,
    the rules' character classes), naming its first such character, and the Markdown check
    would name another when the text holds a carriage return, which it overlooks (one
    problem per field per cause)."""
    for field, text, _pages in fields:
        if FORBIDDEN.search(text):
            continue
        for offset, message in markdown_problems(text):
            yield field, offset, message


def link_findings(
    fields: Iterable[MarkdownField], targets: Collection[str]
) -> Iterator[LinkFinding]:
    """Every relative link in the fields' Markdown that would not resolve in the build.

    ``targets``: the source paths of every file the build has (``docs/`` and generated).
    """
    for field, text, pages in fields:
        if not may_link_relatively(text) or markdown_problems(text):
            continue  # no links to check, or refused before it is rendered (markup_findings)
        for href in dict.fromkeys(link_targets(text)):
            problems = [broken_link(href, page, targets) for page in pages]
            problem = next((p for p in problems if p), None)
            first = urls.resolve(href, pages[0])
            if problems[0] is None and problem is not None and first is not None:
                # A programme item is on the meeting page and on the invitation.
                problem = (
                    f"linket '{href}' virker på {_where(pages[0])}, men ikke på "
                    f"{_where(pages[1])}, hvor programmet også står; skriv "
                    f"'{urls.link(pages[1], first)}', som virker begge steder"
                )
            if problem is not None:
                at = text.find(href)
                yield field, text[:at].count("\n") if at >= 0 else None, problem


def anchor_findings(fields: Iterable[MarkdownField], anchors: PageAnchors) -> Iterator[LinkFinding]:
    """Every link with an anchor in the fields' Markdown that names no id on its page
    (on each page the field appears on: a programme item is on the invitation too)."""
    for field, text, pages in fields:
        if markdown_problems(text):
            continue  # refused before it is rendered (markup_findings)
        for href in anchored(text):
            problems = [missing_anchor(href, page, anchors) for page in pages]
            problem = next((p for p in problems if p), None)
            found = _anchor_target(href, pages[-1])
            if problems[0] is None and problem is not None and found is not None:
                problem = (  # A programme item is on the meeting page and on the invitation.
                    f"linket '{href}' virker på {_where(pages[0])}, men ikke på "
                    f"{_where(found[0])}, hvor programmet også står: den side har ingen "
                    f"overskrift eller id '{found[1]}'"
                )
            if problem is not None:
                at = text.find(href)
                yield field, text[:at].count("\n") if at >= 0 else None, problem


def unjudged_anchors(
    fields: Iterable[MarkdownField], unknown: Callable[[str, str], bool]
) -> Iterator[LinkFinding]:
    """Every link with an anchor in the fields' Markdown whose page and anchor are
    ``unknown`` (the browser editor: a page made from what the edit changes, which only the
    build renders), with a note that the check of the change judges it, not this one."""
    for field, text, pages in fields:
        if markdown_problems(text):
            continue  # refused before it is rendered (markup_findings)
        for href in anchored(text):
            found = [_anchor_target(href, page) for page in pages]
            target = next((f for f in found if f is not None and unknown(*f)), None)
            if target is not None:
                at = text.find(href)
                yield (
                    field,
                    text[:at].count("\n") if at >= 0 else None,
                    f"linket '{href}' kan først tjekkes, når ændringen er gemt: "
                    f"{_where(target[0])} bygges af det, ændringen retter, så det vides ikke "
                    f"her, om den får en overskrift eller et id '{target[1]}'. Ændringens "
                    "tjek afgør det (se »Redigeringens tjek« før udgivelsen)",
                )


def page_link_findings(body: str, src: str, targets: Collection[str]) -> Iterator[tuple[int, str]]:
    """(line counted from 0, problem) of every relative link on the hand-written page
    ``src`` whose Markdown is ``body`` (front matter blanked out, not too costly to render:
    ``cost_problems``) that would not resolve in the build, as MkDocs renders the page:
    ``make check`` (``content.links.check_pages``) and the browser editor's news items."""
    if not may_link_relatively(body):
        return
    for href in dict.fromkeys(page_links(body)):
        problem = broken_link(href, src, targets)
        if problem is not None:
            at = body.find(href)
            yield (body[:at].count("\n") if at >= 0 else 0), problem


def page_anchor_findings(body: str, src: str, anchors: PageAnchors) -> Iterator[tuple[int, str]]:
    """(line counted from 0, problem) of every link with an anchor on the hand-written page
    ``src`` (``body`` as for ``page_link_findings``) that names no id on its page."""
    for href in anchored(body, page=True):
        problem = missing_anchor(href, src, anchors)
        if problem is not None:
            at = body.find(href)
            yield (body[:at].count("\n") if at >= 0 else 0), problem
