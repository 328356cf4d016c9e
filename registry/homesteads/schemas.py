import marshmallow as ma
from geoalchemy2.shape import to_shape
from shapely.geometry import mapping

from ..api import PageQuery
from ..codes import mask_id_number
from ..parcels.geometry import mu
from .models import CAP_LAND, TERRAINS, TRANSFER_KINDS

_BUILDING = ma.validate.Regexp(r"^[0-9]{8}$", error="8 digits: building (幢) 4 + unit (户) 4")


def _geojson(parcel) -> dict:
    return mapping(to_shape(parcel.geom))


class HomesteadApplicationIn(ma.Schema):
    household_code = ma.fields.String(
        required=True, metadata={"description": "承包方编码 of the household, 18 digits"}
    )
    geometry = ma.fields.Dict(
        required=True, metadata={"description": "GeoJSON Polygon or MultiPolygon of the plot"}
    )
    crs = ma.fields.Raw(
        load_default=None, metadata={"description": "EPSG:4490 (default), EPSG:4326, EPSG:4513-4554"}
    )
    terrain = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(TERRAINS),
        metadata={"description": "plain (平原/城郊), hill (丘陵), mountain (山区)"},
    )
    on_arable_land = ma.fields.Boolean(
        load_default=False, metadata={"description": "the plot takes arable land"}
    )
    publicity_start = ma.fields.Date(load_default=None, metadata={"description": "公示 start, default today"})
    publicity_evidence_ref = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Length(max=200),
        metadata={"description": "required when publicity_start is past"},
    )
    collective_code = ma.fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "collective owning the land; default the household's own"},
    )
    building_number = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=_BUILDING,
        metadata={"description": "an existing house's building and unit number"},
    )


class HomesteadObjectionBrief(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String()
    text = ma.fields.String()
    resolution = ma.fields.String(allow_none=True)


class HomesteadApplicationOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "publicity, approved, rejected, withdrawn"})
    household_code = ma.fields.String()
    collective_code = ma.fields.String()
    parcel_code = ma.fields.Function(lambda a: a.parcel.code, metadata={"description": "宗地代码"})
    terrain = ma.fields.String()
    on_arable_land = ma.fields.Boolean()
    area_m2 = ma.fields.Float()
    area_mu = ma.fields.Function(lambda a: float(mu(a.area_m2)))
    cap_m2 = ma.fields.Float(metadata={"description": "the HS-02 cap applied"})
    publicity_start = ma.fields.Date()
    publicity_ends = ma.fields.Date(metadata={"description": "approval is possible from this day on"})
    publicity_evidence_ref = ma.fields.String(allow_none=True)
    objections = ma.fields.List(ma.fields.Nested(HomesteadObjectionBrief))
    right_id = ma.fields.Integer(allow_none=True)
    decided_by = ma.fields.String(allow_none=True)
    decided_at = ma.fields.DateTime(allow_none=True)
    decision_note = ma.fields.String(allow_none=True)
    crs = ma.fields.Constant("EPSG:4490")
    geometry = ma.fields.Function(lambda a: _geojson(a.parcel))


class HomesteadApplicationPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(HomesteadApplicationOut))
    total = ma.fields.Integer()


class HomesteadApplicationQuery(PageQuery):
    collective_code = ma.fields.String(required=True)
    status = ma.fields.String(
        load_default=None, validate=ma.validate.OneOf(("publicity", "approved", "rejected"))
    )


class HomesteadObjectionIn(ma.Schema):
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1))


class HomesteadResolveIn(ma.Schema):
    resolution = ma.fields.String(required=True, validate=ma.validate.Length(min=1))


class HomesteadObjectionOut(ma.Schema):
    id = ma.fields.Integer()
    application_id = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "open or resolved"})
    text = ma.fields.String()
    filed_by = ma.fields.String()
    filed_at = ma.fields.DateTime()
    resolution = ma.fields.String(allow_none=True)
    resolved_by = ma.fields.String(allow_none=True)
    resolved_at = ma.fields.DateTime(allow_none=True)


class HomesteadApproveIn(ma.Schema):
    note = ma.fields.String(load_default=None, allow_none=True)


class HomesteadApprovedOut(ma.Schema):
    right_id = ma.fields.Integer()
    unit_code = ma.fields.String(metadata={"description": "不动产单元代码, 28 characters"})
    parcel_code = ma.fields.String(metadata={"description": "宗地代码, 19 characters"})
    household_code = ma.fields.String()
    registered_on = ma.fields.Date()
    certificate_number = ma.fields.String()
    verification_code = ma.fields.String()


class HomesteadRejectIn(ma.Schema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1))


class HomesteadWithdrawIn(ma.Schema):
    statement_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "the applicant's written request to withdraw"},
    )


class HomesteadWithdrawnOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String()


def _valid_certificate(right):
    return next((c for c in right.certificates if c.status == "issued"), None)


