"""The edge: the smorest Api, problem+json for every error, pagination and the request transaction."""

from __future__ import annotations

import logging

import marshmallow as ma
from flask import g, jsonify, make_response, request
from flask_babel import gettext
from flask_smorest import Api as _SmorestApi
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from . import audit_sink
from .db import db
from .db import paginate as db_paginate
from .errors import RegistryError
from .rules import BY_ID

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

# Database constraint name → (rule, status, English detail): races that pass the service checks still
# surface as the rule that the constraint guards.
CONSTRAINT_RULES: dict[str, tuple[str, int, str]] = {
    "uq_parcels_code": ("PER-03", 409, "The parcel code is taken; codes are never reused."),
    "ck_parcels_geom_valid": ("PAR-01", 422, "The geometry is not valid."),
    "uq_persons_id_number": ("PER-02", 409, "A person with this citizen ID number exists already."),
    "uq_memberships_active_person": ("MEM-01", 409, "The person already holds an active membership."),
    "uq_membership_applications_pending": (
        "MEM-02",
        409,
        "The person already has a pending application in this collective.",
    ),
    "membership_filing_immutable": ("MEM-06", 409, "A filed batch of roster changes is immutable."),
    "uq_household_members_current_person": ("PER-02", 409, "The person is already in a current household."),
    "ex_contract_parcels_parcel_period": ("LC-03", 409, "A parcel is in at most one active contract."),
    "uq_land_contracts_household_code": ("PER-03", 409, "The household already has a contract register."),
    "uq_contract_register_contract_seq": (
        "RG-01",
        409,
        "A concurrent change took this register number; try again.",
    ),
    "uq_share_plans_collective_code": ("SH-01", 409, "The collective has quantified its shares already."),
    "uq_share_plans_resolution_id": ("SH-01", 409, "This resolution adopted a share plan already."),
    "uq_distributions_open_year": (
        "SH-04",
        409,
        "A distribution for this year is under inspection or approved.",
    ),
    "uq_distributions_approval_resolution_id": (
        "MEM-02",
        409,
        "This resolution approved a distribution already.",
    ),
    "ck_distributions_approved_after_inspection": (
        "SH-05",
        409,
        "A distribution is approved only after its inspection ended.",
    ),
    "uq_homestead_rights_active_household": (
        "HS-01",
        409,
        "The household already holds an active homestead right.",
    ),
    "uq_homestead_applications_open_household": (
        "HS-01",
        409,
        "The household already has an open homestead application.",
    ),
    "ck_homestead_rights_heir_holds_with_house": (
        "HS-07",
        422,
        "A non-member heir holds a homestead only with the house and the mandated note.",
    ),
    "uq_certificates_in_force_right": ("RG-02", 409, "The right already has a certificate in force."),
}


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    rule: str | None = None,
    errors: dict | None = None,
    conflicts: list | None = None,
    slug: str | None = None,
):
    return problem_response(
        problem_body(status, title, detail, rule=rule, errors=errors, conflicts=conflicts, slug=slug)
    )


def problem_response(body: dict):
    resp = jsonify(body)
    resp.status_code = body["status"]
    resp.mimetype = PROBLEM
    return resp


def problem_body(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    rule: str | None = None,
    errors: dict | None = None,
    conflicts: list | None = None,
    slug: str | None = None,
) -> dict:
    body = {
        "type": f"/api/v1/problems/{slug or status}",
        "title": title,
        "status": status,
        "detail": detail or title,
    }
    if rule:
        body["rule"] = rule
        r = BY_ID.get(rule)
        if r:
            body["rule_text"] = r.text_zh if _is_zh() else r.text_en
    if errors:
        body["errors"] = errors
    if conflicts is not None:
        body["conflicts"] = conflicts
    return body


def refusal_body(err: RegistryError) -> dict:
    """The problem+json body of a refusal, in the user's language (also one item of a web batch)."""
    return problem_body(
        err.status,
        gettext(err.title),
        translate(err.detail, err.params),
        rule=err.rule,
        errors=err.errors,
        conflicts=err.conflicts,
        slug=err.type_slug,
    )


def _is_zh() -> bool:
    from flask_babel import get_locale

    loc = get_locale()
    return loc is None or loc.language == "zh"


# A plug-in point: message parameters in the user's language (field names as their labels). The web area,
# which owns the labels, brings its reader in its plug_in(app); without it the parameters are shown as they
# are.
_PARAM_READERS: list = []


def use_param_reader(reader) -> None:
    _PARAM_READERS[:] = [reader]


