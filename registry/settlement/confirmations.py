"""Rural-settlement confirmations for police stations (RS-01, RS-02).

The answer says eligible or not, on which rule, with a number, a verification code and a validity date, and
nothing else. Every ineligible answer looks the same, whether the person is unknown, not a member or without a
homestead: telling them apart would disclose whether someone is in the registry or is a member, which is more
than the station asked. The cause is kept in the confirmation row and its audit entry for the county.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, timedelta

from sqlalchemy import func, select

from ..audit.services import record
from ..codes import mask_id_number, next_in_sequence, parse_collective_code, parse_id_number
from ..collectives.models import Collective
from ..db import advisory_xact_lock
from ..errors import NotFound, TooManyRequests
from ..homesteads.services import household_has_active_homestead
from ..membership.services import is_active_member
from ..people.models import Person
from .hukou import current_household_code
from .models import SettlementConfirmation
from .. import clock

REASONS = ["RS-01"]  # the rule every answer, yes or no, rests on
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: the code is read out and typed by hand
_CODE_LENGTH = 10


def confirm_rural_settlement(session, actor, id_number: str, collective_code: str, *, rate_per_hour: int,
                             valid_days: int, today: date | None = None) -> tuple[SettlementConfirmation, str]:
    """Answer one station's query; returns the stored confirmation and the verification code (shown once)."""
    actor.require_role("police")
    number = parse_id_number(id_number).number
    code = parse_collective_code(collective_code, "collective_code").code
    actor.require_county(code[:6], "police")
    if session.get(Collective, code) is None:
        raise NotFound("Collective {code} is not registered.", params={"code": code},
                       errors={"collective_code": ["not registered"]})
    _enforce_rate(session, actor, rate_per_hour)
    today = today or clock.today()
    person = session.scalar(select(Person).where(Person.id_number == number))
    cause = _cause(session, person, code)
    verification = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    county = code[:6]
    seq = next_in_sequence(session, f"{county}{today:%Y}", "confirmation")
    conf = SettlementConfirmation(
        number=f"RS{county}{today:%Y}{seq:06d}", station=actor.username, station_county=actor.scope,
        id_number=number, person_id=person.id if person else None, collective_code=code,
        eligible=cause == "eligible", reasons=list(REASONS), cause=cause, issued_on=today,
        valid_until=today + timedelta(days=valid_days), code_hash="")
    conf.code_hash = _hash(conf.number, verification)
    session.add(conf)
    session.flush()
    record(session, actor, "settlement_confirmation.query", "settlement_confirmation", conf.number,
           after={"station": actor.username, "station_county": actor.scope, "id_number": mask_id_number(number),
                  "collective_code": code, "eligible": conf.eligible, "cause": cause})
    return conf, verification


def verify_confirmation(session, number: str, code: str) -> SettlementConfirmation:
    """A wrong code answers exactly like an unknown number, so numbers cannot be probed."""
    conf = session.scalar(select(SettlementConfirmation).where(SettlementConfirmation.number == number))
    expected = conf.code_hash if conf is not None else _hash(number, "")
    if conf is None or not hmac.compare_digest(expected, _hash(number, (code or "").strip().upper())):
        raise NotFound("No confirmation with this number and code.")
    return conf


def _cause(session, person: Person | None, collective_code: str) -> str:
    if person is None:
        return "unknown_person"
    if not is_active_member(session, person.id, collective_code):
        return "not_member"
    household = current_household_code(session, person.id)
    if household is None or not household_has_active_homestead(session, household, collective_code):
        return "no_homestead"
    return "eligible"


def _enforce_rate(session, actor, rate_per_hour: int) -> None:
    """RS-02 against enumeration: at most `rate_per_hour` answers per station in any sliding hour.

    The per-station lock makes the count exact under concurrent queries from one station.
    """
    advisory_xact_lock(session, "settlement.confirmation.rate", actor.username)
    since = clock.now() - timedelta(hours=1)
    count, oldest = session.execute(
        select(func.count(), func.min(SettlementConfirmation.created_at))
        .where(SettlementConfirmation.station == actor.username, SettlementConfirmation.created_at > since)).one()
    if count >= rate_per_hour:
        wait = max(1, int((oldest + timedelta(hours=1) - clock.now()).total_seconds() // 60) + 1)
        raise TooManyRequests(
            "Station {station} has asked {limit} times in the past hour, the most allowed; "
            "try again in {minutes} minutes.",
            rule="RS-02", params={"station": actor.username, "limit": rate_per_hour, "minutes": wait},
            audit_refusal=True, entity="settlement_confirmation", entity_id=actor.username,
            action="settlement_confirmation.rate_limited")


def _hash(number: str, code: str) -> str:
    return hashlib.sha256(f"{number}:{code}".encode()).hexdigest()
