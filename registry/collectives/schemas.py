import marshmallow as ma


class CollectiveIn(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "14-digit 发包方编码"})
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    level = ma.fields.String(required=True, validate=ma.validate.OneOf(["township", "village", "group"]))


class CollectiveOut(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    level = ma.fields.String()
    county_code = ma.fields.String()
