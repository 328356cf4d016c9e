"""Sessions and tokens end server-side: sign-out, DELETE /api/v1/auth/token, deactivating a user."""

from __future__ import annotations

from registry.auth.actor import Actor
from registry.auth.services import deactivate_user
from registry.db import db
from registry.errors import Forbidden
from tests.factories import PASSWORD
from tests.web.conftest import WebClient

TOKEN = "/api/v1/auth/token"


def _bearer(client, username="clerk"):
    r = client.post(TOKEN, json={"username": username, "password": PASSWORD})
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.get_json()['token']}"}


def test_a_revoked_token_is_refused(app, client, world):
    mine, other = _bearer(client), _bearer(client)
    assert client.get(f"/api/v1/collectives/{world.village_a}", headers=mine).status_code == 200
    assert client.delete(TOKEN, headers=mine).status_code == 204
    r = client.get(f"/api/v1/collectives/{world.village_a}", headers=mine)
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert (
        client.get(f"/api/v1/collectives/{world.village_a}", headers=other).status_code == 200
    )  # only that one
    assert client.delete(TOKEN).status_code == 401


def test_a_signed_out_cookie_replayed_is_no_session(app, world):
    web = WebClient(app.test_client())
    web.login("clerk")
    assert web.get("/clerk/").status_code == 200
    cookie = web.client.get_cookie("session").value
    web.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    r = replay.get("/clerk/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    web.login("clerk")  # signing in again works
    assert web.get("/clerk/").status_code == 200


def test_deactivating_a_user_ends_their_sessions_and_tokens_at_once(app, client, world):
    web = WebClient(app.test_client())
    web.login("clerk")
    headers = _bearer(client)
    with app.app_context():
        user = deactivate_user(db.session, Actor("admin", "admin", user_id=1), "clerk")
        db.session.commit()
        assert user.active is False
    assert web.get("/clerk/").status_code == 302
    assert client.get(f"/api/v1/collectives/{world.village_a}", headers=headers).status_code == 401
    assert client.post(TOKEN, json={"username": "clerk", "password": PASSWORD}).status_code == 401
    assert web.login("clerk").status_code == 401


def test_only_an_administrator_deactivates_sec_01(app, world):
    with app.app_context():
        try:
            deactivate_user(db.session, Actor("reviewer", "reviewer", world.county), "clerk")
        except Forbidden as err:
            assert err.rule == "SEC-01"
        else:
            raise AssertionError("a reviewer deactivated a user")


def test_users_deactivate_command(app, client, world):
    headers = _bearer(client, "police")
    out = app.test_cli_runner().invoke(args=["users", "deactivate", "police"])
    assert out.exit_code == 0 and "deactivated police" in out.output
    assert client.get("/api/v1/rules", headers=headers).status_code == 200  # public stays public
    assert client.delete(TOKEN, headers=headers).status_code == 401
    assert app.test_cli_runner().invoke(args=["users", "deactivate", "nobody"]).exit_code != 0
    with app.app_context():
        from registry.audit.verify import verify_chain

        assert verify_chain(db.session).ok


def test_a_signed_out_cookie_no_longer_reads_ogc_or_tiles(app, world):
    """The GIS endpoints accept the web session on the web's own terms: signing out ends it there too."""
    web = WebClient(app.test_client())
    web.login("clerk")
    assert web.get("/ogc/collections/parcels/items?limit=1").status_code == 200
    assert web.get("/tiles/parcels/14/13400/6480.mvt").status_code == 200
    cookie = web.client.get_cookie("session").value
    web.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    assert replay.get("/ogc/collections/parcels/items?limit=1").status_code == 401
    assert replay.get("/tiles/parcels/14/13400/6480.mvt").status_code == 401


def test_a_new_password_ends_a_remembered_basic_sign_in(app, client, world):
    """OGC Basic is remembered for a minute; a password reset moves the session version and ends it at
    once."""
    import base64

    from registry.auth.services import reset_password

    basic = {"Authorization": "Basic " + base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()}
    assert client.get("/ogc/collections/parcels/items?limit=1", headers=basic).status_code == 200
    with app.app_context():
        reset_password(db.session, Actor("admin", "admin", user_id=1), "clerk", "another-Passw0rd!")
        db.session.commit()
    assert client.get("/ogc/collections/parcels/items?limit=1", headers=basic).status_code == 401
