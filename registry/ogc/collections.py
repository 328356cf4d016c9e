"""The feature collections: which rows, which key pages them (keyset), which properties, and how scope
applies.
Everything is SQL text put together from fixed fragments; values only ever travel as bind parameters."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..auth.actor import Actor

# The properties as JSON text by concatenation: json_build_object costs ~8 µs a row (a type look-up per
# argument
# per row), five times the geometry's ST_AsGeoJSON. Free text goes through to_json (escaping); codes, kinds
# and
# statuses are quoted as they are, since CHECK constraints hold them to digits, ASCII letters and 'JC'.
_J = "coalesce(to_json({})::text, 'null')"
_PARCEL_PROPERTIES = (
    """'{"code":"' || p.code || '","collective_code":"' || p.collective_code
    || '","kind":"' || p.kind || '","category":"' || p.category || '","land_class":' || """
    + _J.format("p.land_class")
    + """
    || ',"basic_farmland":' || p.basic_farmland::text || ',"name":' || """
    + _J.format("p.name")
    + """
    || ',"area_m2":' || p.area_m2::text || ',"area_mu":' || round(p.area_m2 * 3 / 2000, 2)::text
    || ',"boundaries":'
    || coalesce(p.boundaries::text, '{"east": "—", "south": "—", "west": "—", "north": "—"}')
    || ',"status":"' || p.status || '","retired_at":' || """
    + _J.format("p.retired_at")
    + """
    || ',"retire_reason":' || """
    + _J.format("p.retire_reason")
    + " || '}'"
)
_FARMLAND_PROPERTIES = """json_build_object('ref', p.ref, 'source', p.source, 'area_m2', p.area_m2,
    'area_mu', round(p.area_m2 * 3 / 2000, 2), 'loaded_at', p.loaded_at)::text"""


@dataclass(frozen=True)
class Collection:
    id: str
    title: object
    description: object
    table: str
    where: str  # a literal condition (lets the planner use the partial GiST index of current parcels)
    properties: str  # an SQL expression of the properties as JSON text
    key_is_code: bool  # featureId: the parcel code (text) or the row id (integer)
    scoped: bool  # rows belong to a collective: clerks see theirs, reviewers their county

    @property
    def key(self) -> str:
        return "p.code" if self.key_is_code else "p.id"

    def parse_key(self, value: str):
        """A featureId or `after` cursor as the key's type; None when it cannot be one."""
        if self.key_is_code:
            return value if 1 <= len(value) <= 19 and value.isascii() and value.isalnum() else None
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None

    def scope_sql(self, actor: Actor, collective_code: str | None, params: dict) -> str:
        """The scope condition (SEC-01) for `actor`, optionally narrowed to one collective (already
        checked)."""
        if not self.scoped:
            return "TRUE"
        if collective_code is not None:
            params["collective"] = collective_code
            return "p.collective_code = :collective"
        if actor.role == "admin":
            return "TRUE"
        if actor.role == "clerk":
            params["collective"] = actor.scope
            return "p.collective_code = :collective"
        params["county_prefix"] = f"{actor.county}%"
        return "p.collective_code LIKE :county_prefix"


PARCELS = Collection(
    "parcels",
    _l("Parcels"),
    _l("Current contract-land parcels (地块), EPSG:4490 storage."),
    "parcels",
    "p.status = 'current' AND p.kind = 'contract'",
    _PARCEL_PROPERTIES,
    True,
    True,
)
HOMESTEAD_PLOTS = Collection(
    "homestead-plots",
    _l("Homestead plots"),
    _l("Current homestead plots (宅基地宗地), keyed by their 宗地代码."),
    "parcels",
    "p.status = 'current' AND p.kind = 'homestead'",
    _PARCEL_PROPERTIES,
    True,
    True,
)
BASIC_FARMLAND = Collection(
    "basic-farmland",
    _l("Basic farmland"),
    _l("The permanent basic-farmland protection layer (永久基本农田)."),
    "basic_farmland_areas",
    "TRUE",
    _FARMLAND_PROPERTIES,
    False,
    False,
)


def all_collections() -> list[Collection]:
    found = [PARCELS, BASIC_FARMLAND]
    if importlib.util.find_spec("registry.homesteads") is not None:  # where the homesteads area is installed
        found.insert(1, HOMESTEAD_PLOTS)
    return found


def get(collection_id: str) -> Collection | None:
    return next((c for c in all_collections() if c.id == collection_id), None)
