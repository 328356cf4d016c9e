"""Reading certificates: by number (in scope), their history, lists, the public check of a verification code
(RG-02), and the PDF drawn from the snapshot taken at issue."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import func, select

from ..db import paginate
from ..errors import NotFound
from .labels import EVENT_LABELS
from .models import KINDS, Certificate
from .render import PrintedCertificate, render_pdf
from .rights import SOURCES
from .. import clock


def latest(session, number: str) -> Certificate:
    """The certificate a number stands for now: the one in force, else the last one (voided)."""
    cert = session.scalar(
        select(Certificate).where(Certificate.number == number).order_by(Certificate.id.desc()).limit(1)
    )
    if cert is None:
        raise NotFound("Certificate {number} is not known.", params={"number": number})
    return cert


def get_certificate(session, actor, number: str, serial: str | None = None) -> Certificate:
    """The certificate a number stands for now: the one in force, else the last one (cancelled); with `serial`
    the one certificate printed under the number with that serial (a replaced one names its successor)."""
    cert = latest(session, number)
    actor.require_collective(cert.collective_code, "clerk", "reviewer")
    if serial is not None:
        cert = session.scalar(
            select(Certificate).where(Certificate.number == number, Certificate.serial == serial)
        )
        if cert is None:
            raise NotFound("Certificate {number} is not known.", params={"number": f"{number} {serial}"})
    return cert


def history(session, actor, number: str) -> list[Certificate]:
    get_certificate(session, actor, number)
    return list(
        session.scalars(select(Certificate).where(Certificate.number == number).order_by(Certificate.id))
    )


@dataclass(frozen=True)
class Verification:
    result: str  # valid | right_ended | cancelled | superseded | unknown
    certificate: Certificate | None = None


def _right_in_force(session, cert: Certificate) -> bool:
    """Whether the right the certificate was issued from is still registered today (RG-02)."""
    source = SOURCES[cert.kind]
    right = source.get(session, cert.right_id)
    return right is not None and source.refusal(source.state(session, right, clock.today())) is None


def verify(session, number: str, code: str | None) -> Verification:
    """The public check: which certificate of `number` carries this code, compared in constant time.

    A certificate still in force whose right has since ended (before anyone cancelled it) is not called valid.
    """
    code = (code or "").strip().upper()
    match = None
    for cert in session.scalars(select(Certificate).where(Certificate.number == number)):
        # Every row is compared, so the time taken does not tell how many codes matched a prefix.
        if hmac.compare_digest(cert.verification_code.encode(), code.encode()) and code:
            match = cert
    if match is None:
        return Verification("unknown")
    result = {"issued": "valid", "cancelled": "cancelled"}.get(match.status, "superseded")
    if result == "valid" and not _right_in_force(session, match):
        result = "right_ended"
    return Verification(result, match)


def list_certificates(
    session, actor, *, collective_code: str | None = None, kind: str | None = None, status: str | None = None
):
    """A select of certificates in the actor's scope (a clerk's collective, a reviewer's county)."""
    actor.require_role("clerk", "reviewer")
    stmt = select(Certificate).order_by(Certificate.id)
    if collective_code:
        actor.require_collective(collective_code, "clerk", "reviewer")
        stmt = stmt.where(Certificate.collective_code == collective_code)
    elif actor.role == "clerk":
        stmt = stmt.where(Certificate.collective_code == actor.scope)
    elif actor.role != "admin":
        stmt = stmt.where(Certificate.collective_code.startswith(actor.county))
    if kind:
        stmt = stmt.where(Certificate.kind == kind)
    if status:
        stmt = stmt.where(Certificate.status == status)
    return stmt


def certificate_page(
    session, actor, *, collective_code: str | None = None, page: int = 1, per_page: int = 50
):
    """(certificates in the actor's scope in issue order, total)."""
    return paginate(
        session, list_certificates(session, actor, collective_code=collective_code), page, per_page
    )


def certificate_pdf(session, actor, number: str, verify_url: Callable[[Certificate], str]):
    """(certificate, PDF) the number stands for, drawn from its snapshot; a cancelled one is marked."""
    cert = get_certificate(session, actor, number)
    printed = PrintedCertificate(
        kind=cert.kind,
        number=cert.number,
        serial=cert.serial,
        origin=cert.origin,
        issued_on=cert.issued_on,
        verification_code=cert.verification_code,
        verify_url=verify_url(cert),
        content=cert.content,
        void_mark=None
        if cert.status == "issued"
        else f"已{EVENT_LABELS[cert.status]} {cert.voided_on.isoformat()}",
    )
    return cert, render_pdf(printed)


def uncertified_rights(session, collective_code: str) -> list[tuple[str, str]]:
    """(kind, right ref) of every registered right of the collective with no certificate in force."""
    out = []
    for kind in KINDS:
        certified = select(Certificate.right_id).where(
            Certificate.kind == kind, Certificate.status == "issued"
        )
        out += [(kind, ref) for ref in SOURCES[kind].uncertified(session, collective_code, certified)]
    return out


def uncertified(session, actor, collective_code: str) -> list[tuple[str, str]]:
    """The 应发尽发 work list of a collective in the actor's scope."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    return uncertified_rights(session, collective_code)


def in_force_by_collective(session, actor, county: str) -> dict[str, int]:
    """Collective code → certificates in force, for the collectives of one county."""
    actor.require_county(county, "reviewer")
    return dict(
        session.execute(
            select(Certificate.collective_code, func.count())
            .where(Certificate.status == "issued", Certificate.collective_code.startswith(county))
            .group_by(Certificate.collective_code)
        ).all()
    )
