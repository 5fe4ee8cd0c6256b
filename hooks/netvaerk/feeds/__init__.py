"""Machine-read feeds: the calendar (.ics with its VTIMEZONE) and the Atom news feed.
Feeds never import the pages."""
