"""Change registrations of a homestead right (house, holder, inheritance HS-07) and its cancellation.

Each is one register entry (RG-01); a change of holder or unit re-issues the certificate. A cancellation
passes the settlement-linkage guard (UR-02): a voluntary return is an exit and goes through /api/v1/exits.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..dates import not_in_future
from ..errors import InvalidInput, RuleViolation
from ..exits.guard import refuse_settlement_linkage
from ..membership.services import is_active_member
from ..people.models import HouseholdMember
from ..people.services import household_or_404, person_by_id_number
from .certificates import replace_certificate
from .eligibility import check_member_in_household, check_one_homestead, lock_household
from .models import HEIR_NOTE, HomesteadRight, HouseTransfer
from .register import append_entry, snapshot
from .rights import active_right, end_right, unit_code_for
from .. import clock

HOLDER_CAUSES = ("sale", "gift", "household_split", "other")
CANCEL_CAUSES = {"destroyed": "土地或房屋灭失", "expropriated": "依法征收", "other_legal": "其他法定事由"}


def _on(on: date | None) -> date:
    today = clock.today()
    if on is not None:
        not_in_future(on, today)
    return on or today


def _required(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput("{field} is required.", params={"field": field}, errors={field: ["required"]})
    return value


def _registered(
    session,
    actor,
    right: HomesteadRight,
    on: date,
    kind: str,
    reason: str,
    evidence_ref: str | None,
    before: dict,
    *,
    new_certificate: bool,
):
    if new_certificate:
        replace_certificate(session, actor, right, on, f"变更登记换发：{reason}")
        session.expire(right, ["certificates"])
    entry = append_entry(session, actor, right, kind, on, reason, evidence_ref)
    record(
        session,
        actor,
        f"homestead_right.{kind}",
        "homestead_right",
        right.id,
        before=before,
        after=entry.state,
    )
    return right


def change_house(
    session,
    actor,
    right_id: int,
    building_number: str | None,
    reason: str,
    evidence_ref: str | None = None,
    on: date | None = None,
) -> HomesteadRight:
    """A house built (F + building/unit number) or gone (W00000000): the unit code follows it."""
    right = active_right(session, right_id, actor)
    on, reason = _on(on), _required(reason, "reason")
    if building_number is None and right.holder_person_id is not None:
        raise RuleViolation(
            "A non-member heir holds the homestead only with the house; the house cannot be "
            "taken off this right.",
            rule="HS-07",
            errors={"building_number": ["required"]},
        )
    unit = unit_code_for(right.parcel.code, building_number)
    if unit == right.unit_code:
        raise InvalidInput(
            "The unit code is {unit} already.",
            params={"unit": unit},
            errors={"building_number": ["unchanged"]},
        )
    before = snapshot(session, right)
    right.unit_code = unit
    session.flush()
    return _registered(
        session,
        actor,
        right,
        on,
        "change",
        f"变更登记（房屋）：{reason}",
        evidence_ref,
        before,
        new_certificate=True,
    )


def change_holder(
    session,
    actor,
    right_id: int,
    household_code: str,
    cause: str,
    reason: str,
    evidence_ref: str | None = None,
    on: date | None = None,
) -> HomesteadRight:
    """The right passes to another household of the collective (HS-01, HS-03); a sale or gift of the house is
    also recorded against the old household, which then cannot apply again (HS-05)."""
    right = active_right(session, right_id, actor)
    on, reason, evidence_ref = _on(on), _required(reason, "reason"), _required(evidence_ref, "evidence_ref")
    if cause not in HOLDER_CAUSES:
        raise InvalidInput(
            "Unknown cause {cause}.",
            params={"cause": cause},
            errors={"cause": [f"one of {', '.join(HOLDER_CAUSES)}"]},
        )
    target = household_or_404(session, household_code)
    if target.code == right.household_code:
        raise InvalidInput(
            "Household {code} holds this right already.",
            params={"code": target.code},
            errors={"household_code": ["holds this right already"]},
        )
    lock_household(session, target.code)
    check_one_homestead(session, target.code)
    check_member_in_household(session, target, right.collective_code)
    before = snapshot(session, right)
    if cause in ("sale", "gift") and right.household_code is not None:
        session.add(
            HouseTransfer(
                household_code=right.household_code,
                kind=cause,
                transfer_date=on,
                counterparty=target.code,
                evidence_ref=evidence_ref,
                right_id=right.id,
                recorded_by=actor.username,
            )
        )
    right.household_code, right.holder_person_id, right.note = target.code, None, None
    session.flush()
    return _registered(
        session,
        actor,
        right,
        on,
        "change",
        f"变更登记（权利人）：{reason}",
        evidence_ref,
        before,
        new_certificate=True,
    )


def _current_household_of(session, person_id: int) -> str | None:
    return session.scalar(
        select(HouseholdMember.household_code).where(
            HouseholdMember.person_id == person_id, HouseholdMember.left_on.is_(None)
        )
    )


def inherit(
    session, actor, right_id: int, heir_id_number: str, evidence_ref: str, on: date | None = None
) -> HomesteadRight:
    """HS-07: a member heir's household takes the right under HS-01; a non-member heir holds it only with the
    house, with the mandated note on the right and in its register."""
    right = active_right(session, right_id, actor)
    on, evidence_ref = _on(on), _required(evidence_ref, "evidence_ref")
    heir = person_by_id_number(session, heir_id_number, "heir_id_number")
    before = snapshot(session, right)
    if is_active_member(session, heir.id, right.collective_code):
        household_code = _current_household_of(session, heir.id)
        if household_code is None:
            raise InvalidInput(
                "The heir belongs to no current household; register the household first.",
                errors={"heir_id_number": ["in no current household"]},
            )
        if household_code == right.household_code:
            raise InvalidInput(
                "The heir's household holds this right already.",
                errors={"heir_id_number": ["the household holds this right already"]},
            )
        lock_household(session, household_code)
        check_one_homestead(session, household_code)
        right.household_code, right.holder_person_id, right.note = household_code, None, None
        reason = "继承登记：由本集体经济组织成员继承"
    else:
        if right.unit_code[19] != "F":
            raise RuleViolation(
                "A non-member heir may hold the homestead only together with the house; no house "
                "is registered on {unit}.",
                rule="HS-07",
                params={"unit": right.unit_code},
                errors={"heir_id_number": ["not a member: the right passes only with a house"]},
            )
        right.household_code, right.holder_person_id, right.note = None, heir.id, HEIR_NOTE
        reason = f"继承登记：{HEIR_NOTE}"
    session.flush()
    session.refresh(right, ["holder_person"])
    return _registered(
        session, actor, right, on, "inheritance", reason, evidence_ref, before, new_certificate=True
    )


def cancel_right(
    session, actor, right_id: int, cause: str, basis_ref: str, note: str | None = None, on: date | None = None
) -> HomesteadRight:
    """注销登记 for loss of the land or house, expropriation, or another legal basis; never for settlement."""
    right = active_right(session, right_id, actor)
    action = "homestead_right.cancel"
    refuse_settlement_linkage(
        cause, basis_ref, note, entity="homestead_right", entity_id=str(right.id), action=action
    )
    if cause not in CANCEL_CAUSES:
        raise RuleViolation(
            "A homestead right is cancelled only for loss of the land or house, expropriation or another "
            "legal "
            "basis; giving it up is the holder's voluntary, compensated exit through /api/v1/exits.",
            rule="UR-02",
            errors={"cause": [f"one of {', '.join(CANCEL_CAUSES)}"]},
            audit_refusal=True,
            entity="homestead_right",
            entity_id=str(right.id),
            action=action,
        )
    on, basis_ref = _on(on), _required(basis_ref, "basis_ref")
    before = snapshot(session, right)
    reason = f"注销登记：{CANCEL_CAUSES[cause]}" + (f"（{note.strip()}）" if note and note.strip() else "")
    end_right(
        session,
        actor,
        right,
        end_reason=cause,
        entry_kind="cancellation",
        on=on,
        reason=reason,
        evidence_ref=basis_ref,
    )
    record(session, actor, action, "homestead_right", right.id, before=before, after=snapshot(session, right))
    return right
