"""Parcel registration, retirement and reads (PAR-01..03). Services take (session, actor, ...); no Flask
here."""

from __future__ import annotations

import re
from typing import Protocol

import shapely
from geoalchemy2.shape import from_shape, to_shape
from shapely.geometry import mapping
from sqlalchemy import func, select, text
from sqlalchemy.orm import make_transient_to_detached

from ..audit.services import prepare_entry, record
from ..codelists import PARCEL_CATEGORY
from ..codes import parcel_code, parse_collective_code, parse_parcel_code
from ..errors import Conflict, InvalidInput, NotFound
from .county import check_in_boundary, check_in_extent
from .geometry import SRID, as_multipolygon, check_valid, mu, round_m2, to_cgcs2000
from .models import Parcel
from .single import check_and_number, insert_with_boundaries
from .spatial import find_overlaps, lock_overlap_area_outside, on_basic_farmland, refresh_boundaries
from .. import clock

__all__ = [
    "register_parcel",
    "register_parcel_feature",
    "find_overlaps",
    "retire_parcel",
    "on_basic_farmland",
    "parcel_feature",
    "get_parcel",
    "parcels_in_bbox",
    "RETIRE_GUARDS",
]

KINDS = ("contract", "homestead")
CATEGORIES = tuple(PARCEL_CATEGORY)  # NY/T 2539 地块类别
_HOMESTEAD_CODE_RE = re.compile(r"^\d{12}JC\d{5}$")  # 宗地代码: county 6 + zone 3 + sub-zone 3 + JC + plot 5


class RetireGuard(Protocol):
    """A plug-in point: an area above refuses the retirement of a parcel it still holds a right on (e.g. an
    active homestead right) by raising a RegistryError naming its rule; registered in that area's plug_in."""

    def __call__(self, session, parcel: Parcel) -> None: ...


RETIRE_GUARDS: list[RetireGuard] = []


def register_retire_guard(guard: RetireGuard) -> None:
    if guard not in RETIRE_GUARDS:
        RETIRE_GUARDS.append(guard)


def check_attributes(
    *, kind: str, category: str, land_class: str | None, name: str | None, field_prefix: str = ""
) -> None:
    """The descriptive fields of a parcel; raises InvalidInput naming the field."""
    problems = {}
    if kind not in KINDS:
        problems["kind"] = "must be contract or homestead"
    if category not in CATEGORIES:
        problems["category"] = "must be one of 10, 21, 22, 23, 99 (NY/T 2539)"
    if land_class is not None and not (
        isinstance(land_class, str) and len(land_class) == 4 and land_class.isascii() and land_class.isdigit()
    ):  # GB/T 21010
        problems["land_class"] = "must be a 4-digit GB/T 21010 class such as 0103"
    if name is not None and (not isinstance(name, str) or len(name) > 100):
        problems["name"] = "at most 100 characters"
    if problems:
        raise InvalidInput(
            "The parcel attributes are not valid; see errors.",
            rule="PER-03",
            errors={field_prefix + k: [v] for k, v in problems.items()},
        )


def check_code(code: str, kind: str, collective_code: str) -> None:
    """An explicit code: 19 digits under the collective for contract land, a 宗地代码 in its county
    otherwise."""
    if kind == "homestead":
        if not (isinstance(code, str) and _HOMESTEAD_CODE_RE.match(code) and code[:6] == collective_code[:6]):
            raise InvalidInput(
                "{field} is not a 宗地代码 of the collective's county.",
                rule="PER-03",
                params={"field": "code"},
                errors={"code": ["not a 19-character 宗地代码"]},
            )
        return
    parse_parcel_code(code, "code")
    if code[:14] != collective_code:
        raise InvalidInput(
            "{field} must start with the collective code.",
            rule="PER-03",
            params={"field": "code"},
            errors={"code": ["must start with the collective code"]},
        )


def register_parcel(
    session,
    actor,
    geom,
    *,
    collective_code,
    kind="contract",
    category="10",
    land_class=None,
    basic_farmland=False,
    name=None,
    code=None,
) -> Parcel:
    """Register one parcel: PAR-01 validity, PAR-02 overlap under the area lock, PAR-03 area, 四至, audit."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    parse_collective_code(collective_code, "collective_code")
    check_attributes(kind=kind, category=category, land_class=land_class, name=name)
    if code is not None:
        check_code(code, kind, collective_code)
    geom = as_multipolygon(geom)
    check_valid(geom)
    check_in_extent(geom, collective_code)
    # The lock is its own statement: in READ COMMITTED the overlap query must start after the lock is granted
    # to see what the writer before us committed. PAR-04's boundary area rides along (a refusal rolls back).
    locked = lock_overlap_area_outside(session, geom, collective_code[:6])
    check_in_boundary(locked.outside_m2, collective_code)
    conflicts, area, collective_known, number, audit_head = check_and_number(
        session, actor, geom, collective_code, allocate=code is None
    )
    if not collective_known:
        raise NotFound("Collective {code} does not exist.", params={"code": collective_code})
    if conflicts:
        raise Conflict(
            "The parcel overlaps current parcels: {codes}.",
            rule="PAR-02",
            params={"codes": ", ".join(conflicts)},
            conflicts=conflicts,
        )
    if code is None:
        code = parcel_code(collective_code, number)
    elif session.scalar(select(Parcel.id).where(Parcel.code == code)) is not None:
        raise Conflict(
            "Parcel code {code} is taken; codes are never reused.",
            rule="PER-03",
            params={"code": code},
            conflicts=[code],
        )
    values = dict(
        code=code,
        collective_code=collective_code,
        kind=kind,
        category=category,
        land_class=land_class,
        basic_farmland=bool(basic_farmland),
        name=name,
        area_m2=round_m2(area),
    )
    parcel = Parcel(
        **values, geom=from_shape(geom, srid=SRID), status="current", retired_at=None, retire_reason=None
    )
    _, audit = prepare_entry(
        audit_head,
        "parcel.register",
        "parcel",
        code,
        after={**_attributes(parcel), "geometry": mapping(geom)},
    )
    parcel.id, parcel.created_at, parcel.boundaries = insert_with_boundaries(
        session, geom, values, audit, locked.plan_cache_mode
    )
    make_transient_to_detached(
        parcel
    )  # the row exists: the instance joins the session as loaded, not pending
    session.add(parcel)
    return parcel


def register_parcel_feature(session, actor, feature: dict) -> Parcel:
    """POST /parcels: a GeoJSON Feature (geometry in its `crs`) with the parcel's properties."""
    props = feature["properties"]
    actor.require_collective(props["collective_code"], "clerk", "reviewer")
    geom = to_cgcs2000(feature["geometry"], feature.get("crs"))
    return register_parcel(
        session,
        actor,
        geom,
        collective_code=props["collective_code"],
        category=props.get("category", "10"),
        land_class=props.get("land_class"),
        basic_farmland=props.get("basic_farmland", False),
        name=props.get("name"),
    )


