"""Homesteads (clerk): applications with the plot drawn on the map, publicity, objections; the household's
right on its page. The county's approval is on the reviewer's side (review_homesteads.py)."""

from __future__ import annotations

from datetime import date

from flask import request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from ...db import db
from ...homesteads import applications as homesteads
from ...homesteads import objections
from ...homesteads import reads
from ...people.reads import open_households
from ...settings import rule_settings
from ..actions import Done, form_page, on_post
from ..labels import options
from ..session import login_required, web_actor, working_collective
from . import Counter, Section, bp
from .geojson import geometry_from_form
from ... import clock


def _publicity_ending(session, actor, code):
    """Applications whose publicity ends within three days, or has ended, and wait for the county."""
    return reads.publicity_ending_count(session, actor, code, date.fromordinal(clock.today().toordinal() + 3))


COUNTER = Counter(
    _l("Homestead publicity ending or ended"), _publicity_ending, "web.clerk.homesteads", attention=True
)


def _household_section(session, actor, household) -> dict:
    right, pending = reads.household_homestead(session, actor, household)
    return {"right": right, "pending": pending, "history": [("homestead_application", a.id) for a in pending]}


SECTION = Section("web/clerk/_household_homestead.html", _household_section)


@bp.route("/homesteads", methods=["GET", "POST"], endpoint="homesteads")
@login_required("clerk")
def homesteads_page():
    actor, code = web_actor(), working_collective()

    def file(form) -> Done:
        geometry = geometry_from_form(request.form.get("geometry", ""))
        data = {
            "household_code": form.text("household_code"),
            "geometry": geometry,
            "crs": "EPSG:4490",
            "terrain": form.choice("terrain", ("plain", "hill", "mountain")),
            "on_arable_land": form.flag("on_arable_land"),
            "publicity_start": form.day("publicity_start", required=False),
            "publicity_evidence_ref": form.text("publicity_evidence_ref", required=False),
        }
        form.done()
        application = homesteads.file_application(
            db.session, actor, data, publicity_days=rule_settings().publicity_days
        )
        return Done(
            gettext(
                "Homestead application %(id)s filed: %(area)s m², in publicity until %(date)s.",
                id=application.id,
                area=application.area_m2,
                date=application.publicity_ends,
            ),
            url_for("web.clerk.homestead_application", application_id=application.id),
        )

    done, refusal = on_post(file)
    if done:
        return done
    applications, _ = reads.application_page(db.session, actor, code)
    return form_page(
        "web/clerk/homesteads.html",
        refusal,
        applications=list(reversed(applications)),
        terrains=options("terrain"),
        today=clock.today(),
        households=[(c, f"{c} {n}") for c, n in open_households(db.session, actor, code)],
        preset=request.args.get("household", ""),
    )


@bp.route("/homesteads/<int:application_id>", methods=["GET", "POST"])
@login_required("clerk")
def homestead_application(application_id):
    """One application: its plot, publicity, objections filed and resolved during publicity."""
    actor = web_actor()

    def object_or_resolve(form) -> None:
        if request.form.get("objection_id"):
            objection_id = form.integer("objection_id")
            resolution = form.text("resolution", required=False) or ""
            form.done()
            objections.resolve_objection(db.session, actor, objection_id, resolution)
        else:
            objections.file_objection(db.session, actor, application_id, request.form.get("text", ""))

    done, refusal = on_post(
        object_or_resolve, url_for("web.clerk.homestead_application", application_id=application_id)
    )
    if done:
        return done
    return form_page(
        "web/clerk/homestead_application.html",
        refusal,
        a=homesteads.get_application(db.session, actor, application_id),
        objections=reads.objections_of(db.session, actor, application_id),
    )
