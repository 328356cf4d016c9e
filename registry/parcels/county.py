"""PAR-04: a parcel lies in its collective's county.

Always: inside the county's Gauss-Krüger 3° zone (for the counties whose central meridian is listed here)
and
inside the province's extent (GB/T 2260 province by the first two digits of the code). Once an administrator
has loaded the county's boundary (`flask parcels county-boundary FILE --county C --source S`), inside that
boundary too, up to the PAR-02 tolerance. No boundary is invented where none is loaded.
"""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import text

from ..audit.services import record
from ..codes import parse_collective_code
from ..errors import InvalidInput, RuleViolation
from .geometry import SRID, to_cgcs2000_many

# Province extents in lon/lat (west, south, east, north), rounded outwards by about half a degree.
PROVINCE_EXTENTS: dict[str, tuple[float, float, float, float]] = {
    "11": (115.0, 39.0, 118.0, 41.6),
    "12": (116.2, 38.0, 118.6, 40.8),
    "13": (113.0, 35.5, 120.4, 43.2),
    "14": (109.7, 34.0, 115.1, 41.3),
    "15": (96.6, 36.9, 126.6, 53.9),
    "21": (118.3, 38.2, 126.3, 44.0),
    "22": (121.1, 40.3, 131.8, 46.8),
    "23": (120.6, 42.9, 135.6, 54.1),
    "31": (120.3, 30.1, 122.7, 32.4),
    "32": (115.8, 30.2, 122.4, 35.7),
    "33": (117.5, 26.5, 123.7, 31.7),
    "34": (114.3, 28.9, 120.2, 35.2),
    "35": (115.3, 23.0, 121.2, 28.9),
    "36": (113.0, 24.0, 119.0, 30.6),
    "37": (114.3, 33.9, 123.2, 38.9),
    "41": (109.8, 30.9, 117.2, 36.9),
    "42": (107.8, 28.5, 116.7, 33.8),
    "43": (108.3, 24.1, 114.8, 30.7),
    "44": (109.1, 19.7, 117.8, 26.1),
    "45": (103.9, 20.4, 112.6, 26.9),
    "46": (108.1, 3.0, 118.4, 20.7),
    "50": (104.8, 27.6, 110.7, 32.7),
    "51": (96.8, 25.5, 109.1, 34.9),
    "52": (103.1, 24.1, 110.1, 29.7),
    "53": (97.0, 20.6, 106.7, 29.7),
    "54": (77.9, 26.3, 99.6, 37.0),
    "61": (105.0, 31.2, 111.8, 40.1),
    "62": (91.8, 32.0, 109.2, 43.3),
    "63": (88.9, 31.1, 103.6, 39.7),
    "64": (103.8, 34.7, 108.2, 39.9),
    "65": (73.0, 33.8, 96.9, 49.7),
    "71": (118.8, 21.4, 124.1, 26.9),
    "81": (113.3, 21.6, 115.0, 23.1),
    "82": (113.0, 21.6, 114.1, 22.7),
}

# Central meridians of the 3° zones of the counties the registry serves (regions.COUNTY_NAMES); a county not
# listed is held to its province's extent only.
COUNTY_CENTRAL_MERIDIANS: dict[str, int] = {
    **{
        c: 114
        for c in (
            "410102",
            "410103",
            "410104",
            "410105",
            "410106",
            "410108",
            "410122",
            "410181",
            "410182",
            "410183",
            "410184",
            "410185",
        )
    },
    "441481": 117,
    "440183": 114,
    "440117": 114,
    "330110": 120,
    "330182": 120,
    "330681": 120,
    "330782": 120,
}
ZONE_HALF_WIDTH = 1.5 + 0.5  # half a 3° strip, and the half-degree a zone is commonly used beyond it
OUTSIDE_TOLERANCE_M2 = 0.01  # as PAR-02: slivers of a digitised edge are not outside

# The area of :wkb outside the loaded boundary of :county, NULL where none is loaded; a scalar subquery, so
# the
# one-parcel registration asks it in the statement that takes its overlap lock (spatial.lock_overlap_area).
OUTSIDE_AREA_SQL = (
    "(SELECT ST_Area(geography(ST_Difference(ST_GeomFromWKB(:wkb, 4490), geom))) "
    "FROM county_boundaries WHERE county_code = :county)"
)
_OUTSIDE_SQL = text(f"SELECT {OUTSIDE_AREA_SQL}")


