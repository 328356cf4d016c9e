"""Term arithmetic (LC-02) and the registrable threshold of a lease (LC-09), without a database."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.contracts.terms import (
    add_months,
    add_years,
    check_term,
    extended_end,
    last_day,
    lease_registrable,
)
from registry.errors import RuleViolation


def test_a_30_year_term_from_new_year_ends_on_new_years_eve():
    assert last_day(date(2026, 1, 1), 30) == date(2055, 12, 31)


def test_29_february_has_its_anniversary_on_1_march():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 3, 1)
    assert last_day(date(2024, 2, 29), 30) == date(2054, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_months_roll_over_the_year_and_short_months():
    assert add_months(date(2026, 11, 26), 6) == date(2027, 5, 26)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 3, 1)  # no 31 February: the next day
    assert add_months(date(2027, 7, 31), -7) == date(2026, 12, 31)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["arable", "grassland", "forest"]),
)
def test_the_last_day_and_the_anniversary_of_30_years_are_both_accepted_lc_02(start, land_type):
    check_term(land_type, start, last_day(start, 30))
    check_term(land_type, start, add_years(start, 30))
    with pytest.raises(RuleViolation):
        check_term(land_type, start, last_day(start, 30) - date.resolution)


@pytest.mark.parametrize(
    "land_type, years, ok",
    [
        ("arable", 31, False),
        ("grassland", 50, True),
        ("grassland", 51, False),
        ("forest", 70, True),
        ("forest", 71, False),
    ],
)
def test_longest_terms_by_land_type_lc_02(land_type, years, ok):
    start = date(2026, 1, 1)
    if ok:
        check_term(land_type, start, last_day(start, years))
    else:
        with pytest.raises(RuleViolation) as err:
            check_term(land_type, start, last_day(start, years))
        assert err.value.rule == "LC-02"


def test_only_arable_land_is_extended_by_30_years_lc_02():
    assert extended_end("arable", date(2027, 12, 31)) == date(2057, 12, 31)
    with pytest.raises(RuleViolation):
        extended_end("grassland", date(2027, 12, 31))


def test_a_lease_of_five_years_or_more_is_registrable_lc_09():
    assert lease_registrable(date(2026, 1, 1), date(2030, 12, 31))
    assert lease_registrable(date(2026, 1, 1), date(2031, 1, 1))
    assert not lease_registrable(date(2026, 1, 1), date(2030, 12, 30))
