"""Users, sign-in and tokens, and the actor every service is given (roles and scope, SEC-01)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .routes import blp

    register_api_blueprints(app, blp)
