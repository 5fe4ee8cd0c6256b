"""The exit from Material rehearsed: what another engine builds from the pre-build, vs MkDocs.

Material for MkDocs ends on 5 May 2027 (README, "Engines"). Its successor, Zensical, reads
``mkdocs.yml`` but runs no hooks, so the plan is to run the core first
(``python -m netvaerk.prebuild OUT``) and let the engine build ``OUT``. A non-blocking CI job
(``.github/workflows/ci.yml``, job ``zensical``) does exactly that with a pinned Zensical and
compares the result with the MkDocs build, so the day the switch is due the team knows what
is missing instead of finding out from the visitors:

- ``config``: ``mkdocs.yml`` as the engine gets it: no ``hooks:``, no ``custom_dir`` (its
  templates rely on the glue), the search plugin without MkDocs' options (Zensical refuses
  ``lang`` and ``pipeline``: no Danish stemming), and the pre-build as ``docs_dir``;
- ``compare``: every page and feed of the reference build, by path: missing, extra, a page
  whose ``<article>`` text differs, a calendar or feed whose bytes differ. Nothing is hidden:
  the list goes to standard output and the job summary, exit status 1 when it is not empty.

    PYTHONPATH=hooks python -m netvaerk.rehearsal config mkdocs.yml prebuilt site-engine
    PYTHONPATH=hooks python -m netvaerk.rehearsal compare site site-engine
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# The theme's and the engine's own files: no content of the site's, and named differently by
# every engine (search index, sitemap, objects.inv, bundled CSS and JS).
ENGINE_FILES = re.compile(r"^(assets/|search/|search\.json$|sitemap\.xml(\.gz)?$|objects\.inv$)")
# Copied in by the glue, not built from the docs: the browser editor (Decap CMS).
GLUE_FILES = re.compile(r"^admin/")
FEEDS = (".ics", ".xml")


def config(mkdocs_yml: str, docs_dir: str, site_dir: str) -> str:
    """``mkdocs.yml`` for an engine that builds the pre-build's output."""
    text = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*\n)*", "", mkdocs_yml)
    text = re.sub(r"(?m)^[ \t]+custom_dir:.*\n", "", text)
    text = re.sub(r"(?m)^plugins:\n(?:[ \t]+.*\n|[ \t]*\n)*", "plugins:\n  - search\n\n", text)
    text = re.sub(r"(?m)^(docs_dir|site_dir):.*\n", "", text)
    if "hooks/" in text or "custom_dir" in text:
        raise ValueError("mkdocs.yml: hooks or custom_dir left after rewriting")
    return text.rstrip("\n") + f"\n\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n"


class _ArticleText(HTMLParser):
    """The text of a page's ``<article>`` elements, whitespace collapsed (the page content,
    not the theme's navigation or head)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += tag == "article"

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def article_text(html: str) -> str:
    """The words of a page's article. Soft hyphens (U+00AD) are left out: the MkDocs build puts
    them into long words after rendering (text/hyphenation.py), which the engine's build of the
    pre-build does not, and they show only where a line breaks."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).replace("\u00ad", "").split())


@dataclass(frozen=True, order=True)
class Difference:
    path: str
    kind: str  # missing, extra, content, bytes
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind:8} {self.path}" + (f"  ({self.detail})" if self.detail else "")


def _files(site: Path) -> dict[str, Path]:
    found = {}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not ENGINE_FILES.match(name) and not GLUE_FILES.match(name):
            found[name] = path
    return found


def _first_difference(a: str, b: str) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"from character {at}: {a[at : at + 60]!r} vs {b[at : at + 60]!r}"


def compare(reference: Path, candidate: Path) -> list[Difference]:
    """Every page and feed of ``reference`` (the MkDocs build) that ``candidate`` lacks or
    has otherwise; pages and feeds only ``candidate`` has."""
    ref, got = _files(reference), _files(candidate)
    found = [Difference(p, "missing") for p in ref.keys() - got.keys()]
    found += [Difference(p, "extra") for p in got.keys() - ref.keys()]
    for name in ref.keys() & got.keys():
        if name.endswith(".html"):
            a = article_text(ref[name].read_text(encoding="utf-8"))
            b = article_text(got[name].read_text(encoding="utf-8"))
            if a != b:
                found.append(Difference(name, "content", _first_difference(a, b)))
        elif name.endswith(FEEDS) and ref[name].read_bytes() != got[name].read_bytes():
            found.append(Difference(name, "bytes"))
    return sorted(found)


def summary(differences: Sequence[Difference], engine: str) -> str:
    """The job summary in Markdown."""
    if not differences:
        return f"### {engine}: the same pages, calendars and feed as MkDocs\n"
    lines = [f"### {engine}: {len(differences)} differences from the MkDocs build", ""]
    lines += [
        f"- `{d.kind}` `{d.path}`" + (f" – {d.detail}" if d.detail else "") for d in differences
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m netvaerk.rehearsal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    make_config = commands.add_parser("config", help="print mkdocs.yml for the engine")
    make_config.add_argument("mkdocs_yml", type=Path)
    make_config.add_argument("docs_dir")
    make_config.add_argument("site_dir")
    diff = commands.add_parser("compare", help="list what the engine built differently")
    diff.add_argument("reference", type=Path)
    diff.add_argument("candidate", type=Path)
    diff.add_argument("--engine", default="Zensical")
    args = parser.parse_args(argv)
    if args.command == "config":
        text = args.mkdocs_yml.read_text(encoding="utf-8")
        sys.stdout.write(config(text, args.docs_dir, args.site_dir))
        return 0
    differences = compare(args.reference, args.candidate)
    for difference in differences:
        print(difference)
    print(f"{len(differences)} differences between {args.reference} and {args.candidate}")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(summary(differences, args.engine))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
