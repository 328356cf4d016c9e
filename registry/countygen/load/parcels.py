"""The parcels with their area and 四至; the parcel code sequences."""

from __future__ import annotations

from ...parcels.spatial import NO_NEIGHBOUR
from .common import counts, sequences


def load(session) -> dict:
    none = NO_NEIGHBOUR
    n = counts(
        session,
        """
        INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, name, geom,
                             area_m2, boundaries, status)
        SELECT s.code, s.collective_code, s.kind, '10', CASE WHEN s.kind = 'contract' THEN '0103' ELSE '0702'
            END,
               false, NULL, ST_Multi(s.geom), round(ST_Area(geography(s.geom))::numeric, 2),
               jsonb_build_object('east', coalesce(e.code, :none), 'south', coalesce(so.code, :none),
                                  'west', coalesce(w.code, :none), 'north', coalesce(no.code, :none)),
                                      'current'
        FROM cg_parcel s LEFT JOIN cg_parcel e ON e.idx = s.east LEFT JOIN cg_parcel so ON so.idx = s.south
        LEFT JOIN cg_parcel w ON w.idx = s.west LEFT JOIN cg_parcel no ON no.idx = s.north
        ORDER BY s.idx""",
        {"none": none},
    )
    sequences(
        session,
        "SELECT substr(code, 1, 14), 'parcel', count(*) FROM cg_parcel WHERE kind = 'contract' GROUP BY 1",
    )
    sequences(
        session,
        "SELECT substr(code, 1, 14), 'parcel', count(*) FROM cg_parcel WHERE kind = 'homestead' GROUP BY 1",
    )
    return {"parcels": n}
