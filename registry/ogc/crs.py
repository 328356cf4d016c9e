"""The coordinate reference systems the service speaks (OGC API – Features Part 2), with the axis order of
each
taken from its definition in PROJ (pyproj's axis info), never by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyproj import CRS

from ..parcels.geometry import GK_ZONES, SRID

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI = "http://www.opengis.net/def/crs/EPSG/0/{code}"
STORAGE_CRS = EPSG_URI.format(code=SRID)
_EPSG_RE = re.compile(
    r"^(?:https?://www\.opengis\.net/def/crs/EPSG/0/|EPSG:|urn:ogc:def:crs:EPSG:[\d.]*:)(\d+)$", re.IGNORECASE
)
_CRS84_FORMS = {
    CRS84.lower(),
    CRS84.lower().replace("http://", "https://"),
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "ogc:crs84",
    "crs84",
    "[ogc:crs84]",
}
SUPPORTED_EPSG = (SRID, 4326, *GK_ZONES)


@dataclass(frozen=True)
class Crs:
    uri: str
    srid: int  # the PostGIS SRID to transform to (CRS84 is EPSG:4326 with the axes swapped)
    northing_first: bool  # the CRS's first axis points north or south: swap x/y on the wire

    @property
    def header(self) -> str:
        return f"<{self.uri}>"


def _first_axis_is_northing(crs: CRS) -> bool:
    return crs.axis_info[0].direction.lower() in ("north", "south")


@lru_cache(maxsize=64)
def by_epsg(code: int) -> Crs:
    return Crs(EPSG_URI.format(code=code), code, _first_axis_is_northing(CRS.from_epsg(code)))


@lru_cache(maxsize=1)
def crs84() -> Crs:
    return Crs(CRS84, 4326, _first_axis_is_northing(CRS.from_user_input("OGC:CRS84")))


def supported_uris() -> list[str]:
    return [CRS84, *(EPSG_URI.format(code=c) for c in SUPPORTED_EPSG)]


def parse(value: str) -> Crs | None:
    """A CRS URI (or its EPSG:/URN/[OGC:CRS84] short forms) the service supports; None when it does not."""
    v = value.strip()
    if v.lower() in _CRS84_FORMS:
        return crs84()
    m = _EPSG_RE.match(v.strip("[]"))
    if m and int(m.group(1)) in SUPPORTED_EPSG:
        return by_epsg(int(m.group(1)))
    return None
