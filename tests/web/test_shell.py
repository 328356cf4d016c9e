"""Sign-in, sign-out, CSRF on forms, the language switch and navigation per role."""

from tests.web.conftest import text


def test_pages_need_a_signed_in_user(web):
    r = web.get("/clerk/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_wrong_password_is_refused_in_chinese(web):
    r = web.login("clerk", "wrong")
    assert r.status_code == 401
    assert "用户名或密码错误" in text(r)


def test_clerk_signs_in_and_lands_on_the_dashboard(web):
    r = web.login("clerk")
    assert r.status_code == 302 and r.headers["Location"].endswith("/clerk/")
    page = text(web.get("/clerk/"))
    assert "东村股份经济合作社" in page and "工作台" in page


def test_each_role_gets_its_own_home_and_menu(web):
    for role in ("reviewer", "police", "clerk"):
        web.login(role)
        home = web.get("/", follow_redirects=True)
        assert home.status_code == 200 and "退出登录" in text(home)
        web.post("/logout")


def test_a_clerk_may_not_open_reviewer_pages(web):
    web.login("police")
    assert web.get("/clerk/").status_code == 403


def test_a_form_without_the_csrf_token_is_refused(web):
    r = web.client.post("/login", data={"username": "clerk", "password": "x"})
    assert r.status_code == 400
    assert "表单已过期" in text(r)


def test_the_api_takes_no_csrf_token(api):
    assert (
        api.post("/api/v1/persons", json={"id_number": "11010519491231002X", "name": "张三"}).status_code
        == 201
    )


def test_english_switch_is_remembered(web):
    web.login("clerk")
    assert "Dashboard" in text(web.get("/clerk/?lang=en"))
    assert "Dashboard" in text(web.get("/clerk/"))
    assert "工作台" in text(web.get("/clerk/?lang=zh"))


def test_login_follows_only_local_next(web):
    r = web.client.post(
        "/login?next=https://evil.example/",
        data={"username": "clerk", "password": "secret-pass-1", "csrf_token": web.token()},
    )
    assert r.headers["Location"].endswith("/clerk/")


def test_sign_out_needs_a_post_and_ends_the_session(web):
    web.login("clerk")
    web.post("/logout")
    assert web.get("/clerk/").status_code == 302


def _top_bar_user(page: str) -> str:
    return page.split('<span class="user">', 1)[1].split("</span>", 1)[0]


def test_the_top_bar_names_the_user_by_display_name_else_by_user_name(web, app):
    from sqlalchemy import update

    from registry.auth.models import User
    from registry.db import db

    with app.app_context():
        db.session.execute(update(User).where(User.username == "police").values(display_name="城关派出所"))
        db.session.commit()
    web.login("police")
    assert _top_bar_user(text(web.get("/", follow_redirects=True))) == "城关派出所"
    web.post("/logout")
    web.login("clerk")  # no display name: the user name
    assert _top_bar_user(text(web.get("/clerk/"))) == "clerk"
