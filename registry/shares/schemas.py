"""Request and response schemas of the share endpoints; field descriptions become the OpenAPI text."""

from decimal import Decimal

import marshmallow as ma

from ..api import PageQuery
from .allocation import parse_ratio
from .models import MANAGEMENT, PAYMENT_STATUSES

CODE18 = ma.validate.Regexp(r"^[0-9]{18}$", error="an 18-digit household code")
FEN = ma.validate.Range(min=0, max=2**63 - 1)


class RatioField(ma.fields.Field):
    """A ratio as a JSON number or a string, read exactly through Decimal(str(x)) — never kept as a float."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            parse_ratio(value)
        except (TypeError, ValueError) as e:
            raise ma.ValidationError(str(e)) from None
        return Decimal(str(value).strip())

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(value)


class SharePlanIn(ma.Schema):
    resolution_id = ma.fields.Integer(
        required=True, strict=True, metadata={"description": "the assembly resolution (subject share_plan)"}
    )
    shares_per_member = ma.fields.Integer(
        required=True, strict=True, validate=ma.validate.Range(min=1, max=10**9)
    )
    management = ma.fields.String(
        load_default="static",
        validate=ma.validate.OneOf(MANAGEMENT),
        metadata={
            "description": "static (default): household totals do not follow "
            "births and deaths; dynamic: a charter option"
        },
    )


class SharePlanOut(ma.Schema):
    id = ma.fields.Integer()
    total_shares = ma.fields.Integer()
    management = ma.fields.String()
    shares_per_member = ma.fields.Integer()
    resolution_id = ma.fields.Integer()
    adopted_on = ma.fields.Date()


class AdjustmentIn(ma.Schema):
    document_ref = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200))


class AdjustmentOut(ma.Schema):
    id = ma.fields.Integer()
    added_members = ma.fields.Integer()
    added_shares = ma.fields.Integer()
    withdrawn_shares = ma.fields.Integer()
    total_shares = ma.fields.Integer()


class HoldingsQuery(PageQuery):
    as_of = ma.fields.Date(load_default=None, metadata={"description": "read the register as of this date"})


class HoldingOut(ma.Schema):
    household_code = ma.fields.String(allow_none=True)
    holder_id_number = ma.fields.String(
        allow_none=True, metadata={"description": "masked; only for an heir recorded under no household"}
    )
    shares = ma.fields.Integer()


class HoldingsOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(HoldingOut))
    total = ma.fields.Integer()
    total_shares = ma.fields.Integer()
    as_of = ma.fields.Date(allow_none=True)


class HouseholdFilter(PageQuery):
    household_code = ma.fields.String(load_default=None, validate=CODE18)


class HolderOut(ma.Schema):
    id_number = ma.fields.String(metadata={"description": "masked (SEC-02)"})
    name = ma.fields.String()
    household_code = ma.fields.String(allow_none=True)
    shares = ma.fields.Integer()
    member = ma.fields.Boolean()
    votes = ma.fields.Boolean(
        metadata={"description": "votes follow membership: a non-member heir has none (SH-03)"}
    )


class HoldersOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(HolderOut))
    total = ma.fields.Integer()


class RegisterEntryOut(ma.Schema):
    seq = ma.fields.Integer()
    date = ma.fields.Date()
    kind = ma.fields.String()
    change_id = ma.fields.Integer()
    household_code = ma.fields.String(allow_none=True)
    id_number = ma.fields.String()
    delta = ma.fields.Integer()
    balance_after = ma.fields.Integer()
    actor = ma.fields.String()
    document_ref = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True)


class RegisterOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(RegisterEntryOut))
    total = ma.fields.Integer()


class TransferIn(ma.Schema):
    from_household_code = ma.fields.String(required=True, validate=CODE18)
    to_household_code = ma.fields.String(required=True, validate=CODE18)
    shares = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(min=1, max=10**12))
    from_id_number = ma.fields.String(
        load_default=None, metadata={"description": "the giving holder; default the head first"}
    )
    to_id_number = ma.fields.String(
        load_default=None, metadata={"description": "the receiving person; default the household head"}
    )
    price_fen = ma.fields.Integer(load_default=None, strict=True, validate=FEN)
    document_ref = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200))


class ChangeOut(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    on_date = ma.fields.Date()
    document_ref = ma.fields.String(allow_none=True)
    details = ma.fields.Dict()


class HeirIn(ma.Schema):
    id_number = ma.fields.String(required=True)
    shares = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(min=1, max=10**12))


class InheritanceIn(ma.Schema):
    deceased_id_number = ma.fields.String(required=True)
    heirs = ma.fields.List(ma.fields.Nested(HeirIn), required=True)
    document_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "will, notarial certificate or judgment"},
    )


class HeirOut(ma.Schema):
    id_number = ma.fields.String()
    name = ma.fields.String()
    household_code = ma.fields.String(allow_none=True)
    shares = ma.fields.Integer()
    member = ma.fields.Boolean()
    votes = ma.fields.Boolean()


class InheritanceOut(ma.Schema):
    id = ma.fields.Integer()
    heirs = ma.fields.List(ma.fields.Nested(HeirOut))


class DistributionIn(ma.Schema):
    year = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(min=1949, max=2200))
    net_income_fen = ma.fields.Integer(
        required=True, strict=True, validate=ma.validate.Range(min=1, max=2**62)
    )
    reserve_ratio = RatioField(
        required=True,
        metadata={
            "description": "0.3 for 30 %; a JSON number or a string, read exactly (never as a float)",
            "oneOf": [{"type": "number"}, {"type": "string"}],
            "example": "0.3",
        },
    )
    inspection_start = ma.fields.Date(load_default=None, metadata={"description": "default today"})
    inspection_evidence_ref = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(max=200),
        metadata={"description": "required when inspection_start is past"},
    )


class AllocationOut(ma.Schema):
    household_code = ma.fields.String(allow_none=True)
    holder_id_number = ma.fields.String(
        allow_none=True, metadata={"description": "masked; only for an heir recorded under no household"}
    )
    shares = ma.fields.Integer()
    amount_fen = ma.fields.Integer()
    payment_status = ma.fields.String()


class PlainList(ma.fields.List):
    """A list the service built from JSON-ready values, passed through as it is: 100,000 allocations would
    otherwise cost a nested schema dump each. The item schema still documents it in OpenAPI."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class DistributionOut(ma.Schema):
    id = ma.fields.Integer()
    collective_code = ma.fields.String()
    year = ma.fields.Integer()
    status = ma.fields.String()
    net_income_fen = ma.fields.Integer()
    reserve_ratio = ma.fields.String()
    reserve_fen = ma.fields.Integer()
    distributable_fen = ma.fields.Integer()
    total_shares = ma.fields.Integer()
    inspection_start = ma.fields.Date()
    inspection_ends = ma.fields.Date()
    inspection_evidence_ref = ma.fields.String(allow_none=True)
    approval_resolution_id = ma.fields.Integer(allow_none=True)
    approved_on = ma.fields.Date(allow_none=True)
    allocations = PlainList(ma.fields.Nested(AllocationOut))


class ApproveIn(ma.Schema):
    resolution_id = ma.fields.Integer(required=True, strict=True)


class PaymentsQuery(HouseholdFilter):
    status = ma.fields.String(load_default=None, validate=ma.validate.OneOf(PAYMENT_STATUSES))


class PaymentIn(ma.Schema):
    household_code = ma.fields.String(load_default=None, validate=CODE18)
    holder_id_number = ma.fields.String(
        load_default=None, metadata={"description": "for an heir recorded under no household"}
    )
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(("paid", "returned")))
    date = ma.fields.Date(load_default=None, metadata={"description": "default today"})
    payment_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "bank voucher or receipt number"},
    )


class PaymentEntryOut(ma.Schema):
    status = ma.fields.String()
    date = ma.fields.Date()
    amount_fen = ma.fields.Integer()
    payment_ref = ma.fields.String()
    recorded_by = ma.fields.String()


class PaymentOut(AllocationOut):
    allocation_id = ma.fields.Integer()
    entries = ma.fields.List(ma.fields.Nested(PaymentEntryOut))


class PaymentsOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(PaymentOut))
    total = ma.fields.Integer()
    distributable_fen = ma.fields.Integer()
    paid_fen = ma.fields.Integer()
