"""A parcel's boundary re-surveyed: its geometry changes as its own, audited registration — never a silent
overwrite (RG-01) — with PAR-01 validity, PAR-02 overlap against the others and PAR-03 area. No Flask here."""

from __future__ import annotations

from geoalchemy2.shape import from_shape, to_shape
from shapely.geometry import mapping
from sqlalchemy import text

from ..audit.services import record
from ..errors import Conflict, InvalidInput
from .geometry import SRID, as_multipolygon, check_valid, round_m2
from .models import Parcel
from .services import get_parcel
from .spatial import NEIGHBOUR_TOLERANCE_DEG, lock_overlap_area, overlaps_and_area, refresh_boundaries

_NEIGHBOURS = text(
    "SELECT n.id FROM parcels n, parcels p WHERE p.id = :id AND n.id <> p.id "
    "AND n.status = 'current' AND ST_DWithin(n.geom, p.geom, :tol)"
)


def change_parcel_geometry(session, actor, code: str, geom, *, reason: str) -> Parcel:
    """Replace a current parcel's geometry (already in EPSG:4490); the old and the new shape go into the audit
    entry with the reason; the 四至 of the parcel and of its old and new neighbours follow."""
    parcel = get_parcel(session, actor, code, for_update=True)
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput(
            "A reason is required to change a parcel's boundary.",
            rule="RG-01",
            errors={"reason": ["required"]},
        )
    if parcel.status != "current":
        raise Conflict(
            "Parcel {code} is retired; its boundary no longer changes.", rule="RG-01", params={"code": code}
        )
    geom = as_multipolygon(geom)
    check_valid(geom)
    lock_overlap_area(session, geom)
    conflicts, area, _ = overlaps_and_area(
        session, geom, exclude_ids=[parcel.id], collective_code=parcel.collective_code
    )
    if conflicts:
        raise Conflict(
            "The parcel overlaps current parcels: {codes}.",
            rule="PAR-02",
            params={"codes": ", ".join(conflicts)},
            conflicts=conflicts,
        )
    old_neighbours = session.scalars(_NEIGHBOURS, {"id": parcel.id, "tol": NEIGHBOUR_TOLERANCE_DEG}).all()
    before = {"geometry": mapping(to_shape(parcel.geom)), "area_m2": str(parcel.area_m2)}
    parcel.geom = from_shape(geom, srid=SRID)
    parcel.area_m2 = round_m2(area)
    session.flush()
    refresh_boundaries(session, [parcel.id, *old_neighbours])
    session.refresh(parcel)
    record(
        session,
        actor,
        "parcel.change_geometry",
        "parcel",
        code,
        before=before,
        after={"geometry": mapping(geom), "area_m2": str(parcel.area_m2), "reason": reason.strip()},
    )
    return parcel
