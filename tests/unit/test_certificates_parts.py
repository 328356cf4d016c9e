"""Pieces of a certificate that need no database: serials, names, the scale bar, masking."""

from registry.certificates.drawing import _round_ratio, nice_length
from registry.certificates.labels import LAND_CLASSES, boundaries_text, label, mask_name
from registry.certificates.regions import issuing_authority, province_abbreviation, serial_text


def test_serial_names_province_county_year_and_six_digits():
    assert serial_text("land_contract", "410122", 2026, 1) == "豫（2026）中牟县农村土地承包经营权证第000001号"
    assert serial_text("homestead", "330782", 2027, 42) == "浙（2027）义乌市不动产权第000042号"


def test_province_abbreviation_by_the_first_two_digits():
    counties = ("410122", "440183", "330110", "110105")
    assert [province_abbreviation(c) for c in counties] == ["豫", "粤", "浙", "京"]


def test_a_county_missing_from_the_table_prints_its_code():
    assert serial_text("land_contract", "411725", 2026, 7) == "豫（2026）411725农村土地承包经营权证第000007号"
    assert issuing_authority("land_contract", "410122") == "中牟县人民政府"
    assert issuing_authority("homestead", "410122") == "中牟县自然资源局"


def test_scale_bar_lengths_are_round():
    assert [nice_length(x) for x in (0.7, 1, 3.3, 7.9, 12, 49, 51, 260)] == [0.5, 1, 2, 5, 10, 20, 50, 200]
    assert _round_ratio(1234.5) == 1200 and _round_ratio(987) == 990 and _round_ratio(7.2) == 7


def test_masked_names_keep_the_family_name_only():
    assert [mask_name(n) for n in ("王建国", "李红", "欧阳修文", "X")] == ["王**", "李*", "欧***", "X*"]


def test_labels_and_boundaries():
    assert label(LAND_CLASSES, "0103") == "旱地（0103）" and label(LAND_CLASSES, "9999") == "9999"
    assert label(LAND_CLASSES, None) == "—"
    assert (
        boundaries_text({"east": "A", "south": None, "west": ["B", "C"], "north": "—"})
        == "东：A\n南：—\n西：B、C\n北：—"
    )
    assert boundaries_text(None) == "—"
