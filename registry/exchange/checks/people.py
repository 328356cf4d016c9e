"""EX-09: the persons and households of a package (GB 11643 numbers, heads, relations)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import any_, select

from ...people.models import Person
from ..fields import (
    HEAD_RELATIONS,
)
from ..findings import Finding, error, warning
from ..persons import array_of, normalise_id
from .data import Data


def ex09_persons(d: Data, session) -> list[Finding]:
    out = []
    heads: Counter = Counter()
    numbers = []
    for r in d.rows("CBF_JTCY"):
        raw = r.get("CYZJHM") or ""
        number, converted = normalise_id(raw)
        if number is None:
            out.append(
                error(
                    "EX-09",
                    "CBF_JTCY",
                    r.get("CBFBM") or "",
                    "{name}: {number} is not a valid GB 11643 number.",
                    name=r.get("CYXM") or "",
                    number=raw,
                )
            )
            continue
        if converted:
            out.append(
                warning(
                    "EX-09",
                    "CBF_JTCY",
                    r.get("CBFBM") or "",
                    "{name}: the 15-digit number was converted to {number}.",
                    name=r.get("CYXM") or "",
                    number=number,
                )
            )
        r["CYZJHM"] = number
        numbers.append(number)
        if r.get("YHZGX") in HEAD_RELATIONS:
            heads[r.get("CBFBM")] += 1
    for n, k in Counter(numbers).items():
        if k > 1:
            out.append(
                error(
                    "EX-09", "CBF_JTCY", n[:6] + "********" + n[-4:], "The number is listed {n} times.", n=k
                )
            )
    for r in d.rows("CBF"):
        if r.get("CBFLX") == "1" and heads[r.get("CBFBM")] != 1:
            out.append(
                error(
                    "EX-09",
                    "CBF",
                    r.get("CBFBM") or "",
                    "The household has {n} heads, not one.",
                    n=heads[r.get("CBFBM")],
                )
            )
    if session is not None and numbers:
        taken = session.scalars(
            select(Person.id_number).where(Person.id_number == any_(array_of(numbers)))
        ).all()
        out += [
            error(
                "EX-09",
                "CBF_JTCY",
                n[:6] + "********" + n[-4:],
                "A person with this number is registered already.",
            )
            for n in sorted(taken)
        ]
    return out
