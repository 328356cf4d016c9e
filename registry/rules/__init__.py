"""The rule catalogue (../shared/rules.md) as data: ID, Chinese text, English text, legal source.

One module per rule prefix holds that prefix's entries (`per.py` … `ex.py`, each a `RULES` tuple of `Rule`);
this module puts them together in prefix order and looks a rule up by its ID. A new rule goes into its
prefix's module; a new prefix adds its module to `_PREFIXES`."""

from __future__ import annotations

from . import ex, hs, lc, mem, par, per, rg, rs, sec, sh, ur
from .rule import Rule

_PREFIXES = (per, mem, par, lc, hs, sh, ur, rs, rg, sec, ex)

RULES: tuple[Rule, ...] = tuple(r for module in _PREFIXES for r in module.RULES)

BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def get(rule_id: str) -> Rule:
    return BY_ID[rule_id]
