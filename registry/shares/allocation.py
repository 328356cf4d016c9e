"""Exact money arithmetic for distributions (SH-04): integers and Fractions only, never float.

Pure functions, no database: the property tests in tests/unit drive them directly.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def parse_ratio(value) -> Fraction:
    """A ratio given as a JSON number or a string, read exactly: Decimal(str(x)), so 0.3 is 3/10, not a
    float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError("a number or a numeric string")
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("a number or a numeric string") from None
    if not d.is_finite():
        raise ValueError("a finite number")
    return Fraction(d)


def reserve_fen(net_income_fen: int, ratio: Fraction) -> int:
    """The reserve rounded UP to whole fen, so it is never below the ratio."""
    product = net_income_fen * ratio
    return -((-product.numerator) // product.denominator)


def allocate(amount_fen: int, shares: Mapping[K, int]) -> dict[K, int]:
    """Divide `amount_fen` by shares with the largest-remainder method.

    Each payee first gets the floor of its exact share; the fen left over (fewer than the number of payees) go
    one each to the largest remainders, ties broken by the payee key ascending. The result depends only on the
    mapping's content, never on its order, and sums to `amount_fen` exactly.
    """
    if amount_fen < 0:
        raise ValueError("amount_fen must not be negative")
    keys = sorted(shares)  # the tie-break order; nearly free when the caller passes keys in order already
    weights = [shares[k] for k in keys]
    if any(w <= 0 for w in weights):
        raise ValueError("every payee holds a positive number of shares")
    total = sum(weights)
    if total == 0:
        if amount_fen:
            raise ValueError("nothing to divide by: no shares")
        return {}
    floors, remainders = [], []
    for w in weights:
        q, r = divmod(amount_fen * w, total)
        floors.append(q)
        remainders.append(r)
    left = amount_fen - sum(floors)
    # a stable sort by remainder, largest first, keeps equal remainders in key order: the deterministic
    # tie-break
    for i in sorted(range(len(keys)), key=remainders.__getitem__, reverse=True)[:left]:
        floors[i] += 1
    return dict(zip(keys, floors))
