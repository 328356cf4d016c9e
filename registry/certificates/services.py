"""Certificates (RG-02): issue only from a registered right; 补发 (re-issue), 换发 (replacement) and 注销
(cancellation) with reasons; every change audited and written into the right's register (RG-01).

A re-issue or replacement prints a new certificate with a new serial and a new verification code; the old
certificate stays on record, voided, so its code no longer verifies.

The area that owns a right may issue or cancel its certificate inside one of its own registrations (a
homestead approval, a change of holder): it passes `in_register=False` and its own register entry, written
in the same transaction, carries the certificate number.

Here are the checks and the transactions; how a certificate is printed and recorded is in printing.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..errors import Conflict, InvalidInput, RuleViolation
from .models import KINDS, Certificate
from .printing import log_event, print_certificate, void
from .reading import latest, uncertified_rights
from .rights import SOURCES
from .. import clock


def _kind(kind: object) -> str:
    if kind not in KINDS:
        raise InvalidInput(
            "Unknown certificate kind {kind}.",
            params={"kind": kind},
            errors={"kind": [f"one of {', '.join(KINDS)}"]},
        )
    return kind


def _reason(reason: object) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise RuleViolation(
            "A re-issue, replacement or cancellation needs a reason.",
            rule="RG-02",
            errors={"reason": ["required"]},
        )
    return text


def _unknown(right_ref) -> RuleViolation:
    return RuleViolation(
        "No registered right {ref}: a certificate is issued only from a registered right.",
        rule="RG-02",
        params={"ref": right_ref},
        errors={"right_ref": ["no such registered right"]},
    )


def _right(session, actor, kind: str, right_ref: object, roles: tuple[str, ...]):
    """The right, in the actor's scope and locked as its own writers lock it; 422 RG-02 when unknown."""
    source = SOURCES[kind]
    right = source.find(session, right_ref) if isinstance(right_ref, str) else None
    if right is None:
        raise _unknown(right_ref)
    actor.require_collective(source.collective_code(right), *roles)
    source.lock(session, right)
    return right


def _registered_state(session, kind: str, right, on: date):
    """The right's state on `on`; 422 RG-02 when the right is not (or no longer) registered."""
    source = SOURCES[kind]
    state = source.state(session, right, on)
    refusal = source.refusal(state)
    if refusal is not None:
        message, params = refusal
        raise RuleViolation(
            message,
            rule="RG-02",
            params={"ref": source.ref(right), **params},
            errors={"right_ref": ["not a registered right in force"]},
        )
    return state


def in_force_for_right(session, kind: str, right_id: int) -> Certificate | None:
    return session.scalar(
        select(Certificate).where(
            Certificate.kind == kind, Certificate.right_id == right_id, Certificate.status == "issued"
        )
    )


def _issuable(session, actor, kind: str, right_ref: str, on: date):
    """Every check of an issue, nothing written yet: (right, its state) or a refusal."""
    right = _right(session, actor, kind, right_ref, ("clerk", "reviewer"))
    state = _registered_state(session, kind, right, on)
    current = in_force_for_right(session, kind, right.id)
    if current is not None:
        raise Conflict(
            "Right {ref} already has certificate {serial} in force; re-issue or replace it instead.",
            rule="RG-02",
            params={"ref": right_ref, "serial": current.serial},
            conflicts=[current.number],
        )
    return right, state


def _issue(session, actor, kind: str, right, state, on: date, in_register: bool) -> Certificate:
    cert = print_certificate(
        session, actor, kind, right, state, on, origin="issue", reason=None, replaces=None
    )
    log_event(session, actor, cert, right, "issued", on, None, in_register=in_register)
    return cert


def issue_certificate(
    session, actor, kind: str, right_ref: str, *, on: date | None = None, in_register: bool = True
) -> Certificate:
    """颁发: the first certificate of a registered right, or a new one after a cancelled one (RG-02)."""
    on = on or clock.today()
    kind = _kind(kind)
    right, state = _issuable(session, actor, kind, right_ref, on)
    return _issue(session, actor, kind, right, state, on, in_register)


def certificate_in_force(session, actor, number: str, roles=("reviewer",)):
    """(certificate in force, its right), both locked; 404 unknown number, 409 RG-02 if none is in force."""
    last = latest(session, number)
    actor.require_collective(last.collective_code, *roles)
    source = SOURCES[last.kind]
    right = source.get(session, last.right_id)
    if right is not None:
        source.lock(session, right)
    cert = session.scalar(
        select(Certificate)
        .with_for_update()
        .where(Certificate.number == number, Certificate.status == "issued")
    )
    if cert is None:
        raise Conflict(
            "Certificate {number} is not in force ({status}).",
            rule="RG-02",
            params={"number": number, "status": last.status},
            conflicts=[number],
        )
    return cert, right


