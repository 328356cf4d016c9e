"""The web shell: sign-in, sign-out, language switch, CSRF on every form, navigation per role, error pages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError, CSRFProtect

from .. import clock
from ..api import handle_http
from ..auth.signin import sign_in as check_sign_in
from ..certificates.regions import county_name
from ..collectives.services import collective_name, find_collective, list_collectives
from ..db import db
from ..errors import RegistryError
from ..rules import BY_ID
from .labels import LABELS, field_label, label
from .refusals import refuse
from .session import home_url, load_actor, login_required, safe_next, sign_in, sign_out

csrf = CSRFProtect()

web = Blueprint(
    "web", __name__, template_folder="templates", static_folder="static", static_url_path="/web-static"
)

# Navigation per role: (endpoint, label). An entry whose page is not there (its service has not landed) is
# left out, so the menu never links to nothing.
NAV = {
    "clerk": [
        ("web.clerk.dashboard", _l("Dashboard")),
        ("web.clerk.roster", _l("Roster")),
        ("web.clerk.households", _l("Households")),
        ("web.clerk.membership", _l("Membership")),
        ("web.clerk.parcel_map", _l("Parcel map")),
        ("web.clerk.contracts", _l("Land contracts")),
        ("web.clerk.homesteads", _l("Homesteads")),
        ("web.clerk.shares", _l("Shares and dividends")),
        ("web.clerk.exits", _l("Voluntary exits")),
        ("web.clerk.certificates", _l("Certificates")),
        ("web.clerk.roster_import", _l("Roster import")),
    ],
    "reviewer": [
        ("web.review.queue", _l("Review queue")),
        ("web.review.homesteads_queue", _l("Homestead approvals")),
        ("web.review.linkage_report", _l("Settlement linkage report")),
        ("web.review.progress", _l("Certification progress")),
        ("web.review.county_map", _l("County map")),
        ("web.review.statistics", _l("County statistics")),
        ("web.exchange", _l("Data exchange")),
    ],
    "police": [
        ("web.police.confirm", _l("Settlement confirmation")),
        ("web.police.hukou", _l("Hukou events")),
    ],
    "admin": [
        ("web.admin_users", _l("Users")),
        ("web.admin_audit", _l("Audit log")),
        ("web.admin_sign_ins", _l("Failed sign-ins")),
    ],
}


@web.record_once
def _setup(state) -> None:
    app = state.app
    # /api uses bearer tokens, not cookies: only web forms are checked, by the before_request below.
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the sign-in session, not one hour
    csrf.init_app(app)


@web.before_request
def _before() -> None:
    if request.method == "POST":
        csrf.protect()
    lang = request.args.get("lang")
    if lang in ("zh", "en"):
        session["lang"] = lang
    load_actor()


@web.app_context_processor
def _globals():
    actor = g.get("actor")
    items = []
    if actor is not None:
        role = actor.role if actor.role != "admin" else None
        roles = [role] if role else list(NAV)
        for r in roles:
            items += [(ep, text) for ep, text in NAV[r] if ep in current_app.view_functions]
    place = None
    if actor is not None and actor.role == "clerk":
        place = collective_name(db.session, actor.scope) or actor.scope
    elif actor is not None and actor.scope:
        place = county_name(actor.scope)
    return {
        "actor": actor,
        "user_name": g.get("user_name") or (actor.username if actor is not None else None),
        "nav_items": items,
        "place": place,
        "lang": session.get("lang", "zh"),
        "label": label,
        "LABELS": LABELS,
        "collectives_options": _collective_options,
        "resolution_options": _resolution_options,
        "field_label": field_label,
        "rule_text": lambda rid: BY_ID[rid].text_zh if rid in BY_ID else "",
    }


def _collective_options(collectives) -> list[tuple[str, str]]:
    return [(c.code, f"{c.name}（{c.code}）") for c in collectives]


def _resolution_options(resolutions) -> list[tuple[str, str]]:
    return [
        (str(r.id), f"#{r.id} {r.meeting_date} {label('body', r.body)} {r.votes_for}/{r.members_total}")
        for r in resolutions
    ]


@web.app_template_filter("yuan")
def _yuan(fen) -> str:
    """Integer fen shown as yuan with two decimals; no float on the way."""
    if fen is None:
        return ""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


@web.app_template_filter("mu")
def mu_text(value) -> str:
    """An area in 亩 with two decimals, rounded half up (PAR-03): {{ state.area_mu|mu }}."""
    if value is None:
        return ""
    return str(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@web.app_template_filter("local")
def _local(at, fmt: str = "%Y-%m-%d") -> str:
    """A stored UTC instant shown in the registry's zone (registry.clock): {{ x.created_at|local }}."""
    return at.astimezone(clock.zone()).strftime(fmt) if at else ""


