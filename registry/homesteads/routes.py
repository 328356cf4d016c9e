from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit, paginate
from ..auth.guard import current_actor, requires
from ..db import db
from ..settings import rule_settings
from . import applications, objections, services
from .rights import household_right
from .schemas import (
    HomesteadApplicationIn,
    HomesteadApplicationOut,
    HomesteadApplicationPage,
    HomesteadApplicationQuery,
    HomesteadApproveIn,
    HomesteadApprovedOut,
    HomesteadObjectionIn,
    HomesteadObjectionOut,
    HomesteadRejectIn,
    HomesteadResolveIn,
    HomesteadRightOut,
    HomesteadWithdrawIn,
    HomesteadWithdrawnOut,
    HouseTransferIn,
    HouseTransferList,
    HouseTransferOut,
)

apps_blp = Blueprint(
    "homestead_applications",
    __name__,
    url_prefix="/api/v1/homestead-applications",
    description="宅基地申请、公示与审批",
)
objections_blp = Blueprint(
    "homestead_objections", __name__, url_prefix="/api/v1/objections", description="公示异议"
)
households_blp = Blueprint(
    "household_homesteads", __name__, url_prefix="/api/v1/households", description="农户的宅基地"
)


@apps_blp.route("")
class Applications(MethodView):
    @requires("clerk", "reviewer")
    @apps_blp.arguments(HomesteadApplicationQuery, location="query")
    @apps_blp.response(200, HomesteadApplicationPage)
    def get(self, q):
        """Applications of one collective, optionally by status."""
        stmt = applications.list_applications(db.session, current_actor(), q["collective_code"], q["status"])
        items, total = paginate(stmt, q["page"], q["per_page"])
        return {"items": items, "total": total}

    @requires("clerk")
    @apps_blp.arguments(HomesteadApplicationIn)
    @apps_blp.response(201, HomesteadApplicationOut)
    def post(self, data):
        """File a household's homestead application; publicity starts (HS-01..06, PAR-01/02)."""
        application = applications.file_application(
            db.session, current_actor(), data, publicity_days=rule_settings().publicity_days
        )
        commit()
        return application


@apps_blp.route("/<int:application_id>")
class ApplicationItem(MethodView):
    @requires("clerk", "reviewer")
    @apps_blp.response(200, HomesteadApplicationOut)
    def get(self, application_id):
        """One application with its objections."""
        return applications.get_application(db.session, current_actor(), application_id)


@apps_blp.route("/<int:application_id>/objections")
class Objections(MethodView):
    @requires("clerk", "reviewer")
    @apps_blp.arguments(HomesteadObjectionIn)
    @apps_blp.response(201, HomesteadObjectionOut)
    def post(self, data, application_id):
        """Record an objection (异议) raised during publicity; it blocks approval until resolved (HS-04)."""
        objection = objections.file_objection(db.session, current_actor(), application_id, data["text"])
        commit()
        return objection


@apps_blp.route("/<int:application_id>/approve")
class Approve(MethodView):
    @requires("reviewer")
    @apps_blp.arguments(HomesteadApproveIn)
    @apps_blp.response(201, HomesteadApprovedOut)
    def post(self, data, application_id):
        """Approve after publicity with no open objection (HS-04); registers the right and its certificate."""
        right, certificate = applications.approve_application(
            db.session, current_actor(), application_id, data["note"]
        )
        result = {
            "right_id": right.id,
            "unit_code": right.unit_code,
            "parcel_code": right.parcel.code,
            "household_code": right.household_code,
            "registered_on": right.registered_on,
            "certificate_number": certificate.number,
            "verification_code": certificate.verification_code,
        }
        commit()
        return result


@apps_blp.route("/<int:application_id>/reject")
class Reject(MethodView):
    @requires("reviewer")
    @apps_blp.arguments(HomesteadRejectIn)
    @apps_blp.response(200, HomesteadApplicationOut)
    def post(self, data, application_id):
        """Reject an application; its plot leaves the current map."""
        application = applications.reject_application(
            db.session, current_actor(), application_id, data["reason"]
        )
        commit()
        return application


@apps_blp.route("/<int:application_id>/withdraw")
class Withdraw(MethodView):
    @requires("clerk")
    @apps_blp.arguments(HomesteadWithdrawIn)
    @apps_blp.response(200, HomesteadWithdrawnOut)
    def post(self, data, application_id):
        """撤回: withdraw an application in publicity on the applicant's written request; its plot leaves
        the map."""
        application = applications.withdraw_application(
            db.session, current_actor(), application_id, data["statement_ref"]
        )
        commit()
        return application


@objections_blp.route("/<int:objection_id>/resolve")
class Resolve(MethodView):
    @requires("clerk", "reviewer")
    @objections_blp.arguments(HomesteadResolveIn)
    @objections_blp.response(200, HomesteadObjectionOut)
    def post(self, data, objection_id):
        """Resolve an objection with the outcome of its handling."""
        objection = objections.resolve_objection(
            db.session, current_actor(), objection_id, data["resolution"]
        )
        commit()
        return objection


@households_blp.route("/<code>/homestead")
class HouseholdHomestead(MethodView):
    @requires("clerk", "reviewer")
    @households_blp.response(200, HomesteadRightOut)
    def get(self, code):
        """The household's active homestead right, or 404."""
        return household_right(db.session, current_actor(), code)


@households_blp.route("/<code>/house-transfers")
class HouseTransfers(MethodView):
    @requires("clerk", "reviewer")
    @households_blp.response(200, HouseTransferList)
    def get(self, code):
        """Sales, rentals and gifts of the household's house (HS-05)."""
        items = services.house_transfers(db.session, current_actor(), code)
        return {"items": items, "total": len(items)}

    @requires("clerk")
    @households_blp.arguments(HouseTransferIn)
    @households_blp.response(201, HouseTransferOut)
    def post(self, data, code):
        """Record that the household sold, rented out or gave away its house; it cannot apply again
        (HS-05)."""
        transfer = services.record_house_transfer(
            db.session,
            current_actor(),
            code,
            data["kind"],
            data["date"],
            data["evidence_ref"],
            data["counterparty"],
        )
        commit()
        return transfer
