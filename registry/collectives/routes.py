from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from . import services
from .schemas import CollectiveIn, CollectiveOut

blp = Blueprint("collectives", __name__, url_prefix="/api/v1/collectives", description="农村集体经济组织")


@blp.route("")
class Collectives(MethodView):
    @requires("reviewer")
    @blp.arguments(CollectiveIn)
    @blp.response(201, CollectiveOut)
    def post(self, data):
        """Register a collective (admin, or a reviewer of its county)."""
        c = services.create_collective(db.session, current_actor(), **data)
        commit()
        return c


@blp.route("/<code>")
class CollectiveItem(MethodView):
    @requires("clerk", "reviewer", "police")
    @blp.response(200, CollectiveOut)
    def get(self, code):
        """One collective."""
        return services.get_collective(db.session, current_actor(), code)
