"""The rule catalogue and the offline API docs page."""

import marshmallow as ma
from flask import Response, render_template
from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth.guard import public
from ..rules import RULES

blp = Blueprint("rules", __name__, url_prefix="/api/v1", description="规则目录", template_folder="templates")


class RuleOut(ma.Schema):
    id = ma.fields.String()
    text_zh = ma.fields.String()
    text_en = ma.fields.String()
    source = ma.fields.String()


class RulePage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(RuleOut))
    total = ma.fields.Integer()


@blp.route("/rules")
class Rules(MethodView):
    @public
    @blp.response(200, RulePage)
    def get(self):
        """Every rule the registry enforces, with its legal source."""
        return {"items": RULES, "total": len(RULES)}


@blp.route("/docs")
class Docs(MethodView):
    @public
    def get(self):
        """Offline API documentation page (no CDN assets)."""
        return Response(render_template("catalogue/docs.html"), mimetype="text/html")