def translate(msg: str, params: dict | None = None) -> str:
    """A service's English message id in the user's language, its {params} filled in."""
    text = gettext(msg) if msg else msg
    try:
        return text.format(**(_PARAM_READERS[0](params or {}) if _PARAM_READERS else (params or {})))
    except (KeyError, IndexError, ValueError):
        return text


def handle_registry_error(err: RegistryError):
    db.session.rollback()
    if err.audit_refusal or (err.status == 403 and err.rule == "SEC-01"):  # out of scope: kept with who tried
        audit_refusal(err)
    resp = problem_response(refusal_body(err))
    if getattr(err, "retry_after", None):  # SEC-05 throttle
        resp.headers["Retry-After"] = str(err.retry_after)
    return resp


def audit_refusal(err: RegistryError) -> None:
    """UR-05: the refused attempt is kept, in its own transaction, with who tried (API and web alike)."""
    audit_sink.record_refusal(
        db.session,
        getattr(g, "actor", None),
        err,
        method=request.method,
        path=request.path,
        body=request.get_json(silent=True),
    )
    db.session.commit()


def handle_integrity_error(err: IntegrityError):
    db.session.rollback()
    name = getattr(getattr(err.orig, "diag", None), "constraint_name", None)
    if name in CONSTRAINT_RULES:
        rule, status, detail = CONSTRAINT_RULES[name]
        return problem(status, gettext("Conflict"), gettext(detail), rule=rule, slug="conflict")
    log.warning("unmapped integrity error: %s", err.orig)
    return problem(
        409,
        gettext("Conflict"),
        gettext("The change conflicts with existing records ({name}).").format(name=name),
        slug="conflict",
    )


def _database_unreachable(err: Exception) -> bool:
    """The server is down or the connection broke (not a bad statement): the request may simply be retried."""
    return isinstance(err, OperationalError) or (isinstance(err, DBAPIError) and err.connection_invalidated)


def handle_database_down(err: DBAPIError):
    try:
        db.session.rollback()
    except DBAPIError:
        pass
    log.warning("database unreachable on %s %s: %s", request.method, request.path, err.orig)
    title, detail = (
        gettext("Service unavailable"),
        gettext("The database cannot be reached; nothing was saved. Try again shortly."),
    )
    resp = (
        problem(503, title, detail, slug="unavailable")
        if request.path.startswith("/api/")
        else make_response(
            f"<!doctype html><meta charset=utf-8><title>{title}</title><h1>{title}</h1><p>{detail}</p>", 503
        )
    )
    resp.headers["Retry-After"] = "5"
    return resp


def handle_unexpected(err: Exception):
    if isinstance(err, HTTPException):
        return handle_http(err)
    if _database_unreachable(err):
        return handle_database_down(err)
    db.session.rollback()
    log.exception("unhandled error on %s %s", request.method, request.path)
    if not request.path.startswith("/api/"):
        raise err
    return problem(500, gettext("Internal error"), gettext("An internal error occurred; nothing was saved."))


def handle_http(err: HTTPException):
    if not request.path.startswith("/api/"):
        return err
    status = err.code or 500
    errors = None
    data = getattr(err, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if messages:
        errors = {}
        for location_errors in messages.values():
            if isinstance(location_errors, dict):
                errors.update(location_errors)
            else:
                errors["_schema"] = location_errors
    if status == 400:  # malformed JSON body and similar: the contract says 422
        status = 422
    titles = {
        404: "Not found",
        405: "Method not allowed",
        422: "Unprocessable input",
        401: "Authentication required",
        403: "Forbidden",
        413: "Request too large",
    }
    title = gettext(titles.get(status, err.name))
    detail = gettext("The input is not valid; see errors.") if errors else (err.description or title)
    return problem(status, title, detail, errors=errors)


class Api(_SmorestApi):
    def init_app(self, app, *args, **kwargs):
        from .bounds import install

        install(app)  # before any blueprint: the bounded <int:> converter and argument parser
        super().init_app(app, *args, **kwargs)

    def handle_http_exception(self, error):
        return handle_http(error)


def commit() -> None:
    db.session.commit()


class PageQuery(ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1))
    per_page = ma.fields.Integer(load_default=50, validate=ma.validate.Range(min=1, max=500))


def paginate(stmt, page: int, per_page: int, session=None):
    """Run a select with offset/limit; returns (items, total)."""
    return db_paginate(session or db.session, stmt, page, per_page)


def register_error_handlers(app) -> None:
    app.register_error_handler(RegistryError, handle_registry_error)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(Exception, handle_unexpected)


def register_api_blueprints(app, *blueprints) -> None:
    """An area's plug_in(app) registers its API blueprints on the app's Api."""
    api = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    for blp in blueprints:
        api.register_blueprint(blp)