def get_parcel(session, actor, code: str, *, for_update: bool = False) -> Parcel:
    stmt = select(Parcel).where(Parcel.code == code)
    parcel = session.scalar(stmt.with_for_update() if for_update else stmt)
    if parcel is None:
        raise NotFound("Parcel {code} does not exist.", params={"code": code})
    actor.require_collective(parcel.collective_code, "clerk", "reviewer")
    return parcel


def retire_parcel(session, actor, code: str, reason: str) -> Parcel:
    """Take a parcel out of the current map (split, merged, expropriated…); its code is never reused."""
    parcel = get_parcel(session, actor, code, for_update=True)
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput(
            "A reason is required to retire a parcel.", rule="RG-01", errors={"reason": ["required"]}
        )
    if parcel.status == "retired":
        raise Conflict("Parcel {code} is retired already.", rule="RG-01", params={"code": code})
    for guard in RETIRE_GUARDS:
        guard(session, parcel)
    before = _attributes(parcel)
    parcel.status = "retired"
    parcel.retired_at = clock.now()
    parcel.retire_reason = reason.strip()
    session.flush()
    refresh_boundaries(session, [parcel.id])  # the neighbours lose it from their 四至
    record(session, actor, "parcel.retire", "parcel", code, before=before, after=_attributes(parcel))
    return parcel


def parcels_in_bbox(session, actor, bbox, *, status: str = "current", collective_code: str | None = None):
    """A select of the parcels in a lon/lat bbox within the actor's scope, ordered by code (page it)."""
    stmt = select(Parcel).order_by(Parcel.code)
    if status == "current":  # a literal, so the planner can use the partial GiST index of current parcels
        stmt = stmt.where(text("parcels.status = 'current'"))
    elif status != "all":
        stmt = stmt.where(Parcel.status == status)
    if bbox is not None:
        stmt = stmt.where(func.ST_Intersects(Parcel.geom, func.ST_MakeEnvelope(*bbox, SRID)))
    if collective_code is not None:
        actor.require_collective(collective_code, "clerk", "reviewer")
        stmt = stmt.where(Parcel.collective_code == collective_code)
    elif actor.role == "clerk":
        stmt = stmt.where(Parcel.collective_code == actor.scope)
    elif actor.role != "admin":
        actor.require_role("clerk", "reviewer")
        stmt = stmt.where(Parcel.collective_code.startswith(actor.county))
    return stmt


def _attributes(parcel: Parcel) -> dict:
    return {
        "code": parcel.code,
        "collective_code": parcel.collective_code,
        "kind": parcel.kind,
        "category": parcel.category,
        "land_class": parcel.land_class,
        "basic_farmland": parcel.basic_farmland,
        "name": parcel.name,
        "area_m2": str(parcel.area_m2),
        "status": parcel.status,
        "retire_reason": parcel.retire_reason,
    }


def parcel_feature(parcel: Parcel) -> dict:
    """The parcel as a GeoJSON Feature in EPSG:4490 lon/lat, with areas in m² and mu (PAR-03) and 四至."""
    geom = to_shape(parcel.geom) if not isinstance(parcel.geom, shapely.Geometry) else parcel.geom
    return {
        "type": "Feature",
        "id": parcel.code,
        "crs": f"EPSG:{SRID}",
        "geometry": mapping(geom),
        "properties": {
            "code": parcel.code,
            "collective_code": parcel.collective_code,
            "kind": parcel.kind,
            "category": parcel.category,
            "land_class": parcel.land_class,
            "basic_farmland": parcel.basic_farmland,
            "name": parcel.name,
            "area_m2": float(parcel.area_m2),
            "area_mu": float(mu(parcel.area_m2)),
            "boundaries": parcel.boundaries or dict.fromkeys(("east", "south", "west", "north"), "—"),
            "status": parcel.status,
            "retired_at": parcel.retired_at.isoformat() if parcel.retired_at else None,
            "retire_reason": parcel.retire_reason,
        },
    }
