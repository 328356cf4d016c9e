"""One clock: "today" is the date in the configured zone (Asia/Shanghai by default), whatever the hour in
UTC."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from registry import clock

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (datetime(2026, 12, 1, 23, 30, tzinfo=SHANGHAI), date(2026, 12, 1)),  # 15:30 UTC the same day
        (datetime(2026, 12, 2, 0, 30, tzinfo=SHANGHAI), date(2026, 12, 2)),  # 16:30 UTC the day before
    ],
)
def test_today_is_the_shanghai_date_at_2330_and_0030(local, expected):
    with time_machine.travel(local, tick=False):
        assert clock.today() == expected
        assert clock.local_now().date() == expected
        assert clock.now().tzinfo is UTC and clock.now() == local
        assert clock.local_date(clock.now()) == expected


def test_at_0030_shanghai_the_utc_date_is_still_yesterday_and_the_clock_does_not_follow_it():
    with time_machine.travel(datetime(2026, 12, 2, 0, 30, tzinfo=SHANGHAI), tick=False):
        assert datetime.now(UTC).date() == date(2026, 12, 1)
        assert clock.today() == date(2026, 12, 2)


def test_the_zone_is_a_setting():
    with time_machine.travel(datetime(2026, 12, 2, 0, 30, tzinfo=SHANGHAI), tick=False):
        try:
            clock.set_zone("UTC")
            assert clock.today() == date(2026, 12, 1)
        finally:
            clock.set_zone(clock.DEFAULT_ZONE)
        assert clock.today() == date(2026, 12, 2)
    with pytest.raises(Exception):
        clock.set_zone("Mars/Olympus_Mons")


def test_create_app_sets_the_zone_from_config(monkeypatch):
    """The services read the zone create_app set from TIME_ZONE, not current_app."""
    import registry

    monkeypatch.setattr(registry, "_database_url", lambda app: "postgresql+psycopg://nobody@/none")
    try:
        registry.create_app({"TIME_ZONE": "Europe/Berlin"})
        assert clock.zone() == ZoneInfo("Europe/Berlin")
    finally:
        clock.set_zone(clock.DEFAULT_ZONE)
