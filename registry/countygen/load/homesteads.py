"""The homestead rights, their approved applications and first register entries; the cap (HS-02)."""

from __future__ import annotations

from sqlalchemy import text

from ...homesteads.caps import cap_for
from .common import ACTOR, APPROVED, BUILDING, PUBLICITY, TERRAIN, counts


def load(session, cap_m2) -> dict:
    params = {
        "on": APPROVED,
        "b": BUILDING,
        "actor": ACTOR,
        "ps": PUBLICITY[0],
        "pe": PUBLICITY[1],
        "terrain": TERRAIN,
        "cap": cap_m2,
    }
    n = counts(
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


def cap(session, county: str):
    """HS-02: the province's cap for the terrain (the default row when the province has none)."""
    return cap_for(session, county[:2], TERRAIN, False).cap_m2


def plots_over_cap(session, cap) -> int:
    return session.scalar(
        text(
            "SELECT count(*) FROM cg_parcel s JOIN parcels p ON p.code = s.code "
            "WHERE s.kind = 'homestead' AND p.area_m2 > :cap"
        ),
        {"cap": cap},
    )
