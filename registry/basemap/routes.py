"""GET /tiles/basemap/{z}/{x}/{y}.png for any signed-in user (web session or bearer token); 404 where the
orthophoto does not reach or none is loaded."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request, session

from ..auth.models import User
from ..auth.services import actor_for_token
from ..db import db
from ..errors import Unauthorized
from .store import MAX_ZOOM, basemap_path, tile_png

basemap = Blueprint("basemap", __name__, url_prefix="/tiles/basemap")


def _require_signed_in() -> None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        actor_for_token(db.session, token.strip())
        return
    uid = session.get("uid")
    user = db.session.get(User, uid) if uid is not None else None
    if user is None or not user.active or session.get("sv") != user.session_version:
        raise Unauthorized("Sign in to see the base map.")


@basemap.get("/<int:z>/<int:x>/<int:y>.png")
def tile(z, x, y):
    _require_signed_in()
    path = basemap_path(current_app.instance_path)
    if not (0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z) or not path.exists():
        abort(404)
    body = tile_png(path, z, x, y)
    if body is None:
        abort(404)
    return Response(body, mimetype="image/png", headers={"Cache-Control": "private, max-age=3600"})
