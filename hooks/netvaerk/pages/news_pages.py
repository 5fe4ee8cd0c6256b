"""Markdown for the news section: an announcement's page, the index, the home page block, and
the date line added to editors' own news pages.

An announcement's page reads like the invitation it is, then gives the meeting's facts, its
programme and the registration call to action with the very renderers of the meeting page
(``pages.meeting_facts``, ``pages.programme_and_signup``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from netvaerk.content.derive import MeetingFacts
from netvaerk.content.news import NewsItem
from netvaerk.content.news_files import TITLE_HEADING
from netvaerk.content.site import Site
from netvaerk.pages.meeting import meeting_facts, moved_box, programme_and_signup
from netvaerk.text import urls
from netvaerk.text.danish import long_date, short_date
from netvaerk.text.markup import FRONT_MATTER, front_matter, md_text
from netvaerk.text.safe_markdown import checked
from netvaerk.text.statuses import status_notice

# The index lists items flat until it grows past this many, then groups them by year.
GROUP_BY_YEAR_FROM = 10
LATEST_ON_HOME = 3


def date_line(item: NewsItem) -> str:
    """'Udgivet fredag den 22. januar 2021', machine-readable too."""
    return (
        f'<p class="nk-news-date">Udgivet <time datetime="{item.date.isoformat()}">'
        f"{long_date(item.date)}</time></p>\n"
    )


def back_link(from_src: str) -> str:
    return f"[← Alle nyheder]({urls.link(from_src, urls.NEWS)})\n"


def announcement_page(
    item: NewsItem, facts: MeetingFacts, site: Site, programme: Sequence[str] | None = None
) -> str:
    """The page of a meeting's announcement, linking the meeting's page and its .ics file
    (``facts``: its meeting's, ``content/derive.py``; ``programme``: its meeting's
    ``programme_and_signup``, if already made for the meeting's page)."""
    meeting = facts.meeting
    assert item.meeting is not None, "only announcements have a meeting"
    src = item.src
    parts = [
        front_matter(item.title, item.excerpt),
        f"# {md_text(item.title)}\n",
        date_line(item),
        status_notice(meeting),  # an invitation to a meeting that was called off says so
        moved_box(facts),  # and one that moved, what changed
    ]
    if item.body:
        parts.append(checked(item.body.strip()) + "\n")
    parts.append("## Mødet\n\n" + meeting_facts(meeting, site, src, with_theme=True))
    parts += programme_and_signup(facts) if programme is None else programme
    page = urls.link(src, urls.meeting_page(meeting.slug))
    ics = urls.link(src, urls.meeting_calendar(meeting.slug))
    links = [f"[Se mødets side]({page}){{ .md-button }}"]
    # No one adds a called-off meeting, or one that is over, to a calendar.
    if facts.ahead:
        links.append(f"[Føj mødet til din kalender]({ics}){{ .md-button }}")
    parts.append('<p class="nk-news-links" markdown>\n' + "\n".join(links) + "\n</p>\n")
    parts.append(back_link(src))
    return "\n".join(parts)


def news_entry(item: NewsItem, from_src: str, level: int) -> str:
    """One item in a list: linked title, date, excerpt."""
    link = urls.link(from_src, item.src)
    lines = [
        '<article class="nk-news-item" markdown>',
        "",
        f"{'#' * level} [{md_text(item.title)}]({link})",
        "",
        f'<p class="nk-news-item__date"><time datetime="{item.date.isoformat()}">'
        f"{short_date(item.date)}</time></p>",
        "",
    ]
    if item.excerpt:
        lines += [md_text(item.excerpt), ""]
    lines.append("</article>")
    return "\n".join(lines) + "\n"


def news_index(items: Sequence[NewsItem]) -> str:
    """/nyheder/: published items newest first, by year once the list has grown."""
    src = urls.NEWS
    feed = urls.link(src, urls.NEWS_FEED)
    parts = [
        front_matter("Nyheder", "Nyt fra netværket: invitationer til møderne og andre nyheder."),
        "# Nyheder\n",
        "Invitationer til netværkets møder og andet nyt fra KL og Landdistrikternes "
        f"Fællesråd. [Abonnér på nyhederne i din feedlæser]({feed}) (Atom).\n",
    ]
    if not items:
        parts.append("Der er ingen nyheder endnu.\n")
    elif len(items) < GROUP_BY_YEAR_FROM:
        parts += [news_entry(item, src, 2) for item in items]
    else:
        for year, group in groupby(items, key=lambda i: i.date.year):
            parts.append(f"## {year}\n")
            parts += [news_entry(item, src, 3) for item in group]
    return "\n".join(parts)


def latest_block(items: Sequence[NewsItem]) -> str:
    """The home page's latest news, or '' when there is none yet."""
    if not items:
        return ""
    entries = "\n".join(news_entry(item, urls.HOME, 3) for item in items[:LATEST_ON_HOME])
    return (
        "## Nyheder\n\n"
        f'<div class="nk-news-list" markdown>\n\n{entries}\n</div>\n\n'
        f"[Alle nyheder]({urls.link(urls.HOME, urls.NEWS)}) · "
        f"[Abonnér på nyhederne (Atom)]({urls.link(urls.HOME, urls.NEWS_FEED)})\n"
    )


def article_markdown(markdown: str, item: NewsItem) -> str:
    """An editor's news page with its date under the title and a link back to the index."""
    body = FRONT_MATTER.sub("", markdown.removeprefix("\ufeff"), count=1)
    checked(body)  # as news_files checked it (MkDocs hands the page without front matter)
    heading = TITLE_HEADING.match(markdown)
    cut = heading.end() if heading is not None else 0
    head, rest = markdown[:cut], markdown[cut:]
    return f"{head}\n{date_line(item)}\n{rest.rstrip()}\n\n{back_link(item.src)}"
