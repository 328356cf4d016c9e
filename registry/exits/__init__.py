"""The one exit path for every right (自愿有偿退出, UR-02, UR-04): contracts, homesteads and shares plug
in."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from ..reviews.services import register_review_kind
    from .routes import exits
    from .services import decide_exit_item

    register_review_kind("exit", decide_exit_item)
    register_api_blueprints(app, exits)
