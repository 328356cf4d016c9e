"""The publicity period of a homestead application (HS-04, HS-08): it starts today, or on a past day within
the year when it was held on paper, with that paper's evidence; it ends a configured number of days later."""

from __future__ import annotations

from datetime import date, timedelta

from ..errors import InvalidInput

PUBLICITY_LOOKBACK_DAYS = 365  # HS-08: a publicity held on paper is recorded within the year


def publicity_period(
    start: date | None, evidence_ref: str | None, days: int, today: date
) -> tuple[date, date, str | None]:
    """A period starts on the given day (default today) and ends `days` later; a past start was held on
    paper and needs its evidence."""
    start = start or today
    if start > today or start < today - timedelta(days=PUBLICITY_LOOKBACK_DAYS):
        raise InvalidInput(
            "A publicity period starts between {earliest} and today, not on {date}.",
            rule="HS-08",
            params={
                "date": start.isoformat(),
                "earliest": (today - timedelta(days=PUBLICITY_LOOKBACK_DAYS)).isoformat(),
            },
            errors={"publicity_start": ["not in the future, at most a year ago"]},
        )
    evidence_ref = (evidence_ref or "").strip() or None
    if start < today and evidence_ref is None:
        raise InvalidInput(
            "A publicity period that started in the past needs publicity_evidence_ref.",
            rule="HS-04",
            errors={"publicity_evidence_ref": ["required when the start is in the past"]},
        )
    return start, start + timedelta(days=days), evidence_ref
