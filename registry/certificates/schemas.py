import marshmallow as ma

from .models import KINDS, STATUSES


class IssueIn(ma.Schema):
    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(KINDS),
        metadata={"description": "land_contract | homestead"},
    )
    right_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=32),
        metadata={"description": "contract code (19) or homestead unit code (28)"},
    )


class ReasonIn(ma.Schema):
    reason = ma.fields.String(
        required=True,
        validate=ma.validate.Length(max=500),
        metadata={"description": "why: 遗失, 损毁, 权利变更, 权利终止 …"},
    )


class CertificateItemQuery(ma.Schema):
    serial = ma.fields.String(
        metadata={
            "description": "one certificate printed under the number (default: the "
            "one in force, else the last)"
        }
    )


class CertificateQuery(ma.Schema):
    collective_code = ma.fields.String(metadata={"description": "only this collective's certificates"})
    kind = ma.fields.String(validate=ma.validate.OneOf(KINDS))
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1))
    per_page = ma.fields.Integer(load_default=50, validate=ma.validate.Range(min=1, max=500))


class CertificateOut(ma.Schema):
    number = ma.fields.String(metadata={"description": "certificate number: the contract or unit code"})
    kind = ma.fields.String()
    right_ref = ma.fields.String()
    status = ma.fields.String(metadata={"description": "issued | reissued | replaced | cancelled"})
    issued_on = ma.fields.Date()
    verification_code = ma.fields.String()
    serial = ma.fields.String(
        metadata={"description": "the printed serial, e.g. 豫（2026）中牟县农村土地承包经营权证第000001号"}
    )
    origin = ma.fields.String(metadata={"description": "issue | reissue (补发) | replacement (换发)"})
    origin_reason = ma.fields.String(allow_none=True)
    voided_on = ma.fields.Date(allow_none=True)
    void_reason = ma.fields.String(allow_none=True)
    collective_code = ma.fields.String()
    holder_name = ma.fields.Function(lambda c: c.content["holder"]["name"])
    replaced_by = ma.fields.String(
        allow_none=True,
        metadata={
            "description": "for a replaced (换发) or re-issued (补发) certificate: the serial of the one in "
            "its place"
        },
    )
    replaced_by_number = ma.fields.String(
        allow_none=True, metadata={"description": "that certificate's number"}
    )


class CertificateHistoryItem(ma.Schema):
    """A certificate once printed for the number; no codes (a voided one's verifies nothing)."""

    serial = ma.fields.String()
    status = ma.fields.String()
    origin = ma.fields.String()
    origin_reason = ma.fields.String(allow_none=True)
    issued_on = ma.fields.Date()
    issued_by = ma.fields.String()
    voided_on = ma.fields.Date(allow_none=True)
    void_reason = ma.fields.String(allow_none=True)
    voided_by = ma.fields.String(allow_none=True)
    replaced_by = ma.fields.String(allow_none=True)


class CertificateHistoryOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CertificateHistoryItem))
    total = ma.fields.Integer()


class CertificateListItem(CertificateOut):
    class Meta:
        exclude = ("verification_code",)


class CertificateListOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CertificateListItem))
    total = ma.fields.Integer()
