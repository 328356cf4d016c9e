import marshmallow as ma

from ..codes import mask_id_number
from .relations import RELATIONS


class PersonIn(ma.Schema):
    id_number = ma.fields.String(required=True, metadata={"description": "公民身份号码 (GB 11643), 18 characters"})
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
    id_number = ma.fields.Function(lambda m: mask_id_number(m.person.id_number),
                                   metadata={"description": "masked (SEC-02)"})
    name = ma.fields.Function(lambda m: m.person.name)
    sex = ma.fields.Function(lambda m: m.person.sex)
    relation = ma.fields.String()
    relation_label = ma.fields.Function(lambda m: RELATIONS.get(m.relation))
    joined_on = ma.fields.Date()
    left_on = ma.fields.Date(allow_none=True)


class HouseholdOut(ma.Schema):
    code = ma.fields.String()
    collective_code = ma.fields.String()
    members = ma.fields.Function(
        lambda h: HouseholdMemberOut(many=True).dump([m for m in h.members if m.left_on is None]))
