"""Bulk registration: many features, every check, all or nothing, one report naming each bad feature.

Set-based: the features are validated in Python (PAR-01, attributes, scope), COPYed into a temporary table,
and checked against the current parcels in one spatial join and against each other by vectorised GEOS
(`batch.py`) (PAR-02); their 四至 are chosen from both, and the parcels go in with one INSERT … SELECT that
computes the geodesic areas (PAR-03).
The whole run holds the global overlap lock exclusively, so no single registration can slip in between.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely
from sqlalchemy import String, any_, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY

from ..audit.services import record
from ..codes import parcel_code, reserve_in_sequence
from ..collectives.models import Collective
from ..errors import Conflict, InvalidInput, RegistryError, RuleViolation
from .county import OUTSIDE_TOLERANCE_M2, county_extent
from .geometry import to_cgcs2000_array, to_cgcs2000_many
from .models import Parcel
from .services import check_attributes, check_code
from .batch import Sides, batch_pairs, boundaries
from .spatial import (
    NEIGHBOUR_TOLERANCE_DEG,
    OVERLAP_TOLERANCE_M2,
    SIDES,
    lock_all_overlap_areas,
    overlap_predicate,
    refresh_boundaries,
    shrunk,
    side_and_contact,
)
from .staging import copy_boundaries, copy_into_staging


@dataclass
class Item:
    idx: int
    collective_code: str
    kind: str
    category: str
    land_class: str | None
    basic_farmland: bool
    name: str | None
    code: str | None


@dataclass
class BulkResult:
    codes: list[str]
    area_m2: object
    by_collective: dict = field(default_factory=dict)


def _parse(index: int, feature: object, default_collective: str | None) -> Item:
    """The non-spatial part of one feature; the geometries are validated together afterwards."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise InvalidInput("Each entry must be a GeoJSON Feature.", errors={"_": ["not a GeoJSON Feature"]})
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise InvalidInput("properties must be an object.", errors={"properties": ["not an object"]})
    collective = props.get("collective_code", default_collective)
    if not isinstance(collective, str):
        raise InvalidInput(
            "collective_code is required.", errors={"properties.collective_code": ["required"]}
        )
    item = Item(
        index,
        collective,
        props.get("kind", "contract"),
        props.get("category", "10"),
        props.get("land_class"),
        props.get("basic_farmland", False),
        props.get("name"),
        props.get("code"),
    )
    if not isinstance(item.basic_farmland, bool):
        raise InvalidInput(
            "basic_farmland must be true or false.",
            errors={"properties.basic_farmland": ["must be true or false"]},
        )
    check_attributes(
        kind=item.kind,
        category=item.category,
        land_class=item.land_class,
        name=item.name,
        field_prefix="properties.",
    )
    if item.code is not None:
        check_code(item.code, item.kind, collective)
    return item


def _report(errors: dict, index: int, err: RegistryError) -> None:
    for key, messages in (err.errors or {"_": [err.detail.format(**err.params)]}).items():
        name = f"features.{index}" if key == "_" else f"features.{index}.{key}"
        errors.setdefault(name, []).extend(messages)


# The batch against the current parcels: a GiST probe per feature within the 四至 tolerance, each pair
# with its PAR-02 verdict and the 四至 side seen from the feature (the far end's 四至 are refreshed after
# the INSERT). The pairs inside the batch are computed by `batch.py`.
_LATERAL, _SIDE, _CONTACT = side_and_contact("q.geom", "q.c", "q.o_geom", "near")
_EXISTING_PAIRS_SQL = text(f"""
CREATE TEMP TABLE import_pairs ON COMMIT DROP AS
SELECT q.idx, q.other_id, q.other_code,
       {overlap_predicate(shrunk("q.geom"), "q.geom", "q.o_geom")} AS overlapping,
       {_SIDE} AS side, {_CONTACT} AS contact
FROM (
    SELECT s.idx, s.geom, ST_SetSRID(ST_MakePoint(s.cx, s.cy), 4490) AS c, p.id AS other_id,
           p.code AS other_code, p.geom AS o_geom
    FROM parcel_import s JOIN parcels p ON p.status = 'current' AND ST_DWithin(p.geom, s.geom, :tol)
    OFFSET 0
) q
{_LATERAL}
""")
_INSERT_SQL = text("""
WITH inserted AS (
    INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, name, geom,
                         area_m2, boundaries, status)
    SELECT s.code, s.collective_code, s.kind, s.category, s.land_class, s.basic_farmland, s.name, s.geom,
           round(ST_Area(geography(s.geom))::numeric, 2), b.boundaries, 'current'
    FROM parcel_import s JOIN import_boundaries b ON b.idx = s.idx
    ORDER BY s.idx
    RETURNING area_m2
)
SELECT count(*), sum(area_m2) FROM inserted
""")


