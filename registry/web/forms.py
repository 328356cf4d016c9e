"""Reading HTML form values into the types services take. A value that is not even of the right type is
refused here with the field named (never a 500); every rule about the values is the service's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ..bounds import INT32, INT64, MAX_TEXT, column_limits, int_problem, text_problem
from ..errors import InvalidInput

MAX_ROWS = 200  # rows a list form may carry (member rows, decisions); a tampered count is cut to this


def row_count(form, default: int = 0) -> int:
    """The hidden `rows` field of a list form, as typed by the page or tampered with: 0 … MAX_ROWS."""
    value = (form.get("rows") or "").strip()
    return min(int(value), MAX_ROWS) if value.isdigit() and len(value) < 6 else default


class FormReader:
    def __init__(self, form):
        self.form = form
        self.errors: dict[str, list[str]] = {}

    def _raw(self, name: str) -> str:
        return (self.form.get(name) or "").strip()

    def _fail(self, name: str, message: str):
        self.errors.setdefault(name, []).append(message)

    def text(self, name: str, required: bool = True) -> str | None:
        value = self._raw(name)
        if not value:
            if required:
                self._fail(name, "required")
            return None
        problem = text_problem(value, column_limits()[0].get(name.rsplit(".", 1)[-1], MAX_TEXT))
        if problem:
            self._fail(name, problem)
            return None
        return value

    def choice(self, name: str, options, required: bool = True) -> str | None:
        value = self.text(name, required)
        if value is not None and value not in options:
            self._fail(name, "not one of the offered choices")
            return None
        return value

    def integer(self, name: str, required: bool = True) -> int | None:
        value = self.text(name, required)
        if value is None:
            return None
        if not re.fullmatch(r"-?\d{1,30}", value):
            self._fail(name, "must be a whole number")
            return None
        problem = int_problem(int(value), column_limits()[1].get(name.rsplit(".", 1)[-1], INT32))
        if problem:
            self._fail(name, problem)
            return None
        return int(value)

    def yuan_to_fen(self, name: str, required: bool = True) -> int | None:
        """Money is typed in yuan with up to two decimals and handed on as integer fen, never float."""
        value = self.text(name, required)
        if value is None:
            return None
        try:
            amount = Decimal(value.replace(",", ""))
        except InvalidOperation:
            self._fail(name, "must be an amount in yuan")
            return None
        if not amount.is_finite() or abs(amount) > Decimal(INT64) / 100:
            self._fail(name, "must be an amount in yuan")
            return None
        if amount != amount.quantize(Decimal("0.01")):
            self._fail(name, "at most two decimals (fen)")
            return None
        return int(amount * 100)

    def decimal(self, name: str, required: bool = True) -> Decimal | None:
        value = self.text(name, required)
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            self._fail(name, "must be a number")
            return None

    def day(self, name: str, required: bool = True) -> date | None:
        value = self.text(name, required)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self._fail(name, "must be a date (YYYY-MM-DD)")
            return None

    def flag(self, name: str) -> bool:
        return self.form.get(name) in ("1", "on", "true", "yes")

    def done(self) -> None:
        """Raise once for every field that could not be read, so the page marks them all at once."""
        if self.errors:
            raise InvalidInput("Some fields need attention.", errors=self.errors)
