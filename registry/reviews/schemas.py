import marshmallow as ma

from ..api import PageQuery
from .services import DECISIONS, REVIEW_STATUSES


class ReviewQuery(PageQuery):
    status = ma.fields.String(load_default="pending", validate=ma.validate.OneOf((*REVIEW_STATUSES, "all")))
    county = ma.fields.String(
        validate=ma.validate.Regexp(r"^[0-9]{6}$"),
        metadata={"description": "admin only; a reviewer always sees their own county"},
    )


class ReviewOut(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String(
        metadata={"description": "exit:land_contract, exit:homestead, exit:shares, homestead_application"}
    )
    subject = ma.fields.String(metadata={"description": "what the item is about, e.g. the right's code"})
    subject_id = ma.fields.Integer()
    collective_code = ma.fields.String()
    linkage_flag = ma.fields.Boolean(metadata={"description": "needs attest_voluntary to approve (UR-04)"})
    status = ma.fields.String()
    publicity_ends = ma.fields.Date(
        allow_none=True,
        metadata={
            "description": "a homestead application: the end of its publicity, from which it may be approved "
            "(HS-04)"
        },
    )
    created_at = ma.fields.DateTime()
    decided_at = ma.fields.DateTime(allow_none=True)
    decided_by = ma.fields.String(allow_none=True)


class ReviewPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ReviewOut))
    total = ma.fields.Integer()


class ReviewDecisionIn(ma.Schema):
    decision = ma.fields.String(required=True, validate=ma.validate.OneOf(DECISIONS))
    note = ma.fields.String(load_default=None, allow_none=True)
    attest_voluntary = ma.fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "the reviewer attests the exit is voluntary and not a condition of settlement "
            "(UR-04)"
        },
    )
