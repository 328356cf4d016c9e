"""Links that leave the registry (the certificate's QR code, printed verification links) are built from the
configured PUBLIC_BASE_URL, never from the request's Host header."""

from __future__ import annotations

from flask import current_app, url_for


def public_url(endpoint: str, **values) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for(endpoint, _external=False, **values)


def verify_url(cert) -> str:
    """The public verification page of a certificate (RG-02), as printed in its QR code."""
    return public_url("certificates_web.verify", number=cert.number, code=cert.verification_code)
