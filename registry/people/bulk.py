"""Households and persons from an import, set-based (COPY into staging, one INSERT … SELECT per table).

The caller has checked the numbers (PER-01) and that none is registered (PER-02); the database refuses a
repeated number or a person in two current households anyway. No membership is recorded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from ..audit.services import record
from ..codes import advance_sequence, parse_id_number

PARTY_SEQUENCES = {"1": "household", "2": "individual", "3": "organization"}


@dataclass
class ImportedMember:
    id_number: str
    name: str
    relation: str  # GB/T 4761; the head is 02


@dataclass
class ImportedHousehold:
    code: str
    party_type: str
    members: list[ImportedMember]  # the head first
    joined_on: date


def _copy(session, table: str, columns: tuple[str, ...], rows) -> None:
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def register_households_bulk(session, actor, households: list[ImportedHousehold], *, source: dict) -> dict:
    """Persons, households and their members in three statements; returns the counts."""
    for county in sorted({h.code[:6] for h in households}):
        actor.require_county(county, "reviewer")
    session.execute(text("DROP TABLE IF EXISTS pg_temp.person_import, pg_temp.member_import"))
    session.execute(
        text(
            "CREATE TEMP TABLE person_import (id_number varchar(18), name varchar(100), sex char(1), "
            "birth_date date) ON COMMIT DROP"
        )
    )
    session.execute(
        text(
            "CREATE TEMP TABLE member_import (household_code varchar(18), party_type char(1), "
            "id_number varchar(18), relation char(2), is_head boolean, joined_on date) ON COMMIT DROP"
        )
    )

    def persons():
        for h in households:
            for m in h.members:
                p = parse_id_number(m.id_number)
                yield p.number, m.name, p.sex, p.birth_date

    def members():
        for h in households:
            for i, m in enumerate(h.members):
                yield h.code, h.party_type, m.id_number, m.relation, i == 0, h.joined_on

    _copy(session, "person_import", ("id_number", "name", "sex", "birth_date"), persons())
    _copy(
        session,
        "member_import",
        ("household_code", "party_type", "id_number", "relation", "is_head", "joined_on"),
        members(),
    )
    session.execute(text("ANALYZE person_import; ANALYZE member_import"))
    n_persons = session.execute(
        text(
            "INSERT INTO persons (id_number, name, sex, birth_date) "
            "SELECT id_number, name, sex, birth_date FROM person_import"
        )
    ).rowcount
    session.execute(
        text("ANALYZE persons")
    )  # its fresh rows: the joins below plan on them, not on an empty table
    n_households = session.execute(
        text(
            "INSERT INTO households (code, collective_code, head_person_id, party_type) "
            "SELECT m.household_code, substr(m.household_code, 1, 14), p.id, m.party_type "
            "FROM member_import m JOIN persons p ON p.id_number = m.id_number WHERE m.is_head "
            "ORDER BY m.household_code"
        )
    ).rowcount
    session.execute(
        text(
            "INSERT INTO household_members (household_code, person_id, relation, joined_on) "
            "SELECT m.household_code, p.id, m.relation, m.joined_on FROM member_import m "
            "JOIN persons p ON p.id_number = m.id_number ORDER BY m.household_code, NOT m.is_head"
        )
    )
    highest: dict[tuple[str, str], int] = {}
    for h in households:
        key = (h.code[:14], PARTY_SEQUENCES[h.party_type])
        highest[key] = max(highest.get(key, 0), int(h.code[14:]))
    advance_sequence(session, [(s, k, v) for (s, k), v in highest.items()])
    if households:
        record(
            session,
            actor,
            "household.import",
            "household_batch",
            f"{households[0].code}…{households[-1].code}",
            after={"households": n_households, "persons": n_persons, **source},
        )
    return {"households": n_households, "persons": n_persons}


@dataclass
class ImportedUnit:
    """A unit (单位, CBFLX 3): a contracting party with a name and a certificate, never members (0021)."""

    code: str  # issuer 14 + 9001-9999
    name: str
    id_type: str
    id_number: str


def register_units_bulk(session, actor, units: list[ImportedUnit], *, source: dict) -> int:
    """Units of an import in one statement (a handful per county); no person, no member, no membership."""
    for county in sorted({u.code[:6] for u in units}):
        actor.require_county(county, "reviewer")
    if not units:
        return 0
    session.execute(
        text(
            "INSERT INTO households (code, collective_code, party_type, name, id_type, id_number) "
            "SELECT u.code, substr(u.code, 1, 14), '3', u.name, u.id_type, u.id_number "
            "FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:types AS text[]), "
            "CAST(:numbers AS text[])) AS u(code, name, id_type, id_number) ORDER BY u.code"
        ),
        {
            "codes": [u.code for u in units],
            "names": [u.name for u in units],
            "types": [u.id_type for u in units],
            "numbers": [u.id_number for u in units],
        },
    )
    highest: dict[str, int] = {}
    for u in units:
        highest[u.code[:14]] = max(highest.get(u.code[:14], 0), int(u.code[14:]))
    advance_sequence(session, [(s, PARTY_SEQUENCES["3"], v) for s, v in highest.items()])
    record(
        session,
        actor,
        "household.import",
        "unit_batch",
        f"{units[0].code}…{units[-1].code}",
        after={"units": len(units), **source},
    )
    return len(units)
