"""Checks of the contracting parties and their contracts' methods: units (单位, CBFLX 3) and contracts by
other
methods (120x), next to the family contracts (exchange.md: CBFBM 0001-8000 农户, 8001-9000 个人, 9001-9999
单位; CBHTBM = CBJYQZBM = CBFBM + the method's letter)."""

from __future__ import annotations

from ..contracts.models import METHODS, OTHER_METHODS
from ..people.units import CREDIT_CODE_ID_TYPE, valid_credit_code
from .findings import Finding, error

UNIT = "3"
FAMILY_LETTER, OTHER_LETTER = "J", "Q"


def method_letter(method: str | None) -> str | None:
    """J for a family contract (110, and 200 / 300 that continue one), Q for other methods; None otherwise."""
    if method in METHODS:
        return FAMILY_LETTER
    return OTHER_LETTER if method in OTHER_METHODS else None


def ex05_parties(d) -> list[Finding]:
    """EX-05: a unit's code is in 9001-9999 (and only a unit's); the code letter is the method's; a unit
    holds no family contract (LC-01: the party of a family contract is a household)."""
    out = []
    kinds = {r.get("CBFBM"): r.get("CBFLX") for r in d.rows("CBF")}
    for code, kind in kinds.items():
        suffix = (code or "")[14:]
        if suffix.isdigit() and (kind == UNIT) != (suffix >= "9001"):
            out.append(
                error(
                    "EX-05",
                    "CBF",
                    code or "",
                    "CBFBM {code}: units (CBFLX 3) and only units take the numbers 9001-9999.",
                    code=code or "",
                )
            )
    methods = {r.get("CBHTBM"): r.get("CBFS") for r in d.rows("CBHT")}
    for table, column in (("CBHT", "CBHTBM"), ("CBJYQZDJB", "CBJYQZBM")):
        for r in d.rows(table):
            code = r.get(column) or ""
            method = r.get("CBFS") or methods.get(code)
            letter = method_letter(method)
            if len(code) != 19 or letter is None:
                continue  # the code's form is ex05_codes's, the method's list EX-11's
            if code[18] != letter:
                out.append(
                    error(
                        "EX-05",
                        table,
                        code,
                        "{column} {code}: method {method} takes the letter {letter}.",
                        column=column,
                        code=code,
                        method=method,
                        letter=letter,
                    )
                )
            elif table == "CBHT" and letter == FAMILY_LETTER and kinds.get(r.get("CBFBM")) == UNIT:
                out.append(
                    error(
                        "EX-05",
                        table,
                        code,
                        "LC-01: a unit (CBFLX 3) holds no family contract (CBFS {method}).",
                        method=method,
                    )
                )
    return out


def ex09_units(d) -> list[Finding]:
    """EX-09: a unit has its certificate (a GB 32100 credit code with its check character where CBFZJLX is
    3) and no family members (a unit never becomes a household with persons)."""
    out = []
    units = set()
    for r in d.rows("CBF"):
        if r.get("CBFLX") != UNIT:
            continue
        code, kind, number = r.get("CBFBM") or "", r.get("CBFZJLX"), (r.get("CBFZJHM") or "").strip()
        units.add(code)
        if not kind or not number:
            out.append(error("EX-09", "CBF", code, "A unit needs its certificate type and number."))
        elif kind == CREDIT_CODE_ID_TYPE and not valid_credit_code(number):
            out.append(
                error(
                    "EX-09",
                    "CBF",
                    code,
                    "{name}: {number} is not a valid unified social credit code (GB 32100).",
                    name=r.get("CBFMC") or "",
                    number=number,
                )
            )
    for code in sorted({r.get("CBFBM") for r in d.rows("CBF_JTCY")} & units):
        out.append(error("EX-09", "CBF_JTCY", code, "A unit (CBFLX 3) has no family members."))
    return out


def party_checks(d) -> list[Finding]:
    return ex05_parties(d) + ex09_units(d)
