"""County statistics for the reviewer (SEC-01: one county): per collective and per township, members confirmed
and applications pending, households, land contracts, homesteads, exits flagged by the settlement linkage, and
应发尽发 — registered rights against certificates in force. Plain SQL aggregates over the tables."""

from __future__ import annotations

from sqlalchemy import text

from ..certificates.reading import uncertified_rights

COUNTS = (
    "members",
    "pending",
    "households",
    "contracts",
    "homesteads",
    "flagged_exits",
    "certified",
    "missing",
    "rights",
)

_PER_COLLECTIVE = text("""
SELECT c.code, c.name, c.level,
  (SELECT count(*) FROM memberships m WHERE m.collective_code = c.code AND m.status = 'active') AS members,
  (SELECT count(*) FROM membership_applications a
    WHERE a.collective_code = c.code AND a.status = 'pending') AS pending,
  (SELECT count(*) FROM households h WHERE h.collective_code = c.code) AS households,
  (SELECT count(*) FROM land_contracts lc WHERE lc.collective_code = c.code) AS contracts,
  (SELECT count(*) FROM homestead_rights hr WHERE hr.collective_code = c.code AND hr.status = 'active')
    AS homesteads,
  (SELECT count(*) FROM exits e WHERE e.collective_code = c.code AND e.linkage_flag) AS flagged_exits,
  (SELECT count(*) FROM certificates ce WHERE ce.collective_code = c.code AND ce.status = 'issued') AS
      certified
FROM collectives c WHERE c.county_code = :county ORDER BY c.code
""")


def _missing(session, collective_code: str) -> int:
    """Registered rights of the collective with no certificate in force (as the certificates area counts
    them)."""
    return len(uncertified_rights(session, collective_code))


def _rate(row: dict) -> dict:
    row["rights"] = row["certified"] + row["missing"]
    row["rate"] = row["certified"] / row["rights"] if row["rights"] else None
    return row


def county_statistics(session, actor, county: str) -> dict:
    """{"collectives": [...], "townships": [...], "total": {...}}; each row carries COUNTS and `rate`
    (certificates in force / registered rights, None without rights). A township row sums its collectives."""
    actor.require_county(county, "reviewer")
    rows = []
    for r in session.execute(_PER_COLLECTIVE, {"county": county}).mappings():
        row = dict(r)
        row["missing"] = _missing(session, row["code"])
        rows.append(_rate(row))
    names = {r["code"]: r["name"] for r in rows}
    townships: dict[str, dict] = {}
    for r in rows:
        prefix = r["code"][:9]
        t = townships.setdefault(
            prefix,
            {"code": prefix + "00000", "name": names.get(prefix + "00000", prefix), **{k: 0 for k in COUNTS}},
        )
        for k in COUNTS[:-1]:
            t[k] += r[k]
    total = {"code": county, "name": "", **{k: sum(r[k] for r in rows) for k in COUNTS[:-1]}}
    return {"collectives": rows, "townships": [_rate(t) for t in townships.values()], "total": _rate(total)}
