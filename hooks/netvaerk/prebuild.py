"""``python -m netvaerk.prebuild OUT``: the whole site as plain source files, without hooks.

The MkDocs glue (``hooks/site_hooks.py``) hands generated pages to MkDocs in memory. An engine
that runs no hooks — Zensical, Material's successor, ignores ``hooks:`` silently — would build
the editors' pages only, and every meeting page, list and feed would vanish without an error.
This step runs the same core before such an engine: it copies ``docs/`` to ``OUT``, leaves out
news dated after today, fills every ``<!-- netvaerk:name -->`` placeholder, gives editors'
news pages their date line and description as the glue does (``outputs.page_markdown``), and
writes every generated page and feed (``outputs.build_project``: the build's own entry
point). The engine then builds ``OUT`` as its docs folder.

What stays with the engine is listed in README.md ("Engines"): Open Graph and JSON-LD in the
theme's head, the feed link, Danish stemming of search queries, programme table captions,
the soft hyphens of headings and table cells (after rendering) and the minified stylesheet.
Bad data stops it with the build's Danish problem list and exit status 1; ``OUT`` is then
left as it was.

    PYTHONPATH=hooks python -m netvaerk.prebuild [--project DIR] [--site-url URL] OUT
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from netvaerk.content.engine_config import engine_config
from netvaerk.content.problems import DataError, Problem, format_problems
from netvaerk.outputs import SETTING_ERRORS, Prepared, build_project, page_markdown
from netvaerk.text.markup import FRONT_MATTER


def _page(text: str, src: str, prepared: Prepared) -> tuple[str, list[str]]:
    """A hand-written page as the glue hands it to MkDocs (``outputs.page_markdown``), with
    an editor's news page's front matter written back with its title and description."""
    if src not in prepared.articles:
        markdown, _, warnings = page_markdown(prepared, src, text, {})
        return markdown, warnings
    match = FRONT_MATTER.match(text)
    meta: dict[str, Any] = (yaml.safe_load(match[1]) if match else None) or {}
    body = text[match.end() :] if match else text
    markdown, updates, warnings = page_markdown(prepared, src, body, meta)
    meta.update(updates)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{head}---\n\n{markdown}", warnings


def write_sources(prepared: Prepared, docs_dir: Path, out: Path) -> list[str]:
    """Write the site's complete sources to ``out`` (replaced); return warnings."""
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(docs_dir, staging)
    warnings = []
    for src in prepared.unpublished:
        (staging / src).unlink()
    for path in sorted(staging.rglob("*.md")):
        src = path.relative_to(staging).as_posix()
        text, found = _page(path.read_text(encoding="utf-8"), src, prepared)
        warnings += found
        path.write_text(text, encoding="utf-8")
    for src, content in prepared.files().items():
        target = staging / src
        if target.exists():
            shutil.rmtree(staging)
            message = "findes allerede, men siden bliver genereret af data/"
            raise DataError([Problem(f"docs/{src}", 0, "", message)])
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return warnings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.prebuild", description=__doc__.split("\n\n")[0] if __doc__ else ""
    )
    parser.add_argument("out", type=Path, help="the docs folder to write (replaced)")
    parser.add_argument("--project", type=Path, default=Path("."), help="default: .")
    parser.add_argument("--site-url", help="default: site_url in mkdocs.yml")
    args = parser.parse_args(argv)
    config = engine_config(args.project)
    site_url = args.site_url if args.site_url is not None else str(config.get("site_url") or "")
    docs = str(config.get("docs_dir") or "docs")
    try:
        prepared = build_project(
            args.project,
            args.project / docs,
            docs,
            site_url=site_url,
            site_name=str(config.get("site_name") or ""),
        )
        warnings = write_sources(prepared, args.project / docs, args.out)
    except DataError as exc:
        print(format_problems(exc.problems, "siden kan ikke bygges"), file=sys.stderr)
        return 1
    except SETTING_ERRORS as exc:
        print(exc, file=sys.stderr)
        return 1
    for warning in warnings:
        print(warning, file=sys.stderr)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
