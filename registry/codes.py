"""National codes: GB 11643 citizen ID check, code builders and parsers (domain.md), sequence allocation."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Column, Integer, String, Table, text

from .db import Base
from .errors import InvalidInput
from . import clock
from .gb2260 import PERMIT_ADDRESS_CODES, PROVINCES

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character over the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


EARLIEST_BIRTH_YEAR = 1880


def check_region_code(address: str, field: str = "id_number") -> None:
    """PER-04: the address code names a GB/T 2260 province and a prefecture in it (01-70, or 90 for the
    counties a province administers directly)."""
    prefecture = int(address[2:4])
    if address in PERMIT_ADDRESS_CODES:
        return
    if address[:2] not in PROVINCES or not (1 <= prefecture <= 70 or prefecture == 90):
        raise InvalidInput(
            "The region code {code} of the citizen ID number is no region of GB/T 2260.",
            rule="PER-04",
            params={"code": address},
            errors={field: ["region code not in GB/T 2260"]},
        )


@dataclass(frozen=True)
class CitizenId:
    number: str
    address_code: str
    birth_date: date
    sex: str  # "1" male, "2" female (GB/T 2261.1)


def parse_id_number(value: object, *, today: date | None = None) -> CitizenId:
    """Validate a 公民身份号码 (PER-01) and derive birth date and sex from it."""
    if not isinstance(value, str):
        raise InvalidInput(
            "The citizen ID number must be a string.", rule="PER-01", errors={"id_number": ["not a string"]}
        )
    number = value.strip().upper()
    if not _ID_RE.match(number):
        raise InvalidInput(
            "A citizen ID number has 17 digits followed by a digit or X.",
            rule="PER-01",
            errors={"id_number": ["must be 18 characters: 17 digits and a check digit or X"]},
        )
    if id_check_char(number[:17]) != number[17]:
        raise InvalidInput(
            "The check character of the citizen ID number is wrong.",
            rule="PER-01",
            errors={"id_number": ["wrong check character"]},
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidInput(
            "The citizen ID number contains no real birth date.",
            rule="PER-01",
            errors={"id_number": ["no real birth date"]},
        ) from None
    if birth > (today or clock.today()):
        raise InvalidInput(
            "The birth date in the citizen ID number is later than today.",
            rule="PER-01",
            errors={"id_number": ["birth date in the future"]},
        )
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise InvalidInput(
            "The birth year {year} in the citizen ID number is before {earliest}: no living person.",
            rule="PER-01",
            params={"year": birth.year, "earliest": EARLIEST_BIRTH_YEAR},
            errors={"id_number": ["birth year implausibly early"]},
        )
    check_region_code(number[:6])
    sex = "1" if int(number[16]) % 2 == 1 else "2"
    return CitizenId(number, number[:6], birth, sex)


def mask_id_number(number: str | None) -> str | None:
    """SEC-02: keep the 6-digit address code and the last 4 characters."""
    if not number:
        return number
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


# --- administrative and right codes (domain.md "Codes") ---------------------------------------------------


def _digits(value: object, n: int, field: str) -> str:
    if not isinstance(value, str) or len(value) != n or not value.isdigit():
        raise InvalidInput(
            "{field} must be {n} digits.",
            rule="PER-03",
            params={"field": field, "n": n},
            errors={field: [f"must be {n} digits"]},
        )
    return value


@dataclass(frozen=True)
class CollectiveCode:
    code: str
    county: str
    township: str
    village: str
    group: str
    level: str


def parse_collective_code(value: object, field: str = "code") -> CollectiveCode:
    code = _digits(value, 14, field)
    county, township_seq, village_seq, group = code[:6], code[6:9], code[9:12], code[12:14]
    if county[2:] == "0000" or county[4:] == "00":
        raise InvalidInput(
            "{field}: the first 6 digits must be a county code.",
            rule="PER-03",
            params={"field": field},
            errors={field: ["no county in the code"]},
        )
    if township_seq == "000":
        raise InvalidInput(
            "{field}: the township part cannot be 000.",
            rule="PER-03",
            params={"field": field},
            errors={field: ["no township in the code"]},
        )
    if village_seq == "000":
        if group != "00":
            raise InvalidInput(
                "{field}: a township-level collective has group 00.",
                rule="PER-03",
                params={"field": field},
                errors={field: ["township level needs group 00"]},
            )
        level = "township"
    else:
        level = "village" if group == "00" else "group"
    return CollectiveCode(code, county, code[:9], code[:12], group, level)


def household_code(collective_code: str, seq: int) -> str:
    if not 1 <= seq <= 9999:
        raise ValueError("household sequence out of range")
    return f"{collective_code}{seq:04d}"


def parse_household_code(value: object, field: str = "household_code") -> tuple[str, int]:
    code = _digits(value, 18, field)
    parse_collective_code(code[:14], field)
    if code[14:] == "0000":
        raise InvalidInput(
            "{field}: sequence 0000 is not a household.",
            rule="PER-03",
            params={"field": field},
            errors={field: ["sequence 0000"]},
        )
    return code[:14], int(code[14:])


def parcel_code(collective_code: str, seq: int) -> str:
    if not 1 <= seq <= 99999:
        raise ValueError("parcel sequence out of range")
    return f"{collective_code}{seq:05d}"


def parse_parcel_code(value: object, field: str = "parcel_code") -> str:
    code = _digits(value, 19, field)
    parse_collective_code(code[:14], field)
    return code


def contract_code(household: str) -> str:
    parse_household_code(household)
    return household + "J"


def parse_contract_code(value: object, field: str = "code") -> str:
    if not isinstance(value, str) or len(value) != 19 or value[-1] != "J":
        raise InvalidInput(
            "{field} must be an 18-digit household code followed by J.",
            rule="PER-03",
            params={"field": field},
            errors={field: ["must be household code + J"]},
        )
    parse_household_code(value[:18], field)
    return value


def lease_code(collective_code: str, seq: int) -> str:
    if not 1 <= seq <= 9999:
        raise ValueError("lease sequence out of range")
    return f"{collective_code}{seq:04d}"


_UNIT_RE = re.compile(r"^(\d{6})(\d{3})(\d{3})JC(\d{5})(F\d{8}|W00000000)$")


def homestead_unit_code(
    county: str, zone: int, subzone: int, plot_seq: int, building: str | None = None
) -> str:
    """28-character real-estate unit code (GB/T 37346) for a homestead: F + 8 digits with a house, W00000000
    without."""
    _digits(county, 6, "county")
    if building is not None and (len(building) != 8 or not building.isdigit()):
        raise ValueError("building number must be 8 digits")
    tail = f"F{building}" if building else "W00000000"
    return f"{county}{zone:03d}{subzone:03d}JC{plot_seq:05d}{tail}"


def parse_homestead_unit_code(value: object, field: str = "unit_code") -> str:
    if not isinstance(value, str) or not _UNIT_RE.match(value):
        raise InvalidInput(
            "{field} is not a 28-character homestead unit code.",
            rule="PER-03",
            params={"field": field},
            errors={field: ["not a homestead unit code"]},
        )
    return value


# --- sequences: assigned in order, never reused, safe under concurrent transactions -------------------------

code_sequences = Table(
    "code_sequences",
    Base.metadata,
    Column("scope", String(32), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("last_value", Integer, nullable=False),
)

SEQUENCE_RANGES = {
    "household": (1, 8000),
    "individual": (8001, 9000),
    "organization": (9001, 9999),
    "parcel": (1, 99999),
    "lease": (1, 9999),
}


def next_in_sequence(session, scope: str, kind: str) -> int:
    """Allocate the next number; the row lock serializes concurrent writers until commit (no gaps reused)."""
    first, last = SEQUENCE_RANGES.get(kind, (1, 2**31 - 1))
    value = session.execute(
        text(
            "INSERT INTO code_sequences (scope, kind, last_value) VALUES (:scope, :kind, :first) "
            "ON CONFLICT (scope, kind) DO UPDATE SET last_value = code_sequences.last_value + 1 "
            "RETURNING last_value"
        ),
        {"scope": scope, "kind": kind, "first": first},
    ).scalar_one()
    if value > last:
        raise InvalidInput(
            "The {kind} code sequence of {scope} is exhausted.",
            rule="PER-03",
            params={"kind": kind, "scope": scope},
        )
    return value


def reserve_in_sequence(session, scope: str, kind: str, count: int) -> int:
    """Allocate `count` consecutive numbers at once (bulk imports); returns the first."""
    first, last = SEQUENCE_RANGES.get(kind, (1, 2**31 - 1))
    end = session.execute(
        text(
            "INSERT INTO code_sequences (scope, kind, last_value) VALUES (:scope, :kind, :end) "
            "ON CONFLICT (scope, kind) DO UPDATE SET last_value = code_sequences.last_value + :count "
            "RETURNING last_value"
        ),
        {"scope": scope, "kind": kind, "end": first + count - 1, "count": count},
    ).scalar_one()
    if end > last:
        raise InvalidInput(
            "The {kind} code sequence of {scope} is exhausted.",
            rule="PER-03",
            params={"kind": kind, "scope": scope},
        )
    return end - count + 1


def advance_sequence(session, rows: list[tuple[str, str, int]]) -> None:
    """Imported codes (scope, kind, number): each sequence moves past the highest number taken, never back."""
    if rows:
        session.execute(
            text(
                "INSERT INTO code_sequences (scope, kind, last_value) VALUES (:scope, :kind, :value) "
                "ON CONFLICT (scope, kind) DO UPDATE SET last_value = greatest(code_sequences.last_value, "
                ":value)"
            ),
            [{"scope": s, "kind": k, "value": v} for s, k, v in rows],
        )


# No 0/O, 1/I/L: a verification code is read off paper or out loud and typed in by hand. Codes issued before
# this alphabet (settlement confirmations could contain L) still verify: verification compares the whole code.
VERIFICATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
VERIFICATION_LENGTH = 10  # about 50 bits


def new_verification_code() -> str:
    """The code printed on a certificate or given with a settlement confirmation (RG-02, RS-01)."""
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_LENGTH))
