"""One test per EX check that fails it, proving nothing was written; the warnings import and are reported."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from tests.exchange.helpers import checks_of, counts, import_package, nothing_written
from tests.factories_exchange import synthetic_county


def _refused(app, root, check):
    outcome = import_package(app, root)
    assert outcome.status == "refused"
    assert check in checks_of(outcome), outcome.report("en")["findings"]
    assert nothing_written(app)
    return outcome


def test_ex01_a_package_without_a_dk_shapefile_is_refused(app, world, tmp_path):
    root = synthetic_county().write(tmp_path)
    for p in (root / "矢量数据").iterdir():
        p.unlink()
    _refused(app, root, "EX-01")


def test_ex01_years_that_disagree_are_refused(app, world, tmp_path):
    root = synthetic_county().write(tmp_path)
    table = next((root / "权属数据").glob("4101222016.xlsx"))
    table.rename(table.with_name("4101222017.xlsx"))
    _refused(app, root, "EX-01")


def test_ex02_a_missing_mandatory_table_is_refused(app, world, tmp_path):
    root = synthetic_county().write(tmp_path)
    path = root / "权属数据" / "4101222016.xlsx"
    wb = load_workbook(path)
    del wb["CBJYQZ"]
    wb.save(path)
    outcome = _refused(app, root, "EX-02")
    assert any(f.source == "CBJYQZ" for f in outcome.findings)


def test_ex03_a_language_byte_and_cpg_that_disagree_are_refused(app, world, tmp_path):
    root = synthetic_county().write(tmp_path)
    (root / "矢量数据" / "DK4101222016.cpg").write_text("UTF-8")
    _refused(app, root, "EX-03")


def test_ex04_a_prj_outside_cgcs2000_is_refused(app, world, tmp_path):
    root = synthetic_county().write(tmp_path)
    from pyproj import CRS

    (root / "矢量数据" / "DK4101222016.prj").write_text(CRS.from_epsg(4326).to_wkt("WKT1_ESRI"))
    _refused(app, root, "EX-04")


def test_ex04_parcels_outside_the_zone_of_the_prj_are_refused(app, world, tmp_path):
    from registry.exchange.packwriter import write_package
    from tests.factories import COUNTY

    c = synthetic_county()
    root = write_package(tmp_path, COUNTY, 2016, c.tables, c.dk, c.geoms, 4548, name="中牟县")  # CM 117E
    _refused(app, root, "EX-04")


def test_ex05_a_parcel_code_outside_its_collective_is_refused(app, world, tmp_path):
    c = synthetic_county()
    c.dk[0]["DKBM"] = "4101229990010000001"
    outcome = _refused(app, c.write(tmp_path), "EX-05")
    assert any(f.key == "4101229990010000001" for f in outcome.findings)


def test_ex05_a_repeated_parcel_code_is_refused(app, world, tmp_path):
    c = synthetic_county()
    c.dk[1]["DKBM"] = c.dk[0]["DKBM"]
    _refused(app, c.write(tmp_path), "EX-05")


def test_ex06_a_contract_parcel_without_its_dk_is_refused(app, world, tmp_path):
    c = synthetic_county()
    c.tables["CBDKXX"][0]["DKBM"] = "4101221000010009999"
    _refused(app, c.write(tmp_path), "EX-06")


def test_ex07_overlapping_parcels_of_the_package_are_refused_par02(app, world, tmp_path):
    c = synthetic_county()
    c.geoms[1] = c.geoms[0].buffer(0.00001).simplify(0)
    outcome = _refused(app, c.write(tmp_path), "EX-07")
    assert any("PAR-02" in f.render()["message"] for f in outcome.findings if f.check == "EX-07")


def test_ex07_a_parcel_overlapping_a_registered_one_is_refused(app, world, tmp_path):
    first = synthetic_county(households=2)
    assert import_package(app, first.write(tmp_path / "a")).status == "done"
    before = counts(app)
    second = synthetic_county(households=2, first_id=500)
    for r in second.dk:  # other codes, other households, same ground
        r["DKBM"] = r["DKBM"][:14] + "9" + r["DKBM"][15:]
    for r in second.tables["CBDKXX"]:
        r["DKBM"] = r["DKBM"][:14] + "9" + r["DKBM"][15:]
    for t in ("CBF", "CBF_JTCY", "CBHT", "CBDKXX", "CBJYQZDJB", "CBJYQZ", "QSLYZLFJ"):
        for r in second.tables[t]:
            for k in ("CBFBM", "CBHTBM", "CBJYQZBM"):
                if r.get(k):
                    r[k] = r[k][:14] + "7" + r[k][15:]
    for r in second.tables["CBJYQZDJB"]:
        r["CBJYQZLSH"] += "乙"
    outcome = import_package(app, second.write(tmp_path / "b"))
    assert outcome.status == "refused" and checks_of(outcome) == {"EX-07"}, outcome.report("en")["findings"]
    assert counts(app) == before


def test_ex08_an_area_that_disagrees_is_a_warning_and_imports(app, world, tmp_path):
    c = synthetic_county()
    c.dk[0]["SCMJ"] = c.dk[0]["SCMJ"] * 2
    outcome = import_package(app, c.write(tmp_path))
    assert outcome.status == "done" and "EX-08" in checks_of(outcome, "warning")


def test_ex09_an_invalid_citizen_number_is_refused(app, world, tmp_path):
    c = synthetic_county()
    bad = c.tables["CBF_JTCY"][1]["CYZJHM"][:17] + (
        "0" if c.tables["CBF_JTCY"][1]["CYZJHM"][17] != "0" else "1"
    )
    c.tables["CBF_JTCY"][1]["CYZJHM"] = bad
    _refused(app, c.write(tmp_path), "EX-09")


def test_ex09_two_heads_in_a_household_are_refused(app, world, tmp_path):
    c = synthetic_county()
    c.tables["CBF_JTCY"][1]["YHZGX"] = "02"
    _refused(app, c.write(tmp_path), "EX-09")


def test_ex09_a_15_digit_number_is_converted_and_reported(app, world, tmp_path):
    c = synthetic_county()
    eighteen = c.tables["CBF_JTCY"][1]["CYZJHM"]
    c.tables["CBF_JTCY"][1]["CYZJHM"] = eighteen[:6] + eighteen[8:17]
    outcome = import_package(app, c.write(tmp_path))
    assert outcome.status == "done" and "EX-09" in checks_of(outcome, "warning")
    assert counts(app)["persons"] == 10


def test_ex10_an_indefinite_term_imports_and_a_short_one_is_a_warning(app, world, tmp_path):
    c = synthetic_county()
    c.tables["CBHT"][0]["CBQXZ"] = date(9999, 1, 1)
    c.tables["CBHT"][1]["CBQXZ"] = date(2008, 9, 30)
    outcome = import_package(app, c.write(tmp_path))
    assert outcome.status == "done"
    assert [f.key for f in outcome.findings if f.check == "EX-10"] == [c.tables["CBHT"][1]["CBHTBM"]]


def test_ex10_a_term_ending_before_it_starts_is_refused(app, world, tmp_path):
    c = synthetic_county()
    c.tables["CBHT"][0]["CBQXZ"] = date(1990, 1, 1)
    _refused(app, c.write(tmp_path), "EX-10")


def test_ex11_a_value_outside_the_code_list_is_refused(app, world, tmp_path):
    c = synthetic_county()
    c.dk[0]["DKLB"] = "77"
    _refused(app, c.write(tmp_path), "EX-11")
