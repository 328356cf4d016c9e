"""The checks of a bulk registration that need no spatial join: each feature's attributes, scope and codes
(PAR-01, PER-03), PAR-04's cheap extent test, and the one refusal naming every bad feature."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import shapely
from sqlalchemy import String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from ..collectives.models import Collective
from ..errors import Conflict, InvalidInput, RegistryError, RuleViolation
from .county import county_extent
from .models import Parcel
from .services import check_attributes, check_code


@dataclass
class Item:
    idx: int
    collective_code: str
    kind: str
    category: str
    land_class: str | None
    basic_farmland: bool
    name: str | None
    code: str | None


def parse_feature(index: int, feature: object, default_collective: str | None) -> Item:
    """The non-spatial part of one feature; the geometries are validated together afterwards."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise InvalidInput("Each entry must be a GeoJSON Feature.", errors={"_": ["not a GeoJSON Feature"]})
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise InvalidInput("properties must be an object.", errors={"properties": ["not an object"]})
    collective = props.get("collective_code", default_collective)
    if not isinstance(collective, str):
        raise InvalidInput(
            "collective_code is required.", errors={"properties.collective_code": ["required"]}
        )
    item = Item(
        index,
        collective,
        props.get("kind", "contract"),
        props.get("category", "10"),
        props.get("land_class"),
        props.get("basic_farmland", False),
        props.get("name"),
        props.get("code"),
    )
    if not isinstance(item.basic_farmland, bool):
        raise InvalidInput(
            "basic_farmland must be true or false.",
            errors={"properties.basic_farmland": ["must be true or false"]},
        )
    check_attributes(
        kind=item.kind,
        category=item.category,
        land_class=item.land_class,
        name=item.name,
        field_prefix="properties.",
    )
    if item.code is not None:
        check_code(item.code, item.kind, collective)
    return item


def report(errors: dict, index: int, err: RegistryError) -> None:
    for key, messages in (err.errors or {"_": [err.detail.format(**err.params)]}).items():
        name = f"features.{index}" if key == "_" else f"features.{index}.{key}"
        errors.setdefault(name, []).extend(messages)


def text_array(values) -> object:
    """One array parameter, not an IN list of thousands of placeholders."""
    return bindparam(None, list(values), type_=ARRAY(String))


def outside_extents(items: list[Item], geoms: list) -> list[Item]:
    """PAR-04's cheap test (`outside_extent`) for the whole batch: one extent per county, bounds by numpy."""
    if not items:
        return []
    bounds = shapely.bounds(np.array(geoms, dtype=object))
    counties = np.array([i.collective_code[:6] for i in items])
    outside = np.zeros(len(items), dtype=bool)
    for county in set(counties.tolist()):
        extent = county_extent(county)
        if extent is not None:
            sel = counties == county
            b = bounds[sel]
            outside[sel] = (
                (b[:, 0] < extent[0]) | (b[:, 1] < extent[1]) | (b[:, 2] > extent[2]) | (b[:, 3] > extent[3])
            )
    return [item for item, out in zip(items, outside.tolist(), strict=True) if out]


def check_collectives_and_codes(session, items: list[Item], errors: dict) -> None:
    wanted = {i.collective_code for i in items}
    known = (
        set(session.scalars(select(Collective.code).where(Collective.code == any_(text_array(wanted)))))
        if wanted
        else set()
    )
    explicit = Counter(i.code for i in items if i.code is not None)
    taken = (
        set(session.scalars(select(Parcel.code).where(Parcel.code == any_(text_array(explicit)))))
        if explicit
        else set()
    )
    for i in items:
        if i.collective_code not in known:
            errors.setdefault(f"features.{i.idx}.properties.collective_code", []).append("no such collective")
        if i.code is not None and (i.code in taken or explicit[i.code] > 1):
            errors.setdefault(f"features.{i.idx}.properties.code", []).append(
                "PER-03: code taken" if i.code in taken else "PER-03: code repeated in this batch"
            )


def refuse(errors: dict, conflicts: set[str], total: int) -> None:
    bad = len({k.split(".")[1] for k in errors})
    only_overlaps = all(m.startswith("PAR-02") for msgs in errors.values() for m in msgs)
    params = {"bad": bad, "total": total}
    if only_overlaps:
        raise Conflict(
            "{bad} of {total} features overlap; nothing was registered.",
            rule="PAR-02",
            params=params,
            errors=errors,
            conflicts=sorted(conflicts),
        )
    if all(m.startswith("PAR-04") for msgs in errors.values() for m in msgs):
        raise RuleViolation(
            "{bad} of {total} features lie outside their collective's county; nothing was registered.",
            rule="PAR-04",
            params=params,
            errors=errors,
        )
    raise InvalidInput(
        "{bad} of {total} features are not valid; nothing was registered.",
        rule="PAR-01",
        params=params,
        errors=errors,
        conflicts=sorted(conflicts) or None,
    )
