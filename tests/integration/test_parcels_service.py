"""Parcel services on PostGIS: registration, overlap (PAR-02), area (PAR-03), 四至, retirement, HS-06."""
from decimal import Decimal

import pytest
from shapely.geometry import MultiPolygon, box

from registry.auth.actor import Actor
from registry.errors import Conflict
from registry.parcels import services
from registry.parcels.geometry import geodesic_area_m2, mu
from tests.factories import GROUP_A1, VILLAGE_A, VILLAGE_B, square

CLERK_A = Actor("clerk", "clerk", VILLAGE_A)
CLERK_B = Actor("clerk_b", "clerk", VILLAGE_B)


@pytest.fixture
def ws(world, session):
    return session


def test_registration_assigns_the_next_19_digit_code_and_geodesic_area_par_03(ws):
    p1 = services.register_parcel(ws, CLERK_A, square(0, 0), collective_code=VILLAGE_A, land_class="0103")
    p2 = services.register_parcel(ws, CLERK_A, square(0.001, 0), collective_code=VILLAGE_A)
    assert (p1.code, p2.code) == (VILLAGE_A + "00001", VILLAGE_A + "00002")
    assert p1.area_m2 == geodesic_area_m2(None, MultiPolygon([square(0, 0)]))
    assert services.parcel_feature(p1)["properties"]["area_mu"] == float(mu(p1.area_m2))
