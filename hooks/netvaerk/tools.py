"""The command lines of the editors' GitHub tools, handed ``make check``.

The pull request's check run (``editing/pr_check.py``) and the build alert
(``editing/build_alert.py``) report what ``make check`` finds. ``collect_problems``
(``netvaerk/check.py``) renders the generated pages to find their anchors, so it sits above
``editing``, which may not import ``pages``; this module, at the top layer, joins the two::

    PYTHONPATH=hooks .venv/bin/python -m netvaerk.tools pr-check --base origin/main --sha SHA
    PYTHONPATH=hooks .venv/bin/python -m netvaerk.tools build-alert --check failure ...

(``make check`` itself is ``python -m netvaerk.check``; ``make edit``'s save check is
``python -m netvaerk.editor_preview``.)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

from netvaerk.check import collect_problems
from netvaerk.editing import build_alert as alert_tool
from netvaerk.editing import pr_check as pr_tool


def pr_check(argv: Sequence[str] | None = None) -> int:
    """Publish ``make check``'s result as a check run on the pull request."""
    return pr_tool.main(argv, collect_problems)


def build_alert(argv: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    """Open, update or close the issue that tells the editors a build failed."""
    return alert_tool.main(argv, collect_problems, environ)


TOOLS: dict[str, Callable[[Sequence[str]], int]] = {
    "pr-check": pr_check,
    "build-alert": build_alert,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in TOOLS:
        print(f"usage: python -m netvaerk.tools {{{','.join(TOOLS)}}} ...", file=sys.stderr)
        return 2
    return TOOLS[args[0]](args[1:])


if __name__ == "__main__":
    sys.exit(main())