def county_extent(county: str) -> tuple[float, float, float, float] | None:
    province = PROVINCE_EXTENTS.get(county[:2])
    if province is None:
        return None
    w, s, e, n = province
    meridian = COUNTY_CENTRAL_MERIDIANS.get(county)
    if meridian is not None:
        w, e = max(w, meridian - ZONE_HALF_WIDTH), min(e, meridian + ZONE_HALF_WIDTH)
    return w, s, e, n


def outside_extent(geom: BaseGeometry, county: str) -> bool:
    extent = county_extent(county)
    if extent is None:
        return False
    w, s, e, n = extent
    gw, gs, ge, gn = geom.bounds
    return gw < w or gs < s or ge > e or gn > n


def outside_area(session, geom: BaseGeometry, county: str) -> float | None:
    """m² of `geom` outside the loaded boundary of `county`; None where no boundary is loaded."""
    return session.execute(_OUTSIDE_SQL, {"wkb": shapely.to_wkb(geom), "county": county}).scalar()


def check_in_extent(geom: BaseGeometry, collective_code: str, field: str = "geometry") -> None:
    """PAR-04 for one parcel (EPSG:4490), the part needing no database: its zone and province."""
    county = collective_code[:6]
    if outside_extent(geom, county):
        raise RuleViolation(
            "The parcel lies outside county {county} of its collective (its Gauss-Krüger zone and province).",
            rule="PAR-04",
            params={"county": county},
            errors={field: ["outside the collective's county"]},
        )


def check_in_boundary(outside_m2: float | None, collective_code: str, field: str = "geometry") -> None:
    """PAR-04 against the loaded county boundary, given the area outside it (`outside_area`)."""
    county = collective_code[:6]
    if outside_m2 is not None and outside_m2 > OUTSIDE_TOLERANCE_M2:
        raise RuleViolation(
            "The parcel lies outside the loaded boundary of county {county}.",
            rule="PAR-04",
            params={"county": county},
            errors={field: ["outside the county boundary"]},
        )


def load_county_boundary(
    session, actor, county: str, features: list, *, source: str, crs: object = None
) -> dict:
    """Replace county `county`'s boundary with the union of these features (admin only, audited)."""
    actor.require_role("admin")
    parse_collective_code(f"{county}00100000", "county")
    if not isinstance(features, list) or not features:
        raise InvalidInput(
            "A FeatureCollection with at least one feature is required.",
            rule="PAR-01",
            errors={"features": ["at least one feature"]},
        )
    geoms, refused = to_cgcs2000_many(
        [f.get("geometry") if isinstance(f, dict) else None for f in features],
        [f.get("crs", crs) if isinstance(f, dict) else crs for f in features],
    )
    if refused:
        raise InvalidInput(
            "{bad} of {total} features are not valid; the boundary was not loaded.",
            rule="PAR-01",
            params={"bad": len(refused), "total": len(features)},
            errors={f"features.{i}": list(e.errors.get("geometry", ["invalid"])) for i, e in refused.items()},
        )
    boundary = shapely.union_all(geoms)
    if boundary.geom_type == "Polygon":
        boundary = shapely.MultiPolygon([boundary])
    replaced = session.execute(
        text("DELETE FROM county_boundaries WHERE county_code = :c"), {"c": county}
    ).rowcount
    session.execute(
        text(
            "INSERT INTO county_boundaries (county_code, source, geom, loaded_by) "
            "VALUES (:c, :source, ST_GeomFromWKB(:wkb, :srid), :actor)"
        ),
        {
            "c": county,
            "source": source,
            "wkb": shapely.to_wkb(boundary),
            "srid": SRID,
            "actor": actor.username,
        },
    )
    area = session.execute(
        text("SELECT ST_Area(geography(geom)) FROM county_boundaries WHERE county_code = :c"), {"c": county}
    ).scalar()
    record(
        session,
        actor,
        "county_boundary.load",
        "county_boundary",
        county,
        before={"replaced": replaced},
        after={"source": source, "area_m2": round(area, 2)},
    )
    return {"county": county, "area_m2": round(area, 2), "replaced": bool(replaced), "source": source}
