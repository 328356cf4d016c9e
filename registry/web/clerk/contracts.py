"""Land contracts: the list, registration with parcels chosen on the map, the contract with its register,
and a surrender filed on the holder's written notice (LC-06 through the exit path)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ... import clock
from ...contracts import services as contracts
from ...contracts.reads import contract_count, contract_list, household_contract, register_entries
from ...contracts.surrender import file_surrender
from ...contracts.terms import TERM_YEARS, last_day
from ...db import db
from ...errors import RegistryError
from ...people import services as people
from ...people.reads import open_households
from ...settings import rule_settings
from ..forms import FormReader
from ..labels import options
from ..refusals import refuse
from ..session import login_required, web_actor, working_collective
from . import Counter, Section, bp
from .statements import co_holder_rows, rename_errors, statements

COUNTER = Counter(_l("Land contracts"), contract_count, "web.clerk.contracts")


def _household_section(session, actor, household) -> dict:
    found = household_contract(session, actor, household.code)
    if found is None:
        return {"contract": None}
    code, state = found
    return {"contract": state, "history": [("land_contract", code)]}


SECTION = Section("web/clerk/_household_contract.html", _household_section)


@bp.get("/contracts", endpoint="contracts")
@login_required("clerk")
def contracts_list():
    actor, code = web_actor(), working_collective()
    return render_template("web/clerk/contracts.html", rows=contract_list(db.session, actor, code))


@bp.route("/contracts/new", methods=["GET", "POST"])
@login_required("clerk")
def new_contract():
    actor, code = web_actor(), working_collective()
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            data = {
                "household_code": form.text("household_code"),
                "method": "110",
                "land_type": form.choice("land_type", tuple(TERM_YEARS)),
                "start_date": form.day("start_date"),
                "end_date": form.day("end_date"),
                "parcel_codes": request.form.getlist("parcel_codes"),
                "document_ref": form.text("document_ref", required=False),
            }
            form.done()
            state = contracts.register_contract(db.session, actor, **data)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            flash(gettext("Contract %(code)s registered.", code=state.contract.code))
            return redirect(url_for("web.clerk.contract", code=state.contract.code))
    actor.require_collective(code, "clerk")
    households = open_households(db.session, actor, code)
    start = clock.today()
    return render_template(
        "web/clerk/contract_new.html",
        refusal=refusal,
        form=request.form,
        households=[(c, f"{c} {n}") for c, n in households],
        land_types=options("land_type"),
        start=start,
        end=last_day(start, 30),
        chosen=request.form.getlist("parcel_codes"),
        preset=request.args.get("household", ""),
    ), (refusal.status if refusal else 200)


@bp.route("/contracts/<code>", methods=["GET", "POST"])
@login_required("clerk")
def contract(code):
    """The contract as it stands, its register (登记簿), and the surrender form."""
    actor = web_actor()
    refusal = None
    rows = co_holder_rows(db.session, actor, "land_contract", code, request.form)
    if request.method == "POST":
        form = FormReader(request.form)
        origin = {}
        try:
            sent, origin = statements(
                rows, request.form.get("holder_id_number") or _head_id_number(actor, code)
            )
            notice, effective = form.day("notice_date"), form.day("effective_date")
            compensation = form.yuan_to_fen("compensation_fen")
            form.done()
            ex = file_surrender(
                db.session,
                actor,
                code,
                notice_date=notice,
                effective_date=effective,
                compensation_fen=compensation,
                statement_ref=form.text("statement_ref", required=False) or "",
                reason=form.text("reason", required=False) or "",
                holder_id_number=form.text("holder_id_number", required=False),
                co_holder_statements=sent,
                notice_months=rule_settings().surrender_notice_months,
                linkage_days=rule_settings().settlement_linkage_days,
            )
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
            rename_errors(refusal, origin)
        else:
            flash(
                gettext("Exit %(id)s filed; it waits for the county's review.", id=ex.id)
                + (
                    " " + gettext("It is flagged: filed soon after an urban settlement (UR-04).")
                    if ex.linkage_flag
                    else ""
                ),
                "warn" if ex.linkage_flag else "message",
            )
            return redirect(url_for("web.clerk.contract", code=code))
    query = FormReader(request.args)
    as_of = query.day("as_of", required=False)
    query.done()
    state = contracts.get_contract(db.session, actor, code, as_of)
    entries = register_entries(db.session, actor, code)
    return render_template(
        "web/clerk/contract.html",
        state=state,
        entries=entries,
        refusal=refusal,
        form=request.form,
        today=clock.today(),
        rows=rows,
    ), (refusal.status if refusal else 200)


def _head_id_number(actor, code: str) -> str | None:
    """Who signs a surrender when no holder is named: the head of the contract's household."""
    household = people.get_household(
        db.session, actor, contracts.load_contract(db.session, code).household_code
    )
    return next(
        (
            m.person.id_number
            for m in people.current_members(household)
            if m.person_id == household.head_person_id
        ),
        None,
    )
