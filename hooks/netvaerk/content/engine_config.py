"""``mkdocs.yml`` as the tools that run without the engine read it.

The pre-build (``prebuild.py``) takes the site's address, name and docs folder from it, and
the editor's preview pane (``editor_preview.py``) the path the site lives under. MkDocs reads
the file itself in a build; these read it with PyYAML's safe loader, where MkDocs' own tags
(``!ENV``, ``!!python/name:``) are read as None instead of stopping the reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (``!ENV``, ``!!python/name:``): read them as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def engine_config(project: Path) -> dict[str, Any]:
    """The settings in ``project``/mkdocs.yml; empty when there is no such file."""
    try:
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    config = yaml.load(text, Loader=_TolerantLoader)  # a SafeLoader: unknown tags become None
    return config if isinstance(config, dict) else {}
