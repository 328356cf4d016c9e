"""/ogc: OGC API – Features. Thin views; parameters in params.py, SQL in features.py, scope in access.py."""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, request, stream_with_context, url_for
from flask_babel import gettext

from .. import clock
from ..errors import Forbidden, RegistryError
from . import access, features, params
from . import crs as crs_mod
from .collections import all_collections, get
from .errors import OgcError, handle_not_found, handle_ogc_error, handle_registry_error
from .openapi import OPENAPI_TYPE, document
from .tiles import tiles

ogc = Blueprint("ogc", __name__, url_prefix="/ogc")
ogc.register_error_handler(OgcError, handle_ogc_error)
ogc.register_error_handler(RegistryError, handle_registry_error)
ogc.register_error_handler(404, handle_not_found)

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
JSON, GEOJSON, GPKG = "application/json", "application/geo+json", "application/geopackage+sqlite3"


def _link(href: str, rel: str, media: str, title: str | None = None) -> dict:
    link = {"href": href, "rel": rel, "type": media}
    if title:
        link["title"] = title
    return link


def _url(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)


def _collection(collection_id: str):
    found = get(collection_id)
    if found is None:
        raise OgcError(404, "NotFound", "No collection {id}.", id=collection_id)
    return found


@ogc.get("")
@ogc.get("/")
def landing():
    params.check_known(request.args, params.COMMON)
    params.output_format(request.args, ("json",))
    return jsonify(
        {
            "title": gettext("Rural collective property rights registry"),
            "description": gettext("Parcels and layers for GIS clients (OGC API – Features)."),
            "links": [
                _link(_url("ogc.landing"), "self", JSON),
                _link(_url("ogc.api_document"), "service-desc", OPENAPI_TYPE),
                _link(_url("ogc.conformance"), "conformance", JSON),
                _link(_url("ogc.collections"), "data", JSON),
            ],
        }
    )


@ogc.get("/conformance")
def conformance():
    params.check_known(request.args, params.COMMON)
    params.output_format(request.args, ("json",))
    return jsonify({"conformsTo": CONFORMANCE})


@ogc.get("/api")
def api_document():
    params.check_known(request.args, params.COMMON)
    params.output_format(request.args, ("json",))
    return Response(
        json.dumps(document(_url("ogc.landing").rstrip("/")), ensure_ascii=False), mimetype=OPENAPI_TYPE
    )


def _describe(collection) -> dict:
    items = _url("ogc.items", collection_id=collection.id)
    links = [
        _link(_url("ogc.collection", collection_id=collection.id), "self", JSON),
        _link(items, "items", GEOJSON),
    ]
    if collection.scoped:
        links.append(_link(f"{items}?f=gpkg", "items", GPKG, "GeoPackage (with collective_code)"))
    extent = features.estimated_extent(collection) or [70.0, 0.0, 140.0, 56.0]
    return {
        "id": collection.id,
        "title": str(collection.title),
        "description": str(collection.description),
        "itemType": "feature",
        "links": links,
        "extent": {"spatial": {"bbox": [extent], "crs": crs_mod.CRS84}},
        "crs": crs_mod.supported_uris(),
        "storageCrs": crs_mod.STORAGE_CRS,
    }


@ogc.get("/collections")
def collections():
    access.reader()
    params.check_known(request.args, params.COMMON)
    params.output_format(request.args, ("json",))
    return jsonify(
        {
            "links": [_link(_url("ogc.collections"), "self", JSON)],
            "collections": [_describe(c) for c in all_collections()],
            "crs": crs_mod.supported_uris(),
        }
    )


@ogc.get("/collections/<collection_id>")
def collection(collection_id):
    access.reader()
    found = _collection(collection_id)
    params.check_known(request.args, params.COMMON)
    params.output_format(request.args, ("json",))
    return jsonify(_describe(found))


@ogc.get("/collections/<collection_id>/items")
def items(collection_id):
    actor = access.reader()
    found = _collection(collection_id)
    query = params.items_query(
        request.args, found, ("json", "geojson", "gpkg") if found.scoped else ("json",)
    )
    if query.collective_code is not None:
        actor.require_collective(query.collective_code, "clerk", "reviewer")
    if query.f == "gpkg":
        from .gpkg import export_response

        return export_response(actor, found, query)
    sql, sql_params = features.items_sql(found, actor, query)
    page = features.Page(sql, sql_params, query.limit, query.after is None)
    args = request.args.to_dict()

    def body():
        yield '{"type":"FeatureCollection","features":['
        yield from page
        links = [
            _link(_url("ogc.items", collection_id=found.id, **args), "self", GEOJSON),
            _link(_url("ogc.collection", collection_id=found.id), "collection", JSON),
        ]
        if page.has_next:
            links.append(
                _link(
                    _url("ogc.items", collection_id=found.id, **{**args, "after": page.last_key}),
                    "next",
                    GEOJSON,
                )
            )
        stamp = clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        matched = "" if page.matched is None else f'"numberMatched":{page.matched},'
        yield (
            f'],{matched}"numberReturned":{page.returned},"timeStamp":"{stamp}",'
            f'"links":{json.dumps(links, ensure_ascii=False)}}}'
        )

    response = Response(
        stream_with_context(body()), mimetype=GEOJSON, headers={"Content-Crs": query.crs.header}
    )
    response.call_on_close(page.close)
    return response


@ogc.get("/collections/<collection_id>/items/<feature_id>")
def item(collection_id, feature_id):
    actor = access.reader()
    found = _collection(collection_id)
    params.check_known(request.args, params.ITEM)
    params.output_format(request.args, ("json", "geojson"))
    out = params.parse_crs(request.args, "crs")
    key = found.parse_key(feature_id)
    feature = features.one_feature(found, actor, key, out) if key is not None else None
    if feature is None:
        if key is not None and features.feature_exists(found, key):
            raise Forbidden("Feature {id} is outside your scope.", rule="SEC-01", params={"id": feature_id})
        raise OgcError(
            404, "NotFound", "No feature {id} in {collection}.", id=feature_id, collection=found.id
        )
    doc = json.loads(feature)
    doc["links"] = [
        _link(_url("ogc.item", collection_id=found.id, feature_id=feature_id), "self", GEOJSON),
        _link(_url("ogc.collection", collection_id=found.id), "collection", JSON),
    ]
    return Response(
        json.dumps(doc, ensure_ascii=False), mimetype=GEOJSON, headers={"Content-Crs": out.header}
    )


WEB_BLUEPRINTS = (ogc, tiles)
