from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, public, requires
from ..db import db
from ..errors import NotFound
from ..replica import on_replica
from ..settings import rule_settings
from .confirmations import confirm_rural_settlement, verify_confirmation
from .hukou import record_hukou_event
from .reports import settlement_linkage_report
from .schemas import (
    ConfirmationVerifyOut,
    ConfirmationVerifyQuery,
    HukouEventIn,
    HukouEventOut,
    LinkagePage,
    LinkageQuery,
    SettlementConfirmationIn,
    SettlementConfirmationOut,
)

hukou = Blueprint("hukou_events", __name__, url_prefix="/api/v1/hukou-events", description="户籍事件")
confirmations = Blueprint(
    "settlement_confirmations",
    __name__,
    url_prefix="/api/v1/settlement-confirmations",
    description="户口迁入农村确认",
)
reports = Blueprint("settlement_reports", __name__, url_prefix="/api/v1/reports", description="报表")


@hukou.route("")
class HukouEvents(MethodView):
    @requires("police", "clerk")
    @hukou.arguments(HukouEventIn)
    @hukou.response(201, HukouEventOut)
    def post(self, data):
        """Record a hukou event; an urban settlement changes no right (UR-01, UR-03, RS-03)."""
        event = record_hukou_event(
            db.session,
            current_actor(),
            data["id_number"],
            data["kind"],
            data["date"],
            data.get("collective_code"),
        )
        commit()
        return event


@confirmations.route("")
class Confirmations(MethodView):
    @requires("police")
    @confirmations.arguments(SettlementConfirmationIn())  # an instance: webargs builds a class per request
    @confirmations.response(201, SettlementConfirmationOut)
    def post(self, data):
        """Ask whether a person may settle into a collective (RS-01); answers nothing else (RS-02)."""
        conf, code = confirm_rural_settlement(
            db.session,
            current_actor(),
            data["id_number"],
            data["collective_code"],
            rate_per_hour=rule_settings().confirmation_rate_per_hour,
            valid_days=rule_settings().confirmation_valid_days,
        )
        answer = {
            "number": conf.number,
            "eligible": conf.eligible,
            "reasons": conf.reasons,
            "verification_code": code,
            "valid_until": conf.valid_until,
        }  # read before commit expires it
        commit()
        return answer


@confirmations.route("/<number>")
class ConfirmationItem(MethodView):
    @public
    @confirmations.arguments(ConfirmationVerifyQuery, location="query")
    @confirmations.response(200, ConfirmationVerifyOut)
    def get(self, q, number):
        """Check a confirmation by its number and verification code; anything wrong is 404."""
        return on_replica(verify_confirmation, number, q["code"], primary_if=(NotFound,))


@reports.route("/settlement-linkage")
class SettlementLinkage(MethodView):
    @requires("reviewer")
    @reports.arguments(LinkageQuery, location="query")
    @reports.response(200, LinkagePage)
    def get(self, q):
        """Every exit filed soon after an urban settlement of the household, with its dates (UR-04)."""
        items, total = settlement_linkage_report(
            db.session, current_actor(), q.get("county"), q["page"], q["per_page"]
        )
        return {"items": items, "total": total}
