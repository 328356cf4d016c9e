"""SH-04 as properties of the pure allocation: exact sums, never more than one fen above the exact share, and
no dependence on the order of the input."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.shares.allocation import allocate, parse_ratio, reserve_fen

holdings = st.dictionaries(
    st.text(alphabet="0123456789", min_size=1, max_size=18),
    st.integers(min_value=1, max_value=10**6),
    min_size=1,
    max_size=60,
)
amounts = st.integers(min_value=0, max_value=10**13)


@given(holdings, amounts)
@settings(max_examples=400)
def test_allocations_are_non_negative_integers_summing_exactly_sh_04(shares, amount):
    result = allocate(amount, shares)
    assert set(result) == set(shares)
    assert all(isinstance(v, int) and v >= 0 for v in result.values())
    assert sum(result.values()) == amount


@given(holdings, amounts)
@settings(max_examples=400)
def test_no_household_gets_more_than_one_fen_above_its_exact_share_sh_04(shares, amount):
    result = allocate(amount, shares)
    total = sum(shares.values())
    for key, s in shares.items():
        exact = Fraction(amount * s, total)
        assert exact - 1 < result[key] < exact + 1


@given(holdings, amounts, st.randoms(use_true_random=False))
@settings(max_examples=200)
def test_the_result_does_not_depend_on_input_order_sh_04(shares, amount, rnd):
    items = list(shares.items())
    rnd.shuffle(items)
    assert allocate(amount, dict(items)) == allocate(amount, shares)


def test_ties_go_to_the_lowest_key_deterministically_sh_04():
    # 10 fen over three equal holders: 3 each and one left over, which goes to the smallest key
    assert allocate(10, {"c": 1, "a": 1, "b": 1}) == {"a": 4, "b": 3, "c": 3}
    assert allocate(2, {"z": 5, "y": 5, "x": 5}) == {"x": 1, "y": 1, "z": 0}


def test_the_largest_remainder_wins_before_the_tie_break_sh_04():
    # exact shares 100 * 1/6, 100 * 2/6, 100 * 3/6 = 16.67, 33.33, 50 → floors 16, 33, 50, one fen left for
    # 16.67
    assert allocate(100, {"a": 1, "b": 2, "c": 3}) == {"a": 17, "b": 33, "c": 50}


def test_the_reserve_is_rounded_up_to_whole_fen_sh_04():
    assert reserve_fen(1001, Fraction(3, 10)) == 301  # 300.3 → 301
    assert reserve_fen(1000, Fraction(3, 10)) == 300
    assert reserve_fen(1, Fraction(1, 3)) == 1
    assert reserve_fen(0, Fraction(1, 2)) == 0


@given(st.integers(min_value=0, max_value=10**13), st.fractions(min_value=0, max_value=1))
def test_the_reserve_is_never_below_the_ratio_and_less_than_a_fen_above(net, ratio):
    r = reserve_fen(net, ratio)
    assert net * ratio <= r < net * ratio + 1


def test_ratios_are_read_exactly_from_numbers_and_strings():
    assert parse_ratio(0.3) == Fraction(3, 10)
    assert parse_ratio("0.35") == Fraction(7, 20)
    assert parse_ratio(Decimal("0.1")) == Fraction(1, 10)
    assert parse_ratio(1) == 1
    for bad in ("abc", "NaN", "Infinity"):
        with pytest.raises(ValueError):
            parse_ratio(bad)
    for bad in (True, None, [0.3]):
        with pytest.raises(TypeError):
            parse_ratio(bad)


def test_nothing_is_divided_without_shares():
    assert allocate(0, {}) == {}
    with pytest.raises(ValueError):
        allocate(5, {})
    with pytest.raises(ValueError):
        allocate(5, {"a": 0})


def test_a_hundred_thousand_households_sum_exactly():
    rnd = random.Random(7)
    shares = {f"{i:018d}": rnd.randint(1, 30) for i in range(100_000)}
    result = allocate(987_654_321, shares)
    assert sum(result.values()) == 987_654_321