def _succeed(
    session, actor, number: str, reason: object, on: date | None, *, status: str, origin: str
) -> Certificate:
    on = on or clock.today()
    reason = _reason(reason)
    old, right = certificate_in_force(session, actor, number)
    if right is None:
        raise _unknown(old.right_ref)
    state = _registered_state(session, old.kind, right, on)
    before = void(old, actor, status, on, reason)
    session.flush()  # the old one leaves force before the new one enters it (one in force per right)
    new = print_certificate(
        session, actor, old.kind, right, state, on, origin=origin, reason=reason, replaces=old
    )
    log_event(session, actor, new, right, status, on, reason, before=before)
    return new


def reissue_certificate(session, actor, number: str, reason: object, *, on: date | None = None):
    """补发: the certificate was lost or destroyed; a new one is printed and the old code stops verifying."""
    return _succeed(session, actor, number, reason, on, status="reissued", origin="reissue")


def replace_certificate(session, actor, number: str, reason: object, *, on: date | None = None):
    """换发: the holder hands in the old certificate (worn, or the right changed) for one printed anew."""
    return _succeed(session, actor, number, reason, on, status="replaced", origin="replacement")


def _cancel(session, actor, cert: Certificate, right, reason: str, on: date, in_register: bool):
    before = void(cert, actor, "cancelled", on, reason)
    session.flush()
    log_event(session, actor, cert, right, "cancelled", on, reason, in_register=in_register, before=before)
    return cert


def cancel_certificate(session, actor, number: str, reason: object, *, on: date | None = None) -> Certificate:
    """注销: the certificate stops being valid (the right ended, or it was issued in error)."""
    on = on or clock.today()
    reason = _reason(reason)
    cert, right = certificate_in_force(session, actor, number)
    return _cancel(session, actor, cert, right, reason, on, True)


def cancel_for_right(
    session, actor, kind: str, right_id: int, reason: str, on: date, *, in_register: bool = False
) -> Certificate | None:
    """For the owning area, inside its own registration (the right ends): cancel (注销) the right's
    certificate
    in force, if any. The caller holds the right's lock; its register entry names the certificate, or
    `in_register` writes one of its own."""
    cert = in_force_for_right(session, kind, right_id)
    if cert is None:
        return None
    return _cancel(
        session, actor, cert, SOURCES[kind].get(session, right_id), _reason(reason), on, in_register
    )


def replace_for_right(
    session, actor, kind: str, right_id: int, reason: str, on: date, *, in_register: bool = False
) -> Certificate | None:
    """For the owning area, inside its own registration that changed the right's holders, parcels or area:
    换发. The certificate in force is recorded as replaced and a new one, with a new serial and code, is
    printed
    from the right as it now stands; a right that the change ended gets its certificate cancelled instead."""
    old = in_force_for_right(session, kind, right_id)
    if old is None:
        return None
    source, reason = SOURCES[kind], _reason(reason)
    right = source.get(session, right_id)
    state = source.state(session, right, on)
    if source.refusal(state) is not None:
        return _cancel(session, actor, old, right, reason, on, in_register)
    before = void(old, actor, "replaced", on, reason)
    session.flush()
    new = print_certificate(
        session, actor, kind, right, state, on, origin="replacement", reason=reason, replaces=old
    )
    log_event(session, actor, new, right, "replaced", on, reason, in_register=in_register, before=before)
    return new


@dataclass
class BatchSummary:
    collective_code: str
    issued: dict[str, list[Certificate]] = field(default_factory=dict)
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, right_ref, why)


def issue_missing(session, actor, collective_code: str, *, on: date | None = None) -> BatchSummary:
    """应发尽发: a certificate for every registered right of the collective that has none in force."""
    on = on or clock.today()
    actor.require_collective(collective_code, "clerk", "reviewer")
    summary = BatchSummary(collective_code)
    summary.issued = {kind: [] for kind in KINDS}
    for kind, right_ref in uncertified_rights(session, collective_code):
        # Refusals come from the checks, before anything is written: the batch goes on past them.
        try:
            right, state = _issuable(session, actor, kind, right_ref, on)
        except (RuleViolation, Conflict) as err:
            summary.refused.append((kind, right_ref, err.detail.format(**err.params)))
            continue
        summary.issued[kind].append(_issue(session, actor, kind, right, state, on, True))
    return summary
