"""Loads a Layout set-based: COPY into temporary tables (`staging`), then one step per area, each one
INSERT … SELECT per table it fills (no per-row ORM): `people`, `membership`, `parcels`, `contracts`,
`homesteads`, `shares`, in that order. What the steps share is in `common`.
"""

from . import contracts, homesteads, membership, parcels, people, shares, staging

__all__ = ["contracts", "homesteads", "membership", "parcels", "people", "shares", "staging"]
