"""Rural-settlement confirmations for police stations (RS-01, RS-02).

The answer says eligible or not, on which rule, with a number, a verification code and a validity date, and
nothing else. Every ineligible answer looks the same, whether the person is unknown, not a member or without a
homestead: telling them apart would disclose whether someone is in the registry or is a member, which is more
than the station asked. The cause is kept in the confirmation row and its audit entry for the county.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import date, timedelta

from sqlalchemy import select, text

from ..audit.services import APPEND_CTES, HEAD_CTE, ChainHead, head_params, prepare_entry
from ..codes import mask_id_number, new_verification_code, parse_collective_code, parse_id_number
from ..db import advisory_xact_lock
from ..errors import NotFound, TooManyRequests
from ..homesteads.rights import active_homestead_sql
from .models import SettlementConfirmation
from .. import clock

REASONS = ["RS-01"]  # the rule every answer, yes or no, rests on
STATION_LOCK = "settlement.confirmation.rate"  # RS-02: one station's answers are counted one at a time


# Everything the answer depends on, read after the station's lock in one statement: the station's answers of
# the past hour (RS-02), the collective, and the person's active membership, current household and that
# household's active homestead here (RS-01; as is_active_member and current_household_code read them, and the
# homestead test as the homesteads area states it). It also numbers the confirmation and locks the station's
# audit chain. The hour's answers are counted up to the limit only: whether it is reached is all RS-02 asks,
# so the work stays bounded by the limit, not by how many answers the station has.
_FACTS = text(f"""
WITH head AS ({HEAD_CTE}),
seq AS (
    INSERT INTO code_sequences (scope, kind, last_value) VALUES (:scope, 'confirmation', 1)
    ON CONFLICT (scope, kind) DO UPDATE SET last_value = code_sequences.last_value + 1 RETURNING last_value
),
person AS (SELECT id FROM persons WHERE id_number = :number),
home AS (SELECT household_code FROM household_members WHERE person_id = (SELECT id FROM person) AND left_on IS
    NULL)
SELECT r.n, r.oldest, EXISTS (SELECT 1 FROM collectives WHERE code = :collective), (SELECT id FROM person),
       EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = (SELECT id FROM person) AND m.status = 'active'
               AND m.collective_code = :collective),
       {active_homestead_sql("(SELECT household_code FROM home)", ":collective")},
       (SELECT last_value FROM seq), head.chain_seq, head.prev_hash, head.seq
FROM head, (SELECT count(*) AS n, min(created_at) AS oldest FROM (
                SELECT created_at FROM settlement_confirmations
                WHERE station = :station AND created_at > :since ORDER BY created_at LIMIT :rate) w) r
""")
_COLUMNS = (
    "number",
    "station",
    "station_county",
    "id_number",
    "person_id",
    "collective_code",
    "eligible",
    "cause",
    "code_hash",
    "issued_on",
    "valid_until",
)
_INSERT = text(f"""
WITH conf AS (
    INSERT INTO settlement_confirmations ({", ".join(_COLUMNS)}, reasons)
    VALUES ({", ".join(":" + c for c in _COLUMNS)}, CAST(:reasons AS jsonb)) RETURNING id, created_at
), {APPEND_CTES}
SELECT id, created_at FROM conf
""")


def confirm_rural_settlement(
    session,
    actor,
    id_number: str,
    collective_code: str,
    *,
    rate_per_hour: int,
    valid_days: int,
    today: date | None = None,
) -> tuple[SettlementConfirmation, str]:
    """Answer one station's query; returns the stored confirmation (a transient instance: stored by the
    INSERT, not loaded again) and the verification code (shown once). Three statements: the station's lock,
    the facts, the INSERT with its audit entry."""
    actor.require_role("police")
    number = parse_id_number(id_number).number
    code = parse_collective_code(collective_code, "collective_code").code
    actor.require_county(code[:6], "police")
    today = today or clock.today()
    county = code[:6]
    # RS-02: the per-station lock makes the count exact under concurrent queries from one station.
    advisory_xact_lock(session, STATION_LOCK, actor.username)
    count, oldest, known, person_id, member, homestead, seq, *head = session.execute(
        _FACTS,
        {
            **head_params(actor),
            "scope": f"{county}{today:%Y}",
            "number": number,
            "collective": code,
            "station": actor.username,
            "since": clock.now() - timedelta(hours=1),
            "rate": rate_per_hour,
        },
    ).one()
    if not known:
        raise NotFound(
            "Collective {code} is not registered.",
            params={"code": code},
            errors={"collective_code": ["not registered"]},
        )
    _refuse_over_rate(actor, rate_per_hour, count, oldest)
    cause = (
        "unknown_person"
        if person_id is None
        else "not_member"
        if not member
        else "no_homestead"
        if not homestead
        else "eligible"
    )
    verification = new_verification_code()
    conf = SettlementConfirmation(
        number=f"RS{county}{today:%Y}{seq:06d}",
        station=actor.username,
        station_county=actor.scope,
        id_number=number,
        person_id=person_id,
        collective_code=code,
        eligible=cause == "eligible",
        reasons=list(REASONS),
        cause=cause,
        issued_on=today,
        valid_until=today + timedelta(days=valid_days),
    )
    conf.code_hash = _hash(conf.number, verification)
    _, audit = prepare_entry(
        ChainHead(actor.username, *head),
        "settlement_confirmation.query",
        "settlement_confirmation",
        conf.number,
        after={
            "station": actor.username,
            "station_county": actor.scope,
            "id_number": mask_id_number(number),
            "collective_code": code,
            "eligible": conf.eligible,
            "cause": cause,
        },
    )
    conf.id, conf.created_at = session.execute(
        _INSERT, {**{c: getattr(conf, c) for c in _COLUMNS}, "reasons": json.dumps(REASONS), **audit}
    ).one()
    return conf, verification


def verify_confirmation(session, number: str, code: str) -> SettlementConfirmation:
    """A wrong code answers exactly like an unknown number, so numbers cannot be probed."""
    conf = session.scalar(select(SettlementConfirmation).where(SettlementConfirmation.number == number))
    expected = conf.code_hash if conf is not None else _hash(number, "")
    if conf is None or not hmac.compare_digest(expected, _hash(number, (code or "").strip().upper())):
        raise NotFound("No confirmation with this number and code.")
    return conf


def _refuse_over_rate(actor, rate_per_hour: int, count: int, oldest) -> None:
    """RS-02 against enumeration: at most `rate_per_hour` answers per station in any sliding hour."""
    if count >= rate_per_hour:
        wait = max(1, int((oldest + timedelta(hours=1) - clock.now()).total_seconds() // 60) + 1)
        raise TooManyRequests(
            "Station {station} has asked {limit} times in the past hour, the most allowed; "
            "try again in {minutes} minutes.",
            rule="RS-02",
            params={"station": actor.username, "limit": rate_per_hour, "minutes": wait},
            audit_refusal=True,
            entity="settlement_confirmation",
            entity_id=actor.username,
            action="settlement_confirmation.rate_limited",
        )


def _hash(number: str, code: str) -> str:
    return hashlib.sha256(f"{number}:{code}".encode()).hexdigest()
