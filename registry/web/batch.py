"""One batch of a long run started from a page (bulk parcel import, 应发尽发): each item in its own
transaction; the answer lists per item its result, or its refusal as problem+json, like the API."""

from __future__ import annotations

from collections.abc import Callable

from flask import jsonify

from ..api import problem_response, refusal_body
from ..db import db
from ..errors import InvalidInput, RegistryError
from .refusals import refuse


def run_batch(items, limit: int, field: str, one: Callable[[object], dict], about: Callable[[object], dict]):
    """`one(item)` does the item's work and returns what to show (with "status"); a refusal is rolled back,
    audited where a rule asks, and answered as problem+json with `about(item)` (which item it was)."""
    if not isinstance(items, list) or len(items) > limit:
        db.session.rollback()
        return problem_response(
            refusal_body(
                InvalidInput(
                    "Send at most {n} items at a time.",
                    params={"n": limit},
                    errors={field: [f"a list of at most {limit}"]},
                )
            )
        )
    results = []
    for item in items:
        try:
            result = one(item)
            db.session.commit()
            results.append(result)
        except RegistryError as err:
            refuse(err)
            results.append({**refusal_body(err), **about(item)})
    return jsonify({"results": results})
