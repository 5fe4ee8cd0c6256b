"""Relative links in the editors' Markdown fields (materials in ``docs/materialer/``: rules).

A meeting's ``description`` goes onto its generated page ``moeder/<id>.md``; an
announcement's ``body`` onto ``nyheder/<id>-invitation.md``; a programme item's
``description`` onto both. MkDocs resolves a relative link from that page's source path and,
with ``--strict``, stops the build when the target is not among the site's files, naming a
page that does not exist in ``docs/`` and only after ``site/`` has been cleaned. So the links
are resolved here the way MkDocs resolves them (``mkdocs.structure.pages``), against the
files in ``docs/`` and the generated ones, and reported at the field's line in
``data/meetings.yaml``. Web addresses (``https://``, ``mailto:``) and links that begin with
``/`` are not checked, as MkDocs does not check them either. The hand-written pages in
``docs/`` are checked the same way (``check_pages``): a broken link there would also stop a
strict build only after ``site/`` is cleaned.

A link with an anchor (``om.md#kontakt``, ``#program``) stops a strict build too when the
page it points to has no such id, so ``check_anchors`` and ``check_page_anchors`` look the
anchor up among the ids of the page as the build renders it (``PageAnchors``, given by the
caller: the generated pages come from the renderers in ``pages/``, see ``pages/anchors.py``).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from urllib.parse import urlsplit

from netvaerk.content.news import NEWS_DIR, announcement_slug
from netvaerk.content.problems import Loc, Problem
from netvaerk.model import Meeting
from netvaerk.text import rendering, urls
from netvaerk.text.anchors import Anchors, page_links
from netvaerk.text.characters import FORBIDDEN
from netvaerk.text.markup import FRONT_MATTER  # MkDocs' pattern: no links in it
from netvaerk.text.safe_markdown import cost_problems, markdown_problems

# (location, line in the field's text counted from 0 or None if unknown, message)
LinkFinding = tuple[Loc, int | None, str]
_AMP_SUBSTITUTE = "\x02amp\x03"  # Python-Markdown's mark in an obfuscated e-mail autolink
# A page's source path → the ids a link's anchor may name, or None when it is no page whose
# anchors are known (a file that is not Markdown, a page too costly to render).
PageAnchors = Callable[[str], Anchors | None]


def _markdown_fields(meeting: Meeting) -> Iterator[tuple[Loc, str, list[str]]]:
    """(field, Markdown text, the generated pages it appears on) of one meeting."""
    page = urls.meeting_page(meeting.slug)
    invitation = urls.news_page(announcement_slug(meeting)) if meeting.announcement else None
    if meeting.description:
        yield ("description",), meeting.description, [page]
    if meeting.announcement and meeting.announcement.body and invitation:
        yield ("announcement", "body"), meeting.announcement.body, [invitation]
    for index, item in enumerate(meeting.programme):
        if item.description:
            pages = [page, invitation] if invitation else [page]
            yield ("programme", index, "description"), item.description, pages


# The target of an inline link or image, ``](target`` or ``](<target>``.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ABSOLUTE = ("http://", "https://", "mailto:", "#", "/")


def _may_link_relatively(text: str) -> bool:
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


def check_markup(meetings: Sequence[tuple[Loc, Meeting]]) -> Iterator[LinkFinding]:
    """Markdown that renders to more than text, links, lists and emphasis, or would take
    too long or too deep to render (``text.safe_markdown``), at its line in the field.

    A text with a character no text may hold (``text.characters``) is left out: the YAML
    reader has refused it in every value already (``content/yamlsource.py``), naming its
    first such character, and the Markdown check would name another when the text holds a
    carriage return, which it overlooks (one problem per field per cause)."""
    for loc, meeting in meetings:
        for field, text, _pages in _markdown_fields(meeting):
            if FORBIDDEN.search(text):
                continue
            for offset, message in markdown_problems(text):
                yield (*loc, *field), offset, message


def check_links(
    meetings: Sequence[tuple[Loc, Meeting]], targets: Collection[str]
) -> Iterator[LinkFinding]:
    """Every relative link in the meetings' Markdown that would not resolve in the build.

    ``targets``: the source paths of every file the build has (``docs/`` and generated).
    """
    for loc, meeting in meetings:
        for field, text, pages in _markdown_fields(meeting):
            if not _may_link_relatively(text) or markdown_problems(text):
                continue  # no links to check, or refused before it is rendered (check_markup)
            for href in dict.fromkeys(rendering.link_targets(text)):
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
                    yield (*loc, *field), text[:at].count("\n") if at >= 0 else None, problem


def check_pages(
    pages: Mapping[str, str], targets: Collection[str], docs_display: str = "docs"
) -> list[Problem]:
    """Relative links in the hand-written pages of ``docs/`` that would not resolve.

    ``pages``: source path → Markdown (front matter included, so lines count from the top
    of the file). MkDocs would stop a strict build for these too, but only after cleaning
    ``site/``; here they are found with the data, at their line.
    """
    problems = []
    for src, text in sorted(pages.items()):
        body = FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text, count=1)
        # Too deep or slow to render: not rendered here. News files have it reported with
        # the rest of their rules (news_files); other pages may hold HTML.
        too_costly = cost_problems(body, html=True)
        if not src.startswith(f"{NEWS_DIR}/"):
            problems += [
                Problem(f"{docs_display}/{src}", (at or 0) + 1, "", message)
                for at, message in too_costly
            ]
        if too_costly or not _may_link_relatively(body):
            continue
        for href in dict.fromkeys(page_links(body)):  # as MkDocs renders the page
            problem = broken_link(href, src, targets)
            if problem is not None:
                at = body.find(href)
                line = body[:at].count("\n") + 1 if at >= 0 else 1
                problems.append(Problem(f"{docs_display}/{src}", line, "", problem))
    return problems


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


def _anchored(text: str, page: bool = False) -> list[str]:
    """The link targets in ``text`` that carry an anchor, each once (``page``: a hand-written
    page, rendered as MkDocs renders one; else an editors' Markdown field)."""
    if not _MAY_HAVE_ANCHOR.search(text):
        return []
    found = page_links(text) if page else rendering.link_targets(text)
    return [h for h in dict.fromkeys(found) if "#" in h]


def check_anchors(
    meetings: Sequence[tuple[Loc, Meeting]], anchors: PageAnchors
) -> Iterator[LinkFinding]:
    """Every link with an anchor in the meetings' Markdown that names no id on its page
    (on each page the field appears on: a programme item is on the invitation too)."""
    for loc, meeting in meetings:
        for field, text, pages in _markdown_fields(meeting):
            if markdown_problems(text):
                continue  # refused before it is rendered (check_markup)
            for href in _anchored(text):
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
                    yield (*loc, *field), text[:at].count("\n") if at >= 0 else None, problem


def check_page_anchors(
    pages: Mapping[str, str], anchors: PageAnchors, docs_display: str = "docs"
) -> list[Problem]:
    """Links with an anchor in the hand-written pages that name no id on their page
    (``pages`` as for ``check_pages``)."""
    problems = []
    for src, text in sorted(pages.items()):
        body = FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text, count=1)
        if cost_problems(body, html=True):
            continue  # reported by check_pages or the news rules
        for href in _anchored(body, page=True):
            problem = missing_anchor(href, src, anchors)
            if problem is not None:
                at = body.find(href)
                line = body[:at].count("\n") + 1 if at >= 0 else 1
                problems.append(Problem(f"{docs_display}/{src}", line, "", problem))
    return problems
