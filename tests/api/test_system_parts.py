"""A missing system part answers 503 problem+json naming it (in Chinese), never a 500; nothing is saved."""

from __future__ import annotations

import pytest

from registry import create_app
from registry.certificates import drawing
from registry.config import TestConfig
from tests import factories_certificates as fc
from tests.factories import committed


@pytest.fixture
def no_font(monkeypatch, tmp_path):
    missing = str(tmp_path / "wqy-zenhei.ttc")
    monkeypatch.setattr(drawing, "FONT_PATH", missing)
    drawing.cjk_font.cache_clear()
    yield missing
    monkeypatch.undo()
    drawing.cjk_font.cache_clear()


def test_a_certificate_pdf_without_the_font_is_503_naming_the_font_rg_02(app, api, no_font):
    right = committed(app, fc.contract)
    assert api.post("/api/v1/certificates", {"kind": right.kind, "right_ref": right.ref}).status_code == 201
    r = api.get(f"/api/v1/certificates/{right.ref}.pdf")
    assert r.status_code == 503 and r.mimetype == "application/problem+json"
    body = r.get_json()
    assert body["title"] == "服务暂不可用"
    assert (
        no_font in body["detail"]
        and "fonts-wqy-zenhei" in body["detail"]
        and "缺少中文字体" in body["detail"]
    )


def test_with_the_font_the_same_pdf_is_served_rg_02(app, api):
    right = committed(app, fc.contract)
    assert api.post("/api/v1/certificates", {"kind": right.kind, "right_ref": right.ref}).status_code == 201
    r = api.get(f"/api/v1/certificates/{right.ref}.pdf")
    assert r.status_code == 200 and r.data[:5] == b"%PDF-"


def test_an_unreachable_database_is_503_problem_json_in_chinese(tmp_path):
    """No server behind the socket: a clean 503 with Retry-After."""
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://nobody@/registry?host={tmp_path}",
        }
    )
    client = app.test_client()
    r = client.get("/api/v1/parcels", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 503 and r.mimetype == "application/problem+json", r.data
    assert r.get_json()["detail"] == "数据库暂时无法连接，本次操作未保存，请稍后重试。"
    assert r.headers["Retry-After"] == "5"
