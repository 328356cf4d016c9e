"""EX-05: the codes of a package: unique, nested as NY/T 2539 builds them, not registered already."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import any_, select

from ...contracts.models import LandContract
from ...parcels.models import Parcel
from ...people.models import Household
from ..findings import Finding, error
from ..persons import array_of
from .data import Data


def unique(values, source: str, what: str) -> list[Finding]:
    return [
        error("EX-05", source, v, "{what} {code} occurs {n} times.", what=what, code=v, n=n)
        for v, n in Counter(values).items()
        if n > 1
    ]


def _registered(session, column, codes: list[str], source: str) -> list[Finding]:
    if not codes:
        return []
    taken = set(session.scalars(select(column).where(column == any_(array_of(codes)))))
    return [error("EX-05", source, c, "{code} is registered already.", code=c) for c in sorted(taken)]


def ex05_codes(d: Data, session) -> list[Finding]:
    out = []
    county = d.county
    fbf = [r["FBFBM"] for r in d.rows("FBF") if r.get("FBFBM")]
    for c in fbf:
        if len(c) != 14 or not c.isdigit() or c[:6] != county:
            out.append(
                error(
                    "EX-05",
                    "FBF",
                    c,
                    "FBFBM {code} is not a 14-digit code in county {county}.",
                    code=c,
                    county=county,
                )
            )
    known = set(fbf)
    for r in d.rows("CBF"):
        c = r.get("CBFBM") or ""
        if len(c) != 18 or not c.isdigit() or c[:14] not in known or c[14:] == "0000":
            out.append(
                error("EX-05", "CBF", c, "CBFBM {code} is not an FBFBM of the package and 4 digits.", code=c)
            )
    for r in d.dk:
        c = r.get("DKBM") or ""
        if len(c) != 19 or not c.isdigit() or c[:14] not in known:
            out.append(
                error("EX-05", "DK", c, "DKBM {code} is not an FBFBM of the package and 5 digits.", code=c)
            )
    for table, column in (("CBHT", "CBHTBM"), ("CBJYQZDJB", "CBJYQZBM")):
        for r in d.rows(table):
            c, party = r.get(column) or "", r.get("CBFBM") or ""
            if len(c) != 19 or c[:18] != party or not c[18].isalpha():
                out.append(
                    error(
                        "EX-05",
                        table,
                        c,
                        "{column} {code} is not the CBFBM and a method letter.",
                        column=column,
                        code=c,
                    )
                )
    out += unique(fbf, "FBF", "FBFBM")
    out += unique([r.get("CBFBM") for r in d.rows("CBF")], "CBF", "CBFBM")
    out += unique([r.get("DKBM") for r in d.dk], "DK", "DKBM")
    out += unique([r.get("CBHTBM") for r in d.rows("CBHT")], "CBHT", "CBHTBM")
    out += unique([r.get("DKBM") for r in d.rows("CBDKXX")], "CBDKXX", "DKBM")
    out += unique(
        [r.get("CBJYQZLSH") for r in d.rows("CBJYQZDJB") if r.get("CBJYQZLSH")], "CBJYQZDJB", "CBJYQZLSH"
    )
    out += unique([r.get("CBJYQZBM") for r in d.rows("CBJYQZ_QZZX")], "CBJYQZ_QZZX", "CBJYQZBM")
    if session is not None:
        out += _registered(
            session, Household.code, [r["CBFBM"] for r in d.rows("CBF") if r.get("CBFBM")], "CBF"
        )
        out += _registered(session, Parcel.code, [r["DKBM"] for r in d.dk if r.get("DKBM")], "DK")
        out += _registered(
            session, LandContract.code, [r["CBHTBM"] for r in d.rows("CBHT") if r.get("CBHTBM")], "CBHT"
        )
    return out