class HomesteadRightOut(ma.Schema):
    id = ma.fields.Integer()
    unit_code = ma.fields.String(metadata={"description": "不动产单元代码, 28 characters"})
    parcel_code = ma.fields.Function(lambda r: r.parcel.code, metadata={"description": "宗地代码"})
    house = ma.fields.Function(
        lambda r: r.unit_code[19] == "F", metadata={"description": "a house is registered"}
    )
    household_code = ma.fields.String(allow_none=True)
    holder_id_number = ma.fields.Function(
        lambda r: mask_id_number(r.holder_person.id_number) if r.holder_person else None,
        metadata={"description": "a non-member heir holding the right (HS-07), masked"},
    )
    holder_name = ma.fields.Function(lambda r: r.holder_person.name if r.holder_person else None)
    collective_code = ma.fields.String()
    status = ma.fields.String(metadata={"description": "active or ended"})
    registered_on = ma.fields.Date()
    ended_on = ma.fields.Date(allow_none=True)
    end_reason = ma.fields.String(allow_none=True)
    note = ma.fields.String(allow_none=True, metadata={"description": "注记, e.g. the HS-07 heir note"})
    area_m2 = ma.fields.Function(lambda r: float(r.parcel.area_m2))
    area_mu = ma.fields.Function(lambda r: float(mu(r.parcel.area_m2)))
    certificate_number = ma.fields.Function(lambda r: getattr(_valid_certificate(r), "number", None))
    crs = ma.fields.Constant("EPSG:4490")
    geometry = ma.fields.Function(lambda r: _geojson(r.parcel))


class HomesteadChangeIn(ma.Schema):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(("house", "holder")))
    building_number = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=_BUILDING,
        metadata={"description": "house: the new number; null when the house is gone"},
    )
    household_code = ma.fields.String(
        load_default=None, metadata={"description": "holder: the new household"}
    )
    cause = ma.fields.String(
        load_default="other", metadata={"description": "holder: sale, gift, household_split, other"}
    )
    reason = ma.fields.String(required=True)
    evidence_ref = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=200))
    date = ma.fields.Date(load_default=None)


class HomesteadInheritanceIn(ma.Schema):
    heir_id_number = ma.fields.String(required=True)
    evidence_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "继承公证书 or judgment"},
    )
    date = ma.fields.Date(load_default=None)


class HomesteadCancellationIn(ma.Schema):
    cause = ma.fields.String(required=True, metadata={"description": "destroyed, expropriated, other_legal"})
    basis_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "the expropriation act or legal basis"},
    )
    note = ma.fields.String(load_default=None, allow_none=True)
    date = ma.fields.Date(load_default=None)


class HomesteadRegisterQuery(ma.Schema):
    on = ma.fields.Date(load_default=None, metadata={"description": "read the register as of this date"})


class HomesteadEntryOut(ma.Schema):
    entry_no = ma.fields.Integer()
    kind = ma.fields.String()
    entry_date = ma.fields.Date()
    reason = ma.fields.String()
    evidence_ref = ma.fields.String(allow_none=True)
    recorded_by = ma.fields.String()
    recorded_at = ma.fields.DateTime()
    state = ma.fields.Dict()


class HomesteadRegisterOut(ma.Schema):
    right_id = ma.fields.Integer()
    on = ma.fields.Date(allow_none=True)
    state = ma.fields.Dict(allow_none=True, metadata={"description": "the right's state on that date"})
    entries = ma.fields.List(ma.fields.Nested(HomesteadEntryOut))


class HouseTransferIn(ma.Schema):
    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(TRANSFER_KINDS),
        metadata={"description": "sale (出卖), rent (出租), gift (赠与)"},
    )
    date = ma.fields.Date(required=True)
    evidence_ref = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    counterparty = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=200))


class HouseTransferOut(ma.Schema):
    id = ma.fields.Integer()
    household_code = ma.fields.String()
    kind = ma.fields.String()
    date = ma.fields.Date(attribute="transfer_date")
    counterparty = ma.fields.String(allow_none=True)
    evidence_ref = ma.fields.String()
    right_id = ma.fields.Integer(allow_none=True)
    created_at = ma.fields.DateTime()


class HouseTransferList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(HouseTransferOut))
    total = ma.fields.Integer()


class HomesteadCapIn(ma.Schema):
    cap_m2 = ma.fields.Decimal(
        required=True,
        places=2,
        validate=ma.validate.Range(min=0, min_inclusive=False),
        metadata={"minimum": 0, "exclusiveMinimum": True},
    )
    source = ma.fields.String(load_default=None, allow_none=True)


class HomesteadCapOut(ma.Schema):
    province_code = ma.fields.String(
        metadata={"description": "2 digits; 00 is the default for unlisted provinces"}
    )
    terrain = ma.fields.String()
    land = ma.fields.String(metadata={"description": f"{', '.join(CAP_LAND)}"})
    cap_m2 = ma.fields.Float()
    source = ma.fields.String(allow_none=True)
    updated_by = ma.fields.String()
    updated_at = ma.fields.DateTime()


class HomesteadCapList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(HomesteadCapOut))
    total = ma.fields.Integer()
