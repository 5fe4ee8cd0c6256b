"""What editors' Markdown may become: text, links, lists, emphasis, tables, admonitions.

The Markdown fields of the data (a meeting's ``description``, a programme item's
``description``, an announcement's ``body``) and the editors' news files are written by
people who need only a pull request or a browser form, so they are input from strangers.
Python-Markdown passes raw HTML through, accepts any link scheme (``[x](javascript:…)``)
and lets ``attr_list`` set any attribute (``{: onclick="…" }``). One allow-list, kept here,
decides what such text may render to, and it is used twice:

- ``markdown_problems`` refuses text that renders to anything outside it, and any HTML
  written into the text (Markdown's own output is all an editor needs), with a Danish
  message at its line (``make check`` and the build's ``on_config``, so an editor learns,
  and nothing unsafe ever reaches MkDocs);
- ``text.sanitise`` cleans HTML to it with ``nh3`` (Rust's ``ammonia``) wherever we render
  editors' Markdown ourselves (the Atom feed, excerpts): defence in depth. Where MkDocs
  renders it (the pages), ``checked`` is the renderers' own guard instead.

This module needs only Python-Markdown and the standard library: the browser editor runs it
as it is, in Pyodide (``editing/browser_markdown.py``), where no compiled extension such as
``nh3`` exists; that is why the sanitiser lives in a module of its own.

Rendering can also be made to cost: Python-Markdown recurses once per level of nested lists,
quotes or ``<div markdown>`` (a line of ``- `` × 1000 is a RecursionError), and its link and
HTML patterns rescan the rest of a paragraph for every unmatched ``[`` or ``<`` (30,000
``[`` took two minutes). ``cost_problems`` bounds both before anything is rendered, with
limits that no real text comes near; ``make bench-hostile`` measures the worst cases.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

from netvaerk.text.characters import FORBIDDEN, forbidden_message

# MkDocs' own extensions (mkdocs.yml) that change what text renders to; toc only adds ids
# to headings, which the pages get and the check does not look at.
EXTENSIONS = ["tables", "attr_list", "def_list", "md_in_html", "admonition"]

# A Markdown field or news file longer than this is refused before it is rendered: a real
# description or news item is a few thousand characters; 30,000 (some 5,000 words) render
# in a fifth of a second at worst, and ``make check`` renders a news item up to three times.
MAX_LENGTH = 30_000
# Levels of lists and quotes inside each other, where Python-Markdown recurses: the same
# bound as the data files' nesting (yamlsource.MAX_DEPTH). ``<div markdown>``, which
# recurses too, is refused before rendering: HTML is not allowed at all.
MAX_DEPTH = 20
# What Python-Markdown's link and HTML patterns cost: from every ``[``, ``](`` and ``<`` they
# scan on to the matching ``]``, ``)`` or ``>``, or to the end of the block when there is
# none, so unmatched ones cost the square of the block's length. ``scan_cost`` adds up
# those distances; at about 3 µs a character on the benchmark machine (``make
# bench-hostile``) this bound is about a third of a second. Ordinary text with many links
# scans a few characters per link: a 30,000-character article with 200 links is about 10,000.
MAX_SCAN = 100_000

# The allow-list: tags, their attributes, link schemes. Everything Markdown writes for text,
# links, lists, emphasis, code, quotes, tables, definition lists and admonitions.
TAGS = frozenset(
    {
        "p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote",
        "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img",
        "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "div",
    }
)  # fmt: skip
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style"}),  # the tables extension's alignment: text-align only
    "td": frozenset({"style"}),
    "div": frozenset({"class"}),  # admonitions only
    "p": frozenset({"class"}),  # the admonition's title only
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_STYLE = re.compile(r"text-align:\s*(?:left|right|center);?")
_ADMONITION_CLASS = re.compile(r"admonition(?: [\w-]+)*|admonition-title")

# A line can stand inside more than MAX_DEPTH lists or quotes only if it begins with more
# than MAX_DEPTH characters of markers and blanks (each level takes at least one).
_DEEP_CANDIDATE = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_DEPTH + 1},}}", re.MULTILINE)
_LIST_OR_QUOTE = re.compile(r"(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]?)")
_RAW_TAG = re.compile(r"\s*</?([a-zA-Z][a-zA-Z0-9-]*)")
_TAG_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
HELP = "skriv teksten som Markdown: tekst, links, lister og fremhævning"

Finding = tuple[int | None, str]  # (line in the text counted from 0, or None; message)


def _line_of(text: str, *needles: str) -> int | None:
    """The line (from 0) where the first of ``needles`` found first stands in ``text``,
    compared case-blind; None if none is there as written (an entity, say)."""
    folded = text.casefold()
    for needle in needles:
        at = folded.find(needle.casefold()) if needle else -1
        if at >= 0:
            return text.count("\n", 0, at)
    return None


def _depth(line: str) -> int:
    """How many lists and quotes a line of Markdown stands inside (an over-estimate)."""
    stripped = line.lstrip(" \t")
    indent = len(line[: len(line) - len(stripped)].expandtabs(4))
    depth = indent // 4
    position = 0
    while True:
        stripped = stripped[position:]
        match = _LIST_OR_QUOTE.match(stripped)
        if match is None or not match.group():
            return depth
        depth += 1
        position = match.end()


def cost_problems(text: str, html: bool = False) -> list[Finding]:
    """What would make rendering ``text`` deep or slow, found without rendering it.

    ``html``: the text may hold HTML (a hand-written page in ``docs/``), so ``<div
    markdown>`` is allowed, up to ``MAX_DEPTH`` of them (each can nest in the one before)."""
    if len(text) > MAX_LENGTH:
        size, most = f"{len(text):,}".replace(",", "."), f"{MAX_LENGTH:,}".replace(",", ".")
        message = (
            f"teksten er {size} tegn lang; højst {most} tegn er tilladt "
            "(del den op, eller læg den lange tekst i en fil i docs/materialer/)"
        )
        return [(None, message)]
    for start in _DEEP_CANDIDATE.finditer(text):  # lines that could be deep enough, only
        number = text.count("\n", 0, start.start())
        line = text[start.start() :].split("\n", 1)[0]
        if _depth(line) > MAX_DEPTH:
            message = (
                f"linjen står mere end {MAX_DEPTH} lister eller citater inde i hinanden "
                "(mange - , 1. , > eller et stort indryk i starten af linjen); så dybt går "
                "en tekst aldrig: ret linjen"
            )
            return [(number, message)]
    block = _markdown_block(text, MAX_DEPTH + 1 if html else 1)  # md_in_html recurses too
    if block is not None:
        at, tag = block
        message = tag_message(tag)
        if html:
            message = (
                f"mere end {MAX_DEPTH} HTML-blokke med markdown (<{tag} markdown>); "
                "så mange kan siden ikke vise; slet nogle af dem"
            )
        return [(text.count("\n", 0, at), message)]
    cost = scan_cost(text)
    if cost > MAX_SCAN:
        message = (
            "teksten har så mange [ ( eller < uden deres ] ) eller > at den tager for lang tid "
            "at vise; luk dem, del teksten op med tomme linjer, eller skriv \\[ og &lt;"
        )
        return [(_line_of(text, "[", "<"), message)]
    return []


# A block ends at a blank line; a list item, heading, quote or table row is its own text.
_BLOCK_START = re.compile(r"^[ \t]*(?:$|[-*+][ \t]|\d{1,9}[.)][ \t]|#|>|\|)")
_CLOSER = {"[": "]", "(": ")", "<": ">"}


def scan_cost(text: str) -> int:
    """How many characters Python-Markdown's inline patterns scan in ``text``, roughly: for
    every ``[``, ``](`` and ``<``, the distance to its closing bracket or the block's end.
    One pass with a stack per bracket; what the patterns do is far slower."""
    if not _BRACKETS.search(text):
        return 0
    total = 0
    lines = text.split("\n")
    block: list[str] = []
    for line in [*lines, ""]:
        if _BLOCK_START.match(line) and block:
            total += _block_cost("\n".join(block))
            block = []
        if line.strip():
            block.append(line)
    return total


_BRACKETS = re.compile(r"\](?=\()|[\[\]()<>]")


def _block_cost(block: str) -> int:
    total = 0
    open_at: dict[str, list[int]] = {"[": [], "(": [], "<": []}
    closers = {v: k for k, v in _CLOSER.items()}
    link_paren = -1  # where a "(" right after "]" would stand: only that one opens a target
    for match in _BRACKETS.finditer(block):  # the brackets only: most text has few
        char, position = match[0], match.start()
        if char == "(" and position != link_paren:
            continue
        if char in open_at:
            open_at[char].append(position)
        elif open_at[closers[char]]:
            total += position - open_at[closers[char]].pop()
        if char == "]":
            link_paren = position + 1
    end = len(block)
    return total + sum(end - at for stack in open_at.values() for at in stack)


def _markdown_block(text: str, nth: int = 1) -> tuple[int, str] | None:
    """Where the ``nth`` HTML tag with a ``markdown`` attribute (md_in_html) begins, and its
    name. Found from each word ``markdown`` back to the ``<`` of its tag, within 500
    characters: a regular expression from every ``<`` took a second on ``<a `` × 5,000."""
    folded = text.casefold()
    at = folded.find("markdown")
    while at >= 0:
        start = folded.rfind("<", max(0, at - 500), at)
        tag = _TAG_START.match(text, start) if start >= 0 else None
        if tag is not None and ">" not in text[start:at]:
            nth -= 1
            if not nth:
                return start, tag[1].lower()
        at = folded.find("markdown", at + 1)
    return None


class _Inspector(HTMLParser):
    """Walks rendered HTML and names everything outside the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (what to look for in the text, in order of preference; message)
        self.findings: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.findings.append(((f"<{tag}",), tag_message(tag)))
            return
        allowed = ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name not in allowed or not allowed_value(tag, name, value):
                self.findings.append(((f"{name}=", name, "{"), _attribute_message(name, value)))
            elif name in ("href", "src") and not _allowed_url(value):
                scheme = _scheme(value)
                self.findings.append(((value[:20], f"{scheme}:", "]:", "]("), _url_message(value)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        """A comment is invisible and harmless (editors leave notes), but a placeholder would
        be filled with a generated block by the build (``pages.home.insert_blocks``)."""
        if data.strip().startswith("netvaerk:"):
            message = (
                f"pladsholderen <!--{data}--> virker kun i de håndskrevne sider i docs/ "
                "(fx forsiden, mødelisten og tilgængelighedserklæringen); slet den her"
            )
            self.findings.append((("<!--",), message))

    def handle_decl(self, decl: str) -> None:
        self.findings.append((("<!",), f"HTML-erklæringer er ikke tilladt; {HELP}"))

    def handle_pi(self, data: str) -> None:
        self.findings.append((("<?",), f"HTML-instruktioner (<? … ?>) er ikke tilladt; {HELP}"))


def tag_message(tag: str) -> str:
    """Any HTML in the text: Markdown writes what an editor needs."""
    return f"HTML-mærket <{tag}> er ikke tilladt (HTML i teksten); {HELP}"


def _compact(url: str) -> str:
    """A URL as a browser reads its scheme: blanks and control characters dropped."""
    return re.sub(r"[\x00-\x20]", "", url)


def _scheme(url: str) -> str:
    try:
        return urlsplit(_compact(url)).scheme
    except ValueError:
        return ""


def _url_message(url: str) -> str:
    value = html.unescape(url)
    return (
        f"linket »{value[:60]}« bruger {_scheme(value) or value}:, som ikke er tilladt; "
        "brug en adresse med https:// (eller mailto:)"
    )


def _allowed_url(url: str) -> bool:
    try:
        scheme = urlsplit(_compact(url)).scheme
    except ValueError:  # 'http://[::1': not a URL a browser would follow either
        return True
    return not scheme or scheme.lower() in URL_SCHEMES


def allowed_value(tag: str, name: str, value: str) -> bool:
    """Whether attribute ``name`` of ``tag`` may have ``value`` (style and class: only
    what the tables and admonitions write)."""
    if name == "style":
        return _STYLE.fullmatch(value.strip()) is not None
    if name == "class":
        return _ADMONITION_CLASS.fullmatch(value) is not None and (
            (tag == "div") != (value == "admonition-title")
        )
    return True


def _attribute_message(name: str, value: str) -> str:
    if name.startswith("on"):
        return (
            f"attributten {name} (et script, der kører i læserens browser) er ikke tilladt; "
            f"slet den; {HELP}"
        )
    return (
        f"attributten {name}=»{value[:40]}« er ikke tilladt (fx fra {{: … }} efter et afsnit "
        f"eller fra HTML); slet den; {HELP}"
    )


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


# Everything that can render outside the allow-list needs one of these (HTML, entities,
# attr_list, escapes) or a link target: text without them renders to allowed tags only.
_MARKUP_CHARS = re.compile(r"[<{}&\\]|\]:")
_LINK_TARGET = re.compile(r"\]\(([^)]*)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _plainly_safe(text: str) -> bool:
    """True when ``text`` surely renders to the allow-list, without rendering it: no HTML,
    entity, ``{``, escape or reference definition, and every ``](target)`` a plain target
    (no blanks or brackets in it) with an allowed scheme or none. Most texts are like this
    (a 1,000-meeting site: all 3,213), and rendering each cost its build over two seconds."""
    if _MARKUP_CHARS.search(text):
        return False
    for match in _LINK_TARGET.finditer(text):
        target = match[1]
        if not target or any(c.isspace() or c in "([" for c in target):
            return False
        scheme = _SCHEME.match(target)
        if scheme is not None and scheme[1].lower() not in URL_SCHEMES:
            return False
    return True


@functools.lru_cache(maxsize=4096)  # the link check asks again for the same texts
def markdown_problems(text: str) -> tuple[Finding, ...]:
    """Every reason to refuse Markdown ``text``: the cost bounds first (then it is not
    rendered at all), then whatever it renders to outside the allow-list, each once, at the
    line of the text where it stands when that can be found (else None)."""
    found: list[Finding] = []
    bad = FORBIDDEN.search(text.replace("\r", ""))
    if bad is not None:
        found.append((text.count("\n", 0, bad.start()), forbidden_message(bad[0])))
        return tuple(found)
    found += cost_problems(text)
    if found or _plainly_safe(text):
        return tuple(found)
    converter = _converter().reset()
    inspector = _Inspector()
    inspector.feed(converter.convert(text))
    inspector.close()
    # A reference definition renders nothing where it stands, but another field on the same
    # page (a programme item's description, say) can use it: check every definition.
    for url, _title in converter.references.values():
        if not _allowed_url(html.unescape(url)):
            inspector.findings.append(((url[:20], "]:"), _url_message(url)))
    for raw in converter.htmlStash.rawHtmlBlocks:
        tag = _RAW_TAG.match(str(raw))  # entities and comments are stashed too: not tags
        if tag is not None:
            inspector.findings.insert(0, ((f"<{tag[1]}", "<"), tag_message(tag[1].lower())))
    seen: set[str] = set()
    for needles, message in inspector.findings:
        if message not in seen:
            seen.add(message)
            found.append((_line_of(text, *needles), message))
    return tuple(found)


class UnsafeMarkdown(ValueError):
    """Editors' Markdown reached a renderer without passing ``markdown_problems``."""


def checked(text: str) -> str:
    """``text`` as it is, for a page, if it passes ``markdown_problems``; else raise.

    The check in ``make check`` and ``on_config`` refuses such text with a message first;
    this is the renderers' own guard (defence in depth), so no route to a page, now or
    later, can carry unchecked Markdown. It costs a cache lookup: the same text was checked."""
    found = markdown_problems(text)
    if found:
        raise UnsafeMarkdown(found[0][1])
    return text
