from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit, paginate
from ..auth.guard import current_actor, requires
from ..db import db
from . import services
from .schemas import ReviewDecisionIn, ReviewOut, ReviewPage, ReviewQuery

blp = Blueprint("reviews", __name__, url_prefix="/api/v1/reviews", description="审核队列")


@blp.route("")
class Reviews(MethodView):
    @requires("reviewer")
    @blp.arguments(ReviewQuery, location="query")
    @blp.response(200, ReviewPage)
    def get(self, q):
        """The county's review queue, oldest first; flagged items carry linkage_flag (UR-04)."""
        stmt = services.list_reviews(db.session, current_actor(), status=q["status"], county=q.get("county"))
        items, total = paginate(stmt, q["page"], q["per_page"])
        return {"items": items, "total": total}


@blp.route("/<int:review_id>/decision")
class ReviewDecision(MethodView):
    @requires("reviewer")
    @blp.arguments(ReviewDecisionIn)
    @blp.response(200, ReviewOut)
    def post(self, data, review_id):
        """Approve or reject; a flagged exit is approved only with attest_voluntary true (UR-04)."""
        item = services.decide_review(
            db.session, current_actor(), review_id, data["decision"], data["note"], data["attest_voluntary"]
        )
        commit()
        return item
