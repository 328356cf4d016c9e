"""Units (单位, CBFLX 3) and their contracts by other methods (121 招标 …): imported as a party with its name
and GB 32100 credit code, holding the right itself (no person, no member, no membership), exported back as
CBF (CBFLX 3) and CBHT (CBFS 121, letter Q), and round-tripped; the refusals of EX-05 and EX-09 write nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pyproj import Geod
from shapely.geometry import Polygon
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from registry.auth.actor import SYSTEM
from registry.db import db
from registry.exchange.export import export_county
from tests.exchange.helpers import checks_of, import_package, nothing_written
from tests.exchange.test_round_trip import _empty_registry
from tests.factories import COUNTY
from tests.factories_exchange import synthetic_county
from tests.factories_parcels import metre_box

UNIT = "410122100001009001"
INDIVIDUAL, INDIVIDUAL_ID = "410122100001008001", "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"  # a valid GB 32100 code (check character Y43 → 3)
UNIT_NAME = "中牟县绿源农业专业合作社"
_GEOD = Geod(ellps="GRS80")


def with_unit(method: str = "121", letter: str = "Q", party: str = UNIT, kind: str = "3"):
    county = synthetic_county(households=4, parcels_each=2)
    t = county.tables
    number, id_type = (CREDIT_CODE, "3") if kind == "3" else (INDIVIDUAL_ID, "1")
    t["CBF"].append(
        {
            "CBFBM": party,
            "CBFLX": kind,
            "CBFMC": UNIT_NAME,
            "CBFZJLX": id_type,
            "CBFZJHM": number,
            "CBFCYSL": 0,
        }
    )
    geom = Polygon(metre_box(0.0, 600.0, 80.0, 60.0))
    area = Decimal(f"{abs(_GEOD.geometry_area_perimeter(geom)[0]):.2f}")
    dkbm = party[:14] + "00099"
    county.dk.append(
        {
            **county.dk[0],
            "BSM": 99,
            "DKBM": dkbm,
            "DKMC": "荒坡",
            "SCMJ": area,
            "SCMJM": (area * Decimal("0.0015")).quantize(Decimal("0.01")),
        }
    )
    county.geoms.append(geom)
    code = party + letter
    t["CBDKXX"].append(
        {
            "DKBM": dkbm,
            "FBFBM": party[:14],
            "CBFBM": party,
            "CBJYQQDFS": method,
            "HTMJ": area,
            "CBHTBM": code,
            "CBJYQZBM": code,
        }
    )
    start, end = date(2010, 1, 1), date(2029, 12, 31)
    t["CBHT"].append(
        {
            "CBHTBM": code,
            "FBFBM": party[:14],
            "CBFBM": party,
            "CBFS": method,
            "CBQXQ": start,
            "CBQXZ": end,
            "HTZMJ": area,
            "CBDKZS": 1,
            "QDSJ": date(2009, 12, 1),
        }
    )
    t["CBJYQZDJB"].append(
        {
            "CBJYQZBM": code,
            "FBFBM": party[:14],
            "CBFBM": party,
            "CBFS": method,
            "CBQX": "20",
            "CBQXQ": start,
            "CBQXZ": end,
            "CBJYQZLSH": "豫（2016）中牟县农村土地承包经营权证第000099号",
            "DJSJ": date(2016, 6, 1),
        }
    )
    t["CBJYQZ"].append({"CBJYQZBM": code, "FZJG": "中牟县人民政府", "FZRQ": date(2016, 8, 15)})
    return county, code, dkbm


def _sheets(root) -> dict[str, list[dict]]:
    wb = load_workbook(next((root / "权属数据").glob("??????????.xlsx")), read_only=True)
    try:
        out = {}
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            out[ws.title] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
        return out
    finally:
        wb.close()


def _export(app, out):
    with app.app_context():
        root = export_county(db.session, SYSTEM, COUNTY, out, year=2016)
        db.session.rollback()
    return root


def _the_map_shows_the_units_contract(app, api, dkbm: str, contract: str) -> None:
    """The z16 tile carries the unit's parcel with its contract and the unit's name as the holder."""
    import mapbox_vector_tile

    from tests.ogc.test_tiles import tile_of

    with app.app_context():
        lon, lat = db.session.execute(
            text(
                "SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) c FROM parcels "
                "WHERE code = :d) q"
            ),
            {"d": dkbm},
        ).one()
        db.session.rollback()
    x, y = tile_of(lon, lat, 16)
    tile = api.get(f"/tiles/parcels/16/{x}/{y}.mvt", "reviewer")
    features = mapbox_vector_tile.decode(tile.data)["parcels"]["features"]
    mine = [f["properties"] for f in features if f["properties"]["code"] == dkbm]
    assert mine and mine[0]["contract"] == contract and mine[0]["holder"] == UNIT_NAME


def test_a_unit_and_its_tender_contract_import_export_and_round_trip(app, world, api, tmp_path):
    """EX-05 / EX-09 allowed: the unit (9001, CBFLX 3, a valid credit code) with a 招标 contract (121, Q)."""
    county, code, dkbm = with_unit()
    outcome = import_package(app, county.write(tmp_path / "in"))
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert outcome.counts["households"] == 5 and outcome.counts["persons"] == 10
    assert outcome.counts["contracts"] == 5 and outcome.counts["certificates"] == 5
    body = api.get(f"/api/v1/land-contracts/{code}", "reviewer").get_json()
    assert body["method"] == "121" and body["parcel_codes"] == [dkbm] and body["household_code"] == UNIT
    assert body["right_holders"] == []  # the unit holds the right itself, no person does
    cert = api.get(f"/api/v1/certificates/{code}", "reviewer").get_json()
    assert cert["holder_name"] == UNIT_NAME  # the certificate names the unit (it was empty)
    with app.app_context():
        content = db.session.scalar(text("SELECT content FROM certificates WHERE number = :n"), {"n": code})
        db.session.rollback()
    assert content["holder"] == {"name": UNIT_NAME, "id_type": "3", "id_number": CREDIT_CODE, "unit": True}
    assert content["right_holders"] == [content["holder"]]
    pdf = api.get(f"/api/v1/certificates/{code}.pdf", "reviewer")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    _the_map_shows_the_units_contract(app, api, dkbm, code)
    with app.app_context():
        row = db.session.execute(
            text(
                "SELECT party_type, head_person_id, name, id_type, id_number, "
                "(SELECT count(*) FROM household_members WHERE household_code = h.code), "
                "(SELECT array_agg(unit_code) FROM contract_holders ch JOIN land_contracts lc "
                " ON lc.id = ch.contract_id WHERE lc.code = :code) FROM households h WHERE code = :unit"
            ),
            {"unit": UNIT, "code": code},
        ).one()
        assert tuple(row) == ("3", None, UNIT_NAME, "3", CREDIT_CODE, 0, [UNIT])
        assert db.session.scalar(text("SELECT count(*) FROM memberships")) == 0
        db.session.rollback()
    first = _export(app, tmp_path / "a")
    tables = _sheets(first)
    cbf = next(r for r in tables["CBF"] if r["CBFBM"] == UNIT)
    assert (cbf["CBFLX"], cbf["CBFMC"], cbf["CBFZJLX"], cbf["CBFZJHM"]) == ("3", UNIT_NAME, "3", CREDIT_CODE)
    assert not [r for r in tables["CBF_JTCY"] if r["CBFBM"] == UNIT]
    cbht = next(r for r in tables["CBHT"] if r["CBFBM"] == UNIT)
    assert (cbht["CBHTBM"], cbht["CBFS"]) == (code, "121")
    assert next(r for r in tables["CBDKXX"] if r["DKBM"] == dkbm)["CBJYQQDFS"] == "121"
    with app.app_context():
        _empty_registry()
    again = import_package(app, first)
    assert again.status == "done", again.report("en")["findings"]
    second = _export(app, tmp_path / "b")
    assert _sheets(second) == tables


def test_a_unit_outside_9001_9999_is_refused(app, world, tmp_path):
    """EX-05: a unit's CBFBM takes 9001-9999; nothing is written."""
    county, _, _ = with_unit()
    county.row("CBF", "CBFBM", UNIT)["CBFLX"] = "1"  # 9001 is a unit's number only
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused" and "EX-05" in checks_of(outcome)
    assert nothing_written(app)


