"""Editors' Markdown rendered to HTML by us, cleaned to ``safe_markdown``'s allow-list.

Where we render editors' Markdown ourselves (the Atom feed, excerpts), ``sanitise`` reduces
the HTML with ``nh3`` (Rust's ``ammonia``) to the tags, attributes and link schemes that
``text.safe_markdown`` allows: defence in depth behind the check. It is a module of its own
because ``nh3`` is a compiled extension: the check itself also runs in the browser editor
(Pyodide), which has none.
"""

from __future__ import annotations

import nh3

from netvaerk.text.safe_markdown import ATTRIBUTES, TAGS, URL_SCHEMES, allowed_value


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    return value if allowed_value(tag, name, value) else None


def sanitise(html: str) -> str:
    """``html`` rendered from editors' Markdown, reduced to the allow-list by ``nh3``:
    disallowed tags go (script and style with their content), so do disallowed attributes,
    comments and links with other schemes than ``URL_SCHEMES``."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )
