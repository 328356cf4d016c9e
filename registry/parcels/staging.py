"""The staging tables of a bulk registration: the features COPYed into `parcel_import`, and their 四至 into
`import_boundaries` once chosen. Both are temporary and dropped at commit."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import shapely
from sqlalchemy import text

from .geometry import SRID

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


class Staged(NamedTuple):
    geoms: np.ndarray  # shapely geometries, EPSG:4490, in the order of the items
    cx: np.ndarray  # their centroids
    cy: np.ndarray


def copy_into_staging(session, items: list, geoms: list) -> Staged:
    # a second batch in the same transaction (the demo, an import script) starts from a clean slate
    session.execute(
        text("DROP TABLE IF EXISTS pg_temp.parcel_import, pg_temp.import_boundaries, pg_temp.import_pairs")
    )
    session.execute(
        text(
            "CREATE TEMP TABLE parcel_import (idx int PRIMARY KEY, code varchar(19), collective_code "
            "varchar(14), "
            "kind varchar(10), category varchar(2), land_class varchar(4), basic_farmland boolean, "
            "name varchar(100), cx float8, cy float8, geom geometry(MultiPolygon, 4490)) ON COMMIT DROP; "
            "CREATE TEMP TABLE import_boundaries (idx int PRIMARY KEY, boundaries jsonb) ON COMMIT DROP"
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
    session.execute(text("ANALYZE parcel_import"))
    return Staged(array, centroids[:, 0], centroids[:, 1])


def copy_boundaries(session, idx: list[int], boundaries: list[str]) -> None:
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cur, cur.copy("COPY import_boundaries (idx, boundaries) FROM STDIN") as cp:
        for row in zip(idx, boundaries, strict=True):
            cp.write_row(row)
