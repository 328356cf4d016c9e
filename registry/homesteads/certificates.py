"""The certificate record of a homestead right (RG-02): number and verification code.

Only the record lives here; the PDF and the public verification page belong to the certificates area,
which reads this table.
"""
from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select

from ..codes import next_in_sequence
from .models import HomesteadCertificate, HomesteadRight

# No 0/O, 1/I/L: the code is typed in by hand from paper.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def issue_certificate(session, actor, right: HomesteadRight, on: date) -> HomesteadCertificate:
    """Number = county + year + JC + 6-digit sequence of that county and year, never reused."""
    county = right.collective_code[:6]
    seq = next_in_sequence(session, f"{county}{on.year}", "homestead_certificate")
    cert = HomesteadCertificate(
        number=f"{county}{on.year}JC{seq:06d}", right_id=right.id,
        verification_code="".join(secrets.choice(_CODE_ALPHABET) for _ in range(10)),
        status="valid", issued_on=on, issued_by=actor.username)
    session.add(cert)
    session.flush()
    return cert


def valid_certificate(session, right_id: int) -> HomesteadCertificate | None:
    return session.scalar(select(HomesteadCertificate).where(HomesteadCertificate.right_id == right_id,
                                                             HomesteadCertificate.status == "valid"))


def cancel_certificate(session, right_id: int, on: date, reason: str) -> HomesteadCertificate | None:
    cert = valid_certificate(session, right_id)
    if cert is not None:
        cert.status, cert.cancelled_on, cert.cancel_reason = "cancelled", on, reason
        session.flush()
    return cert