def test_a_unit_with_a_family_contract_is_refused(app, world, tmp_path):
    """EX-05 (LC-01): a unit holds no family contract (110, letter J); nothing is written."""
    county, _, _ = with_unit(method="110", letter="J")
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused"
    assert any("LC-01" in f["message"] for f in outcome.report("en")["findings"] if f["check"] == "EX-05")
    assert nothing_written(app)


def test_the_method_letter_must_match(app, world, tmp_path):
    """EX-05: a contract by tender (121) carries Q, not J; nothing is written."""
    county, _, _ = with_unit(letter="J")
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused" and "EX-05" in checks_of(outcome)
    assert nothing_written(app)


def test_a_bad_credit_code_is_refused(app, world, tmp_path):
    """EX-09: CBFZJLX 3 needs a GB 32100 code with its check character; nothing is written."""
    county, _, _ = with_unit()
    county.row("CBF", "CBFBM", UNIT)["CBFZJHM"] = CREDIT_CODE[:-1] + "4"
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused" and "EX-09" in checks_of(outcome)
    assert nothing_written(app)


def test_a_unit_with_family_members_is_refused(app, world, tmp_path):
    """EX-09: a unit never becomes a household with persons; nothing is written."""
    county, _, _ = with_unit()
    member = dict(county.tables["CBF_JTCY"][0], CBFBM=UNIT, CYZJHM="11010519491231002X", YHZGX="02")
    county.tables["CBF_JTCY"].append(member)
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused" and "EX-09" in checks_of(outcome)
    assert nothing_written(app)


