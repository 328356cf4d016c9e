"""Homesteads (clerk): applications with the plot drawn on the map, publicity, objections; the household's
right on its page. The county's approval is on the reviewer's side (review_homesteads.py)."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...api import paginate
from ...db import db
from ...errors import RegistryError
from ...homesteads import applications as homesteads
from ...homesteads.models import HomesteadApplication, HomesteadObjection, HomesteadRight
from ...people.models import Household, Person
from ...settings import rule_settings
from ..forms import FormReader
from ..labels import options
from ..refusals import refuse
from ..session import login_required, web_actor, working_collective
from . import Counter, Section, bp
from .geojson import geometry_from_form
from ... import clock


def _publicity_ending(session, actor, code):
    """Applications whose publicity ends within three days, or has ended, and wait for the county."""
    stmt = homesteads.list_applications(session, actor, code, "publicity")
    soon = date.fromordinal(clock.today().toordinal() + 3)
    return session.scalar(select(db.func.count()).select_from(
        stmt.where(HomesteadApplication.publicity_ends <= soon).subquery()))


COUNTER = Counter(_l("Homestead publicity ending or ended"), _publicity_ending, "web.clerk.homesteads",
                  attention=True)


def _household_section(session, actor, household) -> dict:
    right = session.scalar(select(HomesteadRight).where(HomesteadRight.household_code == household.code,
                                                        HomesteadRight.status == "active"))
    pending = session.scalars(select(HomesteadApplication).where(
        HomesteadApplication.household_code == household.code, HomesteadApplication.status == "publicity")).all()
    return {"right": right, "pending": pending, "history": [("homestead_application", a.id) for a in pending]}


SECTION = Section("web/clerk/_household_homestead.html", _household_section)


@bp.route("/homesteads", methods=["GET", "POST"], endpoint="homesteads")
@login_required("clerk")
def homesteads_page():
    actor, code = web_actor(), working_collective()
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            geometry = geometry_from_form(request.form.get("geometry", ""))
            data = {"household_code": form.text("household_code"), "geometry": geometry, "crs": "EPSG:4490",
                    "terrain": form.choice("terrain", ("plain", "hill", "mountain")),
                    "on_arable_land": form.flag("on_arable_land"),
                    "publicity_start": form.day("publicity_start", required=False),
                    "publicity_evidence_ref": form.text("publicity_evidence_ref", required=False)}
            form.done()
            application = homesteads.file_application(db.session, actor, data,
                                                      publicity_days=rule_settings().publicity_days)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            flash(gettext("Homestead application %(id)s filed: %(area)s m², in publicity until %(date)s.",
                          id=application.id, area=application.area_m2, date=application.publicity_ends))
            return redirect(url_for("web.clerk.homestead_application", application_id=application.id))
    applications, _ = paginate(homesteads.list_applications(db.session, actor, code), 1, 500)
    households = db.session.execute(
        select(Household.code, Person.name).join(Person, Person.id == Household.head_person_id)
        .where(Household.collective_code == code, Household.dissolved_on.is_(None)).order_by(Household.code)).all()
    return render_template("web/clerk/homesteads.html", refusal=refusal, form=request.form,
                           applications=list(reversed(applications)), terrains=options("terrain"),
                           households=[(c, f"{c} {n}") for c, n in households], today=clock.today(),
                           preset=request.args.get("household", "")), (refusal.status if refusal else 200)


@bp.route("/homesteads/<int:application_id>", methods=["GET", "POST"])
@login_required("clerk")
def homestead_application(application_id):
    """One application: its plot, publicity, objections filed and resolved during publicity."""
    actor = web_actor()
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            if request.form.get("objection_id"):
                objection_id = form.integer("objection_id")
                resolution = form.text("resolution", required=False) or ""
                form.done()
                homesteads.resolve_objection(db.session, actor, objection_id, resolution)
            else:
                homesteads.file_objection(db.session, actor, application_id, request.form.get("text", ""))
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            return redirect(url_for("web.clerk.homestead_application", application_id=application_id))
    application = homesteads.get_application(db.session, actor, application_id)
    objections = db.session.scalars(select(HomesteadObjection).where(
        HomesteadObjection.application_id == application_id).order_by(HomesteadObjection.id)).all()
    return render_template("web/clerk/homestead_application.html", a=application, objections=objections,
                           refusal=refusal, form=request.form), (refusal.status if refusal else 200)
