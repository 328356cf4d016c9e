"""The county's homestead approval queue as the reviewer reads it: each application in publicity with its
household head's name, its collective's name, its open objections and the plot's outline in local metres (for
a small map), and one application with its household for the reviewer's detail page."""

from __future__ import annotations

import json
import math

from sqlalchemy import func, select

from ..collectives.models import Collective
from ..parcels.models import Parcel
from ..people.models import Household, Person
from ..people.services import current_members, get_household
from .applications import get_application
from .models import HomesteadApplication, HomesteadObjection

_M_PER_DEG = 111_320.0  # metres per degree of latitude (and of longitude at the equator), for a thumbnail


def outline(geojson: str) -> dict:
    """The plot's rings in local metres around its centre (x east, y south, as SVG draws), with its extent:
    enough to draw it to scale in a small SVG; no map tiles, no script."""
    shape = json.loads(geojson)
    polygons = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
    points = [pt for poly in polygons for ring in poly for pt in ring]
    lon0 = sum(p[0] for p in points) / len(points)
    lat0 = sum(p[1] for p in points) / len(points)
    kx = _M_PER_DEG * math.cos(math.radians(lat0))
    rings = [
        [((lon - lon0) * kx, (lat0 - lat) * _M_PER_DEG) for lon, lat, *_ in ring]
        for poly in polygons
        for ring in poly
    ]
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = span * 0.15
    return {
        "paths": [
            " ".join(f"{'M' if i == 0 else 'L'}{x:.2f},{y:.2f}" for i, (x, y) in enumerate(r)) + " Z"
            for r in rings
        ],
        "view": (min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad),
        "scale_m": _nice(span / 3),
        "stroke": span / 60,
    }


def _nice(metres: float) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if step >= metres:
            return step
    return 1000


def county_queue(session, actor, county: str) -> list[dict]:
    """Applications of the county in publicity, earliest end first (HS-04), for the reviewer of the county."""
    actor.require_county(county, "reviewer")
    open_counts = (
        select(HomesteadObjection.application_id, func.count().label("n"))
        .where(HomesteadObjection.status == "open")
        .group_by(HomesteadObjection.application_id)
        .subquery()
    )
    rows = session.execute(
        select(
            HomesteadApplication,
            Person.name,
            Collective.name,
            func.ST_AsGeoJSON(Parcel.geom),
            func.coalesce(open_counts.c.n, 0),
        )
        .join(Parcel, Parcel.id == HomesteadApplication.parcel_id)
        .join(Household, Household.code == HomesteadApplication.household_code)
        .join(Person, Person.id == Household.head_person_id)
        .join(Collective, Collective.code == HomesteadApplication.collective_code)
        .outerjoin(open_counts, open_counts.c.application_id == HomesteadApplication.id)
        .where(
            HomesteadApplication.collective_code.startswith(county),
            HomesteadApplication.status == "publicity",
        )
        .order_by(HomesteadApplication.publicity_ends, HomesteadApplication.id)
    ).all()
    return [
        {
            "application": a,
            "head_name": head,
            "collective_name": collective,
            "outline": outline(shape),
            "open_objections": n,
        }
        for a, head, collective, shape, n in rows
    ]


def application_detail(session, actor, application_id: int) -> dict:
    """One application with its plot's outline, its objections and its household's current members."""
    application = get_application(session, actor, application_id)
    household = get_household(session, actor, application.household_code)
    shape = session.scalar(select(func.ST_AsGeoJSON(Parcel.geom)).where(Parcel.id == application.parcel_id))
    head = session.get(Person, household.head_person_id)
    return {
        "application": application,
        "household": household,
        "head_name": head.name if head else "",
        "members": current_members(household),
        "outline": outline(shape),
        "collective": session.get(Collective, application.collective_code),
    }