_OUTSIDE_BOUNDARY_SQL = text(
    "SELECT s.idx FROM parcel_import s JOIN county_boundaries b ON b.county_code = left(s.collective_code, "
    "6) "
    "WHERE ST_Area(geography(ST_Difference(s.geom, b.geom))) > :tol ORDER BY s.idx"
)


def register_parcels_bulk(
    session, actor, features: list, *, crs: object = None, collective_code: str | None = None
) -> BulkResult:
    """Register every feature or none; raises InvalidInput (PAR-01 …) or Conflict (PAR-02) with a report
    whose `errors` are keyed `features.<index>[.<field>]` and whose `conflicts` list the existing parcels
    hit."""
    if not isinstance(features, list) or not features:
        raise InvalidInput(
            "A FeatureCollection with at least one feature is required.",
            rule="PAR-01",
            errors={"features": ["at least one feature"]},
        )
    errors: dict[str, list[str]] = {}
    parsed: list[tuple[Item, object, object]] = []
    for index, feature in enumerate(features):
        try:
            parsed.append(
                (_parse(index, feature, collective_code), feature.get("geometry"), feature.get("crs", crs))
            )
        except InvalidInput as err:
            _report(errors, index, err)
    geoms, refused = to_cgcs2000_many([p[1] for p in parsed], [p[2] for p in parsed])
    return _register(session, actor, [p[0] for p in parsed], geoms, refused, errors, len(features))


def register_parcels_array(session, actor, properties: list[dict], geometries, srid: int) -> BulkResult:
    """`register_parcels_bulk` for features read from a file (an exchange package's DK layer): properties as
    the features carry them and shapely (Multi)Polygons in `srid`, without GeoJSON on the way; the same rules,
    the same report keyed `features.<index>`."""
    errors: dict[str, list[str]] = {}
    parsed: list[Item] = []
    kept: list[int] = []
    for index, props in enumerate(properties):
        try:
            parsed.append(_parse(index, {"type": "Feature", "properties": props}, None))
            kept.append(index)
        except InvalidInput as err:
            _report(errors, index, err)
    geoms, refused = to_cgcs2000_array(np.asarray(geometries, dtype=object)[kept], srid)
    return _register(session, actor, parsed, geoms, refused, errors, len(properties))


def _register(
    session, actor, parsed: list[Item], geoms: list, refused: dict, errors: dict, total: int
) -> BulkResult:
    for k, err in refused.items():
        _report(errors, parsed[k].idx, err)
    items = [p for p, g in zip(parsed, geoms, strict=True) if g is not None]
    geoms = [g for g in geoms if g is not None]
    for code in sorted({i.collective_code for i in items}):
        actor.require_collective(code, "clerk", "reviewer")
    _check_collectives_and_codes(session, items, errors)
    for item in _outside_extents(items, geoms):
        errors.setdefault(f"features.{item.idx}", []).append("PAR-04: outside the collective's county")
    lock_all_overlap_areas(session)
    # The 四至 sort of a large batch spills to disk with the default work_mem (JIT is off: migration 0020).
    session.execute(text("SET LOCAL work_mem = '128MB'"))
    _assign_codes(session, [i for i in items if f"features.{i.idx}.properties.collective_code" not in errors])
    conflicts: set[str] = set()
    boundary_rows: list = []
    if items:
        staged = copy_into_staging(session, items, geoms)
        session.execute(
            _EXISTING_PAIRS_SQL, {"tol": NEIGHBOUR_TOLERANCE_DEG, "area_tol": OVERLAP_TOLERANCE_M2}
        )
        for (idx,) in session.execute(_OUTSIDE_BOUNDARY_SQL, {"tol": OUTSIDE_TOLERANCE_M2}):
            errors.setdefault(f"features.{idx}", []).append("PAR-04: outside the county boundary")
        idx = np.array([i.idx for i in items])
        existing = session.execute(
            text(
                "SELECT idx, other_code, overlapping, side, contact FROM import_pairs "
                "ORDER BY idx, other_code"
            )
        ).all()
        for i, code, overlaps, _, _ in existing:
            if overlaps:
                conflicts.add(code)
                errors.setdefault(f"features.{i}", []).append(f"PAR-02: overlaps current parcel {code}")
        inner = batch_pairs(session, staged.geoms, staged.cx, staged.cy)
        for a, b in zip(idx[inner.a[inner.overlapping]].tolist(), idx[inner.b[inner.overlapping]].tolist()):
            errors.setdefault(f"features.{a}", []).append(f"PAR-02: overlaps features.{b} of this batch")
            errors.setdefault(f"features.{b}", []).append(f"PAR-02: overlaps features.{a} of this batch")
        codes = np.array([i.code for i in items])
        boundary_rows = [
            (inner.a, codes[inner.b], inner.seen_from_a),
            (inner.b, codes[inner.a], inner.seen_from_b),
        ]
        if existing:
            pos, other, _, side, contact = zip(*existing, strict=True)
            boundary_rows.append(
                (
                    np.searchsorted(idx, pos),
                    other,
                    Sides(
                        np.array([SIDES.index(x) for x in side], dtype=np.int8),
                        np.array(contact, dtype=float),
                    ),
                )
            )
    if errors:
        _refuse(errors, conflicts, total)
    if items:
        copy_boundaries(session, [i.idx for i in items], boundaries(len(items), boundary_rows))
    return _insert(session, actor, items)


