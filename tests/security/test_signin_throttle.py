"""SEC-05: password guessing is throttled per user name and per client address, for API tokens and web
sign-in;
the right password waits too while throttled; sign-ins, failures and throttled attempts are audited; a known
and an unknown name cost the same time."""

from __future__ import annotations

import time

from sqlalchemy import select

from registry.audit.models import AuditEntry
from registry.db import db
from tests.factories import PASSWORD
from tests.web.conftest import WebClient, text

TOKEN = "/api/v1/auth/token"


def _token(client, username, password, address="10.0.0.1"):
    return client.post(
        TOKEN, json={"username": username, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def _audit(app, action):
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_ten_failures_throttle_the_name_and_the_right_password_waits_sec_05(app, client, world):
    for _ in range(10):
        assert _token(client, "clerk", "wrong").status_code == 401
    r = _token(client, "clerk", "wrong")
    assert r.status_code == 429 and r.get_json()["rule"] == "SEC-05"
    assert 60 < int(r.headers["Retry-After"]) <= 15 * 60
    assert "登录失败次数过多" in r.get_json()["detail"] and r.get_json()["rule_text"].startswith("按用户名")
    right = _token(client, "clerk", PASSWORD, address="10.9.9.9")  # from elsewhere too: the name is throttled
    assert right.status_code == 429 and "Retry-After" in right.headers
    assert _token(client, "clerk_b", PASSWORD, address="10.9.9.9").status_code == 200  # other names are not
    assert len(_audit(app, "auth.sign_in_failed")) == 10
    throttled = _audit(app, "auth.sign_in_throttled")
    assert len(throttled) == 2 and {e.rule for e in throttled} == {"SEC-05"}
    assert {e.outcome for e in throttled} == {"refused"} and throttled[0].after["address"] == "10.0.0.1"


def test_fewer_failures_do_not_throttle_and_a_sign_in_is_audited_sec_05(app, client, world):
    for _ in range(9):
        assert _token(client, "clerk", "wrong").status_code == 401
    assert _token(client, "clerk", PASSWORD).status_code == 200
    signed_in = _audit(app, "auth.sign_in")
    assert [(e.actor, e.after["via"], e.after["address"]) for e in signed_in] == [
        ("clerk", "api", "10.0.0.1")
    ]
    for _ in range(9):  # a success forgets the name's failures
        assert _token(client, "clerk", "wrong", address="10.0.0.2").status_code == 401
    assert _token(client, "clerk", PASSWORD, address="10.0.0.3").status_code == 200


def test_one_address_guessing_many_names_is_throttled_sec_05(app, client, world):
    for i in range(10):
        assert _token(client, f"nobody{i}", "wrong", address="10.0.0.7").status_code == 401
    assert _token(client, "reviewer", PASSWORD, address="10.0.0.7").status_code == 429
    assert _token(client, "reviewer", PASSWORD, address="10.0.0.8").status_code == 200


def test_web_sign_in_is_throttled_alike_sec_05(app, world):
    web = WebClient(app.test_client())
    for _ in range(10):
        assert web.login("police", "wrong").status_code == 401
    r = web.login("police")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "登录失败次数过多" in text(r) and "SEC-05" in text(r)
    assert web.get("/police/").status_code == 302  # not signed in
    assert {e.after["via"] for e in _audit(app, "auth.sign_in_failed")} == {"web"}


def _mean_time(client, username, n=5, net=1):
    start = time.perf_counter()
    for i in range(n):
        _token(client, username, "wrong", address=f"10.{net}.0.{i}")
    return (time.perf_counter() - start) / n


def test_known_and_unknown_names_take_the_same_time_sec_05(app, client, world):
    _mean_time(client, "clerk", 1)  # warm up
    known, unknown = _mean_time(client, "clerk", net=2), _mean_time(client, "no-such-user", net=3)
    assert 0.5 < unknown / known < 2, (known, unknown)  # both pay one argon2 verification (was ~30×)
