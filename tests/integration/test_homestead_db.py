"""The database guards the homestead invariants too, and the services other areas use behave."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, ProgrammingError

from registry.auth.actor import SYSTEM, Actor
from registry.db import db
from registry.errors import Conflict
from registry.homesteads.applications import approve_application, file_application
from registry.homesteads.caps import cap_for
from registry.homesteads.models import HomesteadRegisterEntry, HomesteadRight
from registry.homesteads.services import household_has_active_homestead
from registry.parcels.services import retire_parcel
from tests.factories import VILLAGE_A, VILLAGE_B, make_family, make_person
from tests.factories_homesteads import body, homestead_world, seeded_caps
from registry import clock

pytestmark = pytest.mark.usefixtures("homestead_world")
assert homestead_world
CLERK = Actor("clerk", "clerk", VILLAGE_A)
REVIEWER = Actor("reviewer", "reviewer", VILLAGE_A[:6])


def _registered(session, household_code, x=0.0):
    data = {**body(household_code, x=x, days_ago=7), "publicity_start": clock.today() - timedelta(days=7)}
    application = file_application(session, CLERK, data, publicity_days=7)
    right, _ = approve_application(session, REVIEWER, application.id)
    return right


def test_the_seeded_caps_cover_every_terrain_of_each_seeded_province_hs_02(session):
    rows = {(p, t, land): cap for p, t, land, cap, _ in seeded_caps()}
    for province in ("44", "41", "00"):
        assert {t for p, t, land in rows if p == province and land == "any"} == {"plain", "hill", "mountain"}
    assert rows[("33", "plain", "arable")] == 125 and rows[("33", "hill", "other")] == 140
    assert rows[("33", "mountain", "other")] == 160
    assert cap_for(session, "33", "mountain", True).cap_m2 == 125
    assert cap_for(session, "62", "hill", False).province_code == "00"


def test_household_has_active_homestead_for_rs_01(session):
    household, _ = make_family(session, VILLAGE_A)
    assert not household_has_active_homestead(session, household.code, VILLAGE_A)
    _registered(session, household.code)
    assert household_has_active_homestead(session, household.code, VILLAGE_A)
    assert not household_has_active_homestead(session, household.code, VILLAGE_B)


def test_register_entries_are_never_updated_or_deleted_rg_01(session):
    household, _ = make_family(session, VILLAGE_A)
    right = _registered(session, household.code)
    session.commit()
    with pytest.raises(ProgrammingError, match="append-only"):
        session.execute(text("UPDATE homestead_register_entries SET reason = 'x'"))
    session.rollback()
    with pytest.raises(ProgrammingError, match="append-only"):
        session.execute(text("DELETE FROM homestead_register_entries"))
    session.rollback()
    assert session.scalar(
        select(HomesteadRegisterEntry.reason).where(HomesteadRegisterEntry.right_id == right.id)
    )


def test_the_database_refuses_an_heir_without_house_or_note_hs_07(session):
    household, _ = make_family(session, VILLAGE_A)
    right = _registered(session, household.code)
    heir = make_person(session, "王城")
    session.commit()
    with pytest.raises(IntegrityError, match="heir_holds_with_house"):
        session.execute(
            text(
                "UPDATE homestead_rights SET household_code = NULL, holder_person_id = :p, note = :n "
                "WHERE id = :id"
            ),
            {"p": heir.id, "n": "该权利人为本农民集体经济组织原成员住宅的合法继承人", "id": right.id},
        )
    session.rollback()


def test_the_database_keeps_one_active_right_per_household_hs_01(session):
    household, _ = make_family(session, VILLAGE_A)
    right = _registered(session, household.code)
    session.commit()
    with pytest.raises(IntegrityError, match="uq_homestead_rights_active_household"):
        session.add(
            HomesteadRight(
                household_code=household.code,
                collective_code=VILLAGE_A,
                parcel_id=right.parcel_id,
                unit_code=right.unit_code[:19] + "F00010001",
                status="active",
                registered_on=clock.today(),
            )
        )
        session.flush()
    session.rollback()


def test_a_plot_with_an_active_right_is_not_retired_behind_its_back(session):
    household, _ = make_family(session, VILLAGE_A)
    right = _registered(session, household.code)
    with pytest.raises(Conflict) as refused:
        retire_parcel(session, SYSTEM, right.parcel.code, "划入道路")
    assert refused.value.rule == "RG-01"


def test_two_concurrent_applications_of_one_household_give_one_hs_01(app):
    with app.app_context():
        household, _ = make_family(db.session, VILLAGE_A)
        code = household.code
        db.session.commit()
        db.session.remove()
    results, barrier = [], threading.Barrier(2)

    def file(x):
        with app.app_context():
            try:
                barrier.wait()
                file_application(db.session, CLERK, body(code, x=x), publicity_days=7)
                db.session.commit()
                results.append("ok")
            except Conflict as e:
                results.append(e.rule)
            finally:
                db.session.rollback()
                db.session.remove()

    threads = [threading.Thread(target=file, args=(x,)) for x in (0, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["HS-01", "ok"]
