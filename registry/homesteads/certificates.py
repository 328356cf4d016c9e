"""The certificate of a homestead right (RG-02) lives in the certificates area (one table for every kind of
certificate); these are the calls the homestead registrations make inside their own transaction, whose own
register entry records the certificate number.
"""

from __future__ import annotations

from datetime import date

from ..certificates import services
from ..certificates.models import Certificate
from .models import HomesteadRight


def issue_certificate(session, actor, right: HomesteadRight, on: date) -> Certificate:
    return services.issue_certificate(session, actor, "homestead", right.unit_code, on=on, in_register=False)


def valid_certificate(session, right_id: int) -> Certificate | None:
    return services.in_force_for_right(session, "homestead", right_id)


def cancel_certificate(session, actor, right_id: int, on: date, reason: str) -> Certificate | None:
    return services.cancel_for_right(session, actor, "homestead", right_id, reason, on)


def replace_certificate(session, actor, right: HomesteadRight, on: date, reason: str) -> Certificate:
    """换发 after a change of holder or unit: the certificate in force is recorded as replaced by the new one
    (a right that had none gets its first)."""
    return services.replace_for_right(session, actor, "homestead", right.id, reason, on) or issue_certificate(
        session, actor, right, on
    )
