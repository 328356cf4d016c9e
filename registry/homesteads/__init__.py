"""Homesteads (宅基地): applications and publicity, objections, rights and their register, caps, changes."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from ..certificates.rights import register_source
    from ..exits.handlers import register_exit_handler
    from ..parcels.services import register_retire_guard
    from ..reviews.services import register_review_kind
    from .applications import REVIEW_KIND, decide_application_item
    from .certificate_source import HomesteadCertificates
    from .rights import HomesteadExit
    from .rights_routes import caps_blp, rights_blp
    from .routes import apps_blp, households_blp, objections_blp
    from .services import plot_in_use

    register_exit_handler("homestead", HomesteadExit())
    register_source("homestead", HomesteadCertificates())
    register_retire_guard(plot_in_use)
    register_review_kind(REVIEW_KIND, decide_application_item)
    register_api_blueprints(app, caps_blp, rights_blp, apps_blp, objections_blp, households_blp)
