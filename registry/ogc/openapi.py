"""The API definition of /ogc as an OpenAPI 3.0 document (conformance class oas30)."""

from __future__ import annotations

from . import crs as crs_mod
from .collections import all_collections
from .params import DEFAULT_LIMIT, MAX_LIMIT

OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0"
_EXCEPTION = {
    "description": "An OGC exception",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/exception"}}},
}


def _param(name: str, schema: dict, description: str, style: str | None = None) -> dict:
    p = {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        "explode": False,
    }
    if style:
        p["style"] = style
    return p


def _parameters() -> dict:
    uris = crs_mod.supported_uris()
    return {
        "f": _param("f", {"type": "string", "enum": ["json"]}, "Output format."),
        "limit": _param(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            f"Features per page; larger values are clamped to {MAX_LIMIT}.",
        ),
        "bbox": _param(
            "bbox",
            {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
            "minx,miny,maxx,maxy in bbox-crs (CRS84 lon,lat by default; EPSG:4490 is lat,lon).",
            "form",
        ),
        "bbox-crs": _param("bbox-crs", {"type": "string", "format": "uri", "enum": uris}, "CRS of bbox."),
        "crs": _param(
            "crs", {"type": "string", "format": "uri", "enum": uris}, "CRS of the coordinates returned."
        ),
        "datetime": _param(
            "datetime",
            {"type": "string"},
            "RFC 3339 instant or interval. The collections hold the "
            "current state, whose features carry no time.",
        ),
        "collective_code": _param(
            "collective_code",
            {"type": "string", "pattern": "^[0-9]{14}$"},
            "Only the parcels of this collective (within your scope).",
        ),
        "after": _param("after", {"type": "string"}, "Keyset cursor: follow the next link."),
        "featureId": {
            "name": "featureId",
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
            "description": "The parcel code (19 characters) or the layer polygon's id.",
        },
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _ok(media: str, description: str) -> dict:
    return {
        "200": {"description": description, "content": {media: {"schema": {"type": "object"}}}},
        "400": _EXCEPTION,
        "401": _EXCEPTION,
        "403": _EXCEPTION,
        "404": _EXCEPTION,
    }


def document(base: str) -> dict:
    paths: dict = {
        "/": {
            "get": {
                "summary": "Landing page",
                "operationId": "getLandingPage",
                "security": [],
                "responses": _ok("application/json", "The landing page"),
            }
        },
        "/conformance": {
            "get": {
                "summary": "Conformance classes",
                "operationId": "getConformance",
                "security": [],
                "responses": _ok("application/json", "The conformance classes"),
            }
        },
        "/api": {
            "get": {
                "summary": "This document",
                "operationId": "getApi",
                "security": [],
                "responses": _ok(OPENAPI_TYPE, "The OpenAPI document"),
            }
        },
        "/collections": {
            "get": {
                "summary": "Feature collections",
                "operationId": "getCollections",
                "parameters": [_ref("f")],
                "responses": _ok("application/json", "Collections"),
            }
        },
    }
    for c in all_collections():
        item_params = ["f", "limit", "bbox", "bbox-crs", "crs", "datetime", "after"]
        if c.scoped:
            item_params.append("collective_code")
        paths[f"/collections/{c.id}"] = {
            "get": {
                "summary": f"The {c.id} collection",
                "operationId": f"describe-{c.id}",
                "parameters": [_ref("f")],
                "responses": _ok("application/json", "Collection metadata"),
            }
        }
        paths[f"/collections/{c.id}/items"] = {
            "get": {
                "summary": f"Features of {c.id}",
                "operationId": f"getFeatures-{c.id}",
                "parameters": [_ref(p) for p in item_params],
                "responses": _ok("application/geo+json", "A page"),
            }
        }
        paths[f"/collections/{c.id}/items/{{featureId}}"] = {
            "get": {
                "summary": f"One feature of {c.id}",
                "operationId": f"getFeature-{c.id}",
                "parameters": [_ref("featureId"), _ref("crs"), _ref("f")],
                "responses": _ok("application/geo+json", "A feature"),
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "农村集体产权登记 OGC API – Features",
            "version": "1.0.0",
            "description": "Parcels and layers of the registry for GIS clients (OGC API – Features 1 and 2).",
        },
        "servers": [{"url": base}],
        "security": [{"basic": []}, {"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "basic": {"type": "http", "scheme": "basic"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
            "parameters": _parameters(),
            "schemas": {
                "exception": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {
                        "code": {"type": "string"},
                        "description": {"type": "string"},
                        "rule": {"type": "string"},
                    },
                }
            },
        },
    }
