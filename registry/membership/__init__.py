"""Collective membership (成员身份): applications, resolutions, endings, the roster and its filing."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .routes import blp

    register_api_blueprints(app, blp)
