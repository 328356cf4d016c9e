"""One registration in two statements once the overlap lock is held (PAR-02, PAR-03, 四至, PER-03).

1. `check_and_number`: the PAR-02 conflicts, the geodesic area, whether the collective exists, the next
   parcel number of the collective and the actor's audit chain head, locked (a refusal rolls both back).
2. `insert_with_boundaries`: the INSERT, the 四至 of the new parcel and of every neighbour, and the audit
    entry,
   in ONE statement.
   Its CTEs see the table as it was before the INSERT, so the new parcel joins the neighbours' candidates as a
   literal row: the result equals `refresh_boundaries` run after the INSERT, one round trip sooner.
"""

from __future__ import annotations

from typing import NamedTuple

import shapely
from sqlalchemy import text

from ..audit.services import APPEND_CTES, HEAD_CTE, ChainHead, head_params
from ..codes import SEQUENCE_RANGES
from ..errors import InvalidInput
from .spatial import (
    EMPTY_BOUNDARIES,
    NEIGHBOUR_TOLERANCE_DEG,
    NO_NEIGHBOUR,
    OVERLAP_TOLERANCE_M2,
    best_per_side,
    boundaries_json,
    overlap_predicate,
    shrunk,
    side_and_contact,
)

_CHECK_SQL = text(f"""
WITH g0 AS (SELECT ST_GeomFromWKB(:wkb, 4490) AS geom),
g AS (SELECT geom, {shrunk("geom")} AS inner_geom FROM g0),
head AS ({HEAD_CTE}),
seq AS (
    INSERT INTO code_sequences (scope, kind, last_value) SELECT :collective, 'parcel', 1 WHERE :allocate
    ON CONFLICT (scope, kind) DO UPDATE SET last_value = code_sequences.last_value + 1 RETURNING last_value
)
SELECT ARRAY(SELECT p.code FROM parcels p WHERE p.status = 'current' AND p.geom && g.geom
             AND {overlap_predicate("g.inner_geom", "g.geom", "p.geom")} ORDER BY p.code),
       ST_Area(geography(g.geom)), EXISTS (SELECT 1 FROM collectives WHERE code = :collective),
       (SELECT last_value FROM seq), head.chain_seq, head.prev_hash, head.seq
FROM g, head
""")


class Checked(NamedTuple):
    conflicts: list[str]
    area_m2: float
    collective_known: bool
    number: int | None
    audit_head: ChainHead


def check_and_number(session, actor, geom, collective_code: str, *, allocate: bool) -> Checked:
    conflicts, area, known, number, *head = session.execute(
        _CHECK_SQL,
        {
            **head_params(actor),
            "wkb": shapely.to_wkb(geom),
            "collective": collective_code,
            "allocate": allocate,
            "area_tol": OVERLAP_TOLERANCE_M2,
        },
    ).one()
    if number is not None and number > SEQUENCE_RANGES["parcel"][1]:
        raise InvalidInput(
            "The {kind} code sequence of {scope} is exhausted.",
            rule="PER-03",
            params={"kind": "parcel", "scope": collective_code},
        )
    return Checked(list(conflicts), area, known, number, ChainHead(head_params(actor)["audit_chain"], *head))


_LATERAL, _SIDE, _CONTACT = side_and_contact("t.geom", "t.c", "n.geom", "d")
_INSERT_SQL = text(f"""
WITH g AS (SELECT ST_GeomFromWKB(:wkb, 4490) AS geom),
t AS (
    SELECT 0 AS id, g.geom, ST_Centroid(g.geom) AS c FROM g
    UNION ALL
    SELECT p.id, p.geom, ST_Centroid(p.geom) FROM parcels p, g
    WHERE p.status = 'current' AND ST_DWithin(p.geom, g.geom, :tol)
),
pairs AS (
    SELECT t.id, n.code, {_SIDE} AS side, {_CONTACT} AS contact
    FROM t CROSS JOIN LATERAL (
        SELECT p.code, p.geom FROM parcels p
        WHERE p.status = 'current' AND p.id <> t.id AND ST_DWithin(p.geom, t.geom, :tol)
        UNION ALL
        SELECT CAST(:code AS varchar), g.geom FROM g WHERE t.id <> 0 AND ST_DWithin(g.geom, t.geom, :tol)
    ) n
    {_LATERAL}
),
computed AS (
    SELECT t.id, coalesce(b.boundaries, {EMPTY_BOUNDARIES}) AS boundaries
    FROM t LEFT JOIN ({boundaries_json(best_per_side("SELECT id, code, side, contact FROM pairs"))}) b ON b.id
        = t.id
),
new AS (
    INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, name, geom,
        area_m2,
                         boundaries, status)
    SELECT :code, :collective_code, :kind, :category, :land_class, :basic_farmland, :name, g.geom, :area_m2,
           c.boundaries, 'current'
    FROM g JOIN computed c ON c.id = 0
    RETURNING id, created_at, boundaries
),
changed AS (
    UPDATE parcels p SET boundaries = c.boundaries FROM computed c
    WHERE c.id <> 0 AND p.id = c.id AND p.boundaries IS DISTINCT FROM c.boundaries
    RETURNING p.id
), {APPEND_CTES}
SELECT new.id, new.created_at, new.boundaries, (SELECT count(*) FROM changed),
       CASE WHEN CAST(:plan_cache_mode AS text) IS NOT NULL THEN set_config('plan_cache_mode',
           :plan_cache_mode, true) END
FROM new
""")


def insert_with_boundaries(session, geom, values: dict, audit: dict, plan_cache_mode: str | None):
    """INSERT the parcel, refresh the 四至 around it and store the audit entry (`prepare_entry`'s parameters);
    restores `plan_cache_mode` where the lock changed it; returns (id, created_at, its 四至)."""
    row = session.execute(
        _INSERT_SQL,
        {
            **values,
            **audit,
            "wkb": shapely.to_wkb(geom),
            "tol": NEIGHBOUR_TOLERANCE_DEG,
            "none": NO_NEIGHBOUR,
            "plan_cache_mode": plan_cache_mode,
        },
    ).one()
    return row[0], row[1], row[2]
