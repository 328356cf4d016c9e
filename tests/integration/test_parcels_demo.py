"""The demo step registers every demo household's fields through the bulk service, once, with 四至."""

import json

from geoalchemy2.shape import to_shape
from sqlalchemy import func, select

from registry.demo import DEMO_STEPS, FIXTURES, _collectives
from registry.parcels.demo import demo_parcels
from registry.parcels.models import BasicFarmlandArea, Parcel
from registry.parcels.services import on_basic_farmland
from registry.parcels.spatial import find_overlaps


def test_the_demo_registers_three_fields_per_household_once(session):
    data = json.loads(FIXTURES.read_text())
    households = data["households"]
    assert DEMO_STEPS.index(demo_parcels) > DEMO_STEPS.index(_collectives)
    _collectives(session, data)
    assert demo_parcels(session, data).startswith(f"parcels: {3 * len(households)} new")
    parcels = session.scalars(select(Parcel)).all()
    assert len(parcels) == 3 * len(households)
    for village in {h["collective_code"] for h in households}:
        mine = [p for p in parcels if p.collective_code == village]
        assert len(mine) == 3 * sum(h["collective_code"] == village for h in households)
        assert sorted(p.code for p in mine)[0] == village + "00001"
    inner = [p for p in parcels if all(v != "—" for v in (p.boundaries["east"], p.boundaries["west"]))]
    assert inner and all(p.boundaries["north"] == "—" for p in inner)  # strips side by side in a row
    assert session.scalar(select(func.count()).select_from(BasicFarmlandArea)) == 4
    east_field = next(p for p in parcels if p.basic_farmland)
    assert on_basic_farmland(session, to_shape(east_field.geom))
    assert find_overlaps(session, to_shape(east_field.geom), exclude_ids=[east_field.id]) == []
    assert demo_parcels(session, data) == f"parcels: 0 new, {3 * len(households)} in the demo"
    assert session.scalar(select(func.count()).select_from(Parcel)) == 3 * len(households)
