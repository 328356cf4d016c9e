import marshmallow as ma


class TokenIn(ma.Schema):
    username = ma.fields.String(required=True)
    password = ma.fields.String(required=True)


class TokenOut(ma.Schema):
    token = ma.fields.String()
    expires_at = ma.fields.DateTime()
    role = ma.fields.String()
    scope = ma.fields.String(allow_none=True)