@web.errorhandler(CSRFError)
def _csrf_error(err):
    return render_template(
        "web/error.html",
        title=gettext("The form has expired"),
        message=gettext("The page was open too long or came from elsewhere. Reload it and submit again."),
    ), 400


@web.errorhandler(RegistryError)
def _registry_error(err):
    return render_template("web/error.html", refusal=refuse(err), title=gettext("Not possible")), err.status


@web.errorhandler(403)
def _forbidden(err):
    return render_template(
        "web/error.html", title=gettext("Not allowed"), message=gettext("Your role may not open this page.")
    ), 403


@web.errorhandler(404)
def _not_found(err):
    return render_template(
        "web/error.html", title=gettext("Not found"), message=gettext("There is no such page or record.")
    ), 404


@web.errorhandler(500)
def _server_error(err):
    return render_template(
        "web/error.html",
        title=gettext("Something went wrong"),
        message=gettext("Nothing was saved. Try again; if it happens again, tell the administrator."),
    ), 500


def _outside_web() -> bool:
    """/api answers problem+json and /ogc its own formats: the web's error pages are not theirs."""
    return request.path.split("/")[1] in ("api", "ogc")


@web.app_errorhandler(404)
def _unknown_url(err):
    """A URL no blueprint knows: the Chinese page for people, the API edge's answer under /api and /ogc."""
    if _outside_web():
        return handle_http(err)
    load_actor()  # no blueprint's before_request ran: the menu still shows who is signed in
    return _not_found(err)


@web.app_errorhandler(500)
def _app_server_error(err):
    return handle_http(err) if _outside_web() else _server_error(err)


@web.get("/favicon.ico")
def favicon():
    return send_from_directory(web.static_folder, "favicon.svg", mimetype="image/svg+xml", max_age=86400)


@web.get("/")
def index():
    if g.actor is None:
        return redirect(url_for("web.login"))
    return redirect(home_url(g.actor))


@web.route("/login", methods=["GET", "POST"])
def login():
    refusal = retry = None
    if request.method == "POST":
        try:
            user = check_sign_in(
                db.session,
                request.form.get("username", ""),
                request.form.get("password", ""),
                request.remote_addr or "-",
                "web",
            )
        except RegistryError as err:
            db.session.commit()  # the failure and its audit entry are kept (SEC-05)
            refusal = refuse(err)
            retry = getattr(err, "retry_after", None)
        else:
            db.session.commit()
            sign_in(user)
            load_actor()
            return redirect(safe_next(request.args.get("next")) or home_url(g.actor))
    page = render_template("web/login.html", refusal=refusal, username=request.form.get("username", ""))
    if refusal is None:
        return page
    return page, refusal.status, ({"Retry-After": str(retry)} if retry else {})


@web.post("/logout")
def logout():
    sign_out()
    return redirect(url_for("web.login"))


@web.get("/welcome")
@login_required()
def welcome():
    """The start page of a role whose own pages are not there (yet): the menu, and who is signed in."""
    return render_template("web/welcome.html")


@web.route("/admin", methods=["GET", "POST"])
@login_required("admin")
def admin_home():
    """An administrator picks the collective and county to act in; the pages then work as for
    clerk/reviewer."""
    if request.method == "POST":
        code = request.form.get("collective_code", "")
        if find_collective(db.session, g.actor, code) is not None:
            session["act_collective"] = code
            session["act_county"] = code[:6]
        return redirect(url_for("web.admin_home"))
    collectives = list_collectives(db.session, g.actor)
    return render_template("web/admin.html", collectives=collectives, chosen=session.get("act_collective"))
