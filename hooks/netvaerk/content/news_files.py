"""Editors' own news files (``docs/nyheder/*.md``): front matter read with the data files'
YAML reader and validated with the model, so ``make check`` and the build give one verdict.
"""

from __future__ import annotations

import re
from pathlib import Path

from netvaerk.content.files import refusal
from netvaerk.content.loading import validate_record
from netvaerk.content.news import NEWS_DIR, NewsItem
from netvaerk.content.problems import Problem
from netvaerk.content.yamlsource import LineMap, YamlDocument, conflict_markers, parse_yaml
from netvaerk.model import NewsFrontMatter
from netvaerk.text import rendering, urls
from netvaerk.text.markup import FRONT_MATTER
from netvaerk.text.safe_markdown import markdown_problems

# A first-level ATX heading as the first block: MkDocs takes the page title from it.
TITLE_HEADING = re.compile(r"\A\s*#(?!#)[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")


_COMMENT = re.compile(r"(?m)^[ \t]*#.*$")


_ATTR_LIST = re.compile(r"[ \t]*\{[^}]*\}[ \t]*$")


def _shifted(doc: YamlDocument, offset: int) -> YamlDocument:
    """The front matter's line map moved to its place in the file."""
    lines = LineMap({loc: line + offset for loc, line in doc.lines.lines.items()}, {})
    return YamlDocument(doc.path, doc.data, lines)


def parse_news(text: str, src: str, display: str) -> tuple[NewsItem | None, list[Problem]]:
    """One editor file (``src`` like 'nyheder/plan-2027.md') to a news item or its problems."""
    text = text.removeprefix("\ufeff")
    conflict = conflict_markers(text, display)
    if conflict:  # in the front matter YAML blames the next line; in the text Markdown shows it
        return None, conflict
    match = FRONT_MATTER.match(text)
    if match is None:
        message = (
            "mangler; begynd filen med en linje med ---, "
            "så fx date: 2026-11-02 og igen en linje med ---"
        )
        return None, [Problem(display, 1, "date", message)]
    if not _COMMENT.sub("", match[1]).strip():
        message = "mangler; skriv fx date: 2026-11-02 mellem de to linjer med ---"
        return None, [Problem(display, 2, "date", message)]
    doc, found = parse_yaml(match[1], display)
    problems = [p._replace(line=p.line + 1) for p in found]
    if doc is None:
        return None, problems
    doc = _shifted(doc, 1)
    if not isinstance(doc.data, dict):
        message = "linjerne mellem de to --- skal være felter (nøgle: værdi), fx »date: 2026-11-02«"
        return None, [*problems, Problem(display, 2, "", message)]
    data = doc.data
    if "template" in data:  # MkDocs would render the page with that file as its template
        message = "en nyhed kan ikke vælge sin egen skabelon; slet linjen med template:"
        problems.append(Problem(display, doc.lines.line_of(("template",)), "template", message))
        data = {key: value for key, value in data.items() if key != "template"}
    meta = validate_record(doc, data, (), NewsFrontMatter, problems)
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    # The heading and the text as MkDocs will render them: refused before anything renders.
    unsafe = markdown_problems(body)
    for offset, message in unsafe:
        line = body_line + offset if offset is not None else body_line
        problems.append(Problem(display, line, "", message))
    if unsafe:
        return None, problems
    heading = TITLE_HEADING.match(body)
    if heading is not None:
        body = body[heading.end() :]
    # If the front matter is invalid, still read its title so it is not reported missing.
    raw_title = doc.data.get("title")
    title = meta.title if meta is not None else raw_title if isinstance(raw_title, str) else None
    if title is None and heading is not None:
        title = rendering.inline_text(_ATTR_LIST.sub("", heading["text"]))
    if not title:
        message = "mangler; skriv en overskrift på første linje efter den anden ---: # Overskrift"
        problems.append(Problem(display, body_line, "title", message))
    if meta is None or problems or not title:
        return None, problems
    slug = src.removeprefix(f"{NEWS_DIR}/").removesuffix(".md")
    body = body.strip("\n") + "\n"
    excerpt = meta.summary or rendering.excerpt(body)
    return NewsItem(slug, meta.date, title, excerpt, body, file=display), []


# Characters a news file name may not have: it is the address /nyheder/<navn>/ and the Atom
# entry's id and link, where each would have to be escaped (a space as %20) or would cut the
# address short (# and ?).
_UNSAFE_IN_NAME = re.compile(r"[\s#?%&+<>\"'\\]")


def name_problem(name: str, display: str) -> Problem | None:
    """Why the news file ``name`` cannot be an address, or None."""
    found = sorted(set(_UNSAFE_IN_NAME.findall(name)))
    if not found:
        return None
    suggestion = "-".join(_UNSAFE_IN_NAME.sub(" ", name.removesuffix(".md")).split()).lower()
    shown = " ".join("mellemrum" if c.isspace() else c for c in dict.fromkeys(found))
    return Problem(
        display,
        0,
        "",
        f"filnavnet bliver adressen /nyheder/<navn>/ og må ikke have {shown}; "
        f"brug bindestreger, fx {suggestion}.md",
    )


def load_news(docs_dir: Path, display_dir: str = "docs") -> tuple[list[NewsItem], list[Problem]]:
    """Read every ``docs/nyheder/**/*.md``; return the valid items and every problem."""
    items: list[NewsItem] = []
    problems: list[Problem] = []
    news_dir = docs_dir / NEWS_DIR
    if not news_dir.is_dir():
        return items, problems
    for path in sorted(news_dir.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(news_dir).parts):
            continue  # MkDocs leaves hidden files out of the site (exclude_docs)
        src = path.relative_to(docs_dir).as_posix()
        display = f"{display_dir}/{src}"
        if src == urls.NEWS:
            continue  # the generated news index's place: reported by generated.collisions
        refused = refusal(path, docs_dir.parent, display)
        if refused is not None:
            problems.append(refused)
            continue
        badly_named = name_problem(path.name, display)
        if badly_named is not None:
            problems.append(badly_named)
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(display, 1, "", "filen er ikke gemt som UTF-8"))
            continue
        except OSError as exc:  # no permission to read it, say
            problems.append(Problem(display, 0, "", f"filen kan ikke læses ({exc.strerror})"))
            continue
        item, found = parse_news(text, src, display)
        problems += found
        if item is not None:
            items.append(item)
    return items, problems
