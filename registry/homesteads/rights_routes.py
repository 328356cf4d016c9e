from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from . import caps, changes
from .rights import get_right, read_register
from .schemas import (
    HomesteadCancellationIn,
    HomesteadCapIn,
    HomesteadCapList,
    HomesteadCapOut,
    HomesteadChangeIn,
    HomesteadInheritanceIn,
    HomesteadRegisterOut,
    HomesteadRegisterQuery,
    HomesteadRightOut,
)

rights_blp = Blueprint(
    "homestead_rights",
    __name__,
    url_prefix="/api/v1/homestead-rights",
    description="宅基地使用权：登记簿、变更、继承、注销",
)
caps_blp = Blueprint(
    "homestead_caps",
    __name__,
    url_prefix="/api/v1/homestead-caps",
    description="宅基地面积标准（按省、地形）",
)


@rights_blp.route("/<int:right_id>")
class RightItem(MethodView):
    @requires("clerk", "reviewer")
    @rights_blp.response(200, HomesteadRightOut)
    def get(self, right_id):
        """One homestead right with its plot."""
        return get_right(db.session, current_actor(), right_id)


@rights_blp.route("/<int:right_id>/register")
class RegisterView(MethodView):
    @requires("clerk", "reviewer")
    @rights_blp.arguments(HomesteadRegisterQuery, location="query")
    @rights_blp.response(200, HomesteadRegisterOut)
    def get(self, q, right_id):
        """The register (登记簿) of the right; with `on`, the entries up to that date and the state then
        (RG-01)."""
        return read_register(db.session, current_actor(), right_id, q["on"])


@rights_blp.route("/<int:right_id>/changes")
class Changes(MethodView):
    @requires("reviewer")
    @rights_blp.arguments(HomesteadChangeIn)
    @rights_blp.response(200, HomesteadRightOut)
    def post(self, data, right_id):
        """Change registration: a house built or gone (unit code F/W), or a new holding household."""
        actor = current_actor()
        if data["kind"] == "house":
            right = changes.change_house(
                db.session,
                actor,
                right_id,
                data["building_number"],
                data["reason"],
                data["evidence_ref"],
                data["date"],
            )
        else:
            right = changes.change_holder(
                db.session,
                actor,
                right_id,
                data["household_code"],
                data["cause"],
                data["reason"],
                data["evidence_ref"],
                data["date"],
            )
        commit()
        return right


@rights_blp.route("/<int:right_id>/inheritance")
class Inheritance(MethodView):
    @requires("reviewer")
    @rights_blp.arguments(HomesteadInheritanceIn)
    @rights_blp.response(200, HomesteadRightOut)
    def post(self, data, right_id):
        """Inheritance registration; a non-member heir only with the house, with the mandated note (HS-07)."""
        right = changes.inherit(
            db.session, current_actor(), right_id, data["heir_id_number"], data["evidence_ref"], data["date"]
        )
        commit()
        return right


@rights_blp.route("/<int:right_id>/cancellation")
class Cancellation(MethodView):
    @requires("reviewer")
    @rights_blp.arguments(HomesteadCancellationIn)
    @rights_blp.response(200, HomesteadRightOut)
    def post(self, data, right_id):
        """Cancellation registration (注销): loss, expropriation or another legal basis; never settlement
        (UR-02)."""
        right = changes.cancel_right(
            db.session,
            current_actor(),
            right_id,
            data["cause"],
            data["basis_ref"],
            data["note"],
            data["date"],
        )
        commit()
        return right


@caps_blp.route("")
class Caps(MethodView):
    @requires("clerk", "reviewer", "police")
    @caps_blp.response(200, HomesteadCapList)
    def get(self):
        """The HS-02 area caps; province 00 is the default for provinces not listed."""
        items = caps.list_caps(db.session)
        return {"items": items, "total": len(items)}


@caps_blp.route("/<province_code>/<terrain>/<land>")
class CapItem(MethodView):
    @requires()
    @caps_blp.arguments(HomesteadCapIn)
    @caps_blp.response(200, HomesteadCapOut)
    def put(self, data, province_code, terrain, land):
        """Set one cap (admin): land is any, or arable / other where the province distinguishes them."""
        row = caps.set_cap(
            db.session, current_actor(), province_code, terrain, land, data["cap_m2"], data["source"]
        )
        commit()
        return row

    @requires()
    @caps_blp.response(204)
    def delete(self, province_code, terrain, land):
        """Remove a province's cap row (admin); the default rows stay."""
        caps.delete_cap(db.session, current_actor(), province_code, terrain, land)
        commit()
