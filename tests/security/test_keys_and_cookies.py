"""SEC-04: the signing key belongs to one deployment; cookies signed with any key written in the source are
ignored; session cookie flags; the key file is made once, atomically, with mode 0600; `keys rotate`."""

from __future__ import annotations

import ast
import multiprocessing
import stat
from pathlib import Path

from flask import Flask

from registry import create_app
from registry.config import TestConfig
from registry.security.keys import KEY_FILE, load_or_create
from tests.web.conftest import WebClient

SOURCE = Path(__file__).resolve().parents[2]
OLD_DEFAULT = "dev-only-change-me"


def _literals() -> set[str]:
    """Every string literal in the application's source, the old default key among them."""
    found = {OLD_DEFAULT}
    for path in list((SOURCE / "registry").rglob("*.py")) + [SOURCE / "wsgi.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                found.add(node.value)
    return found


def _forge(secret: str, data: dict) -> str:
    """A session cookie as Flask would sign it with `secret`."""
    fake = Flask("forger")
    fake.secret_key = secret
    return fake.session_interface.get_signing_serializer(fake).dumps(data)


def _admin_id(app) -> int:
    from registry.auth.models import User
    from registry.db import db

    with app.app_context():
        return db.session.query(User.id).filter_by(username="admin").scalar()


def test_no_source_literal_signs_a_session_sec_04(app, world):
    uid = _admin_id(app)
    serializer = app.session_interface.get_signing_serializer(app)
    literals = _literals()
    assert len(literals) > 1000 and app.secret_key not in literals
    for secret in literals:
        cookie = _forge(secret, {"uid": uid, "sv": 0})
        try:
            serializer.loads(cookie)
        except Exception:  # BadSignature: ignored, as it must be
            continue
        raise AssertionError(f"a cookie signed with the source literal {secret!r} is accepted")
    client = app.test_client()
    client.set_cookie(
        app.config.get("SESSION_COOKIE_NAME", "session"), _forge(OLD_DEFAULT, {"uid": uid, "sv": 0})
    )
    r = client.get("/admin")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_the_deployments_own_key_does_sign_a_session_sec_04(app, world):
    """The allowed case: the same forged content signed with the app's key is a session (so the test above
    can fail)."""
    client = app.test_client()
    client.set_cookie("session", _forge(app.secret_key, {"uid": _admin_id(app), "sv": 0}))
    assert client.get("/admin").status_code == 200


def test_without_secret_key_a_random_key_is_made_once_and_reused_sec_04(tmp_path, database_url, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("REGISTRY_INSTANCE", str(tmp_path))
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(SECRET_KEY=None, SQLALCHEMY_DATABASE_URI=database_url)
    first = create_app(config)
    key_file = tmp_path / KEY_FILE
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.secret_key) == 64 and first.secret_key not in _literals()
    second = create_app(config)
    assert second.secret_key == first.secret_key  # reused on the next start


def _start(folder: str, queue) -> None:
    queue.put(load_or_create(folder))


def test_workers_starting_at_once_agree_on_one_key_sec_04(tmp_path):
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_start, args=(str(tmp_path), queue)) for _ in range(8)]
    for w in workers:
        w.start()
    keys = {queue.get(timeout=30) for _ in workers}
    for w in workers:
        w.join(timeout=30)
    assert len(keys) == 1 and keys == {(tmp_path / KEY_FILE).read_text().strip()}
    assert [p.name for p in tmp_path.iterdir()] == [KEY_FILE]  # nothing left aside


def test_session_cookie_is_httponly_and_samesite_lax(app, world):
    web = WebClient(app.test_client())
    r = web.login("clerk")
    cookie = r.headers["Set-Cookie"]
    assert (
        "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    )  # served over http here


def test_session_cookie_is_secure_when_served_over_https(database_url):
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(SQLALCHEMY_DATABASE_URI=database_url, PREFERRED_URL_SCHEME="https")
    https_app = create_app(config)
    assert https_app.config["SESSION_COOKIE_SECURE"] is True
    with https_app.test_request_context("/"):
        from flask import session

        session["lang"] = "zh"
        response = https_app.make_response("x")
        https_app.session_interface.save_session(https_app, session, response)
    assert "Secure" in response.headers["Set-Cookie"]


def test_keys_rotate_signs_everyone_out_sec_04(app, world, tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    web = WebClient(app.test_client())
    web.login("clerk")
    assert web.get("/clerk/").status_code == 200
    out = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert out.exit_code == 0, out.output
    assert (tmp_path / KEY_FILE).exists() and stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    r = web.get("/clerk/")  # this worker still holds the old key, yet the session has ended
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    again = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert (tmp_path / KEY_FILE).read_text() != "" and again.exit_code == 0
