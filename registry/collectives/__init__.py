"""Rural collective economic organisations (农村集体经济组织)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .routes import blp

    register_api_blueprints(app, blp)
