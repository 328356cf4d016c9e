"""What the load steps share: the dates of the county's story, COPY, row counts, the code sequences and the
assembly resolution.

Dates tell one consistent story: the members' assemblies confirm the original members (2019), family contracts
of the second round start 2020-01-01 (arable, 30 years), homesteads are approved after 30 days of publicity
(2020), the share plans are adopted by assembly resolutions (2021).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

ACTOR = "countygen"
MEETING, NOTICE = date(2019, 3, 15), date(2019, 2, 28)
TERM = (date(2020, 1, 1), date(2049, 12, 31))
PUBLICITY = (date(2020, 5, 1), date(2020, 5, 31))
APPROVED = date(2020, 6, 5)
PLAN_MEETING, PLAN_NOTICE = date(2021, 6, 10), date(2021, 5, 25)
SHARES_PER_MEMBER = 10
BUILDING = "00010001"  # building 0001, unit 0001: a house stands on the plot
TERRAIN = "hill"


def copy_rows(session, table: str, columns: tuple[str, ...], rows) -> None:
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def counts(session, sql: str, params: dict | None = None) -> int:
    return session.execute(text(sql), params or {}).rowcount


def sequences(session, select_sql: str) -> None:
    session.execute(
        text(f"""
        INSERT INTO code_sequences (scope, kind, last_value) {select_sql}
        ON CONFLICT (scope, kind) DO UPDATE SET last_value = greatest(code_sequences.last_value,
                                                                      excluded.last_value)""")
    )


# Thresholds of art. 27 met with room: 90 % attend, 80 % of all members vote for.
RESOLUTION = """
    INSERT INTO resolutions (collective_code, body, subject, notice_date, meeting_date, members_total,
                             members_with_capacity, attended, votes_for, adopted, evidence_ref, created_by)
    SELECT g, 'assembly', :subject, :notice, :meeting, n, greatest(adults, 1), ceil(0.9 * n), ceil(0.8 * n),
        true,
           :evidence || g, :actor
    FROM ({members}) m ORDER BY g"""


def adopt_resolutions(session, members: str, *, subject: str, notice, meeting, evidence: str) -> None:
    """One adopted assembly resolution per collective (RESOLUTION), its head counts from `members` (rows
    g, n, adults)."""
    session.execute(
        text(RESOLUTION.format(members=members)),
        {"subject": subject, "notice": notice, "meeting": meeting, "evidence": evidence, "actor": ACTOR},
    )
