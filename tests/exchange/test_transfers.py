"""LZHT 转让 / 互换 (LZFS 200 / 300): the package holds the result; the import registers the parcels where
they stood and replays the transfer (LC-07) or swap (LC-08) on its HTQDRQ through the contracts area, both
registers dated from the source; the export writes the same LZHT row back and the round trip holds. A row the
rules make impossible is a finding naming the rule, and nothing of it is written."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from registry.db import db
from tests.exchange.helpers import import_package
from tests.exchange.test_round_trip import _empty_registry
from tests.exchange.test_units import _export, _sheets
from tests.factories_exchange import synthetic_county

A, B = "410122100001000001", "410122100001000002"  # two households of village 1 (parcels 1-2 and 5-6)
LZHTBM = "410122100001000001"[:14] + "0001"
SIGNED = date(2020, 4, 20)


def _package(kind: str, moved: dict[str, str]):
    """`moved`: DKBM → the contract (A or B) the package shows it under after the transfer or swap."""
    county = synthetic_county(households=4, parcels_each=2)
    for dkbm, party in moved.items():
        row = county.row("CBDKXX", "DKBM", dkbm)
        row.update(CBFBM=party, CBHTBM=party + "J", CBJYQZBM=party + "J", LZHTBM=LZHTBM)
    county.tables["LZHT"] = [
        {
            "CBHTBM": A + "J",
            "LZHTBM": LZHTBM,
            "CBFBM": A,
            "SRFBM": B,
            "LZFS": kind,
            "LZQX": "2020-05-01至2028-09-30",
            "LZQXKSRQ": date(2020, 5, 1),
            "LZQXJSRQ": date(2028, 9, 30),
            "LZDKS": len(moved),
            "LZJGSM": "无偿",
            "HTQDRQ": SIGNED,
        }
    ]
    return county


def _register(api, code):
    return api.get(f"/api/v1/land-contracts/{code}/register", "reviewer").get_json()["items"]


def _parcels(api, code, as_of=None):
    url = f"/api/v1/land-contracts/{code}" + (f"?as_of={as_of}" if as_of else "")
    return api.get(url, "reviewer").get_json()["parcel_codes"]


def _round_trip(app, tmp_path):
    first = _export(app, tmp_path / "a")
    with app.app_context():
        _empty_registry()
    again = import_package(app, first)
    assert again.status == "done", again.report("en")["findings"]
    assert _sheets(_export(app, tmp_path / "b")) == _sheets(first)
    return _sheets(first)


def test_a_transfer_is_replayed_on_its_date_and_exported_back(app, world, api, tmp_path):
    """LC-07 allowed: parcel 2 moves from A to B's active contract on HTQDRQ; A held it before."""
    parcel = A[:14] + "00002"
    package = _package("200", {parcel: B}).write(tmp_path / "in")
    outcome = import_package(app, package)
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert outcome.counts["transfers"] == 1 and outcome.counts["contracts"] == 4
    assert _parcels(api, A + "J") == [A[:14] + "00001"]
    assert _parcels(api, A + "J", "2019-12-31") == [A[:14] + "00001", parcel]
    assert _parcels(api, B + "J") == [parcel, B[:14] + "00005", B[:14] + "00006"]
    out, into = _register(api, A + "J")[-1], _register(api, B + "J")[-1]
    assert (out["kind"], out["date"], into["kind"], into["date"]) == ("transfer", "2020-04-20") * 2
    with app.app_context():
        actions = db.session.scalars(text("SELECT action FROM audit_log ORDER BY seq")).all()
        assert actions.count("contract.transfer_import") == 1
        db.session.rollback()
    tables = _round_trip(app, tmp_path)
    (row,) = tables["LZHT"]
    assert (row["CBHTBM"], row["LZHTBM"], row["SRFBM"], row["LZFS"], str(row["HTQDRQ"])[:10]) == (
        A + "J",
        LZHTBM,
        B,
        "200",
        SIGNED.isoformat(),
    )
    assert next(r for r in tables["CBDKXX"] if r["DKBM"] == parcel)["LZHTBM"] == LZHTBM


