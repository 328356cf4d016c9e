"""Collectives, persons, households and household members; the household code sequences."""

from __future__ import annotations

from .common import copy_rows, counts, sequences


def load(session, layout) -> dict:
    copy_rows(
        session,
        "collectives",
        ("code", "name", "level", "county_code"),
        ((c, n, lvl, c[:6]) for c, n, lvl in layout.collectives),
    )
    out = {"collectives": len(layout.collectives)}
    out["persons"] = counts(
        session,
        """
        INSERT INTO persons (id_number, name, sex, birth_date)
        SELECT id_number, name, sex, birth_date FROM cg_person ORDER BY pidx""",
    )
    out["households"] = counts(
        session,
        """
        INSERT INTO households (code, collective_code, head_person_id, party_type)
        SELECT h.code, h.collective_code, p.id, '1' FROM cg_household h
        JOIN cg_person s ON s.pidx = h.head_pidx JOIN persons p ON p.id_number = s.id_number ORDER BY
            h.code""",
    )
    counts(
        session,
        """
        INSERT INTO household_members (household_code, person_id, relation, joined_on)
        SELECT s.household_code, p.id, s.relation, greatest(date '2018-01-01', s.birth_date)
        FROM cg_person s JOIN persons p ON p.id_number = s.id_number ORDER BY s.pidx""",
    )
    sequences(session, "SELECT collective_code, 'household', count(*) FROM cg_household GROUP BY 1")
    return out
