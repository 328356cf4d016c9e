from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import PageQuery, commit
from ..auth.guard import current_actor, requires
from ..db import db
from ..settings import rule_settings
from . import services
from .schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPage,
    ApplicationQuery,
    EndIn,
    FilingIn,
    FilingOut,
    FilingPage,
    MembershipOut,
    MembershipPage,
    ResolutionIn,
    ResolutionOut,
    RosterChangePage,
    RosterChangeQuery,
    RosterPage,
    RosterQuery,
    WithdrawIn,
    WithdrawnOut,
)

blp = Blueprint("membership", __name__, url_prefix="/api/v1", description="成员身份")


@blp.route("/collectives/<code>/membership-applications")
class Applications(MethodView):
    @requires("clerk")
    @blp.arguments(ApplicationIn)
    @blp.response(201, ApplicationOut)
    def post(self, data, code):
        """File a membership application for the assembly (pending until a resolution decides it)."""
        application = services.submit_application(
            db.session, current_actor(), code, data["id_number"], data["basis"], data.get("evidence_ref")
        )
        commit()
        return application

    @requires("clerk", "reviewer")
    @blp.arguments(ApplicationQuery, location="query")
    @blp.response(200, ApplicationPage)
    def get(self, q, code):
        """Applications of a collective, e.g. ?status=pending."""
        items, total = services.list_applications(
            db.session, current_actor(), code, q.get("status"), q["page"], q["per_page"]
        )
        return {"items": items, "total": total}


@blp.route("/membership-applications/<int:application_id>/withdraw")
class WithdrawApplication(MethodView):
    @requires("clerk")
    @blp.arguments(WithdrawIn)
    @blp.response(200, WithdrawnOut)
    def post(self, data, application_id):
        """撤回: withdraw a pending application on the applicant's written request; it is never decided
        then."""
        application = services.withdraw_application(
            db.session, current_actor(), application_id, data["statement_ref"]
        )
        commit()
        return application


@blp.route("/collectives/<code>/resolutions")
class Resolutions(MethodView):
    @requires("clerk")
    @blp.arguments(ResolutionIn)
    @blp.response(201, ResolutionOut)
    def post(self, data, code):
        """Record an assembly resolution; art. 27 thresholds (MEM-02), confirmations (MEM-01, MEM-03)."""
        resolution = services.adopt_resolution(
            db.session, current_actor(), code, data, notice_days=rule_settings().meeting_notice_days
        )
        commit()
        return resolution


@blp.route("/collectives/<code>/members")
class Members(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(RosterQuery, location="query")
    @blp.response(200, RosterPage)
    def get(self, q, code):
        """The roster, on a past day with ?as_of=YYYY-MM-DD; ID numbers masked."""
        items, total = services.roster(
            db.session,
            current_actor(),
            code,
            status=q["status"],
            as_of=q.get("as_of"),
            page=q["page"],
            per_page=q["per_page"],
        )
        return {"items": items, "total": total}


@blp.route("/persons/<id_number>/memberships")
class PersonMemberships(MethodView):
    @requires("clerk", "reviewer")
    @blp.response(200, MembershipPage)
    def get(self, id_number):
        """A person's memberships over time, within the caller's scope."""
        items = services.person_history(db.session, current_actor(), id_number)
        return {"items": items, "total": len(items)}


@blp.route("/memberships/<int:membership_id>/end")
class EndMembership(MethodView):
    @requires("clerk")
    @blp.arguments(EndIn)
    @blp.response(200, MembershipOut)
    def post(self, data, membership_id):
        """End a membership for a lawful cause with its evidence (MEM-04); art. 18 causes are refused
        (MEM-05)."""
        membership = services.end_membership(
            db.session,
            current_actor(),
            membership_id,
            data["reason"],
            data["date"],
            data.get("basis_text"),
            evidence_ref=data.get("evidence_ref"),
            consent_ref=data.get("consent_ref"),
            contract_civil_servant=data.get("contract_civil_servant"),
        )
        commit()
        return membership


@blp.route("/collectives/<code>/roster-changes")
class RosterChanges(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(RosterChangeQuery, location="query")
    @blp.response(200, RosterChangePage)
    def get(self, q, code):
        """Roster changes; ?filed=false lists those still to be filed (MEM-06)."""
        items, total = services.roster_changes(
            db.session, current_actor(), code, filed=q.get("filed"), page=q["page"], per_page=q["per_page"]
        )
        return {"items": items, "total": total}


@blp.route("/collectives/<code>/filings")
class Filings(MethodView):
    @requires("clerk")
    @blp.arguments(FilingIn)
    @blp.response(201, FilingOut)
    def post(self, data, code):
        """File roster changes with the township and the county bureau as one immutable batch (MEM-06)."""
        filing = services.file_changes(
            db.session,
            current_actor(),
            code,
            data["township_ref"],
            data["county_ref"],
            data.get("filed_on"),
            data.get("change_ids"),
        )
        commit()
        return filing

    @requires("clerk", "reviewer")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, FilingPage)
    def get(self, q, code):
        """Filing batches of a collective, newest first."""
        items, total = services.list_filings(db.session, current_actor(), code, q["page"], q["per_page"])
        return {"items": items, "total": total}


@blp.route("/membership-filings/<int:filing_id>")
class FilingItem(MethodView):
    @requires("clerk", "reviewer")
    @blp.response(200, FilingOut)
    def get(self, filing_id):
        """One filing batch with its roster changes."""
        return services.get_filing(db.session, current_actor(), filing_id)
