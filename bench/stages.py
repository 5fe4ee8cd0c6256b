"""Benchmark child: the project's own code, stage by stage, called directly (no MkDocs build).

    python bench/stages.py <project dir> <site_url>

Runs what the glue runs in one build, in a fresh process, and times each stage: reading
the YAML (load), validating it into the model (validate), the news files' front matter,
the Git history, the pages (render), the calendar files and the news pages and Atom feed.
Stages whose module does not exist (yet) are reported as missing, not as zero.
Prints JSON on stdout.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(f"netvaerk.{name}")
    except ImportError:
        return None


class Timer:
    """Wraps module functions so every call, also from inside other stages, is timed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, module: Any, name: str, stage: str) -> None:
        original = getattr(module, name, None) if module is not None else None
        if original is None:
            return

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


def _call(function: Callable[..., Any], *args: Any, **optional: Any) -> Any:
    """Call with the optional keyword arguments the function accepts (APIs still move)."""
    accepted = inspect.signature(function).parameters
    return function(*args, **{k: v for k, v in optional.items() if k in accepted})


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
    from netvaerk import clock, loading, outputs

    data_dir, docs_dir = project / "data", project / "docs"
    news, history, calendar, atom = (_optional(n) for n in ("news", "history", "calendar", "atom"))
    timer = Timer()
    optional = {"news": news, "history": history, "calendar": calendar, "atom": atom}
    missing = [name for name, module in optional.items() if module is None]

    # load_site = reading the YAML (load) + the models and rules (validate)
    timer.wrap(loading, "read_yaml", "load")
    site = timer.run("load_site", lambda: loading.load_site(data_dir))
    timer.seconds["validate"] = timer.seconds.pop("load_site") - timer.seconds["load"]

    written: list[Any] = []
    if news is not None and hasattr(news, "load_news"):
        written, _ = timer.run("news_load", lambda: news.load_news(docs_dir, "docs"))

    now = datetime.fromtimestamp(clock.build_timestamp(), UTC)
    hist = None
    if history is not None:
        hist = timer.run("history", lambda: history.read_history(data_dir / "meetings.yaml", now))

    # The renderers as one build runs them; calendar, news and Atom are timed inside them.
    timer.wrap(calendar, "calendar_files", "calendar")
    timer.wrap(outputs, "news_files", "news_files")
    timer.wrap(atom, "news_feed", "atom")
    ctx = _call(
        outputs.BuildContext,
        today=clock.today(),
        site_url=site_url,
        site_name="Kommunernes Netværk for Landdistriktskoordinatorer",
        history=hist,
    )
    files = timer.run(
        "generated", lambda: _call(outputs.generated_files, site, ctx, written=written)
    )
    timer.run("generated", lambda: _call(outputs.page_blocks, site, ctx, written=written))

    s = dict(timer.seconds)
    calendar_s, news_files_s, atom_s = (s.get(k, 0.0) for k in ("calendar", "news_files", "atom"))
    stages = {
        "imports": imports,
        "load": s["load"],
        "validate": s["validate"],
        "render": s["generated"] - calendar_s - news_files_s,
        "calendar": calendar_s,
        "news": s.get("news_load", 0.0) + news_files_s - atom_s,
        "atom": atom_s,
        "history": s.get("history", 0.0),
    }
    stages["total"] = sum(stages.values())
    stages["feeds"] = calendar_s + atom_s
    return {
        "stages": stages,
        "missing": missing,
        "meetings": len(site.meetings),
        "generated_files": len(files),
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
