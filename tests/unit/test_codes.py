from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry import codes
from registry.errors import InvalidInput
from registry import clock


def test_known_valid_numbers_from_the_standard_pass_per_01():
    assert codes.parse_id_number("11010519491231002X").sex == "2"
    parsed = codes.parse_id_number("440524188001010014")
    assert parsed.birth_date == date(1880, 1, 1) and parsed.sex == "1"


@pytest.mark.parametrize(
    "number, reason",
    [
        ("110105194912310021", "wrong check character"),
        ("11010519491231002", "must be 18"),
        ("1101051949123100 X", "must be 18"),
        ("110105194902300020", "no real birth date"),
    ],
)
def test_bad_numbers_are_refused_with_per_01(number, reason):
    with pytest.raises(InvalidInput) as e:
        codes.parse_id_number(number)
    assert e.value.rule == "PER-01"
    assert reason in e.value.errors["id_number"][0]


def test_future_birth_date_is_refused_per_01():
    tomorrow = clock.today() + timedelta(days=1)
    first17 = f"410122{tomorrow:%Y%m%d}001"
    with pytest.raises(InvalidInput) as e:
        codes.parse_id_number(first17 + codes.id_check_char(first17))
    assert e.value.rule == "PER-01"


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=clock.today()),
    st.integers(0, 999),
    st.sampled_from(["410122", "440524", "330106"]),
)
def test_any_number_built_with_its_check_character_parses_back(birth, seq, address):
    first17 = f"{address}{birth:%Y%m%d}{seq:03d}"
    parsed = codes.parse_id_number(first17 + codes.id_check_char(first17))
    assert parsed.birth_date == birth
    assert parsed.sex == ("1" if seq % 2 else "2")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=clock.today()),
    st.integers(0, 999),
    st.sampled_from("0123456789X"),
)
def test_any_other_check_character_is_refused(birth, seq, wrong):
    first17 = f"410122{birth:%Y%m%d}{seq:03d}"
    if wrong == codes.id_check_char(first17):
        return
    with pytest.raises(InvalidInput):
        codes.parse_id_number(first17 + wrong)


def test_masking_keeps_address_and_last_four_sec_02():
    assert codes.mask_id_number("410102199001011234") == "410102********1234"


@given(st.integers(1, 999), st.integers(1, 999), st.integers(0, 99), st.integers(1, 9999))
def test_code_builders_and_parsers_round_trip_per_03(township, village, group, seq):
    collective = f"410122{township:03d}{village:03d}{group:02d}"
    parsed = codes.parse_collective_code(collective)
    assert parsed.level == ("village" if group == 0 else "group")
    hh = codes.household_code(collective, seq)
    assert len(hh) == 18 and codes.parse_household_code(hh) == (collective, seq)
    assert codes.parse_contract_code(codes.contract_code(hh)) == hh + "J"
    pc = codes.parcel_code(collective, seq)
    assert len(pc) == 19 and codes.parse_parcel_code(pc) == pc
    assert len(codes.lease_code(collective, seq)) == 18


def test_township_level_code_needs_group_00():
    assert codes.parse_collective_code("41012210000000").level == "township"
    with pytest.raises(InvalidInput):
        codes.parse_collective_code("41012210000001")


@pytest.mark.parametrize("bad", ["4101221000010", "4101221000010X", "41000010000100", "41012200000100"])
def test_malformed_collective_codes_are_refused_per_03(bad):
    with pytest.raises(InvalidInput) as e:
        codes.parse_collective_code(bad)
    assert e.value.rule == "PER-03"


@given(st.integers(1, 999), st.integers(1, 999), st.integers(1, 99999), st.booleans())
def test_homestead_unit_codes_have_28_characters(zone, subzone, plot, with_house):
    unit = codes.homestead_unit_code("410122", zone, subzone, plot, "00010001" if with_house else None)
    assert len(unit) == 28 and unit[12:14] == "JC"
    assert unit.endswith("W00000000") != with_house
    assert codes.parse_homestead_unit_code(unit) == unit
