"""Membership: applications, assembly resolutions (art. 27 check shown before submit), endings, filing."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ...db import db
from ...errors import InvalidInput
from ...membership import reads
from ...membership import services as membership
from ...membership.models import APPLICATION_BASES, END_REASONS, FORBIDDEN_END_REASONS
from ...settings import rule_settings
from ..actions import Done, form_page, on_post
from ..forms import row_count
from ..labels import options
from ..session import login_required, safe_next, web_actor, working_collective
from . import Counter, bp
from ... import clock


def _pending(session, actor, code):
    return membership.list_applications(session, actor, code, "pending", 1, 1)[1]


def _unfiled(session, actor, code):
    return membership.roster_changes(session, actor, code, filed=False, page=1, per_page=1)[1]


def _members(session, actor, code):
    return membership.active_member_count(session, code)


OWN_COUNTERS = [
    Counter(_l("Active members"), _members, "web.clerk.roster", args={"status": "active"}),
    Counter(_l("Applications waiting for the assembly"), _pending, "web.clerk.membership", attention=True),
    Counter(_l("Roster changes not yet filed"), _unfiled, "web.clerk.filing", attention=True),
]


@bp.route("/membership", methods=["GET", "POST"], endpoint="membership")
@login_required("clerk")
def membership_page():
    """Pending applications and the form for a new one."""
    actor, code = web_actor(), working_collective()

    def submit(form) -> str:
        id_number, basis = form.text("id_number"), form.choice("basis", APPLICATION_BASES)
        evidence = form.text("evidence_ref", required=False)
        form.done()
        application = membership.submit_application(db.session, actor, code, id_number, basis, evidence)
        return gettext("Application %(id)s submitted; it waits for the members' assembly.", id=application.id)

    done, refusal = on_post(submit, url_for("web.clerk.membership"))
    if done:
        return done
    pending, _ = membership.list_applications(db.session, actor, code, "pending", 1, 500)
    return form_page(
        "web/clerk/membership.html",
        refusal,
        pending=pending,
        resolutions=reads.resolutions(db.session, actor, code, limit=10),
        bases=options("basis"),
    )


def _decisions(form) -> tuple[list[dict], list[int]]:
    """Rows the clerk decided; `rows` keeps each decision's row number to show refusals on the right row."""
    decisions, rows = [], []
    for i in range(row_count(form)):
        decision = form.get(f"decisions.{i}.decision") or ""
        application_id = form.get(f"decisions.{i}.application_id") or ""
        if decision:
            if not application_id.isdigit() or len(application_id) > 9:
                raise InvalidInput(
                    "Some fields need attention.",
                    errors={f"decisions.{i}.application_id": ["must be a whole number"]},
                )
            decisions.append({"application_id": int(application_id), "decision": decision})
            rows.append(i)
    return decisions, rows


def _renumber(refusal, rows: list[int]) -> None:
    renamed = {}
    for key, messages in refusal.errors.items():
        parts = key.split(".")
        if parts[0] == "decisions" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
            key = f"decisions.{rows[int(parts[1])]}.{parts[2]}"
        renamed[key] = messages
    refusal.errors = renamed


@bp.route("/membership/resolutions/new", methods=["GET", "POST"])
@login_required("clerk")
def new_resolution():
    actor, code = web_actor(), working_collective()
    subject = request.values.get("subject", "membership")
    rows: list[int] = []

    def adopt(form) -> Done:
        data = {
            "body": form.text("body"),
            "subject": form.text("subject"),
            "notice_date": form.day("notice_date"),
            "meeting_date": form.day("meeting_date"),
            "evidence_ref": form.text("evidence_ref", required=False),
        }
        for key in ("members_total", "members_with_capacity", "attended", "votes_for"):
            data[key] = form.integer(key)
        form.done()
        data["decisions"], rows[:] = _decisions(request.form)
        resolution = membership.adopt_resolution(
            db.session, actor, code, data, notice_days=rule_settings().meeting_notice_days
        )
        return Done(
            gettext("Resolution %(id)s recorded.", id=resolution.id),
            safe_next(request.form.get("next")) or url_for("web.clerk.membership"),
        )

    done, refusal = on_post(adopt, on_refusal=lambda refusal: _renumber(refusal, rows))
    if done:
        return done
    pending = (
        membership.list_applications(db.session, actor, code, "pending", 1, 500)[0]
        if subject == "membership"
        else []
    )
    return form_page(
        "web/clerk/resolution_new.html",
        refusal,
        subject=subject,
        pending=pending,
        on_roster=membership.active_member_count(db.session, code),
        notice_days=rule_settings().meeting_notice_days,
        today=clock.today(),
        next=request.values.get("next", ""),
    )


@bp.route("/memberships/<int:membership_id>/end", methods=["GET", "POST"])
@login_required("clerk")
def end_membership(membership_id):
    actor = web_actor()
    m = reads.membership_or_404(db.session, actor, membership_id)

    def end(form) -> str:
        reason, on = form.text("reason"), form.day("date")
        cs = request.form.get("contract_civil_servant")
        form.done()
        membership.end_membership(
            db.session,
            actor,
            membership_id,
            reason,
            on,
            form.text("basis_text", required=False),
            evidence_ref=form.text("evidence_ref", required=False),
            consent_ref=form.text("consent_ref", required=False),
            contract_civil_servant={"yes": True, "no": False}.get(cs),
        )
        return gettext("The membership of %(name)s has ended.", name=m.person.name)

    done, refusal = on_post(end, url_for("web.clerk.roster"))
    if done:
        return done
    lawful = [(r, o) for r, o in options("end_reason") if r in END_REASONS and r != "acquired_other"]
    refused = [(r, o) for r, o in options("end_reason") if r in FORBIDDEN_END_REASONS]
    return form_page(
        "web/clerk/membership_end.html", refusal, m=m, lawful=lawful, refused=refused, today=clock.today()
    )


@bp.route("/membership/filing", methods=["GET", "POST"])
@login_required("clerk")
def filing():
    """MEM-06: the unfiled roster changes, filed as one batch with the township's and county's receipts."""
    actor, code = web_actor(), working_collective()

    def file(form) -> str:
        township_ref, county_ref = form.text("township_ref"), form.text("county_ref")
        filed_on = form.day("filed_on", required=False)
        form.done()
        batch = membership.file_changes(db.session, actor, code, township_ref, county_ref, filed_on)
        return gettext("%(n)s roster changes filed as batch %(id)s.", n=batch.change_count, id=batch.id)

    done, refusal = on_post(file, url_for("web.clerk.filing"))
    if done:
        return done
    changes, total = membership.roster_changes(db.session, actor, code, filed=False, page=1, per_page=500)
    batches, _ = membership.list_filings(db.session, actor, code)
    members = reads.memberships_by_id(db.session, actor, code, [c.membership_id for c in changes])
    return form_page(
        "web/clerk/filing.html",
        refusal,
        changes=changes,
        total=total,
        batches=batches,
        members=members,
        today=clock.today(),
    )
