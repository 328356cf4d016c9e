"""Loads a Layout set-based: COPY into temporary tables, then one INSERT … SELECT per table (no per-row ORM).

Dates tell one consistent story: the members' assemblies confirm the original members (2019), family contracts
of the second round start 2020-01-01 (arable, 30 years), homesteads are approved after 30 days of publicity
(2020), the share plans are adopted by assembly resolutions (2021).
"""

from __future__ import annotations

from datetime import date

import shapely
from sqlalchemy import text

from ..parcels.spatial import NO_NEIGHBOUR

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


def stage(session, layout) -> None:
    session.execute(
        text("""
        CREATE TEMP TABLE cg_person (pidx int PRIMARY KEY, id_number varchar(18), name varchar(100),
            sex varchar(1), birth_date date, household_code varchar(18), relation varchar(2)) ON COMMIT DROP;
        CREATE TEMP TABLE cg_household (code varchar(18) PRIMARY KEY, collective_code varchar(14),
            head_pidx int) ON COMMIT DROP;
        CREATE TEMP TABLE cg_parcel (idx int PRIMARY KEY, code varchar(19), collective_code varchar(14),
            kind varchar(10), household_code varchar(18), geom geometry(Polygon, 4490),
            east int, south int, west int, north int) ON COMMIT DROP""")
    )
    p, h = layout.persons, layout.households
    hcode = h["code"]
    copy_rows(
        session,
        "cg_person",
        ("pidx", "id_number", "name", "sex", "birth_date", "household_code", "relation"),
        zip(
            range(len(p["id_number"])),
            p["id_number"].tolist(),
            p["name"].tolist(),
            p["sex"].tolist(),
            p["birth"].astype(str).tolist(),
            hcode[p["household"]].tolist(),
            p["relation"].tolist(),
        ),
    )
    copy_rows(
        session,
        "cg_household",
        ("code", "collective_code", "head_pidx"),
        zip(hcode.tolist(), layout.groups[h["group"]].tolist(), h["head"].tolist()),
    )
    q = layout.parcels
    wkb = shapely.to_wkb(shapely.set_srid(shapely.polygons(q["ring"]), 4490), hex=True, include_srid=True)
    s = q["sides"]
    copy_rows(
        session,
        "cg_parcel",
        (
            "idx",
            "code",
            "collective_code",
            "kind",
            "household_code",
            "geom",
            "east",
            "south",
            "west",
            "north",
        ),
        zip(
            range(len(wkb)),
            q["code"].tolist(),
            layout.groups[q["group"]].tolist(),
            q["kind"].tolist(),
            q["household"].tolist(),
            wkb.tolist(),
            s["east"].tolist(),
            s["south"].tolist(),
            s["west"].tolist(),
            s["north"].tolist(),
        ),
    )
    session.execute(text("ANALYZE cg_person; ANALYZE cg_household; ANALYZE cg_parcel"))


def _counts(session, sql: str, params: dict | None = None) -> int:
    return session.execute(text(sql), params or {}).rowcount


def load_people(session, layout) -> dict:
    copy_rows(
        session,
        "collectives",
        ("code", "name", "level", "county_code"),
        ((c, n, lvl, c[:6]) for c, n, lvl in layout.collectives),
    )
    out = {"collectives": len(layout.collectives)}
    out["persons"] = _counts(
        session,
        """
        INSERT INTO persons (id_number, name, sex, birth_date)
        SELECT id_number, name, sex, birth_date FROM cg_person ORDER BY pidx""",
    )
    out["households"] = _counts(
        session,
        """
        INSERT INTO households (code, collective_code, head_person_id, party_type)
        SELECT h.code, h.collective_code, p.id, '1' FROM cg_household h
        JOIN cg_person s ON s.pidx = h.head_pidx JOIN persons p ON p.id_number = s.id_number ORDER BY
            h.code""",
    )
    _counts(
        session,
        """
        INSERT INTO household_members (household_code, person_id, relation, joined_on)
        SELECT s.household_code, p.id, s.relation, greatest(date '2018-01-01', s.birth_date)
        FROM cg_person s JOIN persons p ON p.id_number = s.id_number ORDER BY s.pidx""",
    )
    _sequences(session, "SELECT collective_code, 'household', count(*) FROM cg_household GROUP BY 1")
    return out


