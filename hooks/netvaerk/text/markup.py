"""Escaping of editor text on its way into Markdown and HTML.

Text from YAML is data, not markup: a title with ``<``, ``|`` or ``*`` must show as written.
Fields documented as Markdown (description, body) are passed through unescaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

# The same pattern MkDocs uses (mkdocs.utils.meta), so we read exactly what it reads.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_LIST_NUMBER = re.compile(r"^(\s*\d+)\.", re.MULTILINE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def html_text(text: str) -> str:
    """Text for an HTML element or attribute."""
    return html.escape(text, quote=True)


# Replacements as functions, not templates: ``re`` expands a template with backslashes in
# Python for every match (md_text: 22 → 6 M instructions for the 30-meeting build's ~870).
def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match[1]


def _number_kept(match: re.Match[str]) -> str:
    return match[1] + "\\."


def md_text(text: str) -> str:
    """Inline text for Markdown: HTML-escaped, then Markdown punctuation backslashed."""
    escaped = _MD_SPECIAL.sub(_backslashed, html.escape(text, quote=False))
    # "28. januar …" at the start of a line would become an ordered list and lose the 28.
    return _LIST_NUMBER.sub(_number_kept, escaped) if "." in escaped else escaped


def md_url(url: str) -> str:
    """A URL as a Markdown link target (angle brackets allow spaces and parentheses)."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


try:  # libyaml's emitter: about six times faster, and every generated page has front matter
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Dumper = yaml.SafeDumper


_STR, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map"


def _scalar(text: str) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, text)


def front_matter(title: str, description: str | None = None) -> str:
    """YAML front matter; title and description are HTML-escaped: the theme does not escape
    them (``<title>``, ``<meta name="description" content="…">``)."""
    pairs = [(_scalar("title"), _scalar(html_text(title)))]
    if description:
        pairs.append((_scalar("description"), _scalar(html_text(description))))
    # The nodes yaml.dump's representer makes of a dict of strings (a block mapping), given
    # to the emitter directly: the representer's Python per call was a quarter of the cost
    # (10.0 → 7.6 M instructions for the 30-meeting build's 52 pages; the same text).
    node = yaml.MappingNode(_MAP, pairs, flow_style=False)
    text = yaml.serialize(node, Dumper=_Dumper, allow_unicode=True)
    return "---\n" + text + "---\n\n"
