"""Parcel-area factories: GeoJSON features and squares offset by metres near the demo county (113.9E
34.7N)."""

from __future__ import annotations

import math

from shapely.geometry import mapping

from tests.factories import ORIGIN, square

# metres → degrees at the origin on GRS80 (meridian and prime-vertical radii of curvature)
_A, _E2 = 6_378_137.0, 0.006694380022900787
_S2 = math.sin(math.radians(ORIGIN[1])) ** 2
M_LAT = 1 / (math.radians(1) * _A * (1 - _E2) / (1 - _E2 * _S2) ** 1.5)
M_LON = 1 / (math.radians(1) * _A / math.sqrt(1 - _E2 * _S2) * math.cos(math.radians(ORIGIN[1])))


def metre_box(x_m: float, y_m: float, w_m: float, h_m: float) -> list[list[float]]:
    """A closed ring of a w x h metre rectangle whose south-west corner is x, y metres from the origin."""
    x0, y0 = ORIGIN[0] + x_m * M_LON, ORIGIN[1] + y_m * M_LAT
    x1, y1 = x0 + w_m * M_LON, y0 + h_m * M_LAT
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def polygon_geojson(ring: list, holes: list = ()) -> dict:
    return {"type": "Polygon", "coordinates": [ring, *holes]}


def feature(geometry: dict, collective_code: str, crs: str | None = None, **props) -> dict:
    body = {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "collective_code": collective_code,
            "category": "10",
            "land_class": "0103",
            "basic_farmland": False,
            **props,
        },
    }
    if crs:
        body["crs"] = crs
    return body


def square_feature(x0: float, y0: float, collective_code: str, size: float = 0.0005, **props) -> dict:
    return feature(mapping(square(x0, y0, size)), collective_code, **props)


def bow_tie() -> dict:
    ox, oy = ORIGIN
    return polygon_geojson([[ox, oy], [ox + 0.001, oy + 0.001], [ox + 0.001, oy], [ox, oy + 0.001], [ox, oy]])
