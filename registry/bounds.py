"""Input bounds in one place: no value reaches PostgreSQL that its column type cannot hold.

- Path integers (`<int:…>`) beyond a 32-bit column do not match the route: 404.
- Every API argument (JSON body, query, form) passes `BoundedParser.pre_load`: a control character (NUL …) in
  any string, a string longer than the column of that name, or an integer beyond its column type is refused
  with 422 and the field named, before the schema and the database see it.
- Every flush checks the String(n) and Integer columns of the rows it writes (web forms and the CLI go through
  services too), and refuses with the column named.
- Anything that still reaches the database as a DataError becomes a 422 InvalidInput (sqlalchemy
handle_error),
  so a route that catches RegistryError shows its form again instead of a 500.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import marshmallow as ma
from sqlalchemy import BigInteger, Integer, SmallInteger, String, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session
from webargs.flaskparser import FlaskParser
from werkzeug.routing import IntegerConverter

from .errors import InvalidInput

log = logging.getLogger(__name__)

INT32 = 2**31 - 1
INT64 = 2**63 - 1
MAX_TEXT = 10000  # a string field with no column of its name (notes, search text) is still bounded
# C0 controls and DEL, except tab, line feed and carriage return (multi-line notes keep those).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BoundedIntConverter(IntegerConverter):
    """`<int:id>` matches 0 … 2**31-1 only: a bigger id cannot exist in an INTEGER column, so it is a 404."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's signature
        kwargs.setdefault("max", INT32)
        super().__init__(map, *args, **kwargs)


def _int_bound(column_type) -> int | None:
    if isinstance(column_type, BigInteger):
        return INT64
    if isinstance(column_type, SmallInteger):
        return 2**15 - 1
    if isinstance(column_type, Integer):
        return INT32
    return None


@cache
def column_limits() -> tuple[dict[str, int], dict[str, int]]:
    """(string length, integer bound) by column name over every table; the largest wins where names repeat,
    so no value that fits some column of that name is refused here (the flush check is exact per table)."""
    from .db import Base

    lengths: dict[str, int] = {}
    ints: dict[str, int] = {}
    for table in Base.metadata.tables.values():
        for col in table.columns:
            if isinstance(col.type, String) and col.type.length:
                lengths[col.name] = max(lengths.get(col.name, 0), col.type.length)
            bound = _int_bound(col.type)
            if bound:
                ints[col.name] = max(ints.get(col.name, 0), bound)
    return lengths, ints


def _has_validator(field: ma.fields.Field, kind: type) -> bool:
    return any(isinstance(v, kind) for v in field.validators)


def literal_like(text: str) -> str:
    """Search text taken literally inside a LIKE pattern (used with escape="\\"): % and _ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def text_problem(value: str, limit: int | None) -> str | None:
    """The note for a string that cannot be stored, or None."""
    if _CONTROL.search(value):
        return "contains a control character"
    if limit is not None and len(value) > limit:
        return f"at most {limit} characters"
    return None


def int_problem(value: int, bound: int) -> str | None:
    if not -bound - 1 <= value <= bound:
        return f"at most {bound}"
    return None


def _check_field(field: ma.fields.Field, name: str, value, errors: dict, path: str) -> None:
    lengths, ints = column_limits()
    if isinstance(field, ma.fields.Nested) and isinstance(field.schema, ma.Schema):
        items = value if field.many and isinstance(value, list) else [value]
        for i, item in enumerate(items):
            _check_data(field.schema, item, errors, f"{path}.{i}" if field.many else path)
    elif isinstance(field, ma.fields.List):
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            _check_field(field.inner, name, item, errors, f"{path}.{i}" if isinstance(value, list) else path)
    elif isinstance(field, ma.fields.Integer):
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,4000}\s*", value):
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            note = int_problem(value, ints.get(name, INT32))
            if note:
                errors.setdefault(path, []).append(note)
        else:
            _check_any(value, errors, path)
    elif isinstance(value, str) and isinstance(field, ma.fields.String):
        limit = None if _has_validator(field, ma.validate.Length) else lengths.get(name, MAX_TEXT)
        note = text_problem(value, limit)
        if note:
            errors.setdefault(path, []).append(note)
    else:
        _check_any(value, errors, path)


def _check_any(value, errors: dict, path: str) -> None:
    """Values no String field declares (GeoJSON, free dicts) still carry no control characters."""
    if isinstance(value, str):
        note = text_problem(value, MAX_TEXT * 100)
        if note:
            errors.setdefault(path, []).append(note)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_any(k, errors, path)
            _check_any(v, errors, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_any(v, errors, f"{path}.{i}" if path else str(i))


def _check_data(schema: ma.Schema, data, errors: dict, prefix: str = "") -> None:
    if not hasattr(data, "keys"):
        _check_any(data, errors, prefix or "_schema")
        return
    by_key = {(f.data_key or n): (f, f.attribute or n) for n, f in schema.fields.items() if not f.dump_only}
    for key in list(data.keys()):
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        path = f"{prefix}.{key}" if prefix else str(key)
        for value in values:
            if key in by_key:
                _check_field(*by_key[key], value, errors, path)
            else:
                _check_any(value, errors, path)


class BoundedParser(FlaskParser):
    def pre_load(self, location_data, *, schema, req, location):
        errors: dict[str, list[str]] = {}
        _check_data(schema, location_data, errors)
        if errors:
            raise ma.ValidationError(errors)
        return location_data


def check_row(obj) -> dict[str, list[str]]:
    """The notes for the String(n)/Integer columns of one ORM row about to be written."""
    state = inspect(obj)
    errors: dict[str, list[str]] = {}
    for attr in state.mapper.column_attrs:
        if len(attr.columns) != 1:
            continue
        col = attr.columns[0]
        if not state.pending and not state.attrs[attr.key].history.has_changes():
            continue
        value = state.dict.get(attr.key)
        if isinstance(value, str) and isinstance(col.type, String):
            note = text_problem(value, col.type.length)
        elif isinstance(value, int) and not isinstance(value, bool) and _int_bound(col.type):
            note = int_problem(value, _int_bound(col.type))
        else:
            note = None
        if note:
            errors.setdefault(attr.key, []).append(note)
    return errors


def _before_flush(session, flush_context, instances) -> None:
    errors: dict[str, list[str]] = {}
    for obj in list(session.new) + list(session.dirty):
        errors.update(check_row(obj))
    if errors:
        raise InvalidInput("Some values do not fit the register; see errors.", errors=errors)


def _data_error(context) -> None:
    """The last line: whatever DataError still reaches PostgreSQL is the input's fault, never a 500."""
    if isinstance(context.sqlalchemy_exception, DataError):
        log.info("input refused by the database: %s", context.original_exception)
        raise InvalidInput(
            "A value is out of range for the register; nothing was saved.",
            errors={"_schema": ["value out of range"]},
        ) from context.sqlalchemy_exception


_installed = False


def install(app) -> None:
    """Called by the Api before the areas' blueprints are registered (the converter must be in place
    first)."""
    global _installed
    app.url_map.converters["int"] = BoundedIntConverter
    if _installed:
        return
    _installed = True
    import flask_smorest

    flask_smorest.Blueprint.ARGUMENTS_PARSER = BoundedParser()
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Engine, "handle_error", _data_error)
