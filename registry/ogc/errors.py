"""OGC API exceptions: the `{"code", "description"}` body of the OGC exception schema, with the HTTP status
OGC asks for (400 for bad parameters, never 422) and, where one applies, the registry rule."""

from __future__ import annotations

from flask import jsonify
from flask_babel import gettext

from ..errors import RegistryError


class OgcError(Exception):
    def __init__(self, status: int, code: str, description: str, **params):
        super().__init__(description)
        self.status, self.code, self.description, self.params = status, code, description, params


def bad_parameter(description: str, **params) -> OgcError:
    return OgcError(400, "InvalidParameterValue", description, **params)


def response(status: int, code: str, description: str, rule: str | None = None, challenge: bool = False):
    body = {"code": code, "description": description}
    if rule:
        body["rule"] = rule
    resp = jsonify(body)
    resp.status_code = status
    if challenge:  # desktop GIS clients answer a Basic challenge with the stored login
        resp.headers["WWW-Authenticate"] = 'Basic realm="registry", charset="UTF-8"'
    return resp


def handle_ogc_error(err: OgcError):
    return response(err.status, err.code, gettext(err.description).format(**err.params))


def handle_registry_error(err: RegistryError):
    """A refusal from the services (scope SEC-01, not found) in the OGC body; 422s become 400 as OGC wants."""
    from ..db import db

    db.session.rollback()
    status = 400 if err.status == 422 else err.status
    description = gettext(err.detail)
    try:
        description = description.format(**err.params)
    except (KeyError, IndexError, ValueError):
        pass
    return response(status, err.type_slug, description, rule=err.rule, challenge=status == 401)


def handle_not_found(_err):
    return response(404, "NotFound", gettext("No such resource."))
