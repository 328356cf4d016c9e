from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..db import db
from ..errors import RegistryError
from . import services, signin
from .guard import bearer_token, current_actor, public, requires
from .schemas import TokenIn, TokenOut

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="登录与令牌")


@blp.route("/token")
class Token(MethodView):
    @public
    @blp.arguments(TokenIn)
    @blp.response(200, TokenOut)
    def post(self, data):
        """Exchange user name and password for a bearer token (throttled: SEC-05)."""
        try:
            user = signin.sign_in(
                db.session, data["username"], data["password"], request.remote_addr or "-", "api"
            )
        except RegistryError:
            commit()  # the failure and its audit entry are kept (SEC-05)
            raise
        token, expires = services.issue_token(db.session, user, current_app.config["TOKEN_TTL"])
        commit()
        return {"token": token, "expires_at": expires, "role": user.role, "scope": user.scope}

    @requires("clerk", "reviewer", "police")
    @blp.response(204)
    def delete(self):
        """Revoke the presented token: it is refused from now on."""
        services.revoke_token(db.session, current_actor(), bearer_token())
        commit()
