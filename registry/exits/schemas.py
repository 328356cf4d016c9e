import marshmallow as ma

from .models import EXIT_RIGHTS


class CoHolderStatementIn(ma.Schema):
    id_number = ma.fields.String(required=True)
    statement_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "the co-holder's own written statement or consent"},
    )


CO_HOLDER_STATEMENTS = ma.fields.List(
    ma.fields.Nested(CoHolderStatementIn),
    load_default=None,
    metadata={"description": "a household's land contract or homestead: every other adult co-holder (UR-06)"},
)


class ExitIn(ma.Schema):
    right = ma.fields.String(required=True, validate=ma.validate.OneOf(EXIT_RIGHTS))
    ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=32),
        metadata={
            "description": "the right's code: contract code, homestead unit code, or "
            "household code for shares"
        },
    )
    holder_id_number = ma.fields.String(required=True)
    compensation_fen = ma.fields.Integer(
        required=True, strict=True, metadata={"description": "compensation in fen (有偿), > 0"}
    )
    statement_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(max=200),
        metadata={"description": "reference of the holder's own written statement"},
    )
    reason = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1),
        metadata={"description": "free text; urban settlement is never a reason (UR-02)"},
    )
    condition = ma.fields.String(
        metadata={"description": "any condition attached; never urban settlement (UR-02)"}
    )
    co_holder_statements = CO_HOLDER_STATEMENTS


class ExitOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String()
    linkage_flag = ma.fields.Boolean(metadata={"description": "filed soon after an urban settlement (UR-04)"})
    right = ma.fields.String(attribute="right_kind")
    ref = ma.fields.String()
    filed_on = ma.fields.Date()
    compensation_fen = ma.fields.Integer()
