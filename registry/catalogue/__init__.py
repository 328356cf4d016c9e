"""The rule catalogue as JSON and a readable page (/api/v1/rules)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .routes import blp

    register_api_blueprints(app, blp)
