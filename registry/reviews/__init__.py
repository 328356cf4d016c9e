"""The county reviewers' queue: one item per thing that waits for a county decision (exits now, more kinds
later)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .routes import blp

    register_api_blueprints(app, blp)
