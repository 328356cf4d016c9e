import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import PageQuery
from ..auth.guard import current_actor, requires
from ..db import db
from . import reads

blp = Blueprint("audit", __name__, url_prefix="/api/v1/audit", description="审计日志")


class AuditQuery(PageQuery):
    entity = ma.fields.String()
    entity_id = ma.fields.String()


class AuditEntryOut(ma.Schema):
    seq = ma.fields.Integer()
    at = ma.fields.DateTime()
    actor = ma.fields.String()
    action = ma.fields.String()
    entity = ma.fields.String()
    entity_id = ma.fields.String()
    outcome = ma.fields.String()
    rule = ma.fields.String(allow_none=True)


class AuditPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(AuditEntryOut))
    total = ma.fields.Integer()


@blp.route("")
class Audit(MethodView):
    @requires("reviewer")
    @blp.arguments(AuditQuery, location="query")
    @blp.response(200, AuditPage)
    def get(self, q):
        """Audit entries, oldest first; refused attempts carry their rule (UR-05)."""
        items, total = reads.list_entries(
            db.session,
            entity=q.get("entity"),
            entity_id=q.get("entity_id"),
            offset=(q["page"] - 1) * q["per_page"],
            limit=q["per_page"],
        )
        if current_actor().role != "admin":  # SEC-02: only an administrator sees full ID numbers here
            items = [reads.masked(e) for e in items]
        return {"items": items, "total": total}
