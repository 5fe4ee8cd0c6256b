"""The Markdown of every generated page: meetings, lists, members, news, and their head
(Open Graph, JSON-LD). Pages never import the feeds."""