def _sequences(session, select_sql: str) -> None:
    session.execute(
        text(f"""
        INSERT INTO code_sequences (scope, kind, last_value) {select_sql}
        ON CONFLICT (scope, kind) DO UPDATE SET last_value = greatest(code_sequences.last_value,
                                                                      excluded.last_value)""")
    )


# Thresholds of art. 27 met with room: 90 % attend, 80 % of all members vote for.
_RESOLUTION = """
    INSERT INTO resolutions (collective_code, body, subject, notice_date, meeting_date, members_total,
                             members_with_capacity, attended, votes_for, adopted, evidence_ref, created_by)
    SELECT g, 'assembly', :subject, :notice, :meeting, n, greatest(adults, 1), ceil(0.9 * n), ceil(0.8 * n),
        true,
           :evidence || g, :actor
    FROM ({members}) m ORDER BY g"""


def load_membership(session) -> dict:
    session.execute(
        text(
            _RESOLUTION.format(
                members="""
        SELECT h.collective_code AS g, count(*) AS n,
               count(*) FILTER (WHERE s.birth_date <= CAST(:meeting AS date) - interval '18 years') AS adults
        FROM cg_person s JOIN cg_household h ON h.code = s.household_code GROUP BY 1"""
            )
        ),
        {
            "subject": "membership",
            "notice": NOTICE,
            "meeting": MEETING,
            "evidence": "成员大会决议 ",
            "actor": ACTOR,
        },
    )
    session.execute(
        text("""
        CREATE TEMP TABLE cg_member ON COMMIT DROP AS
        SELECT p.id AS person_id, h.collective_code, h.code AS household_code, r.id AS resolution_id
        FROM cg_person s JOIN persons p ON p.id_number = s.id_number
        JOIN cg_household h ON h.code = s.household_code
        JOIN resolutions r ON r.collective_code = h.collective_code AND r.subject = 'membership'""")
    )
    n = _counts(
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


def load_parcels(session) -> dict:
    none = NO_NEIGHBOUR
    n = _counts(
        session,
        """
        INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, name, geom,
                             area_m2, boundaries, status)
        SELECT s.code, s.collective_code, s.kind, '10', CASE WHEN s.kind = 'contract' THEN '0103' ELSE '0702'
            END,
               false, NULL, ST_Multi(s.geom), round(ST_Area(geography(s.geom))::numeric, 2),
               jsonb_build_object('east', coalesce(e.code, :none), 'south', coalesce(so.code, :none),
                                  'west', coalesce(w.code, :none), 'north', coalesce(no.code, :none)),
                                      'current'
        FROM cg_parcel s LEFT JOIN cg_parcel e ON e.idx = s.east LEFT JOIN cg_parcel so ON so.idx = s.south
        LEFT JOIN cg_parcel w ON w.idx = s.west LEFT JOIN cg_parcel no ON no.idx = s.north
        ORDER BY s.idx""",
        {"none": none},
    )
    _sequences(
        session,
        "SELECT substr(code, 1, 14), 'parcel', count(*) FROM cg_parcel WHERE kind = 'contract' GROUP BY 1",
    )
    _sequences(
        session,
        "SELECT substr(code, 1, 14), 'parcel', count(*) FROM cg_parcel WHERE kind = 'homestead' GROUP BY 1",
    )
    return {"parcels": n}


def load_contracts(session) -> dict:
    params = {"start": TERM[0], "end": TERM[1], "actor": ACTOR}
    n = _counts(
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


def load_homesteads(session, cap_m2) -> dict:
    params = {
        "on": APPROVED,
        "b": BUILDING,
        "actor": ACTOR,
        "ps": PUBLICITY[0],
        "pe": PUBLICITY[1],
        "terrain": TERRAIN,
        "cap": cap_m2,
    }
    n = _counts(
        session,
        """
        INSERT INTO homestead_rights (household_code, collective_code, parcel_id, unit_code, status,
            registered_on)
        SELECT s.household_code, s.collective_code, p.id, s.code || 'F' || :b, 'active', :on
        FROM cg_parcel s JOIN parcels p ON p.code = s.code WHERE s.kind = 'homestead' ORDER BY s.idx""",
        params,
    )
    session.execute(
        text("""
        INSERT INTO homestead_applications (household_code, collective_code, parcel_id, terrain,
            on_arable_land,
            area_m2, cap_m2, building_number, publicity_start, publicity_ends, publicity_evidence_ref, status,
            right_id, decided_by, decided_at, decision_note, created_by)
        SELECT r.household_code, r.collective_code, r.parcel_id, :terrain, false, p.area_m2, :cap, :b, :ps,
            :pe,
               '村务公开栏公示照片', 'approved', r.id, :actor, CAST(:on AS date) + time '10:00', NULL, :actor
        FROM homestead_rights r JOIN parcels p ON p.id = r.parcel_id
        JOIN cg_household h ON h.code = r.household_code ORDER BY r.id"""),
        params,
    )
    session.execute(
        text("""
        INSERT INTO homestead_register_entries (right_id, entry_no, kind, entry_date, reason, state,
            recorded_by)
        SELECT r.id, 1, 'first', r.registered_on,
               '首次登记：宅基地申请 ' || a.id || ' 经公示（' || to_char(a.publicity_start, 'YYYY-MM-DD') ||
                   ' 至 '
               || to_char(a.publicity_ends, 'YYYY-MM-DD') || '）无未决异议，审批通过',
               jsonb_build_object('status', r.status, 'household_code', r.household_code,
                   'holder_id_number', NULL, 'holder_name', NULL, 'collective_code', r.collective_code,
                   'parcel_code', p.code, 'unit_code', r.unit_code, 'area_m2', p.area_m2::text, 'note', NULL,
                   'certificate_number', NULL, 'ended_on', NULL, 'end_reason', NULL), :actor
        FROM homestead_rights r JOIN homestead_applications a ON a.right_id = r.id
        JOIN parcels p ON p.id = r.parcel_id JOIN cg_household h ON h.code = r.household_code ORDER BY
            r.id"""),
        params,
    )
    return {"homesteads": n}


def load_shares(session) -> dict:
    session.execute(
        text(
            _RESOLUTION.format(
                members="""
        SELECT m.collective_code AS g, count(*) AS n,
               count(*) FILTER (WHERE p.birth_date <= CAST(:meeting AS date) - interval '18 years') AS adults
        FROM cg_member m JOIN persons p ON p.id = m.person_id GROUP BY 1"""
            )
        ),
        {
            "subject": "share_plan",
            "notice": PLAN_NOTICE,
            "meeting": PLAN_MEETING,
            "evidence": "股权量化方案决议 ",
            "actor": ACTOR,
        },
    )
    params = {"on": PLAN_MEETING, "k": SHARES_PER_MEMBER, "actor": ACTOR}
    n = _counts(
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


def homestead_cap(session, county: str):
    """HS-02: the province's cap for the terrain (the default row when the province has none)."""
    from ..homesteads.caps import cap_for

    return cap_for(session, county[:2], TERRAIN, False).cap_m2


def plots_over_cap(session, cap) -> int:
    return session.scalar(
        text(
            "SELECT count(*) FROM cg_parcel s JOIN parcels p ON p.code = s.code "
            "WHERE s.kind = 'homestead' AND p.area_m2 > :cap"
        ),
        {"cap": cap},
    )
