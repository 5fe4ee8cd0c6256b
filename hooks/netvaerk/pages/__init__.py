"""The Markdown of every generated page: meetings, lists, members, news, and their head
(Open Graph, JSON-LD). Pages never import the feeds."""

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"  # the HTML of the pages (text/templating.py)
