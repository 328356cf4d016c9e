"""The share plans by assembly resolution (SH-01), their quantification changes, holdings and register."""

from __future__ import annotations

from sqlalchemy import text

from .common import ACTOR, PLAN_MEETING, PLAN_NOTICE, adopt_resolutions, SHARES_PER_MEMBER, counts


def load(session) -> dict:
    adopt_resolutions(
        session,
        """
        SELECT m.collective_code AS g, count(*) AS n,
               count(*) FILTER (WHERE p.birth_date <= CAST(:meeting AS date) - interval '18 years') AS adults
        FROM cg_member m JOIN persons p ON p.id = m.person_id GROUP BY 1""",
        subject="share_plan",
        notice=PLAN_NOTICE,
        meeting=PLAN_MEETING,
        evidence="股权量化方案决议 ",
    )
    params = {"on": PLAN_MEETING, "k": SHARES_PER_MEMBER, "actor": ACTOR}
    n = counts(
        session,
        """
        INSERT INTO share_plans (collective_code, resolution_id, shares_per_member, management, adopted_on,
                                 created_by)
        SELECT r.collective_code, r.id, :k, 'static', r.meeting_date, :actor FROM resolutions r
        WHERE r.subject = 'share_plan' AND r.collective_code IN (SELECT DISTINCT collective_code FROM
            cg_member)
        ORDER BY r.collective_code""",
        params,
    )
    session.execute(
        text("""
        INSERT INTO share_changes (collective_code, kind, on_date, plan_id, document_ref, actor)
        SELECT sp.collective_code, 'quantification', sp.adopted_on, sp.id, 'resolution ' || sp.resolution_id,
            :actor
        FROM share_plans sp WHERE sp.collective_code IN (SELECT DISTINCT collective_code FROM cg_member)
        ORDER BY sp.id"""),
        params,
    )
    session.execute(
        text("""
        INSERT INTO share_holdings (collective_code, person_id, household_code, shares)
        SELECT collective_code, person_id, household_code, :k FROM cg_member ORDER BY collective_code,
            person_id"""),
        params,
    )
    session.execute(
        text("""
        INSERT INTO share_register (change_id, collective_code, on_date, person_id, household_code, delta,
                                    balance_after)
        SELECT c.id, m.collective_code, c.on_date, m.person_id, m.household_code, :k, :k
        FROM cg_member m JOIN share_changes c ON c.collective_code = m.collective_code
             AND c.kind = 'quantification'
        ORDER BY m.collective_code, m.person_id"""),
        params,
    )
    return {"share_plans": n}
