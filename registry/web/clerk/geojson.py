"""The geometry a page sends (drawn on the map or pasted) read as GeoJSON; its validity is the parcels
service's (PAR-01), here only whether it is JSON at all."""

from __future__ import annotations

import json

from ...errors import InvalidInput


def geometry_from_form(text: str) -> dict:
    if not text.strip():
        raise InvalidInput(
            "Draw the parcel on the map or paste its GeoJSON.",
            rule="PAR-01",
            errors={"geometry": ["required"]},
        )
    try:
        value = json.loads(text)
    except ValueError:
        raise InvalidInput(
            "The boundary is not valid GeoJSON.", rule="PAR-01", errors={"geometry": ["not JSON"]}
        ) from None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        value = features[0].get("geometry") if len(features) == 1 and isinstance(features[0], dict) else value
    if not isinstance(value, dict):
        raise InvalidInput(
            "The boundary is not valid GeoJSON.", rule="PAR-01", errors={"geometry": ["not an object"]}
        )
    return value
