"""The ``<!-- netvaerk:name -->`` placeholders of the hand-written pages, and which exist.

The build fills them with generated blocks (``pages/home.py`` ``insert_blocks``, the blocks
from ``pages.blocks.page_blocks``). A name that does not exist used to be a warning while
pages were written, after MkDocs had cleaned ``site/`` and without a line; here it is a
problem at its line, found by ``make check`` and in ``on_config`` alike. ``NAMES`` is held
equal to what ``pages.blocks.page_blocks`` makes by tests/test_safe_build.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from netvaerk.content.problems import Problem

PLACEHOLDER = re.compile(r"<!--\s*netvaerk:([a-z-]+)\s*-->")

NAMES = frozenset(
    {
        "next-meeting",
        "upcoming",
        "upcoming-meetings",
        "archive",
        "member-count",
        "members-chart",
        "members-by-region",
        "organisers",
        "subscribe",
        "news",
        "contact",
    }
)


def unknown_placeholders(pages: Mapping[str, str], docs_display: str = "docs") -> list[Problem]:
    """Every placeholder in the hand-written pages (source path → Markdown) whose name the
    build does not know, at its line."""
    known = ", ".join(sorted(NAMES))
    problems = []
    for src, text in sorted(pages.items()):
        for match in PLACEHOLDER.finditer(text):
            if match[1] in NAMES:
                continue
            line = text.count("\n", 0, match.start()) + 1
            message = (
                f"ukendt pladsholder <!-- netvaerk:{match[1]} -->; de kendte er {known}; "
                "ret navnet eller slet linjen"
            )
            problems.append(Problem(f"{docs_display}/{src}", line, "", message))
    return problems
