"""The family contracts with their parcels, holders and first register entries."""

from __future__ import annotations

from sqlalchemy import text

from .common import ACTOR, TERM, counts


def load(session) -> dict:
    params = {"start": TERM[0], "end": TERM[1], "actor": ACTOR}
    n = counts(
        session,
        """
        INSERT INTO land_contracts (code, household_code, collective_code, method)
        SELECT household_code || 'J', household_code, collective_code, '110'
        FROM cg_parcel WHERE kind = 'contract' GROUP BY household_code, collective_code ORDER BY 1""",
    )
    session.execute(
        text("""
        INSERT INTO contract_parcels (contract_id, parcel_id, valid_from)
        SELECT c.id, p.id, :start FROM cg_parcel s JOIN parcels p ON p.code = s.code
        JOIN land_contracts c ON c.household_code = s.household_code WHERE s.kind = 'contract' ORDER BY
            s.idx"""),
        params,
    )
    session.execute(
        text("""
        INSERT INTO contract_holders (contract_id, person_id, valid_from)
        SELECT c.id, hm.person_id, :start FROM land_contracts c
        JOIN household_members hm ON hm.household_code = c.household_code AND hm.left_on IS NULL
        JOIN cg_household h ON h.code = c.household_code ORDER BY c.id, hm.id"""),
        params,
    )
    session.execute(
        text("""
        INSERT INTO contract_register (contract_id, seq, entry_date, kind, actor, term_start, term_end,
            land_type,
                                       details)
        SELECT c.id, 1, :start, 'initial', :actor, :start, :end, 'arable',
               jsonb_build_object('method', '110', 'parcels', s.codes)
        FROM land_contracts c JOIN (SELECT household_code, jsonb_agg(code ORDER BY code) AS codes FROM
            cg_parcel
                                    WHERE kind = 'contract' GROUP BY household_code) s
             ON s.household_code = c.household_code
        ORDER BY c.id"""),
        params,
    )
    return {"contracts": n}
