"""Shares and dividends: holdings per household, the quantification plan, transfers, distributions with
their allocation table (reserve first, the rest by shares) and its CSV export."""

from __future__ import annotations

import csv
import io

from flask import Response, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ...db import db
from ...membership.reads import resolutions
from ...settings import rule_settings
from ...shares import services as shares
from ...shares.settings import ShareSettings
from ..actions import form_page, on_post
from ..forms import FormReader
from ..labels import options
from ..session import login_required, web_actor, working_collective
from . import Counter, Section, bp
from ... import clock


def _settings() -> ShareSettings:
    return ShareSettings.from_rules(rule_settings())


COUNTER = Counter(
    _l("Distribution plans open for inspection"),
    shares.in_inspection_count,
    "web.clerk.shares",
    attention=True,
)


def _household_section(session, actor, household) -> dict:
    holders = shares.list_holders(
        session, actor, household.collective_code, household_code=household.code, per_page=500
    )
    return {"holders": holders["items"], "total": sum(h["shares"] for h in holders["items"])}


SECTION = Section("web/clerk/_household_shares.html", _household_section)


@bp.route("/shares", methods=["GET", "POST"], endpoint="shares")
@login_required("clerk")
def shares_page():
    actor, code = web_actor(), working_collective()
    action = request.form.get("action")
    done, refusal = on_post(lambda form: _post(actor, code, form, action), url_for("web.clerk.shares"))
    if done:
        return done
    return form_page(
        "web/clerk/shares.html",
        refusal,
        action=action,
        holdings=shares.list_holdings(db.session, actor, code, per_page=500),
        plan=shares.share_plan(db.session, actor, code),
        distributions=shares.list_distributions(db.session, actor, code),
        plan_resolutions=resolutions(db.session, actor, code, "share_plan"),
        managements=options("management"),
        settings=_settings(),
        today=clock.today(),
    )


def _post(actor, code, form: FormReader, action: str) -> str:
    if action == "plan":
        resolution_id, per_member = form.integer("resolution_id"), form.integer("shares_per_member")
        management = form.text("management")
        form.done()
        _plan, total = shares.adopt_share_plan(
            db.session, actor, code, resolution_id, per_member, management, _settings()
        )
        return gettext("Shares quantified: %(total)s shares.", total=total)
    if action == "transfer":
        data = {
            "from_household_code": form.text("from_household_code"),
            "to_household_code": form.text("to_household_code"),
            "shares": form.integer("shares"),
            "document_ref": form.text("document_ref", required=False),
        }
        form.done()
        shares.transfer_shares(db.session, actor, code, data, _settings())
        return gettext("%(n)s shares transferred.", n=data["shares"])
    data = {
        "year": form.integer("year"),
        "net_income_fen": form.yuan_to_fen("net_income_fen"),
        "reserve_ratio": form.decimal("reserve_ratio"),
        "inspection_start": form.day("inspection_start", False),
        "inspection_evidence_ref": form.text("inspection_evidence_ref", required=False),
    }
    form.done()
    result = shares.create_distribution(db.session, actor, code, data, _settings())
    return gettext(
        "Distribution plan %(id)s is open for inspection until %(date)s.",
        id=result["id"],
        date=result["inspection_ends"],
    )


@bp.route("/shares/distributions/<int:distribution_id>", methods=["GET", "POST"])
@login_required("clerk")
def distribution(distribution_id):
    actor = web_actor()

    def approve(form) -> str:
        resolution_id = form.integer("resolution_id")
        form.done()
        shares.approve_distribution(db.session, actor, distribution_id, resolution_id, _settings())
        return gettext("Distribution plan %(id)s approved.", id=distribution_id)

    done, refusal = on_post(approve, url_for("web.clerk.distribution", distribution_id=distribution_id))
    if done:
        return done
    view = shares.get_distribution(db.session, actor, distribution_id)
    return form_page(
        "web/clerk/distribution.html",
        refusal,
        d=view,
        today=clock.today(),
        resolutions=resolutions(db.session, actor, view["collective_code"], "distribution"),
    )


@bp.get("/shares/distributions/<int:distribution_id>.csv")
@login_required("clerk")
def distribution_csv(distribution_id):
    """The allocation table for the bank or the notice board: household, shares, amount in yuan (from fen)."""
    view = shares.get_distribution(db.session, web_actor(), distribution_id)
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Chinese headers as UTF-8
    writer = csv.writer(out)
    writer.writerow(
        [
            gettext("Household code"),
            gettext("Holder (heir)"),
            gettext("Shares"),
            gettext("Amount (yuan)"),
            gettext("Payment"),
        ]
    )
    for a in view["allocations"]:
        fen = a["amount_fen"]
        writer.writerow(
            [
                a["household_code"] or "",
                a["holder_id_number"] or "",
                a["shares"],
                f"{fen // 100}.{fen % 100:02d}",
                a["payment_status"],
            ]
        )
    name = f"distribution-{view['collective_code']}-{view['year']}-{distribution_id}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
