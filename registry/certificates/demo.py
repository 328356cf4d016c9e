"""Demo step: every registered right of the demo collectives gets its certificate (应发尽发; idempotent)."""

from __future__ import annotations

from ..auth.actor import SYSTEM
from .services import issue_missing


def demo_certificates(session, data) -> str:
    issued = refused = 0
    for collective in data["collectives"]:
        summary = issue_missing(session, SYSTEM, collective["code"])
        issued += sum(len(certs) for certs in summary.issued.values())
        refused += len(summary.refused)
    return f"certificates: {issued} new" + (f", {refused} rights not certifiable" if refused else "")
