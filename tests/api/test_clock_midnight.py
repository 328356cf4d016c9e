"""No date jumps at 23:30 and 00:30 Shanghai time: dates filed, decided and reported are the county's date.

The UR-04 report used to give `decided_on` as the Shanghai date while the filing and the test took the UTC
date, so it failed every evening UTC. Here the whole flow runs with the clock set to both sides of midnight.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

import tests.api.test_reviews as reviews
from registry import clock
from tests.api.test_settlement_hukou import _event, _family

SHANGHAI = ZoneInfo("Asia/Shanghai")
EVENING = datetime(2026, 12, 1, 23, 30, tzinfo=SHANGHAI)  # 15:30 UTC, same date
AFTER_MIDNIGHT = datetime(2026, 12, 2, 0, 30, tzinfo=SHANGHAI)  # 16:30 UTC, the UTC date is still 1 December


@pytest.fixture(params=[EVENING, AFTER_MIDNIGHT], ids=["23:30", "00:30"])
def shanghai_time(request):
    with time_machine.travel(request.param, tick=True):
        yield request.param


def test_the_ur_04_report_dates_are_the_shanghai_date_either_side_of_midnight_ur_04(
    app, api, shanghai_time, today
):
    assert today == shanghai_time.date() == clock.today()
    reviews.test_the_bureau_report_lists_every_flagged_exit_with_its_dates_ur_04(app, api)


def test_a_hukou_event_of_the_shanghai_today_is_not_in_the_future_ur_01(app, api, shanghai_time):
    """At 00:30 the UTC date is yesterday; an event dated the Shanghai today is still accepted, tomorrow is
    not."""
    household, (head, wife, daughter) = _family(app)
    tomorrow = _event(api, daughter, "urban_settlement", shanghai_time.date() + timedelta(days=1))
    assert tomorrow.status_code == 422 and "date" in tomorrow.get_json()["errors"]
    r = _event(api, daughter, "urban_settlement", shanghai_time.date())
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["date"] == shanghai_time.date().isoformat()
