"""The reviewer's county map: every current parcel of the county from the vector tiles (collective outlines
when zoomed out), a click shows the parcel's card. Read-only."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import text

from ..db import db
from .labels import options
from .review import bp
from .session import login_required, working_county

# The county's extent from the collectives' parcels, one indexed probe per end of the code range (cheap at
# half a million parcels); the map starts there.
_CENTRE = text("SELECT ST_Y(c), ST_X(c) FROM (SELECT ST_Centroid(ST_Collect(geom)) AS c FROM ("
               "(SELECT geom FROM parcels WHERE status = 'current' AND code >= :lo ORDER BY code LIMIT 1) UNION ALL "
               "(SELECT geom FROM parcels WHERE status = 'current' AND code < :hi ORDER BY code DESC LIMIT 1)) e) q")


@bp.get("/map")
@login_required("reviewer")
def county_map():
    county = working_county()
    lat, lon = db.session.execute(_CENTRE, {"lo": county, "hi": f"{int(county) + 1:06d}"}).one()
    centre = f"{lat:.6f},{lon:.6f}" if lat is not None else "34.70,113.90"
    return render_template("web/review/county_map.html", centre=centre, county=county,
                           category_labels={k: str(v) for k, v in options("category")},
                           land_class_labels={k: str(v) for k, v in options("land_class")})
