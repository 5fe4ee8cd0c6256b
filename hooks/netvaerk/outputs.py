"""Every generated file of the site, by its MkDocs source path.

One place that runs the renderers over the validated site; the MkDocs glue only turns
this mapping into ``File`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import pages, urls
from .site import Site


@dataclass(frozen=True)
class BuildContext:
    """What the renderers need beyond the data: the build date and the public base URL."""

    today: date
    site_url: str


def generated_files(site: Site, ctx: BuildContext) -> dict[str, str | bytes]:
    """Source path → content for every page and feed the data produces."""
    files: dict[str, str | bytes] = {
        urls.MEETINGS: pages.meetings_index(site, ctx.today),
        urls.MEMBERS: pages.members_page(site),
    }
    for meeting in site.meetings:
        files[urls.meeting_page(meeting.slug)] = pages.meeting_page(meeting, site, ctx.today)
    return files


def page_blocks(site: Site, ctx: BuildContext) -> dict[str, str]:
    """Blocks that hand-written and generated pages pull in by placeholder."""
    return {**pages.home_blocks(site, ctx.today), "subscribe": ""}
