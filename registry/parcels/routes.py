from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit, paginate
from ..auth.guard import current_actor, requires
from ..db import db
from . import bulk, farmland, services
from .geometry import SRID
from .pages import feature_collection_json
from .schemas import (
    BulkOut,
    FarmlandLayerIn,
    FarmlandLoadOut,
    FarmlandQuery,
    FeatureCollectionOut,
    FeatureOut,
    ParcelBulkIn,
    ParcelFeatureIn,
    ParcelQuery,
    RetireIn,
)

parcels = Blueprint(
    "parcels", __name__, url_prefix="/api/v1/parcels", description="地块 (GeoJSON, EPSG:4490)"
)
basic_farmland = Blueprint(
    "basic_farmland", __name__, url_prefix="/api/v1/basic-farmland", description="永久基本农田保护区图层"
)


def _collection(features: list, total: int, query: dict) -> dict:
    return {
        "type": "FeatureCollection",
        "crs": f"EPSG:{SRID}",
        "features": features,
        "total": total,
        "page": query["page"],
        "per_page": query["per_page"],
    }


@parcels.route("")
class Parcels(MethodView):
    @requires("clerk", "reviewer")
    @parcels.arguments(ParcelFeatureIn)
    @parcels.response(201, FeatureOut)
    def post(self, data):
        """Register a parcel from a GeoJSON Feature (PAR-01 validity, PAR-02 overlap, PAR-03 area, 四至)."""
        # built before the commit, from the registered instance: after it the row would be loaded again
        feature = services.parcel_feature(services.register_parcel_feature(db.session, current_actor(), data))
        commit()
        return feature

    @requires("clerk", "reviewer")
    @parcels.arguments(ParcelQuery(), location="query")  # an instance: webargs builds a class per request
    @parcels.response(200, FeatureCollectionOut)
    def get(self, query):
        """Parcels in a bbox as a paged FeatureCollection (default 50, at most 500 per page)."""
        stmt = services.parcels_in_bbox(
            db.session,
            current_actor(),
            query["bbox"],
            status=query["status"],
            collective_code=query["collective_code"],
        )
        # built by PostgreSQL (pages.py): a Response passes the schema unchanged; FeatureCollectionOut
        # documents it
        return Response(
            feature_collection_json(db.session, stmt, query["page"], query["per_page"]),
            mimetype="application/json",
        )


@parcels.route("/bulk")
class ParcelsBulk(MethodView):
    @requires("clerk", "reviewer")
    @parcels.arguments(ParcelBulkIn)
    @parcels.response(201, BulkOut)
    def post(self, data):
        """Register a FeatureCollection all or nothing; a refusal reports every bad feature (PAR-01,
        PAR-02)."""
        result = bulk.register_parcels_bulk(
            db.session,
            current_actor(),
            data["features"],
            crs=data["crs"],
            collective_code=data["collective_code"],
        )
        commit()
        return {
            "registered": len(result.codes),
            "codes": result.codes,
            "area_m2": float(result.area_m2),
            "by_collective": result.by_collective,
        }


@parcels.route("/<code>")
class ParcelItem(MethodView):
    @requires("clerk", "reviewer")
    @parcels.response(200, FeatureOut)
    def get(self, code):
        """One parcel as a GeoJSON Feature with its areas (m², mu) and 四至."""
        return services.parcel_feature(services.get_parcel(db.session, current_actor(), code))


@parcels.route("/<code>/retire")
class ParcelRetire(MethodView):
    @requires("clerk", "reviewer")
    @parcels.arguments(RetireIn)
    @parcels.response(200, FeatureOut)
    def post(self, data, code):
        """Retire a parcel: it leaves the current map, its code is never reused, neighbours' 四至 follow."""
        parcel = services.retire_parcel(db.session, current_actor(), code, data["reason"])
        commit()
        return services.parcel_feature(parcel)


@basic_farmland.route("")
class BasicFarmland(MethodView):
    @requires("admin")
    @basic_farmland.arguments(FarmlandLayerIn)
    @basic_farmland.response(201, FarmlandLoadOut)
    def post(self, data):
        """Load the basic-farmland layer from a FeatureCollection, replacing the previous one (for HS-06)."""
        result = farmland.load_basic_farmland(
            db.session, current_actor(), data["features"], source=data["source"], crs=data["crs"]
        )
        commit()
        return result

    @requires("clerk", "reviewer")
    @basic_farmland.arguments(FarmlandQuery, location="query")
    @basic_farmland.response(200, FeatureCollectionOut)
    def get(self, query):
        """The layer's polygons in a bbox, paged."""
        items, total = paginate(
            farmland.farmland_in_bbox(current_actor(), query["bbox"]), query["page"], query["per_page"]
        )
        return _collection([farmland.farmland_feature(a) for a in items], total, query)
