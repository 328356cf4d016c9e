"""Factories for homestead tests: seeded caps, plots of a chosen area, applicant households, and the API steps
(apply, approve) that most tests pass through."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from geoalchemy2.shape import from_shape
from pyproj import Geod
from shapely.geometry import MultiPolygon, box

from registry.collectives.models import Collective
from registry.db import db
from registry.homesteads.models import HomesteadCap
from registry.parcels.models import BasicFarmlandArea
from tests.factories import ORIGIN, make_family, make_household, make_member, make_person
from registry import clock

GUANGDONG_VILLAGE = "44052410100100"
ZHEJIANG_VILLAGE = "33010610100100"
# PAR-04: a plot lies in its collective's province; the 广东 and 浙江 villages get an origin there.
PROVINCE_ORIGINS = {"44": (116.60, 23.26), "33": (120.10, 30.25), "51": (104.06, 30.66)}
PUBLICITY_DAYS = 7
_GEOD = Geod(ellps="GRS80")
_MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "versions" / "0005_homesteads.py"


def seeded_caps() -> list[tuple]:
    """The cap rows exactly as the migration seeds them (the test database is emptied after each test)."""
    spec = importlib.util.spec_from_file_location("homestead_migration_0005", _MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SEEDED_CAPS


@pytest.fixture
def homestead_world(app, world):
    """The world, the seeded caps (present on the first test, emptied after it), and villages in 广东 and 浙
    江 for the cap tests."""
    with app.app_context():
        s = db.session
        for province, terrain, land, cap, source in seeded_caps():
            s.merge(
                HomesteadCap(
                    province_code=province,
                    terrain=terrain,
                    land=land,
                    cap_m2=cap,
                    source=source,
                    updated_by="test",
                )
            )
        for code, name in [
            (GUANGDONG_VILLAGE, "广东某村股份经济合作社"),
            (ZHEJIANG_VILLAGE, "浙江某村股份经济合作社"),
        ]:
            s.add(Collective(code=code, name=name, level="village", county_code=code[:6]))
        s.commit()
        s.remove()
    return world


def plot(m2: float = 100.0, x: float = 0.0, y: float = 0.0, origin=ORIGIN) -> dict:
    """A GeoJSON square of about `m2` square metres, `x`/`y` hundred-metre steps from the origin."""
    lon0, lat0 = origin
    per_deg_lon = _GEOD.inv(lon0, lat0, lon0 + 0.001, lat0)[2] / 0.001
    per_deg_lat = _GEOD.inv(lon0, lat0, lon0, lat0 + 0.001)[2] / 0.001
    side = m2**0.5
    west, south = lon0 + x * 100 / per_deg_lon, lat0 + y * 100 / per_deg_lat
    east, north = west + side / per_deg_lon, south + side / per_deg_lat
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def load_farmland(session, west: float, south: float, east: float, north: float) -> BasicFarmlandArea:
    area = BasicFarmlandArea(
        ref="JBNT-1",
        source="测试划定方案",
        loaded_by="test",
        area_m2=1,
        geom=from_shape(MultiPolygon([box(west, south, east, north)]), srid=4490),
    )
    session.add(area)
    session.flush()
    return area


def seed(app, build):
    """Run build(session) in its own app context, commit, and return its (plain) result."""
    with app.app_context():
        result = build(db.session)
        db.session.commit()
        db.session.remove()
    return result


def applicant(app, collective_code: str, members: bool = True) -> str:
    """A household of three, active members of the collective when `members`; its code."""
    return seed(app, lambda s: make_family(s, collective_code, members)[0].code)


def applicant_with_head(app, collective_code: str) -> tuple[str, str]:
    """A household of one active member; (household code, the member's full ID number)."""

    def build(s):
        p = make_person(s, "赵一")
        make_member(s, p, collective_code)
        return make_household(s, collective_code, p).code, p.id_number

    return seed(app, build)


def body(
    household_code: str,
    m2: float = 100.0,
    x: float = 0.0,
    y: float = 0.0,
    terrain: str = "plain",
    on_arable_land: bool = False,
    days_ago: int | None = None,
    **extra,
) -> dict:
    """An application body; `days_ago` starts publicity that many days back (held on paper, with evidence)."""
    origin = PROVINCE_ORIGINS.get(household_code[:2], ORIGIN)
    data = {
        "household_code": household_code,
        "geometry": plot(m2, x, y, origin),
        "terrain": terrain,
        "on_arable_land": on_arable_land,
    }
    if days_ago is not None:
        data["publicity_start"] = (clock.today() - timedelta(days=days_ago)).isoformat()
        data["publicity_evidence_ref"] = "公示照片及村委会证明 2025-01"
    data.update(extra)
    return data


def apply(api, household_code: str, as_: str = "clerk", expect: int = 201, **kw) -> dict:
    r = api.post("/api/v1/homestead-applications", body(household_code, **kw), as_=as_)
    assert r.status_code == expect, r.get_json()
    return r.get_json()


def approved(api, household_code: str, as_: str = "clerk", **kw) -> dict:
    """An application filed with publicity already over, then approved; the approval's answer."""
    application = apply(api, household_code, as_=as_, days_ago=PUBLICITY_DAYS, **kw)
    r = api.post(f"/api/v1/homestead-applications/{application['id']}/approve", {}, as_="reviewer")
    assert r.status_code == 201, r.get_json()
    return {**r.get_json(), "application_id": application["id"]}
