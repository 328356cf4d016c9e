"""Certificates (证书): numbered PDF certificates of registered rights, QR verification, 补发/换发/注销
(RG-02)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .cli import certificates_cli
    from .routes import blp
    from .verify import bp as verify_bp

    register_api_blueprints(app, blp)
    app.register_blueprint(verify_bp)
    app.cli.add_command(certificates_cli)
