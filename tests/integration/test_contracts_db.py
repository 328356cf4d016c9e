"""The database guards the contract invariants by itself: append-only register (RG-01), one contract per
parcel
on any day (LC-03), agricultural use and consent on leases (LC-09, LC-10)."""

import threading
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, ProgrammingError

from registry.db import db
from tests.factories_contracts import contract_body, contracted_family, family, parcels


def _contract_id(session, code):
    return session.scalar(text("SELECT id FROM land_contracts WHERE code = :c"), {"c": code})


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE contract_register SET reason = 'edited' WHERE contract_id = :id",
        "DELETE FROM contract_register WHERE contract_id = :id",
        "TRUNCATE contract_register CASCADE",
    ],
)
def test_register_entries_are_never_updated_or_deleted_rg_01(app, world, statement):
    c = contracted_family(app)
    with app.app_context():
        session = db.session
        with pytest.raises(ProgrammingError, match="append-only"):
            session.execute(text(statement), {"id": _contract_id(session, c.contract_code)})
        session.rollback()
        assert session.scalar(text("SELECT count(*) FROM contract_register")) == 1


def test_the_database_refuses_a_parcel_in_two_contracts_on_the_same_day_lc_03(app, world):
    a = contracted_family(app, start=date(2000, 1, 1))
    b = contracted_family(app)
    with app.app_context():
        session = db.session
        params = {"contract": _contract_id(session, b.contract_code), "parcel": a.parcel_codes[0]}
        with pytest.raises(IntegrityError) as err:
            session.execute(
                text(
                    "INSERT INTO contract_parcels (contract_id, parcel_id, valid_from) "
                    "SELECT :contract, id, DATE '2026-01-01' FROM parcels WHERE code = :parcel"
                ),
                params,
            )
        assert err.value.orig.diag.constraint_name == "ex_contract_parcels_parcel_period"
        session.rollback()
        session.execute(
            text(
                "UPDATE contract_parcels SET valid_to = DATE '2026-01-01' WHERE parcel_id = "
                "(SELECT id FROM parcels WHERE code = :parcel)"
            ),
            params,
        )
        session.execute(
            text(
                "INSERT INTO contract_parcels (contract_id, parcel_id, valid_from) "
                "SELECT :contract, id, DATE '2026-01-01' FROM parcels WHERE code = :parcel"
            ),
            params,
        )
        session.rollback()


@pytest.mark.parametrize(
    "column, value, constraint",
    [
        ("land_use", "'5'", "ck_land_leases_agricultural_use"),
        ("parent_id", "(SELECT min(id) FROM land_leases)", "ck_land_leases_re_lease_has_consent"),
    ],
)
def test_the_database_refuses_non_agricultural_leases_and_re_leases_without_consent_lc_09_lc_10(
    app, api, column, value, constraint
):
    c = contracted_family(app, start=date(2020, 1, 1))
    api.post(
        f"/api/v1/land-contracts/{c.contract_code}/leases",
        {
            "lessee": {"name": "合作社", "id_type": "3", "id_number": "93410122MA40ABCD1X"},
            "parcel_codes": c.parcel_codes,
            "mode": "lease",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
            "land_use": "1",
            "price_fen": 100,
        },
    )
    with app.app_context():
        session = db.session
        columns = (
            "code, contract_id, collective_code, lessee_kind, lessee_name, lessee_id_type, "
            "lessee_id_number, mode, start_date, end_date, land_use, price_fen, registrable, filed_on, "
            "filed_by, parent_id"
        )
        values = {"land_use": "'1'", "parent_id": "NULL", column: value}
        with pytest.raises(IntegrityError) as err:
            session.execute(
                text(
                    f"INSERT INTO land_leases ({columns}) SELECT collective_code || '9999', contract_id, "
                    f"collective_code, lessee_kind, "
                    f"lessee_name, lessee_id_type, lessee_id_number, mode, start_date, end_date, "
                    f"{values['land_use']}, "
                    f"price_fen, registrable, filed_on, filed_by, {values['parent_id']} FROM land_leases "
                    f"LIMIT 1"
                )
            )
        assert err.value.orig.diag.constraint_name == constraint
        session.rollback()


def test_two_clerks_contracting_the_same_parcel_at_once_get_one_contract_lc_03(app, api):
    shared = parcels(app, n=1)
    households = [family(app).household_code, family(app).household_code]
    api.token("clerk")
    barrier, results = threading.Barrier(2), []

    def post(household):
        client = app.test_client()
        barrier.wait()
        r = client.post(
            "/api/v1/land-contracts",
            json=contract_body(household, shared),
            headers={"Authorization": f"Bearer {api.token('clerk')}"},
        )
        results.append((r.status_code, r.get_json().get("rule")))

    threads = [threading.Thread(target=post, args=(h,)) for h in households]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [(201, None), (409, "LC-03")]
