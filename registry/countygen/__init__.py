"""A generated county for benchmarks (`flask demo county --parcels N --persons M [--county CODE]`).

`generate_county` builds the county in memory (layout.py), loads it set-based in the caller's transaction
(load/) and writes one audit entry per loaded batch, as the areas' own bulk paths do. Certificates are
issued
through the certificates area itself (应发尽发) for the first `certified_groups` groups: per right, so a
full county's certificates are a job of their own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import text

from ..audit.services import record
from ..auth.actor import SYSTEM
from ..errors import Conflict, InvalidInput
from . import load
from .layout import build_layout

DEFAULT_COUNTY = "410184"


@dataclass
class CountySummary:
    county: str
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        return (
            [f"county {self.county}"]
            + [f"  {k}: {v}" for k, v in self.counts.items()]
            + ["  seconds: " + ", ".join(f"{k} {v}" for k, v in self.seconds.items())]
        )


def generate_county(
    session,
    parcels: int,
    persons: int,
    *,
    county: str = DEFAULT_COUNTY,
    seed: int = 1,
    certified_groups: int = 0,
    origin=(113.70, 34.40),
) -> CountySummary:
    if not (len(county) == 6 and county.isdigit() and county[4:] != "00"):
        raise InvalidInput("--county must be a 6-digit county code.", rule="PER-03")
    if parcels < 1 or persons < 1:
        raise InvalidInput("A county needs at least one parcel and one person.")
    if session.scalar(text("SELECT 1 FROM collectives WHERE county_code = :c LIMIT 1"), {"c": county}):
        raise Conflict(
            "County {county} has collectives already; generate another county code.",
            params={"county": county},
        )
    t0 = time.perf_counter()
    layout = build_layout(county, parcels, persons, origin=origin, seed=seed)
    summary = CountySummary(county)
    summary.seconds["layout"] = round(time.perf_counter() - t0, 1)
    session.execute(text("SET LOCAL work_mem = '256MB'"))
    t0 = time.perf_counter()
    load.staging.stage(session, layout)
    summary.seconds["staging"] = round(time.perf_counter() - t0, 1)
    cap = load.homesteads.cap(session, county)
    for step, action in (
        (lambda s: load.people.load(s, layout), "people"),
        (load.membership.load, "membership"),
        (load.parcels.load, "parcels"),
        (load.contracts.load, "contracts"),
        (lambda s: load.homesteads.load(s, cap), "homesteads"),
        (load.shares.load, "shares"),
    ):
        t0 = time.perf_counter()
        counts = step(session)
        summary.counts.update(counts)
        summary.seconds[action] = round(time.perf_counter() - t0, 1)
        record(session, SYSTEM, f"county.generate.{action}", "county", county, after={**counts, "seed": seed})
    over = load.homesteads.plots_over_cap(session, cap)
    if over:  # HS-02 holds by construction (the grid's jitter bounds a plot's area); refuse rather than store
        raise Conflict(
            "{n} generated homestead plots exceed the cap of {cap} m².",
            rule="HS-02",
            params={"n": over, "cap": str(cap)},
        )
    if certified_groups:
        from ..certificates.services import issue_missing

        t0 = time.perf_counter()
        issued = 0
        for code in layout.groups[:certified_groups].tolist():
            issued += sum(len(v) for v in issue_missing(session, SYSTEM, code).issued.values())
        summary.counts["certificates"] = issued
        summary.seconds["certificates"] = round(time.perf_counter() - t0, 1)
    session.execute(text("ANALYZE"))
    return summary
