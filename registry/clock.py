"""One clock for the whole registry: "now" is an aware instant, "today" is the date in the configured zone.

Services have no Flask, so the zone is a module-level setting: `create_app` sets it from the TIME_ZONE
config key (default Asia/Shanghai, or the REGISTRY_TIME_ZONE environment variable). Timestamps are stored as
timestamptz in UTC; a date (filed on, decided on, a publicity start) is the date in the county's zone, so a
clerk working at 00:30 Shanghai time gets that day's date, not yesterday's UTC date.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"
_zone = ZoneInfo(os.environ.get("REGISTRY_TIME_ZONE", DEFAULT_ZONE))


def set_zone(name: str) -> None:
    """Set the registry's time zone (an IANA name); an unknown name raises at start-up, not later."""
    global _zone
    _zone = ZoneInfo(name)


def zone() -> ZoneInfo:
    return _zone


def now() -> datetime:
    """The current instant in UTC (aware), as stored in timestamptz columns."""
    return datetime.now(UTC)


def local_now() -> datetime:
    """The current instant in the registry's zone (aware)."""
    return datetime.now(_zone)


def today() -> date:
    """Today's date in the registry's zone."""
    return datetime.now(_zone).date()


def local_date(at: datetime) -> date:
    """The date of an instant in the registry's zone (a decision's date is the county's date, not UTC's)."""
    return at.astimezone(_zone).date()
