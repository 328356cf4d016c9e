"""Schemas per purpose. Geometry arrives as raw GeoJSON and is validated by the geometry module (PAR-01),
so that the refusal carries the rule, the reason and the location rather than a generic schema message."""

import marshmallow as ma

from ..api import PageQuery

_CRS = (
    "Coordinate reference system of the coordinates: EPSG:4490 (default), EPSG:4326 or a CGCS2000 "
    "Gauss-Krüger zone EPSG:4513-4554. Responses are always EPSG:4490 lon/lat."
)


class ParcelPropertiesIn(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # GIS exports carry their own attribute columns; only these are read

    collective_code = ma.fields.String(required=True, metadata={"description": "发包方 code, 14 digits"})
    category = ma.fields.String(
        load_default="10",
        validate=ma.validate.OneOf(["10", "21", "22", "23", "99"]),
        metadata={
            "description": "地块类别 (NY/T 2539): 10 承包地块, 21 自留地, 22 机动地, "
            "23 开荒地, 99 其他集体土地"
        },
    )
    land_class = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Regexp(r"^\d{4}$"),
        metadata={"description": "GB/T 21010 land class, e.g. 0101 水田, 0103 旱地"},
    )
    basic_farmland = ma.fields.Boolean(load_default=False, metadata={"description": "是否基本农田"})
    name = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=100))


class ParcelFeatureIn(ma.Schema):
    type = ma.fields.String(required=True, validate=ma.validate.Equal("Feature"))
    id = ma.fields.Raw(load_default=None)
    bbox = ma.fields.Raw(load_default=None)
    geometry = ma.fields.Raw(
        required=True, metadata={"description": "GeoJSON Polygon or MultiPolygon; every ring closed (PAR-01)"}
    )
    properties = ma.fields.Nested(ParcelPropertiesIn, required=True)
    crs = ma.fields.Raw(load_default=None, metadata={"description": _CRS})


class FeatureCollectionIn(ma.Schema):
    type = ma.fields.String(required=True, validate=ma.validate.Equal("FeatureCollection"))
    features = ma.fields.List(ma.fields.Raw(), required=True, validate=ma.validate.Length(min=1))
    crs = ma.fields.Raw(load_default=None, metadata={"description": _CRS})
    name = ma.fields.Raw(load_default=None)
    bbox = ma.fields.Raw(load_default=None)


class ParcelBulkIn(FeatureCollectionIn):
    collective_code = ma.fields.String(
        load_default=None,
        metadata={"description": "default collective_code for features whose properties name none"},
    )


class FarmlandLayerIn(FeatureCollectionIn):
    source = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={
            "description": "where the layer comes from, e.g. the approval document of the delimitation"
        },
    )


class RetireIn(ma.Schema):
    reason = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=500),
        metadata={"description": "why the parcel leaves the current map (split, merged…)"},
    )


def _bbox(value: str) -> list[float]:
    try:
        parts = [float(v) for v in value.split(",")]
    except ValueError:
        raise ma.ValidationError("bbox must be four numbers: minx,miny,maxx,maxy") from None
    if len(parts) != 4:
        raise ma.ValidationError("bbox must be four numbers: minx,miny,maxx,maxy")
    minx, miny, maxx, maxy = parts
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ma.ValidationError("bbox must be lon/lat in EPSG:4490 with min ≤ max")
    return parts


class BboxField(ma.fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        return _bbox(super()._deserialize(value, attr, data, **kwargs))


class ParcelQuery(PageQuery):
    bbox = BboxField(load_default=None, metadata={"description": "minx,miny,maxx,maxy in EPSG:4490 lon/lat"})
    collective_code = ma.fields.String(load_default=None)
    status = ma.fields.String(
        load_default="current", validate=ma.validate.OneOf(["current", "retired", "all"])
    )


class FarmlandQuery(PageQuery):
    bbox = BboxField(load_default=None, metadata={"description": "minx,miny,maxx,maxy in EPSG:4490 lon/lat"})


class FeatureOut(ma.Schema):
    """A GeoJSON Feature in EPSG:4490 (see `crs`)."""

    type = ma.fields.String()
    id = ma.fields.Raw()
    crs = ma.fields.String()
    geometry = ma.fields.Raw()
    properties = ma.fields.Raw(
        metadata={
            "description": "code, collective_code, kind, category, land_class, "
            "basic_farmland, name, area_m2, area_mu, boundaries "
            "{east, south, west, north}, status"
        }
    )


class FeatureCollectionOut(ma.Schema):
    """A page of a GeoJSON FeatureCollection: `total` matches, `page`/`per_page` as asked."""

    type = ma.fields.String()
    crs = ma.fields.String()
    features = ma.fields.List(ma.fields.Nested(FeatureOut))
    total = ma.fields.Integer()
    page = ma.fields.Integer()
    per_page = ma.fields.Integer()


class BulkOut(ma.Schema):
    registered = ma.fields.Integer()
    codes = ma.fields.List(ma.fields.String(), metadata={"description": "in the order of the features"})
    area_m2 = ma.fields.Float()
    by_collective = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())


class FarmlandLoadOut(ma.Schema):
    areas = ma.fields.Integer()
    area_m2 = ma.fields.Float()
    source = ma.fields.String()
    replaced = ma.fields.Integer(metadata={"description": "polygons of the previous layer removed"})
