"""Query parameters of /ogc, checked strictly: an unknown parameter or a bad value is 400 (OGC), never
ignored.
A `limit` above the maximum is clamped, not refused (OGC Part 1, /req/core/fc-limit-response)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import crs as crs_mod
from .collections import Collection
from .errors import bad_parameter

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
COMMON = {"f", "lang"}
ITEMS = COMMON | {"bbox", "bbox-crs", "crs", "limit", "datetime", "after", "collective_code"}
ITEM = COMMON | {"crs"}
_COLLECTIVE_RE = re.compile(r"^\d{14}$")
_INSTANT = r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?"
_DATETIME_RE = re.compile(rf"^(?:{_INSTANT}|(?:{_INSTANT}|\.\.)?/(?:{_INSTANT}|\.\.)?)$")


@dataclass
class ItemsQuery:
    limit: int
    crs: crs_mod.Crs
    bbox: (
        tuple[float, float, float, float] | None
    )  # x/y in the storage order of bbox_crs (lon/lat, east/north)
    bbox_crs: crs_mod.Crs
    after: object
    collective_code: str | None
    f: str


def check_known(args, allowed: set[str]) -> None:
    unknown = sorted(set(args) - allowed)
    if unknown:
        raise bad_parameter("Unknown query parameter(s): {names}.", names=", ".join(unknown))
    for name in args:
        if len(args.getlist(name)) > 1:
            raise bad_parameter("The parameter {name} is given more than once.", name=name)


def output_format(args, allowed: tuple[str, ...]) -> str:
    f = args.get("f", allowed[0])
    if f not in allowed:
        raise bad_parameter("f must be one of {allowed}.", allowed=", ".join(allowed))
    return f


def parse_crs(args, name: str) -> crs_mod.Crs:
    value = args.get(name)
    if value is None:
        return crs_mod.crs84()
    found = crs_mod.parse(value)
    if found is None:
        raise bad_parameter(
            "The {name} {value} is not supported; see the collection's crs list.", name=name, value=value
        )
    return found


def _limit(args) -> int:
    raw = args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise bad_parameter("limit must be a positive integer.")
    return min(int(raw), MAX_LIMIT)


def _bbox(args, bbox_crs: crs_mod.Crs):
    raw = args.get("bbox")
    if raw is None:
        if "bbox-crs" in args:
            raise bad_parameter("bbox-crs is given without bbox.")
        return None
    try:
        values = [float(v) for v in raw.split(",")]
    except ValueError:
        raise bad_parameter("bbox must be four (or six) comma-separated numbers.") from None
    if len(values) not in (4, 6) or not all(math.isfinite(v) for v in values):
        raise bad_parameter("bbox must be four (or six) comma-separated numbers.")
    if len(values) == 6:  # minx,miny,minz,maxx,maxy,maxz: the heights do not restrict a 2D layer
        values = [values[0], values[1], values[3], values[4]]
    a0, b0, a1, b1 = values
    if a0 > a1 or b0 > b1:
        raise bad_parameter("bbox must give its lower corner before its upper corner.")
    x0, y0, x1, y1 = (b0, a0, b1, a1) if bbox_crs.northing_first else (a0, b0, a1, b1)
    if bbox_crs.srid in (4326, 4490) and not (-180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90):
        raise bad_parameter("bbox is outside the valid range of {crs}.", crs=bbox_crs.uri)
    return x0, y0, x1, y1


def items_query(args, collection: Collection, formats: tuple[str, ...]) -> ItemsQuery:
    check_known(args, ITEMS if collection.scoped else ITEMS - {"collective_code"})
    f = output_format(args, formats)
    out_crs = parse_crs(args, "crs")
    bbox_crs = parse_crs(args, "bbox-crs")
    datetime = args.get("datetime")
    if datetime is not None and not _DATETIME_RE.match(datetime):
        raise bad_parameter("datetime must be an RFC 3339 instant or interval.")
    after = args.get("after")
    if after is not None:
        after = collection.parse_key(after)
        if after is None:
            raise bad_parameter("after is not a key of this collection; follow the next link.")
    collective = args.get("collective_code")
    if collective is not None and not _COLLECTIVE_RE.match(collective):
        raise bad_parameter("collective_code must be a 14-digit collective code.")
    return ItemsQuery(_limit(args), out_crs, _bbox(args, bbox_crs), bbox_crs, after, collective, f)
