from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from ..settings import rule_settings
from .schemas import ExitIn, ExitOut
from .services import file_exit

exits = Blueprint("exits", __name__, url_prefix="/api/v1/exits", description="自愿有偿退出")


@exits.route("")
class Exits(MethodView):
    @requires("clerk")
    @exits.arguments(ExitIn)
    @exits.response(201, ExitOut)
    def post(self, data):
        """File a voluntary paid exit of a right for review (UR-02 guard, UR-04 flag)."""
        ex = file_exit(
            db.session, current_actor(), **data, linkage_days=rule_settings().settlement_linkage_days
        )
        commit()
        return ex
