"""Which files the build generates, and the editors' files in ``docs/`` that the build sees.

The set of generated source paths is a rule of its own: a hand-written file at one of them
(``docs/moeder/<id>.md``, ``docs/nyheder/feed.xml``, ``docs/kalender.ics`` …) would collide
with a generated file, and a relative link in a meeting's text may point at one. Both are
checked before MkDocs cleans ``site/`` (``load.load_content``), so they must not wait for
the files themselves: ``generated_sources`` names them from the meetings alone, reading the
route table that the build renders (``content/derive.route_table``).
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path

from netvaerk.content.derive import Renderer, route_table
from netvaerk.content.news import NewsItem, is_out
from netvaerk.content.problems import Problem
from netvaerk.model import Meeting

_MEETINGS_DATA = "data/meetings.yaml"


def generated_sources(meetings: Iterable[Meeting], today: date | None = None) -> dict[str, str]:
    """Source path → what it is (Danish, for messages) of every file the build generates:
    the route table (``derive.route_table``) without its renderers.

    With ``today``: only the announcements that are out by then (what this build makes);
    without: every announcement, also those that a later build will publish.
    """
    return generated_by_day(meetings)(today)


def generated_by_day(meetings: Iterable[Meeting]) -> Callable[[date | None], dict[str, str]]:
    """``generated_sources`` of these meetings for any day, from one route table: the link
    checks ask for the build of each day an announcement comes out, and a table per day cost
    1.4 M instructions at 30 meetings (ten times per build, more with the meetings)."""
    meetings = list(meetings)
    table = route_table(meetings)  # every announcement, in the order of the meetings
    notices = {m.slug: m.announcement.date for m in meetings if m.announcement is not None}

    def on(today: date | None) -> dict[str, str]:
        return {
            src: route.what
            for src, route in table.items()
            if today is None
            or route.renderer is not Renderer.ANNOUNCEMENT
            or is_out(notices[str(route.slug)], today)
        }

    return on


def site_path(src: str) -> str:
    """Where MkDocs (``use_directory_urls``) writes the file of source path ``src``."""
    if not src.endswith(".md"):
        return src
    folder, name = posixpath.split(src[: -len(".md")])
    if name == "index" or name.casefold() == "readme":
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name, "index.html")


def docs_files(docs_dir: Path) -> frozenset[str]:
    """Every file under ``docs_dir`` that MkDocs builds, by source path.

    MkDocs leaves out hidden files and folders (``.*``) and ``templates/`` at the top.
    """
    if not docs_dir.is_dir():
        return frozenset()
    found = set()
    for path in docs_dir.rglob("*"):
        src = path.relative_to(docs_dir).as_posix()
        parts = src.split("/")
        if any(part.startswith(".") for part in parts) or parts[0] == "templates":
            continue
        if path.is_file():
            found.add(src)
    return frozenset(found)


def collisions(
    meetings: Iterable[Meeting],
    written: Iterable[NewsItem],
    files: Iterable[str],
    docs_display: str = "docs",
) -> list[Problem]:
    """Editors' files in ``docs/`` that would land where the build writes a generated file.

    ``files`` are the source paths under ``docs/`` (``docs_files``). Every announcement
    counts, published or not: the file would collide on the day it comes out.
    """
    routes = route_table(list(meetings))  # every announcement, published or not
    taken: Mapping[str, tuple[str, str]] = {site_path(s): (s, r.what) for s, r in routes.items()}
    news_files = {item.src for item in written}
    problems = []
    for src in sorted(files):
        hit = taken.get(site_path(src))
        if hit is None:
            continue
        target, what = hit
        address = "/" + site_path(target).removesuffix("index.html")
        fix = "giv filen et andet navn" if src in news_files else "omdøb eller slet filen"
        if routes[target].renderer is Renderer.ANNOUNCEMENT:
            made = f"laves ud fra announcement i {_MEETINGS_DATA}"
        elif routes[target].slug is not None:  # a meeting's page or calendar file
            made = f"laves ud fra {_MEETINGS_DATA}"
        else:
            made = "laves automatisk"
        message = f"adressen {address} bruges af {what}, som {made}; {fix}"
        problems.append(Problem(f"{docs_display}/{src}", 1, "", message))
    problems += _nested(taken, files, docs_display)
    problems += _same_address(files, docs_display)
    return problems


def _address(src: str) -> str:
    return "/" + site_path(src).removesuffix("index.html")


def _nested(
    taken: Mapping[str, tuple[str, str]], files: Iterable[str], docs_display: str
) -> list[Problem]:
    """Editors' files inside a folder whose name is a generated file's (``docs/kalender.ics/
    index.md``) or another editor's file's (``docs/a.pdf`` and ``docs/a.pdf/b.md``): MkDocs
    would stop half-way with a file system error."""
    problems = []
    files = sorted(files)
    own = {site_path(src): src for src in files}
    for src in files:
        parts = site_path(src).split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            hit, other = taken.get(folder), own.get(folder)
            if hit is not None:
                message = (
                    f"filen ligger i en mappe, der hedder som /{folder}, {hit[1]}, som laves "
                    "automatisk; omdøb mappen"
                )
            elif other is not None:
                message = (
                    f"siden skal ligge i mappen /{folder}/, men {docs_display}/{other} har "
                    f"adressen /{folder}; omdøb den ene af filerne"
                )
            else:
                continue
            problems.append(Problem(f"{docs_display}/{src}", 1, "", message))
            break
    return problems


def _kept_first(src: str) -> tuple[int, bool, str]:
    """Of files at one address, the one that stays: ``index.md``, then the others, then a
    ``README.md`` (which MkDocs itself drops beside an ``index.md``); a name written as
    composed letters (NFC, as keyboards type them) before one with decomposed letters."""
    name = posixpath.basename(src).casefold()
    rank = 0 if name == "index.md" else 2 if name == "readme.md" else 1
    return (rank, unicodedata.normalize("NFC", src) != src, src)


def _same_address(files: Iterable[str], docs_display: str) -> list[Problem]:
    """Two editors' files that MkDocs would publish at one address (``medlemmer.md`` and
    ``medlemmer/index.md``; ``README.md`` beside ``index.md``), or at addresses that look the
    same (``årsmøde.md`` with its letters composed and decomposed, Unicode NFC and NFD): one
    of them would be dropped or both listed twice in the sitemap and search."""
    seen: dict[str, str] = {}
    problems = []
    for src in sorted(files, key=_kept_first):
        key = unicodedata.normalize("NFC", site_path(src))
        first = seen.setdefault(key, src)
        if first == src:
            continue
        if site_path(first) == site_path(src):
            message = (
                f"adressen {_address(src)} bruges også af {docs_display}/{first}, og en adresse "
                "kan kun have én side; slet eller omdøb den ene af filerne"
            )
        else:
            message = (
                f"navnet ser ud som {docs_display}/{first}, men dets bogstaver er skrevet på "
                "en anden måde (sammensat og delt Unicode, fx å som a + ring); de to adresser "
                "ligner hinanden til forveksling; slet den ene af filerne"
            )
        problems.append(Problem(f"{docs_display}/{src}", 1, "", message))
    return problems
