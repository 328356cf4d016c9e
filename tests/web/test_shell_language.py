"""The UI is Chinese unless English was chosen (the browser's Accept-Language is not followed); unknown URLs
get
a Chinese 404 page outside /api and /ogc, a server error a Chinese 500 page; the favicon is served; areas in
亩
have two decimals and rule badges are neutral."""

import re
from decimal import Decimal

from registry import create_app
from registry.db import db
from tests import factories_certificates as rights
from tests.web.conftest import text

EN_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


def test_an_english_browser_still_gets_chinese(web):
    page = text(web.get("/login", headers=EN_BROWSER))
    assert "登录" in page and 'lang="zh-CN"' in page


def test_english_only_when_chosen_and_then_remembered(web):
    assert 'lang="en"' in text(web.get("/login?lang=en"))
    assert 'lang="en"' in text(web.get("/login"))
    assert 'lang="zh-CN"' in text(web.get("/login?lang=zh", headers=EN_BROWSER))


def test_unknown_url_gets_the_chinese_404_page(web):
    r = web.get("/no/such/page", headers=EN_BROWSER)
    assert r.status_code == 404 and "text/html" in r.content_type
    assert "未找到" in text(r) and "没有该页面或记录" in text(r)
    assert 'lang="zh-CN"' in text(r)


def test_unknown_url_under_api_stays_problem_json(web):
    r = web.get("/api/v1/no-such-thing")
    assert r.status_code == 404 and r.content_type.startswith("application/problem+json")
    r = web.get("/ogc/no-such-thing")
    assert r.status_code == 404 and "找不到" not in text(r)


def test_signed_in_user_keeps_the_menu_on_a_404(web):
    web.login("clerk")
    r = web.get("/nowhere")
    assert r.status_code == 404 and "退出登录" in text(r)


def test_a_server_error_gets_the_chinese_500_page(app):
    config = {k: v for k, v in app.config.items() if k.isupper()}
    broken = create_app({**config, "PROPAGATE_EXCEPTIONS": False, "EXCHANGE_WORKER": False})

    @broken.get("/boom")
    def boom():
        raise RuntimeError("boom")

    r = broken.test_client().get("/boom", headers=EN_BROWSER)
    assert r.status_code == 500 and "出错" in text(r) and "Traceback" not in text(r)


def test_favicon_is_an_svg_linked_from_every_page(web):
    r = web.get("/favicon.ico")
    assert r.status_code == 200 and r.content_type.startswith("image/svg+xml") and b"<svg" in r.data
    assert "favicon.svg" in text(web.get("/login"))


def test_area_in_mu_is_shown_with_two_decimals(app, web):
    assert app.jinja_env.filters["mu"](Decimal("7.42575")) == "7.43"
    with app.app_context():
        right = rights.contract(db.session)
        db.session.commit()
    web.login("clerk")
    page = text(web.get(f"/clerk/contracts/{right.ref}"))
    shown = re.findall(r"([0-9.]+) 亩", page)
    assert shown and all(re.fullmatch(r"[0-9]+\.[0-9]{2}", s) for s in shown)


def test_rule_badges_are_neutral_not_red(web):
    css = text(web.get("/web-static/css/app.css"))
    rule = css[css.index(".rule-id {") :].split("}")[0]
    assert "var(--bad)" not in rule
