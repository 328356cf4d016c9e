"""Share and dividend endpoints: thin views that load, call one service, commit and return."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from ..settings import rule_settings
from . import services
from .schemas import (
    AdjustmentIn,
    AdjustmentOut,
    ApproveIn,
    ChangeOut,
    DistributionIn,
    DistributionOut,
    HoldersOut,
    HoldingsOut,
    HoldingsQuery,
    HouseholdFilter,
    InheritanceIn,
    InheritanceOut,
    PaymentIn,
    PaymentOut,
    PaymentsOut,
    PaymentsQuery,
    RegisterOut,
    SharePlanIn,
    SharePlanOut,
    TransferIn,
)

shares = Blueprint("shares", __name__, url_prefix="/api/v1/collectives", description="份额与收益分配")
distributions = Blueprint(
    "distributions", __name__, url_prefix="/api/v1/distributions", description="收益分配方案"
)


def _settings():
    return services.ShareSettings.from_rules(rule_settings())


@shares.route("/<code>/share-plans")
class SharePlans(MethodView):
    @requires("clerk")
    @shares.arguments(SharePlanIn)
    @shares.response(201, SharePlanOut)
    def post(self, data, code):
        """Quantify shares to every active member by an adopted assembly plan, per household (SH-01)."""
        plan, total = services.adopt_share_plan(
            db.session,
            current_actor(),
            code,
            data["resolution_id"],
            data["shares_per_member"],
            data["management"],
            _settings(),
        )
        commit()
        return {
            "id": plan.id,
            "total_shares": total,
            "management": plan.management,
            "shares_per_member": plan.shares_per_member,
            "resolution_id": plan.resolution_id,
            "adopted_on": plan.adopted_on,
        }


@shares.route("/<code>/share-adjustments")
class ShareAdjustments(MethodView):
    @requires("clerk")
    @shares.arguments(AdjustmentIn)
    @shares.response(201, AdjustmentOut)
    def post(self, data, code):
        """Dynamic management only: allot to new members, withdraw the deceased's allotment (SH-01)."""
        result = services.adjust_holdings(db.session, current_actor(), code, data["document_ref"])
        commit()
        return result


@shares.route("/<code>/share-holdings")
class ShareHoldings(MethodView):
    @requires("clerk", "reviewer")
    @shares.arguments(HoldingsQuery, location="query")
    @shares.response(200, HoldingsOut)
    def get(self, query, code):
        """Shares per household, now or on a past date (SH-01, RG-01)."""
        return services.list_holdings(db.session, current_actor(), code, **query)


@shares.route("/<code>/share-holders")
class ShareHolders(MethodView):
    @requires("clerk", "reviewer")
    @shares.arguments(HouseholdFilter, location="query")
    @shares.response(200, HoldersOut)
    def get(self, query, code):
        """Shares per person, with membership and vote (SH-03)."""
        return services.list_holders(db.session, current_actor(), code, **query)


@shares.route("/<code>/share-register")
class ShareRegister(MethodView):
    @requires("clerk", "reviewer")
    @shares.arguments(HouseholdFilter, location="query")
    @shares.response(200, RegisterOut)
    def get(self, query, code):
        """Every change of every holding, in order; entries are never changed (RG-01)."""
        return services.list_register(db.session, current_actor(), code, **query)


@shares.route("/<code>/share-transfers")
class ShareTransfers(MethodView):
    @requires("clerk")
    @shares.arguments(TransferIn)
    @shares.response(201, ChangeOut)
    def post(self, data, code):
        """Transfer shares between member households of this collective, within the cap (SH-02)."""
        change = services.transfer_shares(db.session, current_actor(), code, data, _settings())
        commit()
        return change


@shares.route("/<code>/share-inheritances")
class ShareInheritances(MethodView):
    @requires("clerk")
    @shares.arguments(InheritanceIn)
    @shares.response(201, InheritanceOut)
    def post(self, data, code):
        """Pass a deceased holder's shares to the heirs; non-member heirs get dividends, no vote (SH-03)."""
        change, heirs = services.inherit_shares(
            db.session, current_actor(), code, data["deceased_id_number"], data["heirs"], data["document_ref"]
        )
        commit()
        return {"id": change.id, "heirs": heirs}


@shares.route("/<code>/distributions")
class Distributions(MethodView):
    @requires("clerk")
    @shares.arguments(DistributionIn)
    @shares.response(201, DistributionOut)
    def post(self, data, code):
        """Reserve first, the rest by shares in whole fen; open for inspection (SH-04, SH-05)."""
        result = services.create_distribution(db.session, current_actor(), code, data, _settings())
        commit()
        return result


@distributions.route("/<int:distribution_id>")
class DistributionItem(MethodView):
    @requires("clerk", "reviewer")
    @distributions.response(200, DistributionOut)
    def get(self, distribution_id):
        """One distribution with its allocations."""
        return services.get_distribution(db.session, current_actor(), distribution_id)


@distributions.route("/<int:distribution_id>/approve")
class DistributionApproval(MethodView):
    @requires("clerk")
    @distributions.arguments(ApproveIn)
    @distributions.response(200, DistributionOut)
    def post(self, data, distribution_id):
        """Record the assembly's approval, from the end of the inspection on (SH-05)."""
        result = services.approve_distribution(
            db.session, current_actor(), distribution_id, data["resolution_id"], _settings()
        )
        commit()
        return result


@distributions.route("/<int:distribution_id>/payments")
class DistributionPayments(MethodView):
    @requires("clerk", "reviewer")
    @distributions.arguments(PaymentsQuery, location="query")
    @distributions.response(200, PaymentsOut)
    def get(self, query, distribution_id):
        """The payment ledger: each payee's allocation with its payments and returns."""
        return services.list_payments(db.session, current_actor(), distribution_id, **query)

    @requires("clerk")
    @distributions.arguments(PaymentIn)
    @distributions.response(201, PaymentOut)
    def post(self, data, distribution_id):
        """Record a payment (or a returned payment) of an approved distribution."""
        result = services.record_payment(db.session, current_actor(), distribution_id, data)
        commit()
        return result
