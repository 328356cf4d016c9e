"""Demo step: the demo county's contracted fields through the bulk service, and its basic-farmland layer."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from ..auth.actor import SYSTEM
from .bulk import register_parcels_bulk
from .farmland import load_basic_farmland
from .models import BasicFarmlandArea, Parcel

DEMO_DIR = Path(__file__).parent.parent / "fixtures" / "demo"  # registry/fixtures → ../fixtures


def demo_parcels(session, data) -> str:
    """Idempotent: a village that has parcels already is left as it is; the layer is loaded once."""
    doc = json.loads((DEMO_DIR / "parcels.json").read_text(encoding="utf-8"))
    present = set(session.scalars(select(Parcel.collective_code).distinct()))
    todo = [f for f in doc["features"] if f["properties"]["collective_code"] not in present]
    made = len(register_parcels_bulk(session, SYSTEM, todo, crs=doc.get("crs")).codes) if todo else 0
    layer = ""
    if not session.scalar(select(func.count()).select_from(BasicFarmlandArea)):
        farmland = json.loads((DEMO_DIR / "basic_farmland.json").read_text(encoding="utf-8"))
        loaded = load_basic_farmland(
            session, SYSTEM, farmland["features"], source=farmland["source"], crs=farmland.get("crs")
        )
        layer = f"; basic-farmland layer: {loaded['areas']} polygons"
    return f"parcels: {made} new, {len(doc['features'])} in the demo{layer}"
