"""A generated county package (GK zone, GBK, tables as XLSX) imports; counts, codes, areas, terms, holders
and serials read back over the API (EX-01..EX-11 pass)."""

from __future__ import annotations


from pyproj import Geod

from sqlalchemy import select

from registry.audit.models import AuditEntry
from registry.audit.verify import verify_chain
from registry.auth.actor import SYSTEM
from registry.db import db
from registry.exchange.importer import run_import, save_done
from tests.factories_exchange import synthetic_county

_GEOD = Geod(ellps="GRS80")


def _import(path, **kw):
    outcome = run_import(db.session, SYSTEM, path, **kw)
    if outcome.status == "done":
        save_done(db.session, SYSTEM, outcome)
        db.session.commit()
    else:
        db.session.rollback()
    return outcome


def test_generated_package_imports_and_reads_back(app, world, api, tmp_path):
    county = synthetic_county(households=4, parcels_each=2)
    root = county.write(tmp_path)
    with app.app_context():
        outcome = _import(root)
        assert outcome.status == "done", outcome.report("en")["findings"]
        assert outcome.counts == {
            "collectives": 0,
            "households": 4,
            "persons": 10,
            "parcels": 8,
            "contracts": 4,
            "certificates": 4,
            "transfers": 0,
        }
        assert not [f for f in outcome.findings if f.severity == "error"]
        # one audit entry per record kind and one for the package, with its name and SHA-256; the chain holds
        entries = db.session.execute(
            select(AuditEntry.action, AuditEntry.after).order_by(AuditEntry.seq)
        ).all()
        assert [a for a, _ in entries] == [
            "household.import",
            "parcel.bulk_register",
            "contract.import",
            "certificate.import",
            "exchange.import",
        ]
        assert entries[-1][1]["sha256"] == outcome.sha256 and entries[0][1]["package"] == "410122中牟县"
        assert verify_chain(db.session).ok
    dk = county.dk[3]
    body = api.get(f"/api/v1/parcels/{dk['DKBM']}", "reviewer").get_json()
    expected = abs(_GEOD.geometry_area_perimeter(county.geoms[3])[0])
    assert abs(float(body["properties"]["area_m2"]) - expected) <= 0.01
    contract = api.get("/api/v1/land-contracts/410122100002000001J", "reviewer").get_json()
    assert contract["start_date"] == "1998-10-01" and contract["end_date"] == "2028-09-30"
    assert contract["parcel_codes"] == ["4101221000020000003", "4101221000020000004"]
    assert len(contract["right_holders"]) == 3
    register = api.get("/api/v1/land-contracts/410122100002000001J/register", "reviewer").get_json()
    assert [e["date"] for e in register["items"]][:2] == ["2016-06-01", "2016-08-15"]
    cert = api.get("/api/v1/certificates/410122100002000001J", "reviewer").get_json()
    assert (
        cert["serial"] == "豫（2016）中牟县农村土地承包经营权证第000002号"
        and cert["issued_on"] == "2016-08-15"
    )
