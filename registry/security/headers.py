"""Response headers on every response (flask-talisman), cookie flags, and the proxy in front (ProxyFix).

The CSP allows scripts only from the registry itself (plus a per-request nonce for the API docs page): no
'unsafe-inline' for scripts. Map libraries get `worker-src blob:` and `img-src data: blob:`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "worker-src": "'self' blob:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

talisman = Talisman()


def _csp(app) -> dict:
    """The CSP, letting images come from the configured online base layer's origin (BASEMAP_URL) as well."""
    parts = urlsplit(app.config.get("BASEMAP_URL") or "")
    return {**CSP, "img-src": f"{CSP['img-src']} {parts.scheme}://{parts.netloc}"} if parts.netloc else CSP


def install_headers(app) -> None:
    https = app.config.get("PREFERRED_URL_SCHEME") == "https"
    talisman.init_app(
        app,
        force_https=False,
        frame_options="DENY",
        content_security_policy=_csp(app),
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="strict-origin-when-cross-origin",
        session_cookie_secure=https,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        strict_transport_security=https,
        x_content_type_options=True,
    )
    app.config["SESSION_COOKIE_SECURE"] = https  # talisman would set it only at the first request
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:  # the client address (SEC-05 throttle) and the scheme come from that many trusted proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
