"""Natural persons and households (自然人、农户)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .routes import households, persons

    register_api_blueprints(app, persons, households)
