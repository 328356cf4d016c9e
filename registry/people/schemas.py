import marshmallow as ma

from ..codes import mask_id_number
from .models import JOIN_REASONS, LEAVE_REASONS
from .relations import RELATIONS, RELATIONS_EN


class PersonIn(ma.Schema):
    id_number = ma.fields.String(
        required=True, metadata={"description": "公民身份号码 (GB 11643), 18 characters"}
    )
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))


class PersonOut(ma.Schema):
    id_number = ma.fields.String()
    name = ma.fields.String()
    sex = ma.fields.String(metadata={"description": "1 男, 2 女 (derived from the ID number)"})
    birth_date = ma.fields.Date()


class HouseholdMemberIn(ma.Schema):
    id_number = ma.fields.String(required=True)
    relation = ma.fields.String(required=True, metadata={"description": "GB/T 4761 code; 02 户主"})


class HouseholdIn(ma.Schema):
    collective_code = ma.fields.String(required=True)
    head_id_number = ma.fields.String(required=True)
    members = ma.fields.List(ma.fields.Nested(HouseholdMemberIn), load_default=list)


class HouseholdMemberOut(ma.Schema):
    id_number = ma.fields.Function(
        lambda m: mask_id_number(m.person.id_number), metadata={"description": "masked (SEC-02)"}
    )
    name = ma.fields.Function(lambda m: m.person.name)
    sex = ma.fields.Function(lambda m: m.person.sex)
    relation = ma.fields.String()
    relation_label = ma.fields.Function(lambda m: RELATIONS.get(m.relation))
    relation_label_en = ma.fields.Function(lambda m: RELATIONS_EN.get(m.relation))
    joined_on = ma.fields.Date()
    left_on = ma.fields.Date(allow_none=True)


class HouseholdOut(ma.Schema):
    code = ma.fields.String()
    collective_code = ma.fields.String()
    members = ma.fields.Function(
        lambda h: HouseholdMemberOut(many=True).dump([m for m in h.members if m.left_on is None])
    )


# --- household changes (户籍变动) and corrections ---------------------------------------------------------


class MemberRef(ma.fields.Field):
    """A member named by ID number, or {"id_number", "relation"} to give the relation to the new head."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            return value
        if (
            isinstance(value, dict)
            and isinstance(value.get("id_number"), str)
            and isinstance(value.get("relation", ""), str)
        ):
            return {"id_number": value["id_number"], "relation": value.get("relation") or None}
        raise ma.ValidationError('an ID number or {"id_number", "relation"}')


EVIDENCE = ma.fields.String(
    required=True,
    validate=ma.validate.Length(min=1, max=200),
    metadata={"description": "the document: birth certificate, marriage certificate, …"},
)
CHANGE_DATE = ma.fields.Date(
    load_default=None, metadata={"description": "the day of the change (default today)"}
)


class MemberAddIn(ma.Schema):
    id_number = ma.fields.String(required=True)
    relation = ma.fields.String(required=True, metadata={"description": "GB/T 4761 code to the head"})
    reason = ma.fields.String(required=True, validate=ma.validate.OneOf(JOIN_REASONS))
    date = CHANGE_DATE
    evidence_ref = EVIDENCE


class MemberLeaveIn(ma.Schema):
    reason = ma.fields.String(required=True, validate=ma.validate.OneOf(LEAVE_REASONS))
    date = CHANGE_DATE
    evidence_ref = EVIDENCE
    new_head_id_number = ma.fields.String(load_default=None, metadata={"description": "when the head leaves"})


class HouseholdSplitIn(ma.Schema):
    members = ma.fields.List(
        MemberRef(), load_default=list, metadata={"description": "the leaving members besides their new head"}
    )
    head_id_number = ma.fields.String(required=True)
    parcel_codes = ma.fields.List(
        ma.fields.String(),
        load_default=list,
        metadata={"description": "the contract parcels the new household takes"},
    )
    date = CHANGE_DATE
    evidence_ref = EVIDENCE
    reason = ma.fields.String(load_default=None, validate=ma.validate.Length(max=500))


class HouseholdMergeIn(ma.Schema):
    other_household_code = ma.fields.String(required=True)
    members = ma.fields.List(
        MemberRef(),
        load_default=list,
        metadata={"description": "relations of the joining members to this head (else 80)"},
    )
    date = CHANGE_DATE
    evidence_ref = EVIDENCE
    reason = ma.fields.String(load_default=None, validate=ma.validate.Length(max=500))


class HouseholdChangeOut(ma.Schema):
    seq = ma.fields.Integer()
    kind = ma.fields.String()
    reason = ma.fields.String(allow_none=True)
    date = ma.fields.Date(attribute="change_date")
    person = ma.fields.Function(lambda c: mask_id_number(c.person.id_number) if c.person else None)
    other_household_code = ma.fields.String(allow_none=True)
    evidence_ref = ma.fields.String()
    actor = ma.fields.String()
    details = ma.fields.Dict(allow_none=True)


class HouseholdChangesOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(HouseholdChangeOut))
    total = ma.fields.Integer()


class CorrectionIn(ma.Schema):
    name = ma.fields.String(load_default=None, validate=ma.validate.Length(min=1, max=100))
    id_number = ma.fields.String(load_default=None)
    date = CHANGE_DATE
    evidence_ref = EVIDENCE


class CorrectionOut(ma.Schema):
    field = ma.fields.String()
    old_value = ma.fields.String()
    new_value = ma.fields.String()
    evidence_ref = ma.fields.String()
    corrected_on = ma.fields.Date()
    actor = ma.fields.String()


class CorrectedPersonOut(PersonOut):
    corrections = ma.fields.List(ma.fields.Nested(CorrectionOut))
