import marshmallow as ma

from ..api import PageQuery
from .models import HUKOU_KINDS


class HukouEventIn(ma.Schema):
    id_number = ma.fields.String(required=True, metadata={"description": "公民身份号码 of the person"})
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(HUKOU_KINDS))
    date = ma.fields.Date(required=True, metadata={"description": "the day the event happened"})
    collective_code = ma.fields.String(
        metadata={
            "description": "the collective concerned (for rural_move_in, the one moved into); "
            "defaults to the collective of the person's household"
        }
    )


class HukouEventOut(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    date = ma.fields.Date()
    collective_code = ma.fields.String()
    application_id = ma.fields.Integer(
        allow_none=True,
        metadata={
            "description": "the pending membership application a move-in or birth created (RS-03, MEM-03)"
        },
    )


class SettlementConfirmationIn(ma.Schema):
    id_number = ma.fields.String(required=True)
    collective_code = ma.fields.String(required=True, metadata={"description": "the collective moved into"})


class SettlementConfirmationOut(ma.Schema):
    number = ma.fields.String()
    eligible = ma.fields.Boolean()
    reasons = ma.fields.List(ma.fields.String(), metadata={"description": "rule IDs the answer rests on"})
    verification_code = ma.fields.String(metadata={"description": "shown once; needed to verify the number"})
    valid_until = ma.fields.Date()


class ConfirmationVerifyQuery(ma.Schema):
    code = ma.fields.String(required=True)


class ConfirmationVerifyOut(ma.Schema):
    number = ma.fields.String()
    eligible = ma.fields.Boolean()
    valid_until = ma.fields.Date()


class LinkageQuery(PageQuery):
    county = ma.fields.String(validate=ma.validate.Regexp(r"^[0-9]{6}$"))


class LinkageRow(ma.Schema):
    exit_id = ma.fields.Integer()
    right = ma.fields.String()
    ref = ma.fields.String()
    collective_code = ma.fields.String()
    household_code = ma.fields.String(allow_none=True)
    holder_id_number = ma.fields.String(metadata={"description": "masked (SEC-02)"})
    settler_id_number = ma.fields.String(metadata={"description": "who settled in town, masked (SEC-02)"})
    settlement_date = ma.fields.Date()
    filed_on = ma.fields.Date()
    days_after_settlement = ma.fields.Integer()
    status = ma.fields.String()
    decided_on = ma.fields.Date(allow_none=True)
    decided_by = ma.fields.String(allow_none=True)
    attested_voluntary = ma.fields.Boolean(allow_none=True)
    compensation_fen = ma.fields.Integer()
    reason = ma.fields.String()


class LinkagePage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(LinkageRow))
    total = ma.fields.Integer()
