"""Household changes from the household page (户籍变动): a member joins or leaves, a split (分户), a merge (合
户),
and the correction of a person's name or ID number. Each page reads the form, calls the people service and,
refused, shows the form again as typed with the rule; done, it flashes and returns to the household page."""

from __future__ import annotations

from collections.abc import Callable

from flask import request, url_for
from flask_babel import gettext

from ...codes import mask_id_number
from ...db import db
from ...errors import NotFound
from ...people import corrections
from ...people import household_changes as changes
from ...people import household_splits as splits
from ...people import services as people
from ...people.models import JOIN_REASONS, LEAVE_REASONS
from ...people.reads import household_corrections
from ...people.relations import HEAD, RELATIONS
from ..actions import form_page, on_post
from ..forms import FormReader
from ..labels import options
from ..session import login_required, web_actor
from . import bp
from .contracts import SECTION as CONTRACT_SECTION

KINDS = ("add", "leave", "split", "merge", "correct")


def _add(actor, h, form: FormReader) -> str:
    number, name = form.text("id_number"), form.text("name", required=False)
    data = {
        "relation": form.text("relation"),
        "reason": form.choice("reason", JOIN_REASONS),
        "on": form.day("date", required=False),
        "evidence_ref": form.text("evidence_ref", required=False) or "",
    }
    form.done()
    try:
        people.person_by_id_number(db.session, number)
    except NotFound:
        if not name:  # a person not yet registered is registered here from the name typed (PER-01)
            raise
        people.register_person(db.session, actor, number, name)
    member = changes.add_member(db.session, actor, h.code, id_number=number, **data)
    return gettext("%(name)s joined household %(code)s.", name=member.person.name, code=h.code)


def _leave(actor, h, form: FormReader) -> str:
    number = form.text("id_number")
    data = {
        "reason": form.choice("reason", LEAVE_REASONS),
        "on": form.day("date", required=False),
        "evidence_ref": form.text("evidence_ref", required=False) or "",
        "new_head_id_number": form.text("new_head_id_number", required=False),
    }
    form.done()
    changes.remove_member(db.session, actor, h.code, number, **data)
    return gettext("The member %(id)s left household %(code)s.", id=mask_id_number(number), code=h.code)


def _split(actor, h, form: FormReader) -> str:
    data = {
        "head_id_number": form.text("head_id_number"),
        "on": form.day("date", required=False),
        "evidence_ref": form.text("evidence_ref", required=False) or "",
    }
    form.done()
    new = splits.split_household(
        db.session,
        actor,
        h.code,
        members=request.form.getlist("members"),
        parcel_codes=request.form.getlist("parcel_codes"),
        **data,
    )
    return gettext("Household %(new)s was split off from %(code)s.", new=new.code, code=h.code)


def _merge(actor, h, form: FormReader) -> str:
    data = {
        "other_household_code": form.text("other_household_code"),
        "on": form.day("date", required=False),
        "evidence_ref": form.text("evidence_ref", required=False) or "",
    }
    form.done()
    splits.merge_households(db.session, actor, h.code, **data)
    return gettext(
        "Household %(other)s merged into %(code)s.", other=data["other_household_code"], code=h.code
    )


def _correct(actor, h, form: FormReader) -> str:
    number = form.text("id_number")
    data = {
        "name": form.text("name", required=False),
        "new_id_number": form.text("new_id_number", required=False),
        "on": form.day("date", required=False),
        "evidence_ref": form.text("evidence_ref", required=False) or "",
    }
    form.done()
    if number not in {m.person.id_number for m in people.current_members(h)}:
        raise NotFound(
            "{id} is not a member of household {code}.",
            params={"id": mask_id_number(number), "code": h.code},
            errors={"id_number": ["not a member of this household"]},
        )
    person = corrections.correct_person(db.session, actor, number, **data)
    return gettext("%(name)s corrected; the old value is kept in the history.", name=person.name)


RUN: dict[str, Callable[..., str]] = {
    "add": _add,
    "leave": _leave,
    "split": _split,
    "merge": _merge,
    "correct": _correct,
}


@bp.route("/households/<code>/changes/<kind>", methods=["GET", "POST"])
@login_required("clerk")
def household_change(code, kind):
    if kind not in KINDS:
        raise NotFound("No such household change {kind}.", params={"kind": kind})
    actor = web_actor()
    h = people.get_household(db.session, actor, code)  # SEC-01: the clerk's own collective
    done, refusal = on_post(lambda form: RUN[kind](actor, h, form), url_for("web.clerk.household", code=code))
    if done:
        return done
    if refusal is not None:
        h = people.get_household(db.session, actor, code)
    members = [
        (m.person.id_number, f"{m.person.name} {mask_id_number(m.person.id_number)}")
        for m in people.current_members(h)
    ]
    contract = CONTRACT_SECTION.load(db.session, actor, h)["contract"] if kind == "split" else None
    return form_page(
        "web/clerk/household_change.html",
        refusal,
        kind=kind,
        h=h,
        members=members,
        others=[(n, t) for n, t in members if n != _head_number(h)],
        relations=[(k, f"{k} {v}") for k, v in RELATIONS.items() if k != HEAD],
        join_reasons=options("join_reason"),
        leave_reasons=options("leave_reason"),
        parcels=[p.code for p in contract.parcels] if contract else [],
        chosen_members=request.form.getlist("members"),
        chosen_parcels=request.form.getlist("parcel_codes"),
        preset=request.args.get("person", ""),
    )


def _head_number(h) -> str | None:
    return next(
        (m.person.id_number for m in people.current_members(h) if m.person_id == h.head_person_id), None
    )


def household_register(session, actor, h) -> dict:
    """For the household page: the household's change register and the corrections of its members."""
    return {
        "changes": changes.history(session, actor, h.code),
        "corrections": household_corrections(session, actor, h),
    }
