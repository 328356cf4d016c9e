"""A contract's (= its register book's, its certificate's) code: the party's 18 digits and the method's
letter,
J for a family contract, Q for a contract by other methods (120x, a unit's or a person's; migration 0021).
`codes.parse_contract_code` knows J only; this accepts both (to move into `codes` once that file is split)."""

from __future__ import annotations

from ..codes import parse_contract_code, parse_household_code
from ..errors import InvalidInput

OTHER_METHODS_LETTER = "Q"


def parse_any_contract_code(value: object, field: str = "code") -> str:
    if isinstance(value, str) and len(value) == 19 and value[-1] == OTHER_METHODS_LETTER:
        parse_household_code(value[:18], field)
        return value
    try:
        return parse_contract_code(value, field)
    except InvalidInput as err:
        raise InvalidInput(
            "{field} must be an 18-digit party code followed by J or Q.",
            rule="PER-03",
            params={"field": field},
            errors={field: ["must be party code + J or Q"]},
        ) from err
