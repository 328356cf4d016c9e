from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..db import db
from . import services
from .guard import public
from .schemas import TokenIn, TokenOut

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="登录与令牌")


@blp.route("/token")
class Token(MethodView):
    @public
    @blp.arguments(TokenIn)
    @blp.response(200, TokenOut)
    def post(self, data):
        """Exchange user name and password for a bearer token."""
        user = services.authenticate(db.session, data["username"], data["password"])
        token, expires = services.issue_token(db.session, user, current_app.config["TOKEN_TTL"])
        commit()
        return {"token": token, "expires_at": expires, "role": user.role, "scope": user.scope}
