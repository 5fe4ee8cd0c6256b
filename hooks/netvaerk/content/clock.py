"""What "today" is for a build: ``SOURCE_DATE_EPOCH`` when set, else the clock.

Upcoming versus archive, and which news is out yet, depend on it; pinning it makes builds
reproducible and lets tests choose the date.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import date, datetime

from netvaerk.model import TIMEZONE


def build_timestamp(environ: Mapping[str, str] = os.environ) -> int:
    """Seconds since the epoch: ``SOURCE_DATE_EPOCH`` if set, else now."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value else int(time.time())


def today(environ: Mapping[str, str] = os.environ) -> date:
    """The build's date in Danish local time."""
    return datetime.fromtimestamp(build_timestamp(environ), TIMEZONE).date()
