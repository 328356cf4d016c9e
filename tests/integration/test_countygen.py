"""The generated county (`flask demo county`): counts and the invariants every area's rules demand."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from registry.audit.verify import verify_chain
from registry.codes import parse_id_number
from registry.countygen import generate_county
from registry.errors import Conflict
from registry.homesteads.models import HomesteadCap
from tests.factories_homesteads import seeded_caps

COUNTY = "410184"


@pytest.fixture
def county(session):
    for province, terrain, land, cap, source in seeded_caps():  # emptied after every test
        session.merge(
            HomesteadCap(
                province_code=province,
                terrain=terrain,
                land=land,
                cap_m2=cap,
                source=source,
                updated_by="test",
            )
        )
    summary = generate_county(session, 500, 300, county=COUNTY, certified_groups=1)
    session.commit()
    return summary


def scalar(session, sql):
    return session.scalar(text(sql))


def test_counts(session, county):
    assert scalar(session, "SELECT count(*) FROM parcels") == 500
    assert scalar(session, "SELECT count(*) FROM persons") == 300
    assert scalar(session, "SELECT count(*) FROM memberships WHERE status = 'active'") == 300
    households = scalar(session, "SELECT count(*) FROM households")
    assert 60 <= households <= 120  # realistic sizes: 3.5 persons on average
    assert scalar(session, "SELECT count(*) FROM homestead_rights") == min(households, 100)
    assert scalar(session, "SELECT count(*) FROM land_contracts") == households
    assert scalar(session, "SELECT count(*) FROM share_plans") == scalar(
        session, "SELECT count(*) FROM collectives WHERE level = 'group'"
    )
    assert scalar(session, "SELECT count(*) FROM certificates") > 0
    assert county.counts["parcels"] == 500


def test_par02_no_two_parcels_overlap_and_all_are_valid(session, county):
    """PAR-02: contiguous land without overlaps; PAR-01: valid geometries."""
    assert scalar(session, "SELECT count(*) FROM parcels WHERE NOT ST_IsValid(geom)") == 0
    assert (
        scalar(
            session,
            """SELECT count(*) FROM parcels a JOIN parcels b ON a.id < b.id
        AND ST_Intersects(a.geom, b.geom) AND ST_Area(geography(ST_Intersection(a.geom, b.geom))) > 0.01""",
        )
        == 0
    )
    touching = scalar(
        session,
        """SELECT count(*) FROM parcels a JOIN parcels b ON a.id < b.id
        AND ST_Touches(a.geom, b.geom)""",
    )
    assert touching > 400  # neighbours share their edges
    assert scalar(session, "SELECT count(*) FROM parcels WHERE boundaries->>'east' <> '—'") > 300


def test_per01_every_id_number_is_valid(session, county):
    for number in session.scalars(text("SELECT id_number FROM persons")):
        parse_id_number(number)


def test_lc01_every_contract_household_has_an_active_member(session, county):
    assert (
        scalar(
            session,
            """SELECT count(*) FROM land_contracts c WHERE NOT EXISTS (
        SELECT 1 FROM household_members hm JOIN memberships m ON m.person_id = hm.person_id
        WHERE hm.household_code = c.household_code AND hm.left_on IS NULL AND m.status = 'active'
          AND m.collective_code = c.collective_code)""",
        )
        == 0
    )
    assert (
        scalar(
            session,
            """SELECT count(*) FROM land_contracts c
        WHERE NOT EXISTS (SELECT 1 FROM contract_parcels cp WHERE cp.contract_id = c.id)
           OR NOT EXISTS (SELECT 1 FROM contract_register r WHERE r.contract_id = c.id AND r.kind =
               'initial')""",
        )
        == 0
    )


def test_mem02_hs02_resolutions_meet_thresholds_and_plots_fit_the_cap(session, county):
    assert (
        scalar(
            session,
            """SELECT count(*) FROM resolutions WHERE attended * 3 < members_with_capacity * 2
        OR votes_for * 3 < members_total * 2 OR meeting_date - notice_date < 10""",
        )
        == 0
    )
    assert (
        scalar(
            session,
            """SELECT count(*) FROM resolutions r WHERE subject = 'membership'
        AND members_total < (SELECT count(*) FROM memberships m WHERE m.resolution_id = r.id)""",
        )
        == 0
    )
    assert scalar(session, "SELECT count(*) FROM homestead_applications WHERE area_m2 > cap_m2") == 0


def test_rg03_audit_chain_verifies(session, county):
    report = verify_chain(session)
    assert report.ok and report.checked >= 6


def test_a_county_is_generated_once(session, county):
    with pytest.raises(Conflict):
        generate_county(session, 10, 10, county=COUNTY)


def test_codes_continue_after_the_generated_ones(session, county):
    """PER-03: the code sequences know the generated codes, so the next registration gets a fresh one."""
    from registry.codes import next_in_sequence

    group = scalar(session, "SELECT min(code) FROM collectives WHERE level = 'group'")
    seq = next_in_sequence(session, group, "household")
    assert f"{group}{seq:04d}" not in set(session.scalars(text("SELECT code FROM households")))
