"""Security headers on every response, a CSP without inline scripts on HTML pages, no inline script or handler
left in the templates, and public links (the certificate QR code) from PUBLIC_BASE_URL, never the Host
header."""

from __future__ import annotations

import re
from pathlib import Path

from registry.certificates import reading
from tests import factories_certificates as fc
from tests.factories import committed
from tests.web.conftest import WebClient, text

TEMPLATES = Path(__file__).resolve().parents[2] / "registry" / "web" / "templates"


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def _common(response) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert _csp(response)["frame-ancestors"] == "'none'"


def test_headers_on_api_answers_errors_and_pages(app, api):
    for r in (
        api.get("/api/v1/rules"),
        api.get("/api/v1/nowhere"),
        app.test_client().get("/login"),
        app.test_client().get("/web-static/js/print.js"),
        app.test_client().get("/api/v1/docs"),
    ):
        _common(r)


def test_html_pages_allow_no_inline_script(app, world):
    web = WebClient(app.test_client())
    web.login("clerk")
    for url in ("/login", "/clerk/", "/clerk/parcels", "/api/v1/docs"):
        r = web.get(url, follow_redirects=True)
        assert r.mimetype == "text/html", url
        csp = _csp(r)
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
        assert "blob:" in csp["worker-src"] and {"data:", "blob:"} <= set(csp["img-src"].split())
        for script in re.findall(r"<script\b([^>]*)>", text(r)):
            nonce = re.search(r'nonce="([^"]+)"', script)
            assert (
                "src=" in script
                or 'type="application/json"' in script
                or (nonce and f"'nonce-{nonce.group(1)}'" in csp["script-src"])
            ), (url, script)


def test_templates_have_no_inline_handlers_or_scripts():
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text()
        assert not re.search(r"\son[a-z]+\s*=", source), path
        for attrs in re.findall(r"<script\b([^>]*)>", source):
            assert "src=" in attrs or 'type="application/json"' in attrs, (path, attrs)


def test_a_forged_host_changes_no_qr_code(app, api, monkeypatch):
    right = committed(app, fc.contract)
    assert api.post("/api/v1/certificates", {"kind": right.kind, "right_ref": right.ref}).status_code == 201
    printed = []
    real = reading.render_pdf
    monkeypatch.setattr(reading, "render_pdf", lambda cert: printed.append(cert.verify_url) or real(cert))
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://registry.example.gov.cn")
    for host in ("evil.example:8443", "localhost"):
        r = api.client.get(
            f"/api/v1/certificates/{right.ref}.pdf", headers={"Host": host, **api._headers("clerk")}
        )
        assert r.status_code == 200
    web = WebClient(app.test_client())
    web.login("clerk")
    cookie = f"session={web.client.get_cookie('session').value}"
    bare = app.test_client(use_cookies=False)  # the session cookie sent as is, to the forged host
    r = bare.get(f"/clerk/certificates/{right.ref}.pdf", headers={"Host": "evil.example", "Cookie": cookie})
    assert r.status_code == 200
    assert len(printed) == 3
    for url in printed:
        assert (
            url.startswith(f"https://registry.example.gov.cn/verify/{right.ref}?code=") and "evil" not in url
        )
