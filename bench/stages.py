"""Benchmark child: the project's own code, stage by stage, called directly (no MkDocs build).

    python bench/stages.py <project dir> <site_url>

Runs what the glue runs in one build, in a fresh process, and times each stage: reading
the YAML (load), validating it into the model (validate), the news files' front matter,
the Git history, the pages (render), the calendar files and the news pages and Atom feed.
It imports the stages' functions by name: when one moves, this script fails at once
(the bench's test runs it) instead of reporting a stage as zero.
Prints JSON on stdout.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class Timer:
    """Wraps module functions so every call, also from inside other stages, is timed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, module: Any, name: str, stage: str) -> None:
        original = getattr(module, name)  # AttributeError when a stage moved: fix the bench

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

        setattr(module, name, timed)

    def run(self, stage: str, call: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        try:
            return call()
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def import_hooks(project: Path) -> float:
    """Seconds to import the hook module and all it imports, on top of what any MkDocs +
    Material build imports anyway (loaded first, untimed); as MkDocs loads a hook file."""
    import importlib.util

    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401

    hook = project / "hooks" / "site_hooks.py"
    start = time.perf_counter()
    sys.path.insert(0, str(hook.parent))
    spec = importlib.util.spec_from_file_location("hooks/site_hooks.py", hook)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return time.perf_counter() - start


def main(project: Path, site_url: str) -> dict[str, Any]:
    imports = import_hooks(project)
    from netvaerk import outputs
    from netvaerk.content import clock, history, loading, news_files
    from netvaerk.feeds import atom, calendar

    data_dir, docs_dir = project / "data", project / "docs"
    timer = Timer()

    # load_site = reading the YAML (load) + the models and rules (validate)
    timer.wrap(loading, "read_yaml", "load")
    site = timer.run("load_site", lambda: loading.load_site(data_dir))
    timer.seconds["validate"] = timer.seconds.pop("load_site") - timer.seconds["load"]
    written, _ = timer.run("news_load", lambda: news_files.load_news(docs_dir, "docs"))

    now = datetime.fromtimestamp(clock.build_timestamp(), UTC)
    hist = timer.run("history", lambda: history.read_history(data_dir / "meetings.yaml", now))

    # What the glue runs: prepare() and its files(); calendar, news and Atom timed inside.
    timer.wrap(calendar, "calendar_files", "calendar")
    timer.wrap(outputs, "news_files", "news_files")
    timer.wrap(atom, "news_feed", "atom")
    ctx = outputs.BuildContext(
        today=clock.today(),
        site_url=site_url,
        site_name="Kommunernes Netværk for Landdistriktskoordinatorer",
        history=hist,
    )
    prepared = timer.run("generated", lambda: outputs.prepare(site, written, ctx))
    files = timer.run("generated", prepared.files)

    s = dict(timer.seconds)
    calendar_s, news_files_s, atom_s = (s.get(k, 0.0) for k in ("calendar", "news_files", "atom"))
    stages = {
        "imports": imports,
        "load": s["load"],
        "validate": s["validate"],
        "render": s["generated"] - calendar_s - news_files_s,
        "calendar": calendar_s,
        "news": s["news_load"] + news_files_s - atom_s,
        "atom": atom_s,
        "history": s["history"],
    }
    stages["total"] = sum(stages.values())
    stages["feeds"] = calendar_s + atom_s
    return {"stages": stages, "meetings": len(site.meetings), "generated_files": len(files)}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
