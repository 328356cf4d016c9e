"""`export_county`: the registry's records of one county in the NY/T 2539 layout (EX-12 refuses a text that
GBK cannot hold). One statement per table, streamed; the package is written by `packwriter`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import shapely
from sqlalchemy import text

from .. import clock
from ..certificates.regions import issuing_authority
from ..parcels.geometry import mu
from .bulkgc import collector_paused
from .fields import CERTIFICATE_HISTORY, tdlylx_2007
from .packwriter import write_package
from .transfers import filed_transfers
from .writers import gk_srid

_SIDES = (("DKDZ", "east"), ("DKXZ", "west"), ("DKNZ", "south"), ("DKBZ", "north"))

_FBF = "SELECT code, name FROM collectives WHERE county_code = :county ORDER BY code"
_CBF = """
SELECT h.code, h.party_type, coalesce(p.name, h.name), coalesce(h.id_type, '1'), coalesce(p.id_number,
       h.id_number), coalesce(m.n, 0)
FROM households h LEFT JOIN persons p ON p.id = h.head_person_id
LEFT JOIN (SELECT household_code, count(*) AS n FROM household_members WHERE left_on IS NULL
           AND substr(household_code, 1, 6) = :county GROUP BY household_code) m ON m.household_code = h.code
WHERE substr(h.code, 1, 6) = :county AND h.dissolved_on IS NULL ORDER BY h.code"""
_JTCY = """
SELECT m.household_code, p.name, p.sex, p.id_number, m.relation,
       EXISTS (SELECT 1 FROM land_contracts lc JOIN contract_holders ch ON ch.contract_id = lc.id
               WHERE lc.household_code = m.household_code AND ch.person_id = p.id AND ch.valid_to IS NULL)
FROM household_members m JOIN persons p ON p.id = m.person_id JOIN households h ON h.code = m.household_code
WHERE substr(m.household_code, 1, 6) = :county AND m.left_on IS NULL AND h.party_type = '1'
ORDER BY m.household_code, m.relation <> '02', m.id"""
_DK = f"""
SELECT code, name, category, land_class, basic_farmland, area_m2, round(area_m2 * 3 / 2000, 2),
       {", ".join(f"boundaries->>'{side}'" for _, side in _SIDES)}, ST_AsBinary(geom)
FROM parcels WHERE substr(code, 1, 6) = :county AND status = 'current' AND kind = 'contract' ORDER BY code"""
_CBHT = """
SELECT lc.code, lc.collective_code, lc.household_code, lc.method, t.term_start, t.term_end, f.entry_date,
       f.document_ref
FROM land_contracts lc
JOIN LATERAL (SELECT term_start, term_end FROM contract_register r WHERE r.contract_id = lc.id
              AND r.term_end IS NOT NULL ORDER BY seq DESC LIMIT 1) t ON true
JOIN contract_register f ON f.contract_id = lc.id AND f.seq = 1
WHERE lc.collective_code LIKE :county || '%'
  AND (EXISTS (SELECT 1 FROM contract_parcels cp WHERE cp.contract_id = lc.id AND cp.valid_to IS NULL)
       OR EXISTS (SELECT 1 FROM contract_register r WHERE r.contract_id = lc.id  -- the source of a filed
                  AND r.kind IN ('transfer', 'swap') AND r.details ? 'imported'))  -- LZHT (transfers.py)
ORDER BY lc.code"""
_CBDKXX = """
SELECT p.code, lc.code, p.area_m2 FROM contract_parcels cp JOIN land_contracts lc ON lc.id = cp.contract_id
JOIN parcels p ON p.id = cp.parcel_id
WHERE lc.collective_code LIKE :county || '%' AND cp.valid_to IS NULL ORDER BY p.code"""
# Every land-contract certificate of the county, each line (number) in print order: one scan, grouped by
# `certificate_lines` (a join of each line back to its rows was quadratic: a range probe per line).
_CERTIFICATES = """
SELECT number, id, origin, status, serial, issued_on, content->>'authority', void_reason, voided_on
FROM certificates WHERE kind = 'land_contract' AND collective_code LIKE :county || '%' ORDER BY number, id"""
_HISTORY_TABLES = {status: (table, reason, on) for table, reason, on, status in CERTIFICATE_HISTORY}

# Leases of the management right (LZHT): the fields the registry has no column for as the import kept them.
_LZHT = """
SELECT l.code, lc.code, lc.household_code, l.lessee_id_number, l.start_date, l.end_date, l.land_use,
    l.filed_on,
       n.parcels, n.area, e.details->'imported'
