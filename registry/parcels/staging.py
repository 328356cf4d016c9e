"""The staging tables of a bulk registration: the features COPYed into `parcel_import`, and the pairs of
features whose widened bounding boxes meet (one STRtree query, COPYed in binary) into `import_candidates`.
Both are temporary and dropped at commit."""

from __future__ import annotations

import numpy as np
import shapely
from sqlalchemy import text

from .geometry import SRID
from .spatial import NEIGHBOUR_TOLERANCE_DEG

_COLUMNS = (
    "idx",
    "code",
    "collective_code",
    "kind",
    "category",
    "land_class",
    "basic_farmland",
    "name",
    "cx",
    "cy",
    "geom",
)


def copy_into_staging(session, items: list, geoms: list) -> None:
    # a second batch in the same transaction (the demo, an import script) starts from a clean slate
    session.execute(
        text("DROP TABLE IF EXISTS pg_temp.parcel_import, pg_temp.import_candidates, pg_temp.import_pairs")
    )
    session.execute(
        text(
            "CREATE TEMP TABLE parcel_import (idx int PRIMARY KEY, code varchar(19), collective_code "
            "varchar(14), "
            "kind varchar(10), category varchar(2), land_class varchar(4), basic_farmland boolean, "
            "name varchar(100), cx float8, cy float8, geom geometry(MultiPolygon, 4490)) ON COMMIT DROP; "
            "CREATE TEMP TABLE import_candidates (a int, b int) ON COMMIT DROP"
        )
    )
    array = shapely.set_srid(np.array(geoms, dtype=object), SRID)
    ewkb = shapely.to_wkb(array, hex=True, include_srid=True)
    centroids = shapely.get_coordinates(shapely.centroid(array))
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cur:
        with cur.copy(f"COPY parcel_import ({', '.join(_COLUMNS)}) FROM STDIN") as cp:
            for i, wkb, (cx, cy) in zip(items, ewkb, centroids, strict=True):
                cp.write_row(
                    (
                        i.idx,
                        i.code,
                        i.collective_code,
                        i.kind,
                        i.category,
                        i.land_class,
                        i.basic_farmland,
                        i.name,
                        cx,
                        cy,
                        wkb,
                    )
                )
        with cur.copy("COPY import_candidates (a, b) FROM STDIN (FORMAT binary)") as cp:
            cp.write(_binary_pairs(*_candidate_pairs(array, [i.idx for i in items])))
    session.execute(text("ANALYZE parcel_import, import_candidates"))


def _candidate_pairs(geoms, idx: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a < b) of batch features whose bounding boxes, widened by the 四至 tolerance, meet: one STRtree
    query in C instead of a GiST probe per feature. The exact distance test stays in SQL (PostGIS
    semantics)."""
    tree = shapely.STRtree(geoms)
    b = shapely.bounds(geoms)
    tol = NEIGHBOUR_TOLERANCE_DEG
    left, right = tree.query(shapely.box(b[:, 0] - tol, b[:, 1] - tol, b[:, 2] + tol, b[:, 3] + tol))
    ids = np.asarray(idx, dtype=np.int64)
    a, o = ids[left], ids[right]
    keep = a < o
    return a[keep], o[keep]


def _binary_pairs(a: np.ndarray, b: np.ndarray) -> bytes:
    """COPY BINARY rows of (int4, int4) built by numpy: no Python per pair."""
    rows = np.empty(len(a), dtype=[("n", ">i2"), ("la", ">i4"), ("a", ">i4"), ("lb", ">i4"), ("b", ">i4")])
    rows["n"], rows["la"], rows["a"], rows["lb"], rows["b"] = 2, 4, a, 4, b
    return b"PGCOPY\n\xff\r\n\x00" + bytes(8) + rows.tobytes() + b"\xff\xff"
