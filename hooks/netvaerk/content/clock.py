"""What "today" is for a build: a preview date, ``SOURCE_DATE_EPOCH``, or the clock.

Upcoming versus archive, and which news is out yet, depend on it; pinning it makes builds
reproducible and lets tests choose the date.

An editor can also ask for the site as it will look on another day (``make serve
DATO=2027-03-01``, which sets ``NETVAERK_DATO``): every page then carries a banner saying so
(``preview_banner``). Such a build must never be published, so the publishing workflow sets
``NETVAERK_UDGIVELSE`` and a preview date is refused there.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from datetime import date, datetime

from netvaerk.model import DATE_PATTERN, TIMEZONE
from netvaerk.text.danish import short_date

PREVIEW_VARIABLE = "NETVAERK_DATO"
PUBLISH_VARIABLE = "NETVAERK_UDGIVELSE"


class ClockError(ValueError):
    """A build date that cannot be used; the message is Danish, for the editor."""


class PreviewDateError(ClockError):
    """A preview date that cannot be used (``NETVAERK_DATO``)."""


EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
# The latest moment a build may claim: MkDocs writes it into sitemap.xml.gz, whose gzip header
# holds an unsigned 32-bit time (a negative one stops the build with no index.html at all).
LAST_TIMESTAMP = 2**32 - 1


def build_timestamp(environ: Mapping[str, str] = os.environ) -> int:
    """Seconds since the epoch: ``SOURCE_DATE_EPOCH`` if set, else now.

    Raises ``ClockError`` unless the variable is a whole number of seconds from 0 to
    ``LAST_TIMESTAMP`` in ASCII digits (the reproducible-builds specification: a malformed
    value stops the build).
    """
    value = environ.get(EPOCH_VARIABLE, "").strip()
    if not value:
        return int(time.time())
    if not (value.isascii() and value.isdigit()) or int(value) > LAST_TIMESTAMP:
        raise ClockError(
            f"{EPOCH_VARIABLE}={value[:40]}: skal være et helt antal sekunder siden "
            f"1. januar 1970 kl. 0 UTC, fra 0 til {LAST_TIMESTAMP} (fx {EPOCH_VARIABLE}="
            "1790848800), eller tom for det aktuelle tidspunkt"
        )
    return int(value)


def preview_date(environ: Mapping[str, str] = os.environ) -> date | None:
    """The day asked for with ``NETVAERK_DATO=ÅÅÅÅ-MM-DD``, or None for a normal build.

    Raises ``PreviewDateError`` for a date that does not exist or is not written
    ÅÅÅÅ-MM-DD, and for any preview date in a build that is going to be published.
    """
    value = environ.get(PREVIEW_VARIABLE, "").strip()
    if not value:
        return None
    if environ.get(PUBLISH_VARIABLE, "").strip():
        raise PreviewDateError(
            f"{PREVIEW_VARIABLE}={value}: en forhåndsvisning af en anden dato må aldrig "
            "udgives; byg siden uden DATO"
        )
    if not value.isascii():  # full-width ２０２７ or Arabic-Indic digits are \d to Python
        raise PreviewDateError(
            f"DATO={value} er skrevet med andre tegn end almindelige cifre og bindestreger "
            "(fx cifre i fuld bredde fra et japansk eller kinesisk tastatur); "
            "skriv den som ÅÅÅÅ-MM-DD med 0-9, fx DATO=2027-03-01"
        )
    if not re.fullmatch(DATE_PATTERN, value):
        raise PreviewDateError(
            f"DATO={value} er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx DATO=2027-03-01"
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PreviewDateError(f"DATO={value}: datoen findes ikke i kalenderen") from None


def today(environ: Mapping[str, str] = os.environ) -> date:
    """The build's date in Danish local time (the preview date when one is asked for)."""
    preview = preview_date(environ)
    if preview is not None:
        return preview
    return datetime.fromtimestamp(build_timestamp(environ), TIMEZONE).date()


def preview_banner(day: date) -> str:
    """The banner on every page of a preview build (plain text; the template escapes it)."""
    return (
        f"Forhåndsvisning: siden, som den ser ud den {short_date(day)} – ikke den offentlige side"
    )
