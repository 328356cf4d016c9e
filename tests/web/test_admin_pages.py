"""Administration pages: users (create, deactivate, reset password, role and scope — admin only, SEC-01), the
audit log with filters (ID numbers masked for non-administrators, SEC-02) and failed sign-ins (SEC-05)."""

from sqlalchemy import select

from registry.audit.models import AuditEntry
from registry.db import db
from tests.factories import PASSWORD
from tests.web.conftest import WebClient, text

ID_NUMBER = "11010519491231002X"


def _actions(app, action):
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_sec01_only_an_administrator_opens_the_users_page(web):
    web.login("clerk")
    assert web.get("/admin/users").status_code == 403
    web.post("/logout")
    web.login("admin")
    page = web.get("/admin/users")
    assert page.status_code == 200 and "用户" in text(page) and "reviewer_other" in text(page)


def test_admin_creates_a_user_who_can_sign_in_and_it_is_audited(app, web):
    web.login("admin")
    r = web.post(
        "/admin/users",
        data={
            "username": "clerk_new",
            "role": "clerk",
            "scope": "41012210000100",
            "password": "first-pass-1",
        },
    )
    assert r.status_code == 302
    assert [e.after["username"] for e in _actions(app, "user.create")] == ["clerk_new"]
    other = WebClient(app.test_client())
    assert other.login("clerk_new", "first-pass-1").status_code == 302


def test_sec01_a_clerk_without_a_collective_scope_is_refused(app, web):
    web.login("admin")
    r = web.post(
        "/admin/users",
        data={"username": "bad", "role": "clerk", "scope": "410122", "password": "first-pass-1"},
    )
    assert r.status_code == 422 and "SEC-01" in text(r)
    assert _actions(app, "user.create") == []


def test_deactivation_ends_the_users_web_session(app, web):
    clerk = WebClient(app.test_client())
    clerk.login("clerk")
    assert clerk.get("/clerk/").status_code == 200
    web.login("admin")
    assert web.post("/admin/users/clerk", data={"action": "deactivate"}).status_code == 302
    assert clerk.get("/clerk/").status_code == 302
    assert len(_actions(app, "user.deactivate")) == 1


def test_reset_password_replaces_the_old_one(app, web):
    web.login("admin")
    assert (
        web.post("/admin/users/police", data={"action": "password", "password": "new-pass-22"}).status_code
        == 302
    )
    other = WebClient(app.test_client())
    assert other.login("police", PASSWORD).status_code == 401
    assert other.login("police", "new-pass-22").status_code == 302
    assert len(_actions(app, "user.password_reset")) == 1


def test_role_and_scope_change_is_audited_and_checked(app, web):
    web.login("admin")
    bad = web.post(
        "/admin/users/clerk_b", data={"action": "role", "role": "reviewer", "scope": "41012210000100"}
    )
    assert bad.status_code == 422 and "SEC-01" in text(bad)
    assert (
        web.post(
            "/admin/users/clerk_b", data={"action": "role", "role": "reviewer", "scope": "410122"}
        ).status_code
        == 302
    )
    [entry] = _actions(app, "user.role_scope")
    assert entry.before == {"role": "clerk", "scope": "41012210000200"}
    assert entry.after == {"role": "reviewer", "scope": "410122"}
    assert "县农业农村局审核员" in text(web.get("/admin/users"))


def test_sec02_audit_log_masks_id_numbers_for_a_reviewer_not_for_the_admin(app, web):
    WebClient(app.test_client()).login(ID_NUMBER, "wrong")
    web.login("reviewer")
    page = text(web.get("/admin/audit?action=auth.sign_in_failed"))
    assert "110105********002X" in page and ID_NUMBER not in page
    web.post("/logout")
    web.login("admin")
    assert ID_NUMBER in text(web.get("/admin/audit?action=auth.sign_in_failed"))


def test_audit_log_filters_by_actor_outcome_and_date(app, web):
    web.login("admin")
    web.post("/admin/users/police", data={"action": "deactivate"})
    page = text(web.get("/admin/audit?actor=admin&outcome=done"))
    assert "user.deactivate" in page and "auth.sign_in_failed" not in page
    assert "user.deactivate" not in text(web.get("/admin/audit?actor=reviewer"))
    assert "user.deactivate" not in text(web.get("/admin/audit?from=2000-01-01&to=2000-01-02"))
    assert web.get("/admin/audit?from=not-a-date").status_code == 422


def test_sec05_failed_and_throttled_sign_ins_are_listed(app, web):
    guesser = WebClient(app.test_client())
    guesser.client.environ_base["REMOTE_ADDR"] = "10.0.0.9"  # the admin's own address stays unthrottled
    for _ in range(11):
        guesser.login("reviewer", "wrong")
    web.login("admin")
    page = text(web.get("/admin/sign-ins"))
    assert "SEC-05" in page and "reviewer" in page
    assert "已限制" in page and "用户名或密码错误" in page
