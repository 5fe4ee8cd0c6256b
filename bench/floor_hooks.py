"""The floors' one hook: Jinja's bytecode cache for the theme's templates, as our build has.

MkDocs makes a new Jinja Environment for every build and compiles every Material template
to Python again, about a sixth of a small build's instructions. The project's build keeps
the compiled templates between builds (``netvaerk.text.templating.bytecode_cache``), so a
floor without the same cache would lose that sixth to a handicap, not to our code: the
margin would come from the floor doing work our build skips. Both floors (``run.py``) get
this file as their only hook, and Jinja's own ``FileSystemBytecodeCache`` in a folder of
the benchmark's project (warmed by one untimed build before the measured ones), so build
and floors compile nothing and differ only by what the project adds.

It imports nothing MkDocs has not already imported (Jinja's cache module is part of
``jinja2``), and it changes no byte of the output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache

CACHE = Path(__file__).resolve().parent / ".floor-template-cache"


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    CACHE.mkdir(exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
    return env