def _array(values) -> object:
    """One array parameter, not an IN list of thousands of placeholders."""
    return bindparam(None, list(values), type_=ARRAY(String))


def _outside_extents(items: list[Item], geoms: list) -> list[Item]:
    """PAR-04's cheap test (`outside_extent`) for the whole batch: one extent per county, bounds by numpy."""
    if not items:
        return []
    bounds = shapely.bounds(np.array(geoms, dtype=object))
    counties = np.array([i.collective_code[:6] for i in items])
    outside = np.zeros(len(items), dtype=bool)
    for county in set(counties.tolist()):
        extent = county_extent(county)
        if extent is not None:
            sel = counties == county
            b = bounds[sel]
            outside[sel] = (
                (b[:, 0] < extent[0]) | (b[:, 1] < extent[1]) | (b[:, 2] > extent[2]) | (b[:, 3] > extent[3])
            )
    return [item for item, out in zip(items, outside.tolist(), strict=True) if out]


def _check_collectives_and_codes(session, items: list[Item], errors: dict) -> None:
    wanted = {i.collective_code for i in items}
    known = (
        set(session.scalars(select(Collective.code).where(Collective.code == any_(_array(wanted)))))
        if wanted
        else set()
    )
    explicit = Counter(i.code for i in items if i.code is not None)
    taken = (
        set(session.scalars(select(Parcel.code).where(Parcel.code == any_(_array(explicit)))))
        if explicit
        else set()
    )
    for i in items:
        if i.collective_code not in known:
            errors.setdefault(f"features.{i.idx}.properties.collective_code", []).append("no such collective")
        if i.code is not None and (i.code in taken or explicit[i.code] > 1):
            errors.setdefault(f"features.{i.idx}.properties.code", []).append(
                "PER-03: code taken" if i.code in taken else "PER-03: code repeated in this batch"
            )


def _refuse(errors: dict, conflicts: set[str], total: int) -> None:
    bad = len({k.split(".")[1] for k in errors})
    only_overlaps = all(m.startswith("PAR-02") for msgs in errors.values() for m in msgs)
    params = {"bad": bad, "total": total}
    if only_overlaps:
        raise Conflict(
            "{bad} of {total} features overlap; nothing was registered.",
            rule="PAR-02",
            params=params,
            errors=errors,
            conflicts=sorted(conflicts),
        )
    if all(m.startswith("PAR-04") for msgs in errors.values() for m in msgs):
        raise RuleViolation(
            "{bad} of {total} features lie outside their collective's county; nothing was registered.",
            rule="PAR-04",
            params=params,
            errors=errors,
        )
    raise InvalidInput(
        "{bad} of {total} features are not valid; nothing was registered.",
        rule="PAR-01",
        params=params,
        errors=errors,
        conflicts=sorted(conflicts) or None,
    )


def _assign_codes(session, items: list[Item]) -> None:
    """Reserve each collective's next codes in feature order; a refused batch rolls the reservation back."""
    per_collective = defaultdict(list)
    for i in items:
        if i.code is None:
            per_collective[i.collective_code].append(i)
    for collective, group in sorted(per_collective.items()):
        first = reserve_in_sequence(session, collective, "parcel", len(group))
        for offset, item in enumerate(group):
            item.code = parcel_code(collective, first + offset)


def _insert(session, actor, items: list[Item]) -> BulkResult:
    count, total = session.execute(_INSERT_SQL).one()
    touched = session.scalars(
        text("SELECT DISTINCT other_id FROM import_pairs WHERE other_id IS NOT NULL")
    ).all()
    if touched:  # current parcels next to the batch gain new neighbours in their 四至
        refresh_boundaries(session, touched, with_neighbours=False)
    codes = [i.code for i in items]
    by_collective = dict(Counter(i.collective_code for i in items))
    record(
        session,
        actor,
        "parcel.bulk_register",
        "parcel_batch",
        f"{codes[0]}…{codes[-1]}",
        after={"count": count, "area_m2": str(total), "by_collective": by_collective, "codes": _runs(codes)},
    )
    return BulkResult(codes, total, by_collective)


def _runs(codes: list[str]) -> list[list[str]]:
    """Codes as [first, last] runs of consecutive numbers: a batch of 100,000 stays a short audit entry."""
    runs: list[list[str]] = []
    for code in sorted(codes):
        if (
            runs
            and code.isdigit()
            and runs[-1][1].isdigit()
            and int(code) == int(runs[-1][1]) + 1
            and code[:14] == runs[-1][1][:14]
        ):
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return runs
