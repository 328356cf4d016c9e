"""The parcel services other areas call: register_parcel, find_overlaps, retire_parcel, parcel_feature."""

import pytest
from shapely.geometry import MultiPolygon, Polygon

from registry.auth.actor import Actor
from registry.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from registry.parcels import services
from registry.parcels.geometry import geodesic_area_m2, mu
from tests.factories import VILLAGE_A, VILLAGE_B, square

CLERK_A = Actor("clerk", "clerk", VILLAGE_A)
CLERK_B = Actor("clerk_b", "clerk", VILLAGE_B)


@pytest.fixture
def ws(world, session):
    return session


def test_registration_assigns_the_next_19_digit_code_and_geodesic_area_par_03(ws):
    p1 = services.register_parcel(ws, CLERK_A, square(0, 0), collective_code=VILLAGE_A, land_class="0103")
    p2 = services.register_parcel(ws, CLERK_A, square(0.001, 0), collective_code=VILLAGE_A)
    assert (p1.code, p2.code) == (VILLAGE_A + "00001", VILLAGE_A + "00002")
    assert p1.area_m2 == geodesic_area_m2(None, MultiPolygon([square(0, 0)]))  # PostGIS agrees with pyproj
    feature = services.parcel_feature(p1)
    assert feature["properties"]["area_mu"] == float(mu(p1.area_m2)) and feature["crs"] == "EPSG:4490"


def test_a_shape_from_another_area_is_still_checked_par_01(ws):
    bow_tie = Polygon([(113.9, 34.7), (113.901, 34.701), (113.901, 34.7), (113.9, 34.701), (113.9, 34.7)])
    with pytest.raises(InvalidInput) as err:
        services.register_parcel(ws, CLERK_A, bow_tie, collective_code=VILLAGE_A)
    assert err.value.rule == "PAR-01"


def test_find_overlaps_lists_codes_and_can_exclude_the_parcel_itself_par_02(ws):
    p = services.register_parcel(ws, CLERK_A, square(0, 0), collective_code=VILLAGE_A)
    assert services.find_overlaps(ws, MultiPolygon([square(0.0002, 0.0002)])) == [p.code]
    assert services.find_overlaps(ws, MultiPolygon([square(0, 0)]), exclude_ids=[p.id]) == []
    assert services.find_overlaps(ws, MultiPolygon([square(0.0005, 0)])) == []  # shares an edge


def test_scope_is_checked_by_the_service_sec_01(ws):
    with pytest.raises(Forbidden):
        services.register_parcel(ws, CLERK_B, square(0, 0), collective_code=VILLAGE_A)
    p = services.register_parcel(ws, CLERK_A, square(0, 0), collective_code=VILLAGE_A)
    with pytest.raises(Forbidden):
        services.retire_parcel(ws, CLERK_B, p.code, "not mine")


def test_other_areas_can_refuse_a_retirement(ws, monkeypatch):
    p = services.register_parcel(ws, CLERK_A, square(0, 0), collective_code=VILLAGE_A)

    def in_active_contract(session, parcel):
        raise RuleViolation(
            "Parcel {code} is in an active contract.", rule="LC-03", params={"code": parcel.code}
        )

    monkeypatch.setattr(services, "RETIRE_GUARDS", [in_active_contract])
    with pytest.raises(RuleViolation):
        services.retire_parcel(ws, CLERK_A, p.code, "split")
    assert p.status == "current"
    monkeypatch.setattr(services, "RETIRE_GUARDS", [])
    assert services.retire_parcel(ws, CLERK_A, p.code, "split").status == "retired"
    with pytest.raises(Conflict):
        services.retire_parcel(ws, CLERK_A, p.code, "again")
