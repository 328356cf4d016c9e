"""What the map pages share: the parcel search beside the map (JSON for map-search.js), the extent a clerk's
map
opens on, and the base layer the maps draw under the parcels (the registry's own orthophoto tiles, else the
configured online layer, else none)."""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for

from ..basemap.store import basemap_path
from ..db import db
from ..parcels.search import contract_land_extent, search_parcels
from .core import web
from .forms import FormReader
from .session import login_required, web_actor, working_collective


@web.get("/maps/parcels/search")
@login_required("clerk", "reviewer")
def parcel_search():
    """Parcels by code, name or holder: a clerk's collective, a reviewer's county (or one collective of
    it)."""
    actor = web_actor()
    query = FormReader(request.args)
    term = query.text("q", required=False) or ""
    after = query.text("after", required=False)
    free = query.flag("free")
    collective = working_collective() if actor.role == "clerk" else query.text("collective", required=False)
    query.done()
    return jsonify(
        search_parcels(
            db.session, actor, term, collective_code=collective, free_only=free, after=after, limit=20
        )
    )


def map_extent(collective_code: str) -> str:
    """'west,south,east,north' of the collective's contract land for data-extent, '' when it has none."""
    box = contract_land_extent(db.session, web_actor(), collective_code)
    return ",".join(f"{v:.7f}" for v in box) if box else ""


def clerk_map_extent() -> str:
    return map_extent(working_collective())


def base_layer() -> str:
    """The URL template of the base layer, '' when there is none (then the maps have a plain background)."""
    if basemap_path(current_app.instance_path).exists():
        return url_for("basemap.tile", z=0, x=0, y=0).replace("/0/0/0.png", "/{z}/{x}/{y}.png")
    return current_app.config.get("BASEMAP_URL") or ""


@web.context_processor
def _map_context():
    return {"base_layer": base_layer, "clerk_map_extent": clerk_map_extent}
