"""How a certificate is made from a right and kept (RG-01, RG-02): the serial of its county and year, a new
verification code, the content snapshot the right's source prints, and the two records of every event, the
note in the right's register and the audit entry. The checks that decide whether to print are in
services.py."""

from __future__ import annotations

from datetime import date

from ..audit.services import record
from ..codes import new_verification_code, next_in_sequence
from ..errors import InvalidInput
from .labels import EVENT_LABELS, KIND_LABELS
from .models import Certificate
from .regions import issuing_authority, serial_text
from .rights import SOURCES

SERIAL_MAX = 999_999  # the serial prints six digits


def _next_serial(session, kind: str, county: str, year: int) -> str:
    seq = next_in_sequence(session, f"{county}:{year}", f"certificate:{kind}")
    if seq > SERIAL_MAX:
        raise InvalidInput(
            "The certificate serials of {county} for {year} are exhausted.",
            params={"county": county, "year": year},
        )
    return serial_text(kind, county, year, seq)


def print_certificate(
    session,
    actor,
    kind: str,
    right,
    state,
    on: date,
    *,
    origin: str,
    reason: str | None,
    replaces: Certificate | None,
) -> Certificate:
    source = SOURCES[kind]
    collective_code, right_ref = source.collective_code(right), source.ref(right)
    content = source.snapshot(session, right, state)
    content["authority"] = issuing_authority(kind, collective_code[:6])
    cert = Certificate(
        number=right_ref,
        kind=kind,
        right_id=right.id,
        right_ref=right_ref,
        collective_code=collective_code,
        serial=_next_serial(session, kind, collective_code[:6], on.year),
        origin=origin,
        origin_reason=reason,
        status="issued",
        issued_on=on,
        issued_by=actor.username,
        verification_code=new_verification_code(),
        content=content,
        replaces_id=replaces.id if replaces else None,
    )
    session.add(cert)
    session.flush()
    return cert


def public_view(cert: Certificate) -> dict:
    """What the audit log keeps of a certificate (never its verification code)."""
    return {
        "number": cert.number,
        "serial": cert.serial,
        "kind": cert.kind,
        "right_ref": cert.right_ref,
        "status": cert.status,
        "origin": cert.origin,
        "issued_on": cert.issued_on,
        "void_reason": cert.void_reason,
    }


def log_event(
    session,
    actor,
    cert: Certificate,
    right,
    event: str,
    on: date,
    reason: str | None,
    *,
    in_register: bool = True,
    before: dict | None = None,
) -> None:
    """The entry in the right's register (RG-01) and the audit entry, in the caller's transaction."""
    if in_register and right is not None:
        text = f"{EVENT_LABELS[event]}{KIND_LABELS[cert.kind]} {cert.serial}"
        text += f"：{reason}" if reason else ""
        SOURCES[cert.kind].note_in_register(session, actor, right, on, event, text)
    record(
        session,
        actor,
        f"certificate.{event}",
        "certificate",
        cert.number,
        before=before,
        after=public_view(cert),
    )


def void(cert: Certificate, actor, status: str, on: date, reason: str) -> dict:
    before = public_view(cert)
    cert.status, cert.voided_on, cert.void_reason, cert.voided_by = status, on, reason, actor.username
    return before
