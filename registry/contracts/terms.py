"""Contract terms by land type (LC-02, 土地承包法 art. 21) and the calendar arithmetic they need. No database.

`end_date` is the last day of the term: 30 years from 2026-01-01 end on 2055-12-31. The anniversary
(2056-01-01) is accepted as the same term, since contracts are often written that way (api.md "Terms").
"""

from __future__ import annotations

from datetime import date, timedelta

from ..errors import RuleViolation

# land type → (shortest, longest) term in whole years
TERM_YEARS = {"arable": (30, 30), "grassland": (30, 50), "forest": (30, 70)}
EXTENSION_YEARS = 30  # arable land only (art. 21 para. 2)


def add_years(d: date, years: int) -> date:
    """The anniversary; 29 February falls on 1 March in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return date(d.year + years, 3, 1)


def add_months(d: date, months: int) -> date:
    """Same day `months` later; a day the month lacks rolls to the first of the next month."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    try:
        return date(year, month, d.day)
    except ValueError:
        return date(year + (month == 12), month % 12 + 1, 1)


def last_day(start: date, years: int) -> date:
    return add_years(start, years) - timedelta(days=1)


def check_term(land_type: str, start: date, end: date) -> None:
    """LC-02: the term fits the land type; the end is the last day of the term (or its anniversary)."""
    if end <= start:
        raise RuleViolation(
            "The end date must be after the start date.",
            rule="LC-02",
            errors={"end_date": ["must be after start_date"]},
        )
    shortest, longest = TERM_YEARS[land_type]
    if not last_day(start, shortest) <= end <= add_years(start, longest):
        span = f"{shortest}" if shortest == longest else f"{shortest}-{longest}"
        raise RuleViolation(
            "A {land_type} contract runs {years} years: from {start} it ends between {earliest} and "
            "{latest}.",
            rule="LC-02",
            params={
                "land_type": land_type,
                "years": span,
                "start": start.isoformat(),
                "earliest": last_day(start, shortest).isoformat(),
                "latest": add_years(start, longest).isoformat(),
            },
            errors={"end_date": [f"{land_type}: {span} years from start_date"]},
        )


def extended_end(land_type: str, end: date) -> date:
    """LC-02: an arable contract is extended by 30 years when its term runs out; other land types are not."""
    if land_type != "arable":
        raise RuleViolation(
            "Only an arable-land contract is extended by 30 years; this one is {land_type}.",
            rule="LC-02",
            params={"land_type": land_type},
        )
    return add_years(end, EXTENSION_YEARS)


def lease_registrable(start: date, end: date) -> bool:
    """LC-09: a management-right transfer of 5 years or more may be registered (art. 41)."""
    return end >= last_day(start, 5)
