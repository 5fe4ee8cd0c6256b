"""Benchmark child: one real build with the project's hooks timed per event, and the floor export.

Run by ``bench/run.py`` in a fresh process:

    python bench/instrumented.py <mkdocs.yml> <site dir> <floor docs dir>

It loads the config as ``mkdocs build --strict`` does, wraps every event handler of the
project's own hook modules (``hooks:`` in mkdocs.yml) with a timer, and adds two handlers
that run after everything else: they record each page's final Markdown (front matter
included) and every non-page file the build has (docs files and generated ones such as
.ics and Atom). Those are written to ``<floor docs dir>``: the same pages as plain
Markdown, which ``run.py`` builds with no hooks as the floor. Prints JSON on stdout.

A failed build prints why on stderr and exits 1: MkDocs' command line would show its log,
but called as a library its only handler counts warnings and shows nothing (the bench once
died at 1,000 meetings with exit 1 and no word), so this adds a handler for warnings and
errors.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def _timed(
    event: str, method: Callable[..., Any], totals: dict[str, float], calls: dict[str, int]
) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            totals[event] += time.perf_counter() - start
            calls[event] += 1

    return wrapper


def main(config_file: str, site_dir: str, floor_docs: str) -> dict[str, Any]:
    config = load_config(config_file, site_dir=site_dir, strict=True)
    own = set(config["hooks"])  # hook module names, e.g. "hooks/site_hooks.py"
    totals: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for event, methods in config.plugins.events.items():
        for index, method in enumerate(methods):
            if getattr(method, "__module__", None) in own:
                methods[index] = _timed(event, method, totals, calls)

    docs_dir = Path(config.docs_dir).resolve()
    pages: dict[str, str] = {}
    statics: dict[str, bytes] = {}

    def capture_files(files: Files, config: MkDocsConfig) -> Files:
        for file in files:
            if file.is_documentation_page():
                continue
            from_docs = file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(
                docs_dir
            )
            if file.generated_by or from_docs:
                statics[file.src_uri] = file.content_bytes
        return files

    def capture_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        meta = dict(page.meta)
        head = ""
        if meta:
            head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
        pages[page.file.src_uri] = head + markdown
        return markdown

    config.plugins.events["files"].append(capture_files)  # last: sees the final file list
    config.plugins.events["page_markdown"].append(capture_markdown)  # after every hook

    start = time.perf_counter()
    config.plugins.run_event("startup", command="build", dirty=False)
    build(config)
    config.plugins.run_event("shutdown")
    total = time.perf_counter() - start

    out = Path(floor_docs)
    for src, data in statics.items():
        (out / src).parent.mkdir(parents=True, exist_ok=True)
        (out / src).write_bytes(data)
    for src, text in pages.items():
        (out / src).parent.mkdir(parents=True, exist_ok=True)
        (out / src).write_text(text, encoding="utf-8")
    return {
        "build_s": total,
        "hooks_s": sum(totals.values()),
        "by_event": dict(totals),
        "calls": dict(calls),
        "pages": len(pages),
        "files": len(statics),
    }


def show_log() -> None:
    """MkDocs' warnings and errors on stderr, as ``mkdocs build`` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    show_log()
    try:
        result = main(*sys.argv[1:])
    except SystemExit as exc:  # MkDocs' Abort, after logging the cause (now shown above)
        sys.exit(f"bench/instrumented.py: the build failed ({exc})")
    print(json.dumps(result))
