"""The members' assembly resolutions (MEM-02), the confirmed applications, the memberships and the roster
changes."""

from __future__ import annotations

from sqlalchemy import text

from .common import MEETING, NOTICE, adopt_resolutions, counts


def load(session) -> dict:
    adopt_resolutions(
        session,
        """
        SELECT h.collective_code AS g, count(*) AS n,
               count(*) FILTER (WHERE s.birth_date <= CAST(:meeting AS date) - interval '18 years') AS adults
        FROM cg_person s JOIN cg_household h ON h.code = s.household_code GROUP BY 1""",
        subject="membership",
        notice=NOTICE,
        meeting=MEETING,
        evidence="成员大会决议 ",
    )
    session.execute(
        text("""
        CREATE TEMP TABLE cg_member ON COMMIT DROP AS
        SELECT p.id AS person_id, h.collective_code, h.code AS household_code, r.id AS resolution_id
        FROM cg_person s JOIN persons p ON p.id_number = s.id_number
        JOIN cg_household h ON h.code = s.household_code
        JOIN resolutions r ON r.collective_code = h.collective_code AND r.subject = 'membership'""")
    )
    n = counts(
        session,
        """
        INSERT INTO membership_applications (collective_code, person_id, basis, evidence_ref, source, status,
                                             resolution_id)
        SELECT collective_code, person_id, 'original', '户籍登记及第二轮承包台账', 'clerk', 'confirmed',
            resolution_id
        FROM cg_member ORDER BY person_id""",
    )
    session.execute(
        text("""
        INSERT INTO memberships (person_id, collective_code, status, since, application_id, resolution_id)
        SELECT a.person_id, a.collective_code, 'active', :meeting, a.id, a.resolution_id
        FROM membership_applications a JOIN cg_member m ON m.person_id = a.person_id ORDER BY a.id"""),
        {"meeting": MEETING},
    )
    session.execute(
        text("""
        INSERT INTO roster_changes (collective_code, membership_id, kind, on_date, reason, resolution_id)
        SELECT ms.collective_code, ms.id, 'joined', ms.since, 'original', ms.resolution_id
        FROM memberships ms JOIN cg_member m ON m.person_id = ms.person_id ORDER BY ms.id""")
    )
    return {"memberships": n}