def test_the_database_refuses_a_member_of_a_unit(app, world, tmp_path):
    """The unit's own guard (migration 0020): no household_members row can name a unit."""
    county, _, _ = with_unit()
    assert import_package(app, county.write(tmp_path)).status == "done"
    with app.app_context():
        person = db.session.scalar(text("SELECT id FROM persons ORDER BY id LIMIT 1"))
        with pytest.raises(IntegrityError, match="unit"):
            db.session.execute(
                text(
                    "INSERT INTO household_members (household_code, person_id, relation, joined_on) "
                    "VALUES (:unit, :p, '02', current_date)"
                ),
                {"unit": UNIT, "p": person},
            )
        db.session.rollback()


def test_an_individual_with_an_open_negotiation_contract_imports(app, world, api, tmp_path):
    """An individual (个人, 8001, CBFLX 2) contracting by 公开协商 (123, Q) holds it as its one person."""
    county, code, dkbm = with_unit(method="123", party=INDIVIDUAL, kind="2")
    outcome = import_package(app, county.write(tmp_path / "in"))
    assert outcome.status == "done", outcome.report("en")["findings"]
    body = api.get(f"/api/v1/land-contracts/{code}", "reviewer").get_json()
    assert body["method"] == "123" and body["parcel_codes"] == [dkbm]
    assert [h["name"] for h in body["right_holders"]] == [UNIT_NAME]
    cbht = next(r for r in _sheets(_export(app, tmp_path / "a"))["CBHT"] if r["CBFBM"] == INDIVIDUAL)
    assert (cbht["CBHTBM"], cbht["CBFS"]) == (code, "123")


def test_no_household_change_applies_to_a_unit_per_03(app, world, api, tmp_path):
    """PER-03 (migration 0020): a unit gets no member through the household changes; nothing is written."""
    county, _, _ = with_unit()
    assert import_package(app, county.write(tmp_path)).status == "done"
    body = {"id_number": INDIVIDUAL_ID, "relation": "02", "reason": "correction", "evidence_ref": "更正 1"}
    r = api.post(f"/api/v1/households/{UNIT}/members", body, as_="clerk")
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-03", r.get_json()
    with app.app_context():
        assert not db.session.scalar(
            text("SELECT count(*) FROM household_members WHERE household_code = :u"), {"u": UNIT}
        )
        assert not db.session.scalar(text("SELECT count(*) FROM household_changes"))
        db.session.rollback()