def test_a_transfer_that_opens_the_transferees_contract(app, world, api, tmp_path):
    """LC-07 allowed: B holds only what A transferred, its contract (200) is opened by the transfer."""
    county = _package("200", {B[:14] + "00005": B, B[:14] + "00006": B})
    cbht = county.row("CBHT", "CBHTBM", B + "J")
    cbht.update(CBFS="200", CBQXQ=SIGNED)
    county.row("CBJYQZDJB", "CBJYQZBM", B + "J").update(CBFS="200", DJSJ=SIGNED)
    county.row("CBJYQZ", "CBJYQZBM", B + "J")["FZRQ"] = date(2020, 6, 1)
    for r in county.tables["CBDKXX"]:
        if r["CBFBM"] == B:
            r["CBJYQQDFS"] = "200"
    outcome = import_package(app, county.write(tmp_path / "in"))
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert outcome.counts["contracts"] == 4 and outcome.counts["certificates"] == 4
    body = api.get(f"/api/v1/land-contracts/{B}J", "reviewer").get_json()
    assert body["method"] == "200" and body["start_date"] == "2020-04-20" and body["end_date"] == "2028-09-30"
    assert [e["kind"] for e in _register(api, B + "J")][:2] == ["transfer", "certificate"]
    assert _parcels(api, A + "J", "2019-12-31") == [A[:14] + f"0000{i}" for i in (1, 2, 5, 6)]
    _round_trip(app, tmp_path)


def test_a_swap_is_replayed_on_its_date(app, world, api, tmp_path):
    """LC-08 allowed: A's parcel 2 and B's parcel 5 change places on HTQDRQ, both registers say so."""
    given, received = A[:14] + "00002", B[:14] + "00005"
    outcome = import_package(app, _package("300", {given: B, received: A}).write(tmp_path / "in"))
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert outcome.counts["transfers"] == 1
    assert _parcels(api, A + "J") == [A[:14] + "00001", received]
    assert _parcels(api, B + "J", "2020-04-19") == [received, B[:14] + "00006"]
    assert _register(api, A + "J")[-1]["kind"] == _register(api, B + "J")[-1]["kind"] == "swap"
    tables = _round_trip(app, tmp_path)
    assert [r["LZFS"] for r in tables["LZHT"]] == ["300"]


def test_a_transfer_dated_before_the_registration_is_a_finding_and_not_written(app, world, api, tmp_path):
    """RG-01: a transfer of 2010 precedes the 确权 registration (2016): a warning names the rule, the
    contracts are as the package has them and no transfer entry or audit of it is written."""
    parcel = A[:14] + "00002"
    county = _package("200", {parcel: B})
    county.tables["LZHT"][0]["HTQDRQ"] = date(2010, 3, 1)
    outcome = import_package(app, county.write(tmp_path / "in"))
    assert outcome.status == "done" and outcome.counts["transfers"] == 0
    (finding,) = [f for f in outcome.report("en")["findings"] if f["source"] == "LZHT"]
    assert finding["check"] == "EX-06" and finding["severity"] == "warning" and finding["key"] == LZHTBM
    assert finding["message"].startswith("RG-01")
    assert _parcels(api, B + "J") == [parcel, B[:14] + "00005", B[:14] + "00006"]
    with app.app_context():
        assert not db.session.scalar(text("SELECT count(*) FROM contract_register WHERE kind = 'transfer'"))
        assert not db.session.scalar(
            text("SELECT count(*) FROM audit_log WHERE action = 'contract.transfer_import'")
        )
        db.session.rollback()


def test_a_transfer_to_a_unit_is_a_finding(app, world, tmp_path):
    """LC-07: the transferee is another household (农户) of the collective, never a unit or a stranger."""
    county = _package("200", {A[:14] + "00002": B})
    county.tables["LZHT"][0]["SRFBM"] = "410122100002000001"  # a household of the other village
    outcome = import_package(app, county.write(tmp_path / "in"))
    assert outcome.status == "done" and outcome.counts["transfers"] == 0
    (finding,) = [f for f in outcome.report("en")["findings"] if f["source"] == "LZHT"]
    assert finding["message"].startswith("LC-07")
