"""The police station's pages: the rural-settlement confirmation (one page, printable) and hukou events."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..auth.services import display_names
from ..codes import mask_id_number
from ..collectives.services import collective_or_404, station_collectives
from ..db import db
from ..errors import RegistryError
from ..settings import rule_settings
from ..settlement.confirmations import confirm_rural_settlement
from ..settlement.hukou import record_hukou_event
from ..settlement.hukou_list import recent_events
from ..settlement.models import HUKOU_KINDS
from .forms import FormReader
from .labels import options
from .refusals import refuse
from .session import login_required, web_actor, working_county
from .. import clock

bp = Blueprint("police", __name__, url_prefix="/police")


@bp.route("/", methods=["GET", "POST"])
@login_required("police")
def confirm():
    actor, county = web_actor(), working_county()
    refusal = card = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            id_number, collective_code = form.text("id_number"), form.text("collective_code")
            form.done()
            conf, code = confirm_rural_settlement(
                db.session,
                actor,
                id_number,
                collective_code,
                rate_per_hour=rule_settings().confirmation_rate_per_hour,
                valid_days=rule_settings().confirmation_valid_days,
            )
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            # The card shows what the API answers and nothing more (RS-02): the number asked about is masked.
            card = {
                "number": conf.number,
                "eligible": conf.eligible,
                "reasons": conf.reasons,
                "verification_code": code,
                "valid_until": conf.valid_until,
                "issued_on": conf.issued_on,
                "id_number": mask_id_number(conf.id_number),
                "collective": collective_or_404(db.session, conf.collective_code),
                "station": display_names(db.session, [conf.station])[conf.station],
            }
    # After an answer the form starts empty for the next query; the card keeps only the masked number.
    return render_template(
        "web/police/confirm.html",
        refusal=refusal,
        card=card,
        form={} if card else request.form,
        collectives=station_collectives(db.session, actor, county),
    ), (refusal.status if refusal else 200)


@bp.route("/hukou", methods=["GET", "POST"])
@login_required("police")
def hukou():
    """Record a hukou event; an urban settlement is only a record and changes no right (UR-01)."""
    actor, county = web_actor(), working_county()
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            id_number, kind = form.text("id_number"), form.choice("kind", HUKOU_KINDS)
            on, collective_code = form.day("date"), form.text("collective_code", required=False)
            form.done()
            event = record_hukou_event(db.session, actor, id_number, kind, on, collective_code)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            flash(gettext("Hukou event %(id)s recorded.", id=event.id))
            return redirect(url_for("web.police.hukou"))
    recent = recent_events(db.session, actor)
    return render_template(
        "web/police/hukou.html",
        refusal=refusal,
        form=request.form,
        recent=recent,
        kinds=options("hukou_kind"),
        collectives=station_collectives(db.session, actor, county),
        today=clock.today(),
    ), (refusal.status if refusal else 200)
