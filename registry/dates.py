"""Date checks shared by every area (no Flask)."""

from __future__ import annotations

from datetime import date

from .errors import InvalidInput


def not_in_future(on: date, today: date, field: str = "date", *, rule: str | None = None) -> None:
    """A registration records what has happened: `on` is today or earlier."""
    if on > today:
        raise InvalidInput(
            "{field} cannot be in the future.",
            params={"field": field},
            rule=rule,
            errors={field: ["not in the future"]},
        )
