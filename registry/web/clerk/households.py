"""Households: the list, the registration form (new persons registered on the way) and the household page."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext

from ...audit.reads import trail
from ...db import db
from ...errors import NotFound, RegistryError
from ...membership.reads import household_memberships
from ...people import services as people
from ...people.reads import household_list
from ...people.relations import HEAD, RELATIONS
from ..actions import Done, form_page, on_post
from ..forms import row_count
from ..session import login_required, web_actor, working_collective
from . import SECTIONS, bp
from .household_changes import household_register

ROWS = 6  # member rows offered on a new form; the page can add more


@bp.get("/households")
@login_required("clerk")
def households():
    actor, code = web_actor(), working_collective()
    search = request.args.get("q", "").strip()
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = household_list(db.session, actor, code, search, page)
    return render_template("web/clerk/households.html", rows=rows, total=total, page=page, search=search)


def _rows_from_form(form) -> list[dict]:
    rows = []
    for i in range(row_count(form, ROWS)):
        row = {k: (form.get(f"members.{i}.{k}") or "").strip() for k in ("id_number", "name", "relation")}
        if i == 0:
            row["relation"] = HEAD
        if any(row[k] for k in ("id_number", "name")) or i == 0:
            row["index"] = i
            rows.append(row)
    return rows


def _ensure_person(session, actor, row: dict):
    """A person not yet registered is registered from the row's name; refusals name the row's fields."""
    prefix = f"members.{row['index']}."
    try:
        try:
            return people.person_by_id_number(session, row["id_number"])
        except NotFound:
            return people.register_person(session, actor, row["id_number"], row["name"])
    except RegistryError as err:
        err.errors = {prefix + k: v for k, v in (err.errors or {}).items()}
        raise


@bp.route("/households/new", methods=["GET", "POST"])
@login_required("clerk")
def new_household():
    actor, code = web_actor(), working_collective()
    rows = _rows_from_form(request.form) if request.method == "POST" else []

    def register(form) -> Done:
        for row in rows:
            _ensure_person(db.session, actor, row)
        members = [{"id_number": r["id_number"], "relation": r["relation"]} for r in rows[1:]]
        household = people.create_household(db.session, actor, code, rows[0]["id_number"], members)
        return Done(
            gettext("Household %(code)s registered.", code=household.code),
            url_for("web.clerk.household", code=household.code),
        )

    done, refusal = on_post(register, on_refusal=lambda refusal: _rename_household_errors(refusal, rows))
    if done:
        return done
    by_index = {r["index"]: r for r in rows}
    shown = max([ROWS] + [i + 1 for i in by_index])
    form_rows = [
        by_index.get(i, {"index": i, "id_number": "", "name": "", "relation": ""}) for i in range(shown)
    ]
    return form_page(
        "web/clerk/household_new.html",
        refusal,
        rows=form_rows,
        relations=[(k, f"{k} {v}") for k, v in RELATIONS.items() if k != HEAD],
    )


def _rename_household_errors(refusal, rows) -> None:
    """create_household names the head `head_id_number` and members by their position among the non-head
    rows; the form shows them on the row they came from."""
    member_rows = rows[1:]
    renamed = {}
    for key, messages in refusal.errors.items():
        parts = key.split(".")
        if key == "head_id_number":
            key = "members.0.id_number"
        elif (
            parts[0] == "members"
            and len(parts) == 3
            and parts[1].isdigit()
            and int(parts[1]) < len(member_rows)
        ):
            key = f"members.{member_rows[int(parts[1])]['index']}.{parts[2]}"
        renamed[key] = messages
    refusal.errors = renamed


@bp.get("/households/<code>")
@login_required("clerk")
def household(code):
    actor = web_actor()
    h = people.get_household(db.session, actor, code)
    current = people.current_members(h)
    memberships = household_memberships(db.session, actor, h)
    sections = [(s.template, s.load(db.session, actor, h)) for s in SECTIONS]
    records = [("household", h.code)] + [("person", m.person.id_number) for m in current]
    for _, data in sections:
        records += data.get("history", [])
    return render_template(
        "web/clerk/household.html",
        h=h,
        members=current,
        memberships=memberships,
        sections=sections,
        history=trail(db.session, records),
        register=household_register(db.session, actor, h),
    )


@bp.route("/persons/new", methods=["GET", "POST"])
@login_required("clerk")
def new_person():
    """Register one person (PER-01, PER-02), e.g. a newborn before the household's change is recorded."""
    actor = web_actor()

    def register(form) -> str:
        person = people.register_person(
            db.session, actor, request.form.get("id_number", ""), request.form.get("name", "")
        )
        return gettext("%(name)s registered: born %(date)s.", name=person.name, date=person.birth_date)

    done, refusal = on_post(register, url_for("web.clerk.new_person"))
    return done or form_page("web/clerk/person_new.html", refusal)
