"""The layout into temporary tables by COPY: cg_person, cg_household, cg_parcel (dropped at commit)."""

from __future__ import annotations

import shapely
from sqlalchemy import text

from .common import copy_rows


def stage(session, layout) -> None:
    session.execute(
        text("""
        CREATE TEMP TABLE cg_person (pidx int PRIMARY KEY, id_number varchar(18), name varchar(100),
            sex varchar(1), birth_date date, household_code varchar(18), relation varchar(2)) ON COMMIT DROP;
        CREATE TEMP TABLE cg_household (code varchar(18) PRIMARY KEY, collective_code varchar(14),
            head_pidx int) ON COMMIT DROP;
        CREATE TEMP TABLE cg_parcel (idx int PRIMARY KEY, code varchar(19), collective_code varchar(14),
            kind varchar(10), household_code varchar(18), geom geometry(Polygon, 4490),
            east int, south int, west int, north int) ON COMMIT DROP""")
    )
    p, h = layout.persons, layout.households
    hcode = h["code"]
    copy_rows(
        session,
        "cg_person",
        ("pidx", "id_number", "name", "sex", "birth_date", "household_code", "relation"),
        zip(
            range(len(p["id_number"])),
            p["id_number"].tolist(),
            p["name"].tolist(),
            p["sex"].tolist(),
            p["birth"].astype(str).tolist(),
            hcode[p["household"]].tolist(),
            p["relation"].tolist(),
        ),
    )
    copy_rows(
        session,
        "cg_household",
        ("code", "collective_code", "head_pidx"),
        zip(hcode.tolist(), layout.groups[h["group"]].tolist(), h["head"].tolist()),
    )
    q = layout.parcels
    wkb = shapely.to_wkb(shapely.set_srid(shapely.polygons(q["ring"]), 4490), hex=True, include_srid=True)
    s = q["sides"]
    copy_rows(
        session,
        "cg_parcel",
        (
            "idx",
            "code",
            "collective_code",
            "kind",
            "household_code",
            "geom",
            "east",
            "south",
            "west",
            "north",
        ),
        zip(
            range(len(wkb)),
            q["code"].tolist(),
            layout.groups[q["group"]].tolist(),
            q["kind"].tolist(),
            q["household"].tolist(),
            wkb.tolist(),
            s["east"].tolist(),
            s["south"].tolist(),
            s["west"].tolist(),
            s["north"].tolist(),
        ),
    )
    session.execute(text("ANALYZE cg_person; ANALYZE cg_household; ANALYZE cg_parcel"))
