"""EX-02 (mandatory tables and fields), EX-04 (the Gauss-Krüger zone) and EX-11 (code lists)."""

from __future__ import annotations


import numpy as np
import shapely

from ..fields import (
    CODE_LISTS,
    DK_MANDATORY,
    MANDATORY_FIELDS,
    MANDATORY_TABLES,
)
from ..findings import Finding, error
from ..parties import method_letter
from .data import Data


def ex02_mandatory(d: Data) -> list[Finding]:
    out = []
    for table in MANDATORY_TABLES:
        if table not in d.tables:
            out.append(error("EX-02", table, "", "The mandatory table {table} is missing.", table=table))
    for table, names in MANDATORY_FIELDS.items():
        if table not in d.tables:
            continue
        missing = [n for n in names if n not in d.columns.get(table, ())]
        if missing:
            out.append(
                error(
                    "EX-02",
                    table,
                    "",
                    "Table {table} lacks the fields {fields}.",
                    table=table,
                    fields=", ".join(missing),
                )
            )
            continue
        for row in d.tables[table]:
            empty = [n for n in names if row.get(n) is None]
            if empty:
                out.append(
                    error(
                        "EX-02",
                        table,
                        str(row.get(names[0]) or ""),
                        "Empty mandatory fields {fields}.",
                        fields=", ".join(empty),
                    )
                )
    missing = [n for n in DK_MANDATORY if n not in d.dk_fields]
    if missing:
        out.append(error("EX-02", "DK", "", "Layer DK lacks the fields {fields}.", fields=", ".join(missing)))
    return out


def ex04_zone(d: Data) -> list[Finding]:
    if d.central_meridian is None or not d.geoms:
        return []
    lon = shapely.get_coordinates(shapely.centroid(np.array(d.geoms, dtype=object)))[:, 0]
    return [
        error(
            "EX-04",
            "DK",
            r.get("DKBM") or "",
            "The parcel lies outside the zone of the .prj (CM {cm}°E).",
            cm=f"{d.central_meridian:g}",
        )
        for r, x in zip(d.dk, lon, strict=True)
        if abs(x - d.central_meridian) > 1.6
    ]


_LISTED = (
    ("DK", "DKLB"),
    ("DK", "TDLYLX"),
    ("DK", "SYQXZ"),
    ("CBHT", "CBFS"),
    ("CBF_JTCY", "YHZGX"),
    ("CBF_JTCY", "CYXB"),
    ("CBF", "CBFLX"),
)


def ex11_code_lists(d: Data) -> list[Finding]:
    out = []
    for source, column in _LISTED:
        rows = d.dk if source == "DK" else d.rows(source)
        key = {"DK": "DKBM", "CBHT": "CBHTBM"}.get(source, "CBFBM")
        allowed = CODE_LISTS[column]
        for r in rows:
            v = r.get(column)
            if v is not None and v not in allowed:
                out.append(
                    error(
                        "EX-11",
                        source,
                        r.get(key) or "",
                        "{column} {value} is not in the code list.",
                        column=column,
                        value=v,
                    )
                )
    for r in d.rows("CBHT"):
        if r.get("CBFS") in CODE_LISTS["CBFS"] and method_letter(r["CBFS"]) is None:
            out.append(
                error(
                    "EX-11",
                    "CBHT",
                    r.get("CBHTBM") or "",
                    "CBFS {value}: the registry holds family contracts, transfers, swaps and contracts by "
                    "other methods (121, 122, 123, 129) only.",
                    value=r["CBFS"],
                )
            )
    return out
