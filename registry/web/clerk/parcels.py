"""The parcel map (vector tiles over the base layer, opened on the contract land): click or search a parcel
for its
card, draw or import new ones."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ...db import db
from ...errors import InvalidInput, RegistryError
from ...parcels import services as parcels
from ...parcels.search import count_contract_parcels
from ..batch import run_batch
from ..core import mu_text
from ..forms import FormReader
from ..labels import options
from ..refusals import refuse
from ..session import login_required, web_actor, working_collective
from . import Counter, bp
from .geojson import geometry_from_form

IMPORT_BATCH = 20  # features per request while importing: small enough to report progress often


COUNTER = Counter(_l("Current parcels"), count_contract_parcels, "web.clerk.parcel_map")


@bp.route("/parcels", methods=["GET", "POST"])
@login_required("clerk")
def parcel_map():
    actor, code = web_actor(), working_collective()
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            geometry = geometry_from_form(request.form.get("geometry", ""))
            props = {
                "collective_code": code,
                "category": form.text("category"),
                "land_class": form.text("land_class", required=False),
                "name": form.text("name", required=False),
                "basic_farmland": form.flag("basic_farmland"),
            }
            form.done()
            parcel = parcels.register_parcel_feature(
                db.session,
                actor,
                {"type": "Feature", "geometry": geometry, "crs": "EPSG:4490", "properties": props},
            )
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            flash(
                gettext(
                    "Parcel %(code)s registered: %(m2)s m² (%(mu)s mu).",
                    code=parcel.code,
                    m2=parcel.area_m2,
                    mu=mu_text(parcels.parcel_feature(parcel)["properties"]["area_mu"]),
                )
            )
            return redirect(url_for("web.clerk.parcel_map", focus=parcel.code))
    return render_template(
        "web/clerk/parcels.html",
        refusal=refusal,
        form=request.form,
        categories=options("category"),
        land_classes=options("land_class"),
        category_labels={k: str(v) for k, v in options("category")},
        land_class_labels={k: str(v) for k, v in options("land_class")},
        count=count_contract_parcels(db.session, actor, code),
        focus=request.args.get("focus", ""),
        batch=IMPORT_BATCH,
    ), (refusal.status if refusal else 200)


@bp.post("/parcels/import")
@login_required("clerk")
def import_batch():
    """One batch of a bulk import: each feature is registered in its own transaction, so one refused parcel
    does not hold back the others; the page sends the file batch by batch and shows the progress."""
    actor, code = web_actor(), working_collective()

    def one(feature) -> dict:
        try:
            if not isinstance(feature, dict) or not isinstance(feature.get("properties", {}), dict):
                raise InvalidInput(
                    "Not a GeoJSON Feature.", rule="PAR-01", errors={"geometry": ["not a GeoJSON Feature"]}
                )
            props = {"category": "10", **(feature.get("properties") or {}), "collective_code": code}
            parcel = parcels.register_parcel_feature(db.session, actor, {**feature, "properties": props})
        except (KeyError, TypeError, ValueError) as err:
            raise InvalidInput(
                "Not a GeoJSON Feature.", rule="PAR-01", errors={"geometry": [str(err)]}
            ) from err
        return {"status": 201, "code": parcel.code, "area_m2": float(parcel.area_m2)}

    return run_batch(
        (request.get_json(silent=True) or {}).get("features"),
        IMPORT_BATCH,
        "features",
        one,
        lambda feature: {},
    )
