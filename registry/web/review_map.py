"""The reviewer's county map: every current parcel of the county from the vector tiles (collective outlines
when zoomed out), a click shows the parcel's card. Read-only."""

from __future__ import annotations

from flask import render_template

from ..db import db
from ..parcels.search import county_centre
from .labels import options
from .review import bp
from .session import login_required, web_actor, working_county


@bp.get("/map")
@login_required("reviewer")
def county_map():
    county = working_county()
    point = county_centre(db.session, web_actor(), county)
    centre = f"{point[0]:.6f},{point[1]:.6f}" if point else "34.70,113.90"
    return render_template(
        "web/review/county_map.html",
        centre=centre,
        county=county,
        category_labels={k: str(v) for k, v in options("category")},
        land_class_labels={k: str(v) for k, v in options("land_class")},
    )
