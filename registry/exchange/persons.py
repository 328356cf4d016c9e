"""GB 11643 numbers as the packages carry them: 18 characters, or the old 15 digits (converted)."""

from __future__ import annotations

from sqlalchemy import String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

from ..codes import id_check_char, parse_id_number
from ..errors import InvalidInput


def normalise_id(raw: str) -> tuple[str | None, bool]:
    """(the valid 18-character number or None, whether it was converted from 15 digits)."""
    value = (raw or "").strip().upper()
    converted = False
    if len(value) == 15 and value.isdigit():
        first17 = value[:6] + "19" + value[6:]
        value, converted = first17 + id_check_char(first17), True
    try:
        return parse_id_number(value).number, converted
    except InvalidInput:
        return None, converted


def array_of(values) -> object:
    """One array parameter instead of an IN list of thousands (psycopg parses every placeholder)."""
    return bindparam(None, list(values), type_=ARRAY(String))
