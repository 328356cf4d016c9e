from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import PageQuery, commit, paginate
from ..auth.guard import current_actor, requires
from ..db import db
from ..settings import rule_settings
from . import leases, services, surrender, transfers
from .schemas import (
    ContractAsOfQuery,
    ContractChangeIn,
    ContractIn,
    ContractOut,
    ContractRegisterPage,
    ContractSwapIn,
    ContractSwapOut,
    ContractTransferIn,
    ContractTransferOut,
    LeaseIn,
    LeaseOut,
    LeasePage,
    MortgageIn,
    MortgageOut,
    ReLeaseIn,
    SurrenderIn,
    SurrenderOut,
    TerminationIn,
)

blp = Blueprint("land_contracts", __name__, url_prefix="/api/v1/land-contracts", description="土地承包经营权")


@blp.route("")
class Contracts(MethodView):
    @requires("clerk")
    @blp.arguments(ContractIn)
    @blp.response(201, ContractOut)
    def post(self, data):
        """Register a family contract (LC-01..04); code = household code + J."""
        state = services.register_contract(db.session, current_actor(), **data)
        commit()
        return state


@blp.route("/<code>")
class ContractItem(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(ContractAsOfQuery, location="query")
    @blp.response(200, ContractOut)
    def get(self, query, code):
        """The contract today, or as it stood on `as_of` (RG-01)."""
        return services.get_contract(db.session, current_actor(), code, query["as_of"])


@blp.route("/<code>/register")
class ContractRegister(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, ContractRegisterPage)
    def get(self, query, code):
        """The register (登记簿): numbered entries, never edited or deleted (RG-01)."""
        items, total = paginate(services.register_page(db.session, current_actor(), code), **query)
        return {"code": code, "items": items, "total": total}


@blp.route("/<code>/transfers")
class Transfers(MethodView):
    @requires("clerk")
    @blp.arguments(ContractTransferIn)
    @blp.response(201, ContractTransferOut)
    def post(self, data, code):
        """Transfer parcels to another household of the collective with the issuer's consent (LC-07)."""
        result = transfers.transfer_parcels(db.session, current_actor(), code, on=data.pop("date"), **data)
        commit()
        return result


@blp.route("/<code>/swaps")
class Swaps(MethodView):
    @requires("clerk")
    @blp.arguments(ContractSwapIn)
    @blp.response(201, ContractSwapOut)
    def post(self, data, code):
        """Swap parcels with another household of the collective, filed with the issuer (LC-08)."""
        result = transfers.swap_parcels(db.session, current_actor(), code, on=data.pop("date"), **data)
        commit()
        return result


@blp.route("/<code>/surrender")
class Surrender(MethodView):
    @requires("clerk")
    @blp.arguments(SurrenderIn)
    @blp.response(201, SurrenderOut)
    def post(self, data, code):
        """File a voluntary, compensated surrender for the county's review (LC-06, UR-02, UR-04)."""
        ex = surrender.file_surrender(
            db.session,
            current_actor(),
            code,
            notice_months=rule_settings().surrender_notice_months,
            linkage_days=rule_settings().settlement_linkage_days,
            **data,
        )
        commit()
        return ex


@blp.route("/<code>/termination")
class Termination(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(TerminationIn)
    @blp.response(200, ContractOut)
    def post(self, data, code):
        """End the contract for expropriation or destruction of the land only (LC-05)."""
        state = services.terminate_contract(db.session, current_actor(), code, on=data.pop("date"), **data)
        commit()
        return state


@blp.route("/<code>/extension")
class Extension(MethodView):
    @requires("clerk")
    @blp.arguments(ContractChangeIn)
    @blp.response(200, ContractOut)
    def post(self, data, code):
        """Extend an arable-land contract by 30 years as its term runs out (LC-02)."""
        state = services.extend_contract(
            db.session,
            current_actor(),
            code,
            on=data.pop("date"),
            window_years=rule_settings().contract_extension_window_years,
            **data,
        )
        commit()
        return state


@blp.route("/<code>/holders")
class Holders(MethodView):
    @requires("clerk")
    @blp.arguments(ContractChangeIn)
    @blp.response(200, ContractOut)
    def post(self, data, code):
        """General change (一般变更): list the household's current members as the holders (LC-04)."""
        state = services.update_holders(db.session, current_actor(), code, on=data.pop("date"), **data)
        commit()
        return state


@blp.route("/<code>/leases")
class Leases(MethodView):
    @requires("clerk")
    @blp.arguments(LeaseIn)
    @blp.response(201, LeaseOut)
    def post(self, data, code):
        """File a management-right transfer (流转) with the issuer (LC-09); the contract itself is
        unchanged."""
        lease = leases.create_lease(db.session, current_actor(), code, **data)
        commit()
        return lease

    @requires("clerk", "reviewer")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, LeasePage)
    def get(self, query, code):
        """Management-right transfers filed under the contract, re-leases included."""
        items, total = paginate(leases.list_leases(db.session, current_actor(), code), **query)
        return {"items": items, "total": total}


@blp.route("/<code>/leases/<lease_code>/re-leases")
class ReLeases(MethodView):
    @requires("clerk")
    @blp.arguments(ReLeaseIn)
    @blp.response(201, LeaseOut)
    def post(self, data, code, lease_code):
        """A lessee's re-lease, only with the holder's written consent (LC-10)."""
        lease = leases.re_lease(db.session, current_actor(), code, lease_code, **data)
        commit()
        return lease


@blp.route("/<code>/leases/<lease_code>/mortgages")
class Mortgages(MethodView):
    @requires("clerk")
    @blp.arguments(MortgageIn)
    @blp.response(201, MortgageOut)
    def post(self, data, code, lease_code):
        """A lessee's mortgage of the management right, only with the holder's written consent (LC-10)."""
        mortgage = leases.mortgage_lease(db.session, current_actor(), code, lease_code, **data)
        commit()
        return mortgage