FROM land_leases l JOIN land_contracts lc ON lc.id = l.contract_id
JOIN LATERAL (SELECT count(*) AS parcels, coalesce(sum(p.area_m2), 0) AS area FROM lease_parcels lp
              JOIN parcels p ON p.id = lp.parcel_id WHERE lp.lease_id = l.id) n ON true
LEFT JOIN contract_register e ON e.contract_id = lc.id AND e.kind = 'lease_filed' AND e.details->>'lease' =
    l.code
WHERE l.collective_code LIKE :county || '%' AND l.parent_id IS NULL ORDER BY l.code"""
_LEASED = """
SELECT p.code, l.code FROM land_leases l JOIN lease_parcels lp ON lp.lease_id = l.id JOIN parcels p ON p.id =
    lp.parcel_id
WHERE l.collective_code LIKE :county || '%' AND l.parent_id IS NULL ORDER BY l.start_date, l.code"""

_JBNTBHQ = """
SELECT f.ref, f.area_m2, ST_AsBinary(f.geom) FROM basic_farmland_areas f
WHERE ST_Intersects(f.geom, (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4490) FROM parcels
                             WHERE substr(code, 1, 6) = :county AND status = 'current'))
ORDER BY f.id"""


def _term_text(start: date, end: date) -> str:
    return "长久" if end.isoformat() == "9999-01-01" else f"{start.isoformat()}至{end.isoformat()}"


def _lzht_row(code, contract, household, lessee, start, end, land_use, signed, parcels, area, kept) -> dict:
    kept = kept or {}
    return {
        "CBHTBM": contract,
        "LZHTBM": code,
        "CBFBM": household,
        "SRFBM": kept.get("SRFBM") or lessee[:18],
        "LZFS": kept.get("LZFS") or "900",
        "LZQX": kept.get("LZQX") or _term_text(start, end),
        "LZQXKSRQ": start,
        "LZQXJSRQ": end,
        "LZMJ": area,
        "LZDKS": parcels,
        "LZQTDYT": kept.get("LZQTDYT"),
        "LZHTDYT": land_use,
        "LZJGSM": kept.get("LZJGSM"),
        "HTQDRQ": signed,
        "LZMJM": mu(area),
    }


def certificate_lines(rows):
    """Per certificate line since its latest first issue: (number, serial of the last certificate printed,
    FZRQ and authority of that issue, [(status, reason, date) of every 补发 / 换发 / 注销 since])."""
    for number, line in groupby(rows, key=itemgetter(0)):
        line = list(line)
        first = next((k for k in range(len(line) - 1, -1, -1) if line[k][2] == "issue"), None)
        if first is None:
            continue
        _, _, _, _, _, issued, authority, _, _ = line[first]
        events = [
            (status, reason, on)
            for _, _, _, status, _, _, _, reason, on in line[first:]
            if status != "issued"
        ]
        yield number, line[-1][4], issued, authority, events


def county_records(session, county: str):
    """(tables, dk records, geometries in EPSG:4490) of the county as the package carries them."""
    q = lambda sql: session.execute(text(sql), {"county": county})  # noqa: E731
    fbf = [{"FBFBM": c, "FBFMC": n} for c, n in q(_FBF)]
    cbf = [
        {"CBFBM": c, "CBFLX": t, "CBFMC": n, "CBFZJLX": it, "CBFZJHM": i, "CBFCYSL": k}
        for c, t, n, it, i, k in q(_CBF)
    ]
    jtcy = [
        {
            "CBFBM": h,
            "CYXM": n,
            "CYXB": s,
            "CYZJLX": "1",
            "CYZJHM": i,
            "YHZGX": r,
            "SFGYR": "1" if held else "2",
        }
        for h, n, s, i, r, held in q(_JTCY)
    ]
    dk, wkb = [], []
    for bsm, (code, name, cat, lc, jbnt, area, area_mu, east, west, south, north, geom) in enumerate(
        q(_DK), start=1
    ):
        dk.append(
            {
                "BSM": bsm,
                "YSDM": "211011",
                "DKBM": code,
                "DKMC": name,
                "SYQXZ": "30",
                "DKLB": cat,
                "DLDJ": None,
                "TDLYLX": tdlylx_2007(lc) or None,
                "SFJBNT": "1" if jbnt else "2",
                "TDYT": "1",
                "SCMJ": area,
                "SCMJM": area_mu,  # mu(area) in SQL
                "DKDZ": east,
                "DKXZ": west,
                "DKNZ": south,
                "DKBZ": north,
            }
        )
        wkb.append(geom)
    geoms = list(shapely.from_wkb(wkb)) if wkb else []
    parcels: dict[str, list] = {}
    for p, c, a in q(_CBDKXX):
        parcels.setdefault(c, []).append((p, a))
    leased = dict(q(_LEASED).all())  # a parcel's latest lease
    filed, moved = filed_transfers(session, county)  # LZHT 转让 / 互换 as a package filed them
    cbht, cbdkxx, djb = [], [], []
    for code, issuer, household, method, start, end, registered, ref in q(_CBHT):
        held = parcels.get(code, [])
        total = sum((a for _, a in held), Decimal("0.00"))
        cbht.append(
            {
                "CBHTBM": code,
                "FBFBM": issuer,
                "CBFBM": household,
                "CBFS": method,
                "CBQXQ": start,
                "CBQXZ": end,
                "HTZMJ": total,
                "CBDKZS": len(held),
                "QDSJ": registered,
                "HTZMJM": mu(total),
            }
        )
        cbdkxx += [
            {
                "DKBM": p,
                "FBFBM": issuer,
                "CBFBM": household,
                "CBJYQQDFS": method,
                "HTMJ": a,
                "CBHTBM": code,
                "CBJYQZBM": code,
                "HTMJM": mu(a),
                "LZHTBM": leased.get(p) or moved.get(p),
            }
            for p, a in held
        ]
        djb.append(
            {
                "CBJYQZBM": code,
                "FBFBM": issuer,
                "CBFBM": household,
                "CBFS": method,
                "CBQX": _term_text(start, end),
                "CBQXQ": start,
                "CBQXZ": end,
                "DJSJ": registered,
            }
        )
    serials, qz, history = {}, [], []
    for number, serial, issued, authority, events in certificate_lines(q(_CERTIFICATES)):
        serials[number] = serial
        qz.append(
            {
                "CBJYQZBM": number,
                "FZJG": authority or issuing_authority("land_contract", county),
                "FZRQ": issued,
            }
        )
        history += [(number, *e) for e in events]
    for row in djb:
        row["CBJYQZLSH"] = serials.get(row["CBJYQZBM"])
    contracts = {c["CBHTBM"] for c in cbht}
    qz = [r for r in qz if r["CBJYQZBM"] in contracts]
    lzht = [_lzht_row(*r) for r in q(_LZHT) if r[1] in contracts] + filed
    tables = {
        "FBF": fbf,
        "CBF": cbf,
        "CBF_JTCY": jtcy,
        "CBHT": cbht,
        "CBDKXX": cbdkxx,
        "LZHT": lzht,
        "CBJYQZDJB": djb,
        "CBJYQZ": qz,
        "QSLYZLFJ": [],
    }
    for table, _, _ in _HISTORY_TABLES.values():
        tables[table] = []
    for number, status, reason, on in history:
        if number in contracts:
            table, reason_column, date_column = _HISTORY_TABLES[status]
            tables[table].append({"CBJYQZBM": number, reason_column: reason, date_column: on})
    return tables, dk, geoms


def farmland_records(session, county: str) -> tuple[list[dict], list]:
    """The JBNTBHQ layer: the loaded 永久基本农田 polygons that meet the county's parcels."""
    rows, wkb = [], []
    for bsm, (ref, area, geom) in enumerate(session.execute(text(_JBNTBHQ), {"county": county}), start=1):
        rows.append({"BSM": bsm, "YSDM": "251100", "BHQBH": (ref or str(bsm))[:10], "JBNTMJ": mu(area)})
        wkb.append(bytes(geom))
    return rows, list(shapely.from_wkb(wkb)) if wkb else []


def export_county(session, actor, county: str, out: Path, year: int | None = None) -> Path:
    actor.require_county(county, "reviewer")
    with collector_paused():
        tables, dk, geoms = county_records(session, county)
        longitude = shapely.centroid(shapely.GeometryCollection(geoms)).x if geoms else 114.0
        return write_package(
            out,
            county,
            year or clock.today().year,
            tables,
            dk,
            geoms,
            gk_srid(longitude),
            farmland=farmland_records(session, county),
        )
