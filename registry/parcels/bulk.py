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
from sqlalchemy import text

from ..audit.services import record
from ..codes import parcel_code, reserve_in_sequence
from ..errors import InvalidInput
from .batch import Sides, batch_pairs, boundaries
from .bulk_checks import (
    Item,
    check_collectives_and_codes,
    outside_extents,
    parse_feature,
    refuse,
    report,
)
from .county import OUTSIDE_TOLERANCE_M2
from .geometry import to_cgcs2000_array, to_cgcs2000_many
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
class BulkResult:
    codes: list[str]
    area_m2: object
    by_collective: dict = field(default_factory=dict)


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
                (
                    parse_feature(index, feature, collective_code),
                    feature.get("geometry"),
                    feature.get("crs", crs),
                )
            )
        except InvalidInput as err:
            report(errors, index, err)
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
            parsed.append(parse_feature(index, {"type": "Feature", "properties": props}, None))
            kept.append(index)
        except InvalidInput as err:
            report(errors, index, err)
    geoms, refused = to_cgcs2000_array(np.asarray(geometries, dtype=object)[kept], srid)
    return _register(session, actor, parsed, geoms, refused, errors, len(properties))


def _register(
    session, actor, parsed: list[Item], geoms: list, refused: dict, errors: dict, total: int
) -> BulkResult:
    for k, err in refused.items():
        report(errors, parsed[k].idx, err)
    items = [p for p, g in zip(parsed, geoms, strict=True) if g is not None]
    geoms = [g for g in geoms if g is not None]
    for code in sorted({i.collective_code for i in items}):
        actor.require_collective(code, "clerk", "reviewer")
    check_collectives_and_codes(session, items, errors)
    for item in outside_extents(items, geoms):
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
        refuse(errors, conflicts, total)
    if items:
        copy_boundaries(session, [i.idx for i in items], boundaries(len(items), boundary_rows))
    return _insert(session, actor, items)


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
